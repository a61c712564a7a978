import type { DbKind } from './db';
import { DbLeases, type SqlRunner, withLease } from './leases';

/**
 * The table of the start-up lock. It is not made by a migration because it guards the migrations: every
 * instance creates it if it is missing (CREATE TABLE IF NOT EXISTS is harmless when several do it at once;
 * on Galera DDL is replicated in total order). InnoDB with a primary key, as Galera requires.
 */
export const STARTUP_LOCK_TABLE = 'jetway_startup_lock';

const CREATE_TABLE =
  `CREATE TABLE IF NOT EXISTS ${STARTUP_LOCK_TABLE} ` +
  '(name VARCHAR(64) NOT NULL PRIMARY KEY, holder VARCHAR(80) NOT NULL, expires_at BIGINT NOT NULL)';

export interface StartupLockOptions {
  /** The lock runs out this long after its last renewal (renewed every third of it). Default 30 s. */
  ttlMs?: number;
  /** Give up after waiting this long for another instance's start-up. Default 15 min (a first seed is long). */
  maxWaitMs?: number;
  /** Told once when another instance holds the lock. */
  onWait?: () => void;
  /** Told when renewing the lock failed (`err`), or found it taken over after it ran out (no `err`). */
  onRenewFailed?: (err?: unknown) => void;
}

/**
 * Runs `fn` (migrate, seed) while no other instance on the database runs its own start-up work: N instances
 * started at once against a fresh database create, migrate and seed it once; the others wait, then find
 * nothing left to do. A lock row claimed by a conditional write, not GET_LOCK (node-local on Galera); an
 * instance killed while holding it delays the others by the lock's time to live at most.
 */
export async function withStartupLock<T>(
  run: SqlRunner,
  kind: DbKind,
  fn: () => Promise<T>,
  opts: StartupLockOptions = {},
): Promise<T> {
  await run(kind === 'mysql' ? `${CREATE_TABLE} ENGINE=InnoDB` : CREATE_TABLE, []);
  const leases = new DbLeases(run, kind, STARTUP_LOCK_TABLE);
  return withLease(
    leases,
    'startup',
    {
      ttlMs: opts.ttlMs ?? 30_000,
      maxWaitMs: opts.maxWaitMs ?? 15 * 60_000,
      maxPollMs: 500,
      onWait: opts.onWait,
      onRenewFailed: opts.onRenewFailed,
    },
    fn,
  );
}
