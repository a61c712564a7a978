import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str, time } from './columns';

/**
 * Online check-in: one row per passenger and flight checked in (with the check-in sequence printed on
 * the boarding pass and the travel document as kept: last 4 characters of its number, nationality,
 * expiry), and the reminders sent, one row each: the unique key is how exactly one instance sends it.
 */
export class CheckIn1764018100000 implements MigrationInterface {
  name = 'CheckIn1764018100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'check_ins',
        columns: [
          id(),
          int('booking_id'),
          int('passenger_id'),
          int('flight_id'),
          int('sequence'),
          str('document_last4', 4),
          str('nationality', 3),
          str('document_expiry', 10),
          time('checked_in_at'),
        ],
        uniques: [
          { name: 'uq_check_ins_passenger_flight', columnNames: ['passenger_id', 'flight_id'] },
          { name: 'uq_check_ins_flight_sequence', columnNames: ['flight_id', 'sequence'] },
        ],
        indices: [new TableIndex({ name: 'idx_check_ins_booking', columnNames: ['booking_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'reminders',
        columns: [id(), str('kind', 16), int('booking_id'), int('flight_id'), stamp(q, 'created_at')],
        uniques: [{ name: 'uq_reminders_once', columnNames: ['kind', 'booking_id', 'flight_id'] }],
      }),
    );
    // The reminder worker looks for flights whose check-in has just opened, by departure instant.
    await q.createIndex('flights', new TableIndex({ name: 'idx_flights_departure_at', columnNames: ['departure_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('flights', 'idx_flights_departure_at');
    await q.dropTable('reminders');
    await q.dropTable('check_ins');
  }
}
