/**
 * jetway's composition root: config → logger → database → services → bot and channels → HTTP.
 * `npm start` runs this with the embedded defaults (SQLite, sandbox payments, offline language
 * understanding, mail to data/outbox); production parts are switched on by configuration only.
 */
import type { Server } from 'node:http';
import { prepareInventory } from './api/bootstrap';
import { type Config, ConfigError, loadConfig } from './api/config/config';
import { loadEnvFile } from './api/config/env-file';
import { buildApiServices } from './api/container';
import { databaseLimits, openDatabase } from './api/db/data-source';
import { refuseUnmigratedDatabase } from './api/db/migration-status';
import { createHttpApp } from './api/http/app';
import { exitOnCrash, gracefulShutdown, Lifecycle } from './api/lifecycle/shutdown';
import { createLogger } from './api/logger';
import { httpMetrics } from './api/observability/http-metrics';
import { AppMetrics } from './api/observability/metrics';
import { metricsRoute, startMetricsServer } from './api/observability/metrics-endpoint';
import { traceQueries } from './api/observability/sql-spans';
import { Tracing } from './api/observability/tracing';
import { systemClock } from './api/services/clock';
import { startWorkers } from './api/workers';
import { BOT_ENTITIES } from './bot/entities';
import { fallbackReason, instrument } from './bot/observability';
import { retentionWorker } from './bot/retention';
import { createBotRuntime, recognizerFor } from './bot/runtime';
import { openMessageBus } from './api/vendors/bus/redis.bus';

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
  const tracing = Tracing.start({
    endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
    tracesEndpoint: config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT,
    serviceName: config.OTEL_SERVICE_NAME,
  });
  log.info(
    `starting jetway (${config.NODE_ENV}) with ` +
      `${config.databaseKind === 'mysql' ? 'MySQL' : `SQLite ${config.DATABASE_URL.slice(7)}`}`,
  );
  const db = await openDatabase(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    entities: BOT_ENTITIES,
    migrate: config.MIGRATE_ON_START,
    limits: databaseLimits(config),
    onStartupWait: () => log.info('another instance is starting up (migrating): waiting for it'),
  });
  await refuseUnmigratedDatabase(db);
  if (tracing.enabled) traceQueries(db.dataSource, db.kind, tracing);
  const services = buildApiServices(config, db, log, systemClock);
  await prepareInventory(services);

  const metrics = new AppMetrics();
  const lifecycle = new Lifecycle();
  const bus = openMessageBus(config.REDIS_URL, log);
  const runtime = createBotRuntime(services, {
    bus,
    faq: services.faq,
    emailCodes: services.emailVerification,
    recognizer: recognizerFor(services, (reason) => metrics.nluFallbacks.inc({ reason: fallbackReason(reason) })),
    draining: () => lifecycle.draining,
  });
  instrument(services, runtime, metrics, lifecycle.inFlight, tracing);
  const publicMetrics = config.METRICS_PORT === 0 ? [metricsRoute(metrics, config.METRICS_TOKEN)] : [];
  const { app } = createHttpApp(services, {
    early: [
      lifecycle.gate(),
      ...(tracing.enabled ? [tracing.httpSpans()] : []),
      httpMetrics(metrics),
      ...publicMetrics,
    ],
    beforeBody: runtime.beforeBody,
    afterApi: runtime.afterApi,
    caseAnnouncer: runtime.handoff,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.PORT, () => resolve(s));
  });
  runtime.attach(server);
  const metricsServer = config.METRICS_PORT
    ? await startMetricsServer(metrics, config.METRICS_PORT, config.METRICS_TOKEN)
    : null;
  const retention = retentionWorker(services, (kind, rows) => metrics.retentionPurged.inc({ kind }, rows));
  const workers = startWorkers(services, [retention.work]);
  log.info(
    `jetway is listening on ${config.publicUrl} (payments: ` +
      `${services.paymentProvider.name}, mail: ` +
      `${services.mailer.name}, language: ` +
      `${runtime.deps.recognizer.name}; metrics: ` +
      `${metricsServer ? `port ${config.METRICS_PORT}` : '/metrics'}; traces: ` +
      `${tracing.enabled ? 'OTLP' : 'off'})`,
  );

  const shutdown = gracefulShutdown({
    lifecycle,
    log,
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    servers: metricsServer ? [server, metricsServer] : [server],
    drainWorkers: () => workers.drain(),
    closeChannels: () => runtime.close().finally(() => bus.close()),
    closeDatabase: async () => {
      await db.close();
      await tracing.shutdown(); // the last spans, including the shutdown's own requests
    },
  });
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  exitOnCrash(log, shutdown);
}

main().catch((err: unknown) => {
  console.error('jetway failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
