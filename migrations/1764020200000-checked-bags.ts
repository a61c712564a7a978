import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { bool, id, int, stamp, str, text, time } from './columns';

/**
 * Checked bags added to paid bookings. An order lists the bags asked for per passenger and flight with their
 * prices, waits for its payment link to be paid (`pending`), and only then counts (`applied`); an order whose link
 * ended, was replaced or whose booking was cancelled adds nothing. A payment made for one names it
 * (`payments.bag_order_id`), so paying for bags can never be mistaken for paying the booking.
 */
export class CheckedBags1764020200000 implements MigrationInterface {
  name = 'CheckedBags1764020200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'bag_orders',
        columns: [
          id(),
          int('booking_id'),
          str('status', 16),
          text('items'),
          int('amount'),
          str('currency', 3),
          bool('masked', false),
          time('expires_at'),
          time('settled_at', true),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_bag_orders_booking', columnNames: ['booking_id', 'status'] }),
          new TableIndex({ name: 'idx_bag_orders_status_expiry', columnNames: ['status', 'expires_at'] }),
        ],
      }),
    );
    await q.addColumn('payments', new TableColumn(int('bag_order_id', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('payments', 'bag_order_id');
    await q.dropTable('bag_orders');
  }
}
