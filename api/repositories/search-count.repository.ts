import type { Db } from '../db/db';

/** Flight searches per UTC day and channel: one counter row each, added to in batches (SearchCounter). */
export class SearchCountRepository {
  constructor(private readonly db: Db) {}

  /** Adds `n` searches to a day's counter (created at the first), in one statement on either database. */
  async add(day: string, channel: string, n: number): Promise<void> {
    const sql =
      this.db.kind === 'mysql'
        ? 'INSERT INTO search_counts (day, channel, searches) VALUES (?, ?, ?) ' +
          'ON DUPLICATE KEY UPDATE searches = searches + VALUES(searches)'
        : 'INSERT INTO search_counts (day, channel, searches) VALUES (?, ?, ?) ' +
          'ON CONFLICT (day, channel) DO UPDATE SET searches = searches + excluded.searches';
    // Every instance adds to the same row: on a multi-primary cluster one node's write can lose to another's.
    await this.db.runRetrying((em) => em.query(sql, [day, channel.slice(0, 32), n]));
  }
}
