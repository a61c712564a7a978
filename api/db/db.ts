import { ContextSlot } from '../async-context';
import type { DataSource, EntityManager } from 'typeorm';
import type { MysqlBatchPool } from './mysql-batch';
import type { MysqlHosts } from './mysql-hosts';
import { Mutex } from './mutex';
import type { MysqlTopology } from './topology';

export type DbKind = 'sqlite' | 'mysql';

/**
 * Attempts of a transaction that lost a conflict. On a multi-primary cluster conflicts are found at
 * commit (certification), so a hot row can lose several times in a row under load.
 */
const MAX_ATTEMPTS = 8;
/** Back-off before attempt n+1: a random wait up to min(CAP, BASE * 2^n) ("full jitter"), so losers spread out. */
const BACKOFF_BASE_MS = 8;
const BACKOFF_CAP_MS = 250;

/** How often transactions were retried after a conflict, since start (for benchmarks and diagnostics). */
export interface DbStats {
  conflictRetries: number;
}

/**
 * The one door to the database. Repositories call `run`; services wrap multi-step writes in
 * `transaction`, and every repository call made inside it joins it (carried by the async context, so no
 * transaction handle leaks into service signatures).
 *
 * SQLite (better-sqlite3) has a single connection that TypeORM shares between callers, so concurrent
 * work would interleave inside one transaction. There every unit of work takes a process-wide mutex;
 * better-sqlite3 is synchronous, so this costs nothing but ordering. MySQL uses a connection pool and
 * row locks; transactions that lose a deadlock are retried.
 */
