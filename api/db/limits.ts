/**
 * Bounds on waiting for the database, so that a database that is away or a link that went silent gives
 * fast errors (503 with Retry-After at the HTTP edge) instead of requests that hang:
 * - connectTimeoutMs: opening a connection (TCP and the server's greeting);
 * - queryTimeoutMs: any one statement (the connection is then closed: its state is unknown);
 * - acquireTimeoutMs: waiting for a free pooled connection;
 * - queueLimit: callers waiting for a pooled connection at once; more are refused at once.
 */
export interface DbLimits {
  connectTimeoutMs: number;
  queryTimeoutMs: number;
  acquireTimeoutMs: number;
  queueLimit: number;
}

export const DEFAULT_DB_LIMITS: DbLimits = {
  connectTimeoutMs: 2_000,
  queryTimeoutMs: 5_000,
  acquireTimeoutMs: 3_000,
  queueLimit: 500,
};

/** The limits set by configuration (DATABASE_TIMEOUT_MS, DATABASE_QUEUE_LIMIT). */
export function databaseLimits(config: { DATABASE_TIMEOUT_MS: number; DATABASE_QUEUE_LIMIT: number }): DbLimits {
  return {
    connectTimeoutMs: Math.min(DEFAULT_DB_LIMITS.connectTimeoutMs, config.DATABASE_TIMEOUT_MS),
    queryTimeoutMs: config.DATABASE_TIMEOUT_MS,
    acquireTimeoutMs: config.DATABASE_TIMEOUT_MS,
    queueLimit: config.DATABASE_QUEUE_LIMIT,
  };
}
