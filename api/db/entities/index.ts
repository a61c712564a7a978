import { AuditLogEntity, RateLimitEntity, RefreshTokenEntity, UserEntity } from './account.entities';
import { BOT_ENTITIES } from './bot.entities';
import { BookingEntity, BookingSegmentEntity, PassengerEntity } from './booking.entities';
import { BookingWatchEntity, ConversationRefEntity } from './conversation.entities';
import { HANDOFF_ENTITIES } from './handoff.entities';
import {
  CancellationQuoteEntity,
  DomainEventEntity,
  MailOutboxEntity,
  PaymentEntity,
  PaymentEventEntity,
  RefundEntity,
  TicketSequenceEntity,
} from './payment.entities';
import {
  AircraftTypeEntity,
  AirlineEntity,
  AirportEntity,
  FlightEntity,
  MetroEntity,
  SeatEntity,
} from './inventory.entities';
import { SUPPORT_ENTITIES } from './support.entities';
import { SMS_ENTITIES } from './sms.entities';
import { SLACK_ENTITIES } from './slack.entities';

/** Every entity the data source knows. Add new ones here (and a migration for their tables). */
export const ENTITIES = [
  MetroEntity,
  AirportEntity,
  AirlineEntity,
  AircraftTypeEntity,
  FlightEntity,
  SeatEntity,
  BookingEntity,
  BookingSegmentEntity,
  PassengerEntity,
  UserEntity,
  RefreshTokenEntity,
  AuditLogEntity,
  RateLimitEntity,
  PaymentEntity,
  PaymentEventEntity,
  RefundEntity,
  CancellationQuoteEntity,
  TicketSequenceEntity,
  MailOutboxEntity,
  DomainEventEntity,
  ...BOT_ENTITIES,
  ...SUPPORT_ENTITIES,
  ...SMS_ENTITIES,
  ConversationRefEntity,
  BookingWatchEntity,
  ...HANDOFF_ENTITIES,
  ...SLACK_ENTITIES,
];

export * from './account.entities';
export * from './booking.entities';
export * from './conversation.entities';
export * from './handoff.entities';
export * from './bot.entities';
export * from './payment.entities';
export * from './inventory.entities';
export * from './support.entities';
export * from './sms.entities';
export * from './slack.entities';
