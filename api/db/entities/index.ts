import { AccountLinkEntity, AuditLogEntity, RateLimitEntity, RefreshTokenEntity, UserEntity } from './account.entities';
import { BookingEntity, BookingSegmentEntity, PassengerEntity } from './booking.entities';
import { EventDeliveryEntity } from './event-delivery.entities';
import { HANDOFF_ENTITIES } from './handoff.entities';
import {
  CancellationQuoteEntity,
  DomainEventEntity,
  MailOutboxEntity,
  PaymentEntity,
  PaymentEventEntity,
  RefundEntity,
  SeatChangeEntity,
  TicketSequenceEntity,
  VoidedTicketEntity,
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

/**
 * The API's entities. Add new ones here (and a migration for their tables). The bot's channel tables are
 * defined under bot/ and handed to `openDatabase` by the composition root.
 */
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
  AccountLinkEntity,
  AuditLogEntity,
  RateLimitEntity,
  PaymentEntity,
  PaymentEventEntity,
  RefundEntity,
  CancellationQuoteEntity,
  SeatChangeEntity,
  VoidedTicketEntity,
  TicketSequenceEntity,
  MailOutboxEntity,
  DomainEventEntity,
  EventDeliveryEntity,
  ...SUPPORT_ENTITIES,
  ...HANDOFF_ENTITIES,
];

export * from './account.entities';
export * from './booking.entities';
export * from './event-delivery.entities';
export * from './handoff.entities';
export * from './payment.entities';
export * from './inventory.entities';
export * from './support.entities';