export class Db {
  private readonly currentTx = new ContextSlot<{ em: EntityManager; afterCommit: (() => void)[] }>('transaction');
  private readonly mutex = new Mutex();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DbKind,
    /** MySQL only: sessions that take several statements per round trip (for grouped seat holds). */
    readonly batches: MysqlBatchPool | null = null,
    /** MySQL only: what kind of deployment this is ('single' for SQLite). */
    readonly topology: MysqlTopology = 'single',
    /** MySQL with several hosts in DATABASE_URL: the failover list new connections follow. */
    readonly hosts: MysqlHosts | null = null,
  ) {}

  readonly stats: DbStats = { conflictRetries: 0 };

  /** Runs `fn` with the current transaction's manager, or a plain manager outside a transaction. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tx = this.currentTx.getStore();
    if (tx) return fn(tx.em);
    if (this.kind === 'sqlite') return this.mutex.runExclusive(() => fn(this.dataSource.manager));
    return fn(this.dataSource.manager).catch((err: unknown) => this.failed(err));
  }

  /**
   * `run` for one write statement that may lose a conflict outside a transaction: on a multi-primary cluster a hot
   * row (a rate-limit counter hit through two nodes at once) answers 1213 when the other node's write certified
   * first. A statement that lost had no effect, so it runs again. `fn` must be a single statement; inside a
   * transaction the transaction's own retry runs instead.
   */
  async runRetrying<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.run(fn);
      } catch (err) {
        if (this.inTransaction || attempt >= MAX_ATTEMPTS || !isRetryableDbError(err)) throw err;
        this.stats.conflictRetries++;
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
      }
    }
  }

  /** A node that answers "not ready" (a Galera node outside the primary component) is left for the next host. */
  private failed(err: unknown): never {
    if (this.hosts && driverError(err).errno === ER_NODE_NOT_READY) this.hosts.markDown();
    throw err;
  }

  /** Runs `fn` in a transaction (joining an enclosing one); all or nothing of its writes land. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.currentTx.getStore()) return fn();
    for (let attempt = 1; ; attempt++) {
      const afterCommit: (() => void)[] = [];
      try {
        const result =
          this.kind === 'sqlite'
            ? await this.mutex.runExclusive(() =>
                this.dataSource.transaction((em) => this.currentTx.run({ em, afterCommit }, fn)),
              )
            : await this.mysqlTransaction((em) => this.currentTx.run({ em, afterCommit }, fn));
        for (const cb of afterCommit) cb();
        return result;
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS || !isRetryableDbError(err)) this.failed(err);
        this.stats.conflictRetries++;
        await new Promise((r) => setTimeout(r, retryDelayMs(attempt)));
      }
    }
  }

  /** A MySQL transaction; its session runs at READ COMMITTED (see MYSQL_SESSION_SETUP in ./data-source). */
  private async mysqlTransaction<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const qr = this.dataSource.createQueryRunner();
    try {
      await qr.startTransaction();
      try {
        const result = await fn(qr.manager);
        await qr.commitTransaction();
        return result;
      } catch (err) {
        if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
        throw err;
      }
    } finally {
      await qr.release();
    }
  }

  /**
   * Runs `fn` in a transaction of its own that commits whatever the caller's transaction does later
   * (for reservations that must not hold their row locks until the caller commits, e.g. a block of
   * ticket serials). SQLite has one connection and one writer: there it joins the caller's transaction.
   */
  independentTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.kind === 'sqlite') return this.transaction(fn);
    return this.currentTx.exit(() => this.transaction(fn));
  }

  /** Runs `cb` once the enclosing transaction has committed (at once outside a transaction; never on rollback). */
  afterCommit(cb: () => void): void {
    const tx = this.currentTx.getStore();
    if (tx) tx.afterCommit.push(cb);
    else cb();
  }

  get inTransaction(): boolean {
    return this.currentTx.getStore() !== undefined;
  }

  async close(): Promise<void> {
    await this.batches?.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

interface DriverErrorShape {
  code?: string;
  errno?: number;
  fatal?: boolean;
  message?: string;
  driverError?: DriverErrorShape;
}

/** ER_UNKNOWN_COM_ERROR, as a Galera node without quorum answers: "WSREP has not yet prepared node…". */
const ER_NODE_NOT_READY = 1047;

/** Client-side codes of a database that is away, slow or refusing connections. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'DB_ACQUIRE_TIMEOUT',
]);
/** Server errors of the same kind: not ready (1047), shutting down (1053), too many connections (1040). */
const UNAVAILABLE_ERRNOS = new Set([ER_NODE_NOT_READY, 1053, 1040, 2002, 2003, 2006, 2013]);

/**
 * The database is away, or too slow to answer in time: the request should be tried again later (503
 * with Retry-After), not reported as a bug. A fatal mysql2 error is one that closed its connection.
 */
export function isDbUnavailableError(err: unknown): boolean {
  const e = driverError(err);
  return (
    (e.code !== undefined && UNAVAILABLE_CODES.has(e.code)) ||
    (e.errno !== undefined && UNAVAILABLE_ERRNOS.has(e.errno)) ||
    e.message === 'Queue limit reached.' ||
    e.fatal === true
  );
}

function driverError(err: unknown): DriverErrorShape {
  const e = (err ?? {}) as DriverErrorShape;
  return e.driverError ?? e;
}

/** The wait before the attempt after `attempt` (1-based): exponential back-off with full jitter. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

/**
 * Server errors that mean "this transaction lost a conflict and was rolled back; run it again":
 * - 1213 deadlock (InnoDB), also Galera's certification failure and brute-force abort;
 * - 1205 lock wait timeout;
 * - 3101 Group Replication's certification failure ("plugin instructed the server to rollback");
 * - 9007 TiDB's optimistic write conflict;
 * - a busy database file (SQLite).
 */
const CONFLICT_ERRNOS = new Set([1213, 1205, 3101, 9007]);

export function isRetryableDbError(err: unknown): boolean {
  const e = driverError(err);
  return (
    (e.errno !== undefined && CONFLICT_ERRNOS.has(e.errno)) ||
    e.code === 'SQLITE_BUSY' ||
    e.code === 'SQLITE_BUSY_SNAPSHOT'
  );
}

/** A unique or primary-key constraint refused the row. */
export function isUniqueViolation(err: unknown): boolean {
  const e = driverError(err);
  return (
    e.errno === 1062 ||
    e.code === 'ER_DUP_ENTRY' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
