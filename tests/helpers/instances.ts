/**
 * Extra app instances on an existing database: a "restarted" server, or a second server beside the first
 * (as behind a load balancer). Each has its own DataSource (connection or pool), services and clock.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Config } from '../../api/config/config';
import { loadConfig } from '../../api/config/config';
import { type ApiServices, buildApiServices } from '../../api/container';
import { databaseLimits, openDatabase } from '../../api/db/data-source';
import { createHttpApp } from '../../api/http/app';
import { createLogger } from '../../api/logger';
import { ManualClock } from '../../api/services/clock';
import { BOT_ENTITIES } from '../../bot/entities';
import { type DbTarget, testDatabaseUrl } from './test-app';

export interface Instance {
  services: ApiServices;
  clock: ManualClock;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

/** Opens another instance on `config.DATABASE_URL` (migrations are a no-op on an up-to-date database). */
export async function openInstance(
  config: Config,
  opts: { now?: Date; clock?: ManualClock; poolSize?: number; seedDays?: number } = {},
): Promise<Instance> {
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: opts.poolSize ?? 20,
    entities: BOT_ENTITIES,
    limits: databaseLimits(config),
  });
  const clock = opts.clock ?? new ManualClock(opts.now ?? new Date());
  const log = createLogger({ level: 'error', format: 'json', silent: !process.env.TEST_LOGS });
  const services = buildApiServices(config, db, log, clock);
  if (opts.seedDays) {
    await services.seeder.seedReference();
    await services.seeder.seedSchedule({ today: clock.now().toISOString().slice(0, 10), days: opts.seedDays });
  }
  await services.ref.load();
  const { app } = createHttpApp(services);
  return {
    services,
    clock,
    http: request(app),
    async close() {
      services.sweeper.stop();
      await db.close();
    },
  };
}

/**
 * A database that outlives one instance: a SQLite file (in-memory databases die with their connection)
 * or a fresh MySQL database. `drop` removes it.
 */
export async function durableDatabase(
  target: DbTarget,
  env: Record<string, string> = {},
): Promise<{ config: Config; drop: () => Promise<void> }> {
  if (target === 'sqlite') {
    const file = join(tmpdir(), `jetway-test-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${file}`,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'error',
      ...env,
    });
    return { config, drop: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true })) };
  }
  const { url, drop } = await testDatabaseUrl(target);
  return {
    config: loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, SEED_DEMO: 'false', LOG_LEVEL: 'error', ...env }),
    drop,
  };
}
