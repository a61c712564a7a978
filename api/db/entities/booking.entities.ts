import { EntitySchema } from 'typeorm';
import type { BookingRow, BookingSegmentRow, PassengerRow } from '../../domain/records';

/**
 * Booking tables: bookings, their flight segments and their passengers.
 * Their records are defined in api/domain/records.
 */

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const BookingEntity = new EntitySchema<BookingRow>({
  name: 'Booking',
  tableName: 'bookings',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    pnr: { type: 'varchar', length: 6 },
    userId: { name: 'user_id', type: 'int', nullable: true },
    status: { type: 'varchar', length: 16 },
    holdExpiresAt: when('hold_expires_at', true),
    currency: { type: 'varchar', length: 3 },
    totalAmount: { name: 'total_amount', type: 'int' },
    breakdown: { type: 'simple-json' },
    contactEmail: { name: 'contact_email', type: 'varchar', length: 254 },
    contactPhone: { name: 'contact_phone', type: 'varchar', length: 32, nullable: true },
    channel: { type: 'varchar', length: 32, nullable: true },
    version: { type: 'int', default: 1 },
    createdAt: { ...when('created_at'), createDate: true },
    updatedAt: { ...when('updated_at'), updateDate: true },
    confirmedAt: when('confirmed_at', true),
    cancelledAt: when('cancelled_at', true),
  },
});

export const BookingSegmentEntity = new EntitySchema<BookingSegmentRow>({
  name: 'BookingSegment',
  tableName: 'booking_segments',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    position: { type: 'int' },
    flightId: { name: 'flight_id', type: 'int' },
    cabin: { type: 'varchar', length: 16 },
    fareFamily: { name: 'fare_family', type: 'varchar', length: 16 },
    direction: { type: 'varchar', length: 8 },
    leg: { type: 'int', default: 0 },
  },
});

export const PassengerEntity = new EntitySchema<PassengerRow>({
  name: 'Passenger',
  tableName: 'passengers',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    position: { type: 'int' },
    firstName: { name: 'first_name', type: 'varchar', length: 60 },
    lastName: { name: 'last_name', type: 'varchar', length: 60 },
    dateOfBirth: { name: 'date_of_birth', type: 'varchar', length: 10 },
    type: { type: 'varchar', length: 3 },
    holdsInfant: { name: 'holds_infant', type: 'boolean', default: false },
    specialAssistance: { name: 'special_assistance', type: 'boolean', default: false },
    ticketNumber: { name: 'ticket_number', type: 'varchar', length: 13, nullable: true },
  },
});
