import type { DbKind } from '../db/db';
import type { BookingSegmentRow, PassengerRow } from '../domain/records';
import type { NewBooking } from './booking.repository';
import type { SeatClaim } from './seat.repository';
import { SqlExpression, type TableWrite, timeParam } from './sql';

/**
 * The rows a seat hold writes (bookings, booking_segments, passengers, and the seats it claims), described
 * once for both paths that write them: one hold in its own transaction (BookingRepository, SeatRepository)
 * and grouped holds on MySQL (HoldBatchRepository). The grouped path refers to rows it has just inserted
 * through session SQL (the booking's id in a variable, the passenger's from LAST_INSERT_ID()), so ids may
 * be given as an SqlExpression; everything else is bound the same way on both paths.
 */

/** A row's reference to a booking or passenger: its id, or SQL that yields it inside the same session. */
export type RowRef = number | SqlExpression;

/** A new booking as inserted at `at` (the service's clock): version 1, created and updated then. */
export interface BookingInsert {
  booking: NewBooking;
  at: Date;
}

export type SegmentInsert = Omit<BookingSegmentRow, 'id' | 'bookingId'> & { bookingId: RowRef };
export type PassengerInsert = Omit<PassengerRow, 'id' | 'bookingId'> & { bookingId: RowRef };
export type SeatClaimUpdate = Omit<SeatClaim, 'bookingId' | 'passengerId'> & { bookingId: RowRef; passengerId: RowRef };

const constant = (sql: string) => {
  const expression = new SqlExpression(sql);
  return () => expression;
};
const instant = (value: Date | null, kind: DbKind) => (value === null ? null : timeParam(kind, value));

export const BOOKING_INSERT: TableWrite<BookingInsert> = {
  table: 'bookings',
  columns: [
    ['pnr', ({ booking }) => booking.pnr],
    ['user_id', ({ booking }) => booking.userId],
    ['status', ({ booking }) => booking.status],
    ['hold_expires_at', ({ booking }, kind) => instant(booking.holdExpiresAt, kind)],
    ['currency', ({ booking }) => booking.currency],
    ['total_amount', ({ booking }) => booking.totalAmount],
    ['breakdown', ({ booking }) => JSON.stringify(booking.breakdown)],
    ['contact_email', ({ booking }) => booking.contactEmail],
    ['contact_phone', ({ booking }) => booking.contactPhone],
    ['channel', ({ booking }) => booking.channel],
    ['version', constant('1')],
    ['created_at', ({ at }, kind) => timeParam(kind, at)],
    ['updated_at', ({ at }, kind) => timeParam(kind, at)],
  ],
};

export const SEGMENT_INSERT: TableWrite<SegmentInsert> = {
  table: 'booking_segments',
  columns: [
    ['booking_id', (s) => s.bookingId],
    ['position', (s) => s.position],
    ['flight_id', (s) => s.flightId],
    ['cabin', (s) => s.cabin],
    ['fare_family', (s) => s.fareFamily],
    ['direction', (s) => s.direction],
    ['leg', (s) => s.leg],
  ],
};

export const PASSENGER_INSERT: TableWrite<PassengerInsert> = {
  table: 'passengers',
  columns: [
    ['booking_id', (p) => p.bookingId],
    ['position', (p) => p.position],
    ['first_name', (p) => p.firstName],
    ['last_name', (p) => p.lastName],
    ['date_of_birth', (p) => p.dateOfBirth],
    ['type', (p) => p.type],
    ['holds_infant', (p) => (p.holdsInfant ? 1 : 0)],
    ['special_assistance', (p) => (p.specialAssistance ? 1 : 0)],
    ['ticket_number', (p) => p.ticketNumber],
  ],
};

/** What claiming a seat sets (the WHERE is the path's own). `updated_at` is stamped as TypeORM stamps it. */
export const SEAT_CLAIM: TableWrite<SeatClaimUpdate> = {
  table: 'seats',
  columns: [
    ['state', (c) => c.state],
    ['booking_id', (c) => c.bookingId],
    ['passenger_id', (c) => c.passengerId],
    ['hold_expires_at', (c, kind) => instant(c.holdExpiresAt, kind)],
    ['updated_at', constant('CURRENT_TIMESTAMP')],
  ],
};
