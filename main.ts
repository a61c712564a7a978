/**
 * jetway's composition root: config → logger → database → services → bot and channels → HTTP.
 * `npm start` runs this with the embedded defaults (SQLite, sandbox payments, offline language
 * understanding, mail to data/outbox); production parts are switched on by configuration only.
 */
import type { Server } from 'node:http';
import { prepareInventory } from './api/bootstrap';
import { type Config, ConfigError, loadConfig } from './api/config/config';
import { buildApiServices } from './api/container';
import { loadEnvFile } from './api/config/env-file';
import { openDatabase } from './api/db/data-source';
import { refuseUnmigratedDatabase } from './api/db/migration-status';
import { createHttpApp } from './api/http/app';
import { createLogger } from './api/logger';
import { systemClock } from './api/services/clock';
import { startWorkers } from './api/workers';
import { BOT_ENTITIES } from './bot/entities';
import { createBotRuntime } from './bot/runtime';

function readConfig(): Config {
  try {
    loadEnvFile(); // .env, if present; the environment wins
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError || (err instanceof Error && err.message.startsWith('ENV_FILE'))) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const log = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
  log.info(
    `starting jetway (${config.NODE_ENV}) with ` +
      `${config.databaseKind === 'mysql' ? 'MySQL' : `SQLite ${config.DATABASE_URL.slice(7)}`}`,
  );
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    entities: BOT_ENTITIES,
    migrate: config.MIGRATE_ON_START,
  });
  await refuseUnmigratedDatabase(db);
  const services = buildApiServices(config, db, log, systemClock);
  await prepareInventory(services);

  const runtime = createBotRuntime(services, { faq: services.faq, emailCodes: services.emailVerification });
  const { app } = createHttpApp(services, {
    beforeBody: runtime.beforeBody,
    afterApi: runtime.afterApi,
    caseAnnouncer: runtime.handoff,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  runtime.attach(server);
  const stopWorkers = startWorkers(services);
  log.info(
    `jetway is listening on ${config.publicUrl} (payments: ` +
      `${services.paymentProvider.name}, mail: ` +
      `${services.mailer.name}, language: ` +
      `${runtime.deps.recognizer.name})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    stopWorkers();
    server.close();
    await runtime.close();
    server.closeAllConnections();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('jetway failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
