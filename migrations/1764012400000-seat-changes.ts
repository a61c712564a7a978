import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { id, int, stamp, str, text, time } from './columns';

/**
 * Seat changes on paid bookings that wait for the difference to be paid (or were settled): the seats asked for, the
 * amount due, until when the new seats are held, and what became of the request. A payment made for one names it
 * (`payments.seat_change_id`), so paying the difference can never be mistaken for paying the booking.
 */
export class SeatChanges1764012400000 implements MigrationInterface {
  name = 'SeatChanges1764012400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'seat_changes',
        columns: [
          id(),
          int('booking_id'),
          str('status', 16),
          text('moves'),
          int('amount'),
          str('currency', 3),
          time('expires_at'),
          time('settled_at', true),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_seat_changes_booking', columnNames: ['booking_id'] }),
          new TableIndex({ name: 'idx_seat_changes_status_expiry', columnNames: ['status', 'expires_at'] }),
        ],
      }),
    );
    await q.addColumn('payments', new TableColumn(int('seat_change_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('payments', 'seat_change_id');
    await q.dropTable('seat_changes');
  }
}
