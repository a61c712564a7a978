import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableIndex } from 'typeorm';
import { int, str, time } from './columns';

/**
 * Per-day summaries behind the console's reports (issue 14: a year in under 300 ms), kept by the report roll-up
 * (api/services/report-rollup.service.ts), which recomputes whole days from the raw rows changed since its marks:
 * - `report_booking_days`: bookings per UTC day of creation and channel ('' for none), with how many of them were
 *   paid and cancelled (the funnel's held → paid → cancelled);
 * - `report_revenue_days`: per UTC day, currency and booking channel ('*': all of them, so a year without a channel
 *   reads exactly the rows it shows), the bookings created, money received (by day paid) and refunded (by day the
 *   refund succeeded);
 * - `report_conversation_days`: conversations started per UTC day and channel;
 * - `report_booking_months` and `report_route_months`: the same per UTC month, for the funnel and the load factor
 *   (which do not list days): a year is twelve months and the odd days at its ends;
 * - `report_route_days`: scheduled flights and their booked seats per UTC day of departure, route and aircraft;
 *   `report_flight_days` remembers the day each flight was counted under, so a retimed flight leaves its old day;
 * - `report_rollup_marks`: the stamp from which the roll-up's next scan reads changes.
 * The change feeds read `updated_at` of bookings, payments, refunds, seats and flights (hence their new indexes)
 * and `created_at` of conversations. Existing data is summarised by the roll-up's first pass, which finds no mark
 * and recomputes every day that has rows (`npm run reports:rollup` in the release step, or the first report or
 * worker pass): one statement per day and summary, so none runs long on a large database.
 */
/** A column of the table's primary key. */
const key = (c: TableColumnOptions): TableColumnOptions => ({ ...c, isPrimary: true });
const ROUTE = [str('origin', 3), str('destination', 3), str('aircraft_code', 4)];
const counts = (...names: string[]) => names.map((n) => int(n, false, 0));
const money = (name: string): TableColumnOptions => ({ name, type: 'bigint', isNullable: false, default: 0 });

/** Built per run: TypeORM keeps state on Table objects. */
const tables = (): Table[] => [
  new Table({
    name: 'report_booking_days',
    columns: [key(str('day', 10)), key(str('channel', 32)), ...counts('bookings', 'confirmed', 'cancelled')],
  }),
  new Table({
    name: 'report_revenue_days',
    columns: [
      ...[str('channel', 32), str('day', 10), str('currency', 3)].map(key),
      ...counts('bookings'),
      money('paid'),
      money('refunded'),
    ],
    // The key serves reports (a channel's days); a day's recomputation finds its rows by this.
    indices: [new TableIndex({ name: 'idx_report_revenue_day', columnNames: ['day'] })],
  }),
  new Table({
    name: 'report_conversation_days',
    columns: [key(str('day', 10)), key(str('channel', 32)), ...counts('conversations')],
  }),
  new Table({
    name: 'report_booking_months',
    columns: [key(str('month', 7)), key(str('channel', 32)), ...counts('bookings', 'confirmed', 'cancelled')],
  }),
  new Table({
    name: 'report_route_days',
    columns: [...[str('day', 10), ...ROUTE].map(key), ...counts('flights', 'booked')],
  }),
  new Table({
    name: 'report_route_months',
    columns: [...[str('month', 7), ...ROUTE].map(key), ...counts('flights', 'booked')],
  }),
  new Table({ name: 'report_flight_days', columns: [key(int('flight_id')), str('day', 10)] }),
  new Table({ name: 'report_rollup_marks', columns: [key(str('source', 16)), time('scanned_from', true)] }),
];
/** The change feeds read rows by their stamp: an index on it for each table that lacked one. */
const FEEDS: [string, string][] = [
  ['bookings', 'idx_bookings_updated'],
  ['payments', 'idx_payments_updated'],
  ['refunds', 'idx_refunds_updated'],
  ['seats', 'idx_seats_updated'],
  ['flights', 'idx_flights_updated'],
];
export class ReportRollups1764020600000 implements MigrationInterface {
  name = 'ReportRollups1764020600000';

  async up(q: QueryRunner): Promise<void> {
    for (const t of tables()) await q.createTable(t);
    for (const [table, index] of FEEDS)
      await q.createIndex(table, new TableIndex({ name: index, columnNames: ['updated_at'] }));
    // No mark yet: the roll-up's first pass reads every row ever written, one day at a time (the backfill).
    await q.query("INSERT INTO report_rollup_marks (source, scanned_from) VALUES ('reports', NULL)");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of FEEDS) await q.dropIndex(table, index);
    for (const t of tables().reverse()) await q.dropTable(t.name);
  }
}
