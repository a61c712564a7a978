import type { Db } from './db';

/** The parts of mysql2's pool that tell how busy it is (its queues expose a length). */
interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/**
 * How busy the MySQL connection pool is: connections taken, and callers waiting for one (the sign that
 * DATABASE_POOL_SIZE is too small or queries are slow). mysql2 has no public API for this, so its pool's
 * queues are read; SQLite (one connection, no pool) reports zeros.
 */
export function poolUsage(db: Db): { inUse: number; waiting: number } {
  if (db.kind !== 'mysql') return { inUse: 0, waiting: 0 };
  const pool = (db.dataSource.driver as unknown as { pool?: Mysql2PoolInternals }).pool;
  const all = pool?._allConnections?.length ?? 0;
  const free = pool?._freeConnections?.length ?? 0;
  return { inUse: Math.max(0, all - free), waiting: pool?._connectionQueue?.length ?? 0 };
}

/** Transactions retried after a conflict since start (counted by Db.transaction). */
export function conflictRetries(db: Db): number {
  return db.stats.conflictRetries;
}
