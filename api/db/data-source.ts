import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Db, type DbKind } from './db';
import { ENTITIES } from './entities';
import { MysqlBatchPool } from './mysql-batch';
import { parseMysqlUrl } from './mysql-url';
import { groupedWritesAllowed, type MysqlTopology, probeTopology } from './topology';

export { type MysqlUrlParts, parseMysqlUrl } from './mysql-url';

/** Options for a connection to the server itself, without a database (to create or drop one). */
export function mysqlServerOptions(url: string): DataSourceOptions {
  const { database: _database, ...server } = parseMysqlUrl(url);
  return { type: 'mysql', ...server };
}

/** Entities defined outside the API (the bot's channel tables), which the composition root adds. */
export type MoreEntities = EntitySchema[];

export function dataSourceOptions(databaseUrl: string, poolSize = 20, more: MoreEntities = []): DataSourceOptions {
  const entities: EntitySchema[] = [...ENTITIES, ...more];
  const common = {
    entities,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsRun: false,
    logging: false,
  } as const;
  if (databaseUrl.startsWith('mysql:')) {
    const p = parseMysqlUrl(databaseUrl);
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
      extra: { connectionLimit: poolSize, waitForConnections: true },
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
export async function ensureMysqlDatabase(databaseUrl: string): Promise<void> {
  const p = parseMysqlUrl(databaseUrl);
  const admin = new DataSource(mysqlServerOptions(databaseUrl));
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
  opts: { migrate?: boolean; poolSize?: number; entities?: MoreEntities } = {},
): Promise<Db> {
  const kind: DbKind = databaseUrl.startsWith('mysql:') ? 'mysql' : 'sqlite';
  if (kind === 'mysql') await ensureMysqlDatabase(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, opts.poolSize, opts.entities));
  await dataSource.initialize();
  const topology: MysqlTopology =
    kind === 'mysql'
      ? await probeTopology((sql) => dataSource.query(sql) as Promise<Record<string, unknown>[]>)
      : 'single';
  const sessionSetup = mysqlSessionSetup(topology);
  if (kind === 'mysql') prepareMysqlSessions(dataSource, sessionSetup);
  if (opts.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  // Grouped (multi-statement) writes only where a batch is proven to stay inside its transaction.
  const batches =
    kind === 'mysql' && groupedWritesAllowed(topology)
      ? new MysqlBatchPool({ ...parseMysqlUrl(databaseUrl), size: BATCH_SESSIONS, sessionSetup })
      : null;
  return new Db(dataSource, kind, batches, topology);
}

/**
 * Multi-statement sessions for grouped writes: seat holds (HoldBatchRepository) and Direct Line
 * activity appends (GroupedAppends), each running up to two groups at once.
 */
const BATCH_SESSIONS = 4;

/** A pooled mysql2 connection, as TypeORM's MySQL driver hands it out (callback API). */
interface PooledConnection {
  query(sql: string, cb: (err: Error | null) => void): void;
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
 * runs MYSQL_SESSION_SETUP the first time it is seen (connections are reused as the same objects).
 */
function prepareMysqlSessions(dataSource: DataSource, setup: string[]): void {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<PooledConnection> };
  const obtain = driver.obtainMasterConnection.bind(driver);
  const prepared = new WeakSet<PooledConnection>();
  driver.obtainMasterConnection = async () => {
    const connection = await obtain();
    if (!prepared.has(connection)) {
      for (const sql of setup)
        await new Promise<void>((ok, fail) => connection.query(sql, (err) => (err ? fail(err) : ok())));
      prepared.add(connection);
    }
    return connection;
  };
}
