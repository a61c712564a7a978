import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db, DbKind } from '../db/db';
import { absorbedAudit } from '../db/audit-scope';
import { AuditLogEntity, type AuditLogRow, RateLimitEntity } from '../db/entities';
import { Batcher } from '../db/batcher';
import type { StatementResult } from '../db/mysql-batch';
import { timeParam } from './sql';

const BUMP_MYSQL = 'UPDATE rate_limits SET hits = LAST_INSERT_ID(hits + 1) WHERE bucket = ? AND reset_at > ?';
/** A new window (1 hit), or the hit counted in the window a racing writer just started (bucket, end, now, now, end). */
const START_MYSQL =
  'INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE ' +
  'hits = LAST_INSERT_ID(IF(reset_at <= ?, 1, hits + 1)), reset_at = IF(reset_at <= ?, ?, reset_at)';
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
   * MySQL: the counts of concurrent hits share one round trip (two per chat message), each its own single UPDATE as
   * alone. A group the server refuses is counted again one by one, so a hit may count twice then (never zero times).
   */
  private readonly bumps: Batcher<{ key: string; at: Date }, number | null> | null;

  constructor(private readonly db: Db) {
    const sessions = db.batches;
    this.bumps = sessions
      ? new Batcher(
          async (items) => {
            const results = await sessions.withSession((s) =>
              s.run(
                items.map(() => BUMP_MYSQL),
                items.flatMap((i) => [i.key, i.at]),
              ),
            );
            return results.map((r) => {
              const header = r as Extract<StatementResult, { affectedRows: number }>;
              return header.affectedRows ? Number(header.insertId) : null;
            });
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
   * `hit` without reading the window's end: one statement while a window is open (asked on every chat
   * message, twice), so the count comes back with the increment, through LAST_INSERT_ID(expr) on MySQL
   * and RETURNING on SQLite.
   */
  async count(key: string, windowMs: number, now: Date): Promise<number> {
    const at = timeParam(this.db.kind, now);
    for (let attempt = 0; attempt < 3; attempt++) {
      const grouped =
        attempt === 0 && this.bumps && !this.db.inTransaction
          ? await this.bumps.submit({ key, at: now }).catch(() => undefined)
          : undefined;
      if (typeof grouped === 'number') return grouped;
      const bumped =
        grouped === null
          ? null
          : await this.db.run(async (em) => {
              if (this.db.kind === 'mysql') {
                const r = (await em.query(BUMP_MYSQL, [key, at])) as {
                  affectedRows: number;
                  insertId: number | string;
                };
                return r.affectedRows ? Number(r.insertId) : null;
              }
              const rows = (await em.query(
                'UPDATE rate_limits SET hits = hits + 1 WHERE bucket = ? AND reset_at > ? RETURNING hits',
                [key, at],
              )) as { hits: number }[];
              return rows[0] ? Number(rows[0].hits) : null;
            });
      if (bumped !== null) return bumped;
      const resetAt = timeParam(this.db.kind, new Date(now.getTime() + windowMs));
      // The window is absent or over: start a new one in one statement, which also counts a hit that a racing
      // instance's new window got first (its assignments read the row as it was, left to right).
      const started = await this.db.run(async (em) => {
        if (this.db.kind === 'mysql') {
          const r = (await em.query(START_MYSQL, [key, resetAt, at, at, resetAt])) as {
            affectedRows: number;
            insertId: number | string;
          };
          return r.affectedRows === 1 ? 1 : Number(r.insertId);
        }
        const rows = (await em.query(START_SQLITE, [key, resetAt, at, at, resetAt])) as { hits: number }[];
        return rows[0] ? Number(rows[0].hits) : null;
      });
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
    await this.db.run((em) => em.getRepository(RateLimitEntity).delete({ key }));
  }

  /** Drops finished windows so the table stays small. */
  async pruneRateLimits(now: Date): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().delete().from(RateLimitEntity).where('reset_at <= :now', { now }).execute(),
    );
  }
}
