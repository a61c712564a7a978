import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';
import { bool, id, int, stamp, str, text } from './columns';

/**
 * The console's remaining pieces (issue 14):
 * - Help articles are edited as drafts and published: `faq_articles` stays what travellers read (the chat, /help),
 *   `faq_drafts` holds an admin's unpublished text, `faq_versions` every version ever published.
 * - `help_asks`: each question the chat looked up, with the article it answered with (none: unanswered) and the
 *   question's normalised words (digits and addresses dropped), for "asked most" and "left unanswered".
 * - The funnel's first two stages: `conversation_refs.created_at` (a conversation's start) and `search_counts`
 *   (flight searches per UTC day and channel, one counter row each, so a report reads a year in a few rows).
 * - Invited staff change their one-time password at first sign-in (`users.must_change_password`).
 * - The console's year-long reports read indexes only: the bookings, payments and refunds window indexes (same
 *   names) now also carry the columns the reports group and sum, and flights get one on the departure window with
 *   the route (the schedule's own indexes start with the origin). Measured in the README (seed:volume).
 */
/** Report window indexes widened to cover the reports' columns (table, index, columns; the window first). */
const WIDER: [string, string, string[]][] = [
  ['bookings', 'idx_bookings_created', ['created_at', 'channel', 'currency', 'total_amount', 'status', 'confirmed_at']],
  ['payments', 'idx_payments_status_paid', ['status', 'paid_at', 'currency', 'amount', 'booking_id']],
  ['refunds', 'idx_refunds_status_updated', ['status', 'updated_at', 'currency', 'amount', 'booking_id']],
];
/** How many leading columns each index had before. */
const NARROW: Record<string, number> = {
  idx_bookings_created: 1,
  idx_payments_status_paid: 2,
  idx_refunds_status_updated: 2,
};
const FLIGHT_COLS = ['departure_at', 'status', 'origin', 'destination', 'aircraft_code'];

export class ConsoleHelpFunnel1764018300000 implements MigrationInterface {
  name = 'ConsoleHelpFunnel1764018300000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('faq_articles', new TableColumn(int('version', false, 1)));
    const article = [str('topic', 32), str('question', 200), text('answer'), text('keywords'), int('position')];
    await q.createTable(
      new Table({
        name: 'faq_drafts',
        columns: [id(), str('slug', 64), ...article, int('updated_by', true), stamp(q, 'updated_at')],
        uniques: [{ name: 'uq_faq_drafts_slug', columnNames: ['slug'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'faq_versions',
        columns: [
          id(),
          str('slug', 64),
          int('version'),
          ...article,
          int('published_by', true),
          stamp(q, 'published_at'),
        ],
        uniques: [{ name: 'uq_faq_versions_slug_version', columnNames: ['slug', 'version'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'help_asks',
        columns: [id(), str('channel', 32), str('slug', 64, true), str('words', 200), stamp(q, 'asked_at')],
        indices: [new TableIndex({ name: 'idx_help_asks_asked', columnNames: ['asked_at'] })],
      }),
    );
    await q.addColumn('conversation_refs', new TableColumn(stamp(q, 'created_at')));
    await q.createIndex(
      'conversation_refs',
      new TableIndex({ name: 'idx_conversation_refs_created', columnNames: ['created_at', 'channel_id'] }),
    );
    for (const [table, index, columns] of WIDER) {
      await q.dropIndex(table, index);
      await q.createIndex(table, new TableIndex({ name: index, columnNames: columns }));
    }
    await q.createIndex('flights', new TableIndex({ name: 'idx_flights_departure_route', columnNames: FLIGHT_COLS }));
    await q.createTable(
      new Table({
        name: 'search_counts',
        columns: [
          { ...str('day', 10), isPrimary: true },
          { ...str('channel', 32), isPrimary: true },
          int('searches', false, 0),
        ],
      }),
    );
    await q.addColumn('users', new TableColumn(bool('must_change_password', false)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('flights', 'idx_flights_departure_route');
    for (const [table, index, columns] of WIDER) {
      await q.dropIndex(table, index);
      await q.createIndex(table, new TableIndex({ name: index, columnNames: columns.slice(0, NARROW[index]) }));
    }
    await q.dropColumn('users', 'must_change_password');
    await q.dropTable('search_counts');
    await q.dropIndex('conversation_refs', 'idx_conversation_refs_created');
    await q.dropColumn('conversation_refs', 'created_at');
    for (const t of ['help_asks', 'faq_versions', 'faq_drafts']) await q.dropTable(t);
    await q.dropColumn('faq_articles', 'version');
  }
}
