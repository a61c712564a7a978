import { AuditLogEntity, RateLimitEntity, RefreshTokenEntity, UserEntity } from './account.entities';
import { BookingEntity, BookingSegmentEntity, PassengerEntity } from './booking.entities';
import {
  AircraftTypeEntity,
  AirlineEntity,
  AirportEntity,
  FlightEntity,
  MetroEntity,
  SeatEntity,
} from './inventory.entities';

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
];

export * from './account.entities';
export * from './booking.entities';
export * from './inventory.entities';
