import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { id, int, str, text, time } from './columns';

/**
 * Changing the dates or flights of a paid booking (issue 15). A flight change waiting for its difference is a
 * seat change of kind "flights": the same row holds the new seats and the amount its payment link takes (so expiry,
 * replacement and the payment's transaction work as for seats), and `flight_change` keeps the rest of the plan (the
 * new segments and price). Tickets replaced by a change are kept in `voided_tickets`, one row per old number.
 */
export class FlightChanges1764020100000 implements MigrationInterface {
  name = 'FlightChanges1764020100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('seat_changes', new TableColumn(str('kind', 16, false, 'seats')));
    await q.addColumn('seat_changes', new TableColumn(text('flight_change', true)));
    await q.createTable(
      new Table({
        name: 'voided_tickets',
        columns: [
          id(),
          int('booking_id'),
          int('passenger_id'),
          str('ticket_number', 13),
          str('replaced_by', 13),
          str('reason', 32),
          time('voided_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_voided_tickets_number', columnNames: ['ticket_number'], isUnique: true }),
          new TableIndex({ name: 'idx_voided_tickets_booking', columnNames: ['booking_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('voided_tickets');
    await q.dropColumn('seat_changes', 'flight_change');
    await q.dropColumn('seat_changes', 'kind');
  }
}
