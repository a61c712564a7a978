import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { Db, type DbKind } from './db';
import { ENTITIES } from './entities';

export interface MysqlUrlParts {
  host: string;
  port: number;
  username: string;
  password: string;
  database: string;
}

/** Splits mysql://user:pass@host:3306/db into its parts. */
export function parseMysqlUrl(url: string): MysqlUrlParts {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 3306),
    username: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'jetway',
  };
}

export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (databaseUrl.startsWith('mysql:')) {
    const p = parseMysqlUrl(databaseUrl);
    return {
      ...common,
      type: 'mysql',
      ...p,
      charset: 'utf8mb4',
      // Keep every instant in UTC on the wire and in the columns.
      timezone: 'Z',
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
  const admin = new DataSource({ type: 'mysql', host: p.host, port: p.port, username: p.username, password: p.password });
  await admin.initialize();
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${p.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
}

/** Connects (creating a missing MySQL database) and, unless told otherwise, applies pending migrations. */
export async function openDatabase(databaseUrl: string, opts: { migrate?: boolean; poolSize?: number } = {}): Promise<Db> {
  const kind: DbKind = databaseUrl.startsWith('mysql:') ? 'mysql' : 'sqlite';
  if (kind === 'mysql') await ensureMysqlDatabase(databaseUrl);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, opts.poolSize));
  await dataSource.initialize();
  if (opts.migrate !== false) await dataSource.runMigrations({ transaction: 'each' });
  return new Db(dataSource, kind);
}
