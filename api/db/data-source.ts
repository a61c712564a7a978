import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema, type Logger } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Db, type DbKind, isDbUnavailableError } from './db';
import { ENTITIES } from './entities';
import { MysqlBatchPool } from './mysql-batch';
import { DEFAULT_DB_LIMITS, type DbLimits } from './limits';
import { MysqlHosts } from './mysql-hosts';
import { parseMysqlUrl } from './mysql-url';
import { withStartupLock } from './startup-lock';
import { groupedWritesAllowed, type MysqlTopology, probeTopology } from './topology';

export { type MysqlUrlParts, parseMysqlUrl } from './mysql-url';

/** Options for a connection to the server itself, without a database (to create or drop one). */
export function mysqlServerOptions(
  url: string,
  limits: DbLimits = DEFAULT_DB_LIMITS,
  hosts: MysqlHosts | null = null,
): DataSourceOptions {
  const { database: _database, hosts: listed, ...server } = parseMysqlUrl(url);
  const failover = hosts ?? (listed ? new MysqlHosts(listed) : null);
  return {
    type: 'mysql',
    ...server,
    connectTimeout: limits.connectTimeoutMs,
    ...(failover ? { extra: { stream: failover.stream } } : {}),
  };
}

export { databaseLimits, DEFAULT_DB_LIMITS, type DbLimits } from './limits';

const SILENT_TYPEORM_LOGGER: Logger = {
  logQuery: () => undefined,
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};

/** Entities defined outside the API (the bot's channel tables), which the composition root adds. */
export type MoreEntities = EntitySchema[];

export function dataSourceOptions(
  databaseUrl: string,
  poolSize = 20,
  more: MoreEntities = [],
  limits: DbLimits = DEFAULT_DB_LIMITS,
  hosts: MysqlHosts | null = null,
): DataSourceOptions {
  const entities: EntitySchema[] = [...ENTITIES, ...more];
  const common = {
    entities,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    // TypeORM reports queries slower than maxQueryExecutionTime on the console even with logging off;
    // a statement past the timeout fails and is answered (503) and logged by the request instead.
    logger: SILENT_TYPEORM_LOGGER,
  } as const;
  if (databaseUrl.startsWith('mysql:')) {
    const { hosts: _hosts, ...p } = parseMysqlUrl(databaseUrl);
    return {
      ...common,
      type: 'mysql',
      ...p,
      charset: 'utf8mb4',
      // Keep every instant in UTC on the wire and in the columns.
      timezone: 'Z',
      // mysql2 captures a stack trace for every query by default (a measurable cost per query);
      // TypeORM's QueryFailedError already names the query that failed.
      trace: false,
      poolSize,
      connectTimeout: limits.connectTimeoutMs,
      // Every statement gets mysql2's timeout (TypeORM passes maxQueryExecutionTime on when enabled).
      maxQueryExecutionTime: limits.queryTimeoutMs,
      enableQueryTimeout: true,
      extra: {
        connectionLimit: poolSize,
        waitForConnections: true,
        queueLimit: limits.queueLimit,
        ...(hosts ? { stream: hosts.stream } : {}),
      },
    };
  }
  const file = databaseUrl.replace(/^sqlite:/, '');
  const database = file === ':memory:' ? ':memory:' : resolve(file);
  if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      // WAL lets readers in other processes proceed during writes; busy_timeout waits out short locks.
      if (database !== ':memory:') db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('synchronous = NORMAL');
    },
  };
}

