import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str, text, time } from './columns';

/**
 * Flight disruptions (a delay or a cancellation an admin recorded) and, per booking on the flight, what it was told
 * and offered and what it chose. The unique (disruption, booking) row is how exactly one instance tells a booking:
 * it is inserted in the transaction that holds the offered seats, enqueues the mail and publishes the event.
 * `done_at` marks a disruption whose bookings have all been told (the worker stops looking at it).
 */
export class Disruptions1764020400000 implements MigrationInterface {
  name = 'Disruptions1764020400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'disruptions',
        columns: [
          id(),
          int('flight_id'),
          str('kind', 16),
          str('reason', 255),
          time('old_departure_at'),
          time('old_arrival_at'),
          time('new_departure_at', true),
          int('delay_minutes', true),
          int('with_offers', false, 0),
          int('affected', false, 0),
          int('created_by', true),
          time('done_at', true),
          stamp(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_disruptions_flight', columnNames: ['flight_id'] }),
          new TableIndex({ name: 'idx_disruptions_done', columnNames: ['done_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'disruption_bookings',
        columns: [
          id(),
          int('disruption_id'),
          int('booking_id'),
          str('pnr', 12),
          str('status', 16),
          text('offers'),
          time('expires_at', true),
          str('choice', 16, true),
          time('chosen_at', true),
          text('outcome', true),
          time('notified_at'),
        ],
        uniques: [{ name: 'uq_disruption_bookings_once', columnNames: ['disruption_id', 'booking_id'] }],
        indices: [new TableIndex({ name: 'idx_disruption_bookings_booking', columnNames: ['booking_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('disruption_bookings');
    await q.dropTable('disruptions');
  }
}
