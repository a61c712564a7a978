import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';
import { loadConfig } from '../../api/config/config';
import { type ApiServices, buildApiServices, type Vendors } from '../../api/container';
import { databaseLimits, ensureMysqlDatabase, mysqlServerOptions, openDatabase } from '../../api/db/data-source';
import type { Role } from '../../api/domain/types';
import { createHttpApp } from '../../api/http/app';
import { createLogger } from '../../api/logger';
import { BOT_ENTITIES } from '../../bot/entities';
import { ManualClock } from '../../api/services/clock';

export type DbTarget = 'sqlite' | 'mysql';

/**
 * SQLite always; MySQL too when TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306) is set; only MySQL
 * with TEST_DB_ONLY=mysql (CI's second pass, after `npm test` has run everything on SQLite).
 */
export const DB_TARGETS: DbTarget[] = !process.env.TEST_MYSQL_URL
  ? ['sqlite']
  : process.env.TEST_DB_ONLY === 'mysql'
    ? ['mysql']
    : ['sqlite', 'mysql'];

export interface TestApp {
  services: ApiServices;
  app: Express;
  clock: ManualClock;
  http: ReturnType<typeof request>;
  /** Creates a user of a role and returns its access token. */
  token(role?: Role, email?: string): Promise<string>;
  close(): Promise<void>;
}

/** A database of its own: an in-memory SQLite file, or a fresh MySQL database that close() drops. */
export async function testDatabaseUrl(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'sqlite') return { url: 'sqlite::memory:', drop: async () => undefined };
  const base = process.env.TEST_MYSQL_URL;
  if (!base) throw new Error('TEST_MYSQL_URL is not set');
  const name = `jetway_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  await ensureMysqlDatabase(url);
  return {
    url,
    drop: async () => {
      const { DataSource } = await import('typeorm');
      const admin = new DataSource(mysqlServerOptions(url));
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.destroy();
    },
  };
}

/**
 * The booking API on a real database with the demo inventory for `days` days from the clock's today.
 * `env` overrides configuration (HOLD_MINUTES, rate limits …); `vendors` passes fakes (payment provider, mailer).
 */
export async function createTestApp(
  opts: {
    target?: DbTarget;
    days?: number;
    now?: Date;
    env?: Record<string, string>;
    poolSize?: number;
    vendors?: Vendors;
  } = {},
): Promise<TestApp> {
  const target = opts.target ?? 'sqlite';
  const { url, drop } = await testDatabaseUrl(target);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    ...opts.env,
  });
  const log = createLogger({ level: 'error', format: 'json', silent: !process.env.TEST_LOGS });
  const db = await openDatabase(url, {
    poolSize: opts.poolSize ?? 20,
    entities: BOT_ENTITIES,
    limits: databaseLimits(config),
  });
  const clock = new ManualClock(opts.now ?? new Date());
  const services = buildApiServices(config, db, log, clock, opts.vendors);
  await services.seeder.seedReference();
  await services.seeder.seedSchedule({ today: clock.now().toISOString().slice(0, 10), days: opts.days ?? 21 });
  await services.ref.load();
  const { app } = createHttpApp(services);
  let users = 0;
  return {
    services,
    app,
    clock,
    http: request(app),
    async token(role: Role = 'traveller', email?: string) {
      users++;
      const user = await services.auth.createUser({
        email: email ?? `user${users}.${randomBytes(3).toString('hex')}@example.com`,
        password: 'correct horse battery staple',
        firstName: 'Test',
        lastName: `User`,
        role,
      });
      return (await services.auth.issue(user)).accessToken;
    },
    async close() {
      services.sweeper.stop();
      await db.close();
      await drop();
    },
  };
}