/** Creates the MySQL database named in the URL when it does not exist yet (a fresh server). */
export async function ensureMysqlDatabase(databaseUrl: string, hosts: MysqlHosts | null = null): Promise<void> {
  const p = parseMysqlUrl(databaseUrl);
  const admin = new DataSource(mysqlServerOptions(databaseUrl, DEFAULT_DB_LIMITS, hosts));
  await admin.initialize();
  try {
    await admin.query(
      `CREATE DATABASE IF NOT EXISTS \`` +
        `${p.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await admin.destroy();
  }
}

/**
 * Connects (creating a missing MySQL database) and, unless told otherwise, applies pending migrations.
 * `entities`: tables of other parts than the API (the bot's), known to this data source as well.
 */
export async function openDatabase(
  databaseUrl: string,
  opts: {
    migrate?: boolean;
    poolSize?: number;
    entities?: MoreEntities;
    limits?: DbLimits;
    /** Told when another instance holds the start-up lock (this one waits for its migrations). */
    onStartupWait?: () => void;
  } = {},
): Promise<Db> {
  const kind: DbKind = databaseUrl.startsWith('mysql:') ? 'mysql' : 'sqlite';
  const limits = opts.limits ?? DEFAULT_DB_LIMITS;
  const listed = kind === 'mysql' ? parseMysqlUrl(databaseUrl).hosts : undefined;
  const hosts = listed ? new MysqlHosts(listed) : null;
  // Start on the first host that answers (in the URL's order), so start-up survives a node that is down.
  if (hosts) await hosts.pickReachable(limits.connectTimeoutMs);
  if (kind === 'mysql') await ensureMysqlDatabase(databaseUrl, hosts);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, opts.poolSize, opts.entities, limits, hosts));
  await dataSource.initialize();
  const topology: MysqlTopology =
    kind === 'mysql'
      ? await probeTopology((sql) => dataSource.query(sql) as Promise<Record<string, unknown>[]>)
      : 'single';
  const sessionSetup = mysqlSessionSetup(topology);
  if (kind === 'mysql') prepareMysqlSessions(dataSource, sessionSetup, limits, hosts?.hosts.length ?? 1);
  // Under the start-up lock: instances started together migrate once (see ./startup-lock).
  if (opts.migrate !== false)
    await withStartupLock(
      (sql, params) => dataSource.query(sql, params),
      kind,
      () => dataSource.runMigrations({ transaction: 'each' }),
      { onWait: opts.onStartupWait },
    );
  // Grouped (multi-statement) writes only where a batch is proven to stay inside its transaction.
  const batches =
    kind === 'mysql' && groupedWritesAllowed(topology)
      ? new MysqlBatchPool({
          ...parseMysqlUrl(databaseUrl),
          size: BATCH_SESSIONS,
          sessionSetup,
          limits,
          ...(hosts ? { stream: hosts.stream } : {}),
        })
      : null;
  return new Db(dataSource, kind, batches, topology, hosts);
}

/**
 * Plain mysql2 sessions (multi-statement) for the per-turn and grouped work: seat holds (HoldBatchRepository),
 * Direct Line activity appends (GroupedAppends), bot state (GroupedState) and conversation leases, each running
 * up to two groups at once.
 */
const BATCH_SESSIONS = 8;

/** A pooled mysql2 connection, as TypeORM's MySQL driver hands it out (callback API). */
interface PooledConnection {
  query(options: { sql: string; timeout: number }, cb: (err: Error | null) => void): void;
  release(): void;
  destroy(): void;
}

type QueryArgs = unknown[];

/**
 * mysql2's query timeout fails the statement but leaves it running on the connection, so every later
 * statement on that connection would wait behind it, without a timeout of its own (its timer starts
 * when it runs). A connection whose statement timed out is therefore closed and leaves the pool.
 */
function closeOnTimeout(connection: PooledConnection): void {
  const raw = connection as unknown as { query: (...args: QueryArgs) => unknown };
  const query = raw.query.bind(connection);
  raw.query = (...args: QueryArgs) => {
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === 'function')
      args[last] = (err: { code?: string } | null, ...rest: unknown[]) => {
        if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') connection.destroy();
        (cb as (...a: unknown[]) => void)(err, ...rest);
      };
    return query(...args);
  };
}

/**
 * Statements every MySQL session runs once, before its first use:
 * - UTC: column defaults (CURRENT_TIMESTAMP) and NOW() follow the session time zone, while the driver
 *   reads and writes instants as UTC (`timezone: 'Z'`); a server set to another zone would otherwise
 *   shift every database-stamped time.
 * - READ COMMITTED: a conditional UPDATE that finds a row taken releases its lock at once instead of
 *   holding it to the end of the transaction, which keeps seat races deadlock-free. Set for the
 *   session, it costs nothing per transaction.
 */
export const MYSQL_SESSION_SETUP = [
  "SET time_zone = '+00:00'",
  'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
];

/**
 * Galera replicates commits to the other nodes synchronously but applies them there a little later, so
 * a read on node B just after a commit on node A could miss it (a payment link created through one
 * instance, paid through another a few ms later: "not found"). wsrep_sync_wait = 1 makes every read
 * (SELECT, SHOW, BEGIN) on a session first wait until its node has applied everything committed in the
 * cluster before it started: read-your-writes across nodes, at the cost of one cluster round trip per read.
 */
export const GALERA_SESSION_SETUP = ['SET SESSION wsrep_sync_wait = 1'];

export function mysqlSessionSetup(topology: MysqlTopology): string[] {
  return topology === 'galera' ? [...MYSQL_SESSION_SETUP, ...GALERA_SESSION_SETUP] : MYSQL_SESSION_SETUP;
}

/**
 * mysql2 has no per-connection start-up statement, so every connection TypeORM takes from the pool
 * runs the session setup the first time it is seen (connections are reused as the same objects).
 * Waiting for a pooled connection is bounded too (mysql2's pool waits forever): past acquireTimeoutMs the
 * caller gets a DatabaseBusyError, and the connection, when it comes, goes back to the pool.
 */
function prepareMysqlSessions(dataSource: DataSource, setup: string[], limits: DbLimits, hostCount: number): void {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<PooledConnection> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  const prepared = new WeakSet<PooledConnection>();
  // With several hosts, a connection that could not be opened is tried again on the next host (the
  // failover list has moved on), so a request survives the loss of its node.
  const obtainFailingOver = async (): Promise<PooledConnection> => {
    for (let tries = 1; ; tries++) {
      try {
        return await obtain();
      } catch (err) {
        if (tries >= hostCount || !isDbUnavailableError(err)) throw err;
      }
    }
  };
  const obtainPrepared = async () => {
    const connection = await obtainFailingOver();
    if (!prepared.has(connection)) {
      closeOnTimeout(connection);
      try {
        for (const sql of setup)
          await new Promise<void>((ok, fail) =>
            connection.query({ sql, timeout: limits.queryTimeoutMs }, (err) => (err ? fail(err) : ok())),
          );
      } catch (err) {
        connection.destroy();
        throw err;
      }
      prepared.add(connection);
    }
    return connection;
  };
  driver.obtainMasterConnection = () =>
    new Promise((resolve, reject) => {
      let waiting = true;
      const timer = setTimeout(() => {
        waiting = false;
        reject(new DatabaseBusyError(limits.acquireTimeoutMs));
      }, limits.acquireTimeoutMs);
      obtainPrepared().then(
        (connection) => {
          clearTimeout(timer);
          if (waiting) resolve(connection);
          else connection.release();
        },
        (err: unknown) => {
          clearTimeout(timer);
          if (waiting) reject(err);
        },
      );
    });
}

/** No pooled connection became free in time: the database is slow or away. */
export class DatabaseBusyError extends Error {
  readonly code = 'DB_ACQUIRE_TIMEOUT';
  constructor(ms: number) {
    super(`no database connection became free within ${ms} ms`);
  }
}
