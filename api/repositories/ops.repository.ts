import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db, DbKind } from '../db/db';
import { absorbedAudit } from '../db/audit-scope';
import { AuditLogEntity, type AuditLogRow, RateLimitEntity } from '../db/entities';
import { Batcher } from '../db/batcher';
import type { StatementResult } from '../db/mysql-batch';
import { timeParam } from './sql';

/**
 * One hit, whatever the window's state: a new window (1 hit) when there is none, a fresh one when it is over, else
 * the count plus one, read back through LAST_INSERT_ID(expr) (bucket, end, now, now, end). Also counts a hit that a
 * racing instance's new window got first: the assignments read the row as it was, left to right.
 */
const HIT_MYSQL =
  'INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE ' +
  'hits = LAST_INSERT_ID(IF(reset_at <= ?, 1, hits + 1)), reset_at = IF(reset_at <= ?, ?, reset_at)';
/** The count after HIT_MYSQL: 1 when it inserted the row, else what LAST_INSERT_ID(expr) gave. */
const hitsAfter = (r: { affectedRows: number; insertId: number | string }) =>
  r.affectedRows === 1 ? 1 : Number(r.insertId);
const START_SQLITE =
  'INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (?, 1, ?) ON CONFLICT (bucket) DO UPDATE SET ' +
  'hits = CASE WHEN reset_at <= ? THEN 1 ELSE hits + 1 END, ' +
  'reset_at = CASE WHEN reset_at <= ? THEN ? ELSE reset_at END RETURNING hits';

/**
 * The audit log, the shared rate-limit counters (shared so that limits hold across app instances), and the
 * readiness probe.
 */
export class OpsRepository {
  /**
   * MySQL: the counts of concurrent hits share one round trip (two per chat message), each its own single statement
   * as alone. A group the server refuses is counted again one by one, so a hit may count twice then (never zero
   * times).
   */
  private readonly hits: Batcher<{ key: string; at: Date; resetAt: Date }, number> | null;

  constructor(private readonly db: Db) {
    const sessions = db.batches;
    this.hits = sessions
      ? new Batcher(
          async (items) => {
            const results = await sessions.withSession((s) =>
              s.run(
                items.map(() => HIT_MYSQL),
                items.flatMap((i) => [i.key, i.resetAt, i.at, i.at, i.resetAt]),
              ),
            );
            return results.map((r) => hitsAfter(r as Extract<StatementResult, { affectedRows: number }>));
          },
          { maxBatch: 64, maxConcurrent: 2 },
        )
      : null;
  }

  /** Asks the database a trivial question; resolves with which database answered, rejects when none does. */
  async ping(): Promise<DbKind> {
    await this.db.run((em) => em.query('SELECT 1'));
    return this.db.kind;
  }

  /** Inside a console action the entry joins that action's single entry (see audit-scope.ts). */
  async audit(row: Omit<AuditLogRow, 'id' | 'createdAt'>): Promise<void> {
    if (await absorbedAudit(row)) return;
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(AuditLogEntity)
        .values(row as QueryDeepPartialEntity<AuditLogRow>)
        .updateEntity(false)
        .execute(),
    );
  }

  auditFor(entityType: string, entityId: string): Promise<AuditLogRow[]> {
    return this.db.run((em) =>
      em.getRepository(AuditLogEntity).find({ where: { entityType, entityId }, order: { id: 'ASC' } }),
    );
  }

  /**
   * Counts one hit against `key` in a fixed window and returns the count and window end. The increment
   * is a single UPDATE, so concurrent hits from several instances are all counted.
   */
  async hit(key: string, windowMs: number, now: Date): Promise<{ hits: number; resetAt: Date }> {
    const hits = await this.count(key, windowMs, now);
    return { hits, resetAt: (await this.windowEnd(key)) ?? new Date(now.getTime() + windowMs) };
  }

  /**
   * `hit` without reading the window's end (asked on every chat message, twice): the count comes back with the
   * increment. MySQL: one upsert whatever the window's state, grouped with concurrent hits, read back through
   * LAST_INSERT_ID(expr). SQLite: an UPDATE … RETURNING while a window is open, else one upsert.
   */
  async count(key: string, windowMs: number, now: Date): Promise<number> {
    const end = new Date(now.getTime() + windowMs);
    if (this.db.kind === 'mysql') {
      const grouped =
        this.hits && !this.db.inTransaction
          ? await this.hits.submit({ key, at: now, resetAt: end }).catch(() => undefined)
          : undefined;
      if (grouped !== undefined) return grouped;
      const r = (await this.db.runRetrying((em) => em.query(HIT_MYSQL, [key, end, now, now, end]))) as {
        affectedRows: number;
        insertId: number | string;
      };
      return hitsAfter(r);
    }
    const at = timeParam(this.db.kind, now);
    for (let attempt = 0; attempt < 3; attempt++) {
      const bumped = await this.db.run(async (em) => {
        const rows = (await em.query(
          'UPDATE rate_limits SET hits = hits + 1 WHERE bucket = ? AND reset_at > ? RETURNING hits',
          [key, at],
        )) as { hits: number }[];
        return rows[0] ? Number(rows[0].hits) : null;
      });
      if (bumped !== null) return bumped;
      const resetAt = timeParam(this.db.kind, end);
      // The window is absent or over: start a new one in one statement (as HIT_MYSQL does).
      const rows = (await this.db.run((em) => em.query(START_SQLITE, [key, resetAt, at, at, resetAt]))) as {
        hits: number;
      }[];
      const started = rows[0] ? Number(rows[0].hits) : null;
      if (started !== null && started > 0) return started;
    }
    return Number.MAX_SAFE_INTEGER;
  }

  /** When the key's current window ends (none: no window). */
  async windowEnd(key: string): Promise<Date | null> {
    const row = await this.db.run((em) => em.getRepository(RateLimitEntity).findOneBy({ key }));
    return row?.resetAt ?? null;
  }

  async resetKey(key: string): Promise<void> {
    await this.db.runRetrying((em) => em.getRepository(RateLimitEntity).delete({ key }));
  }

  /** Drops finished windows so the table stays small. */
  async pruneRateLimits(now: Date): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().delete().from(RateLimitEntity).where('reset_at <= :now', { now }).execute(),
    );
  }
}
