import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { MysqlBatchPool } from './mysql-batch';
import { Mutex } from './mutex';

export type DbKind = 'sqlite' | 'mysql';

const MAX_ATTEMPTS = 5;

/**
 * The one door to the database. Repositories call `run`; services wrap multi-step writes in
 * `transaction`, and every repository call made inside it joins it (carried by AsyncLocalStorage, so no
 * transaction handle leaks into service signatures).
 *
 * SQLite (better-sqlite3) has a single connection that TypeORM shares between callers, so concurrent
 * work would interleave inside one transaction. There every unit of work takes a process-wide mutex;
 * better-sqlite3 is synchronous, so this costs nothing but ordering. MySQL uses a connection pool and
 * row locks; transactions that lose a deadlock are retried.
 */
export class Db {
  private readonly currentTx = new AsyncLocalStorage<{ em: EntityManager; afterCommit: (() => void)[] }>();
  private readonly mutex = new Mutex();

  constructor(
    readonly dataSource: DataSource,
    readonly kind: DbKind,
    /** MySQL only: sessions that take several statements per round trip (for grouped seat holds). */
    readonly batches: MysqlBatchPool | null = null,
  ) {}

  /** Runs `fn` with the current transaction's manager, or a plain manager outside a transaction. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    const tx = this.currentTx.getStore();
    if (tx) return fn(tx.em);
    if (this.kind === 'sqlite') return this.mutex.runExclusive(() => fn(this.dataSource.manager));
    return fn(this.dataSource.manager);
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
        if (attempt >= MAX_ATTEMPTS || !isRetryableDbError(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
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
  driverError?: DriverErrorShape;
}

function driverError(err: unknown): DriverErrorShape {
  const e = (err ?? {}) as DriverErrorShape;
  return e.driverError ?? e;
}

/** Deadlocks and lock timeouts (MySQL) and a busy database file (SQLite) are worth another try. */
export function isRetryableDbError(err: unknown): boolean {
  const e = driverError(err);
  return e.errno === 1213 || e.errno === 1205 || e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_BUSY_SNAPSHOT';
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
