import type { Db } from '../../api/db/db';
import { isUniqueViolation } from '../../api/db/db';
import { BotStateEntity, type BotStateRow } from './bot-state.entities';
import { affectedRows, placeholders, timeParam } from '../../api/repositories/sql';

export type StoredState = Pick<BotStateRow, 'key' | 'data' | 'etag'>;

/**
 * Rows of `bot_state`. Every write is a single statement, so each one is atomic on its own. Plain SQL on the per-turn
 * paths.
 */
export class BotStateRepository {
  constructor(readonly db: Db) {}

  async findMany(keys: string[]): Promise<StoredState[]> {
    if (keys.length === 0) return [];
    const out: StoredState[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = (await this.db.run((em) =>
        em.query(
          `SELECT state_key AS k, data, etag FROM bot_state WHERE state_key IN (${placeholders(chunk.length)})`,
          chunk,
        ),
      )) as {
        k: string;
        data: string;
        etag: string;
      }[];
      out.push(...rows.map((r) => ({ key: r.k, data: r.data, etag: r.etag })));
    }
    return out;
  }

  /** Replaces the row only when its eTag is still `expected`; false when it is not (or there is no row). */
  updateIfMatch(key: string, expected: string, data: string, etag: string): Promise<boolean> {
    return this.changed('UPDATE bot_state SET data = ?, etag = ?, updated_at = ? WHERE state_key = ? AND etag = ?', [
      data,
      etag,
      this.now(),
      key,
      expected,
    ]);
  }

  /** Replaces the row whatever its eTag; false when there is no row. */
  update(key: string, data: string, etag: string): Promise<boolean> {
    return this.changed('UPDATE bot_state SET data = ?, etag = ?, updated_at = ? WHERE state_key = ?', [
      data,
      etag,
      this.now(),
      key,
    ]);
  }

  /** Inserts a new row; false when the key exists already (a concurrent writer got there first). */
  async insert(key: string, data: string, etag: string): Promise<boolean> {
    try {
      await this.db.runRetrying((em) =>
        em.query('INSERT INTO bot_state (state_key, data, etag, updated_at) VALUES (?, ?, ?, ?)', [
          key,
          data,
          etag,
          this.now(),
        ]),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /**
   * Runs an UPDATE and says whether it changed a row. Plain SQL (see api/repositories/sql): every bot
   * turn writes its state, and TypeORM's builder costs more CPU than the statement. SQLite reports the
   * rows changed only through RETURNING. A write that lost a conflict on a cluster runs again (it had no effect).
   */
  private async changed(sql: string, params: unknown[]): Promise<boolean> {
    const result: unknown = await this.db.runRetrying((em) =>
      em.query(this.db.kind === 'sqlite' ? `${sql} RETURNING state_key` : sql, params),
    );
    return affectedRows(result) > 0;
  }

  private now(): Date | string {
    return timeParam(this.db.kind, new Date());
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      await this.db.run((em) =>
        em.createQueryBuilder().delete().from(BotStateEntity).where('state_key IN (:...chunk)', { chunk }).execute(),
      );
    }
  }
}
