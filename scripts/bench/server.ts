/**
 * One app instance for the benchmark, run as a child process: the same composition as main.ts
 * (config → database → services → inventory → HTTP app → hold sweeper) on an ephemeral port on
 * 127.0.0.1, which it reports to the parent over IPC. SIGTERM stops it.
 */
import type { AddressInfo } from 'node:net';
import { prepareInventory } from '../../api/bootstrap';
import { loadConfig } from '../../api/config/config';
import { buildApiServices } from '../../api/container';
import { databaseLimits, openDatabase } from '../../api/db/data-source';
import { createHttpApp } from '../../api/http/app';
import { createLogger } from '../../api/logger';
import { systemClock } from '../../api/services/clock';

export interface ServerReady {
  type: 'ready';
  port: number;
  pid: number;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.LOG_LEVEL, format: config.logFormat });
  // The parent has migrated and seeded the database; instances only connect.
  const db = await openDatabase(config.DATABASE_URL, {
    migrate: false,
    poolSize: config.DATABASE_POOL_SIZE,
    limits: databaseLimits(config),
  });
  const services = buildApiServices(config, db, log, systemClock);
  await prepareInventory(services);
  const { app } = createHttpApp(services);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  services.sweeper.start(config.SWEEP_SECONDS);
  const ready: ServerReady = { type: 'ready', port: (server.address() as AddressInfo).port, pid: process.pid };
  process.send?.(ready);

  const stop = async () => {
    services.sweeper.stop();
    server.close();
    server.closeAllConnections();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // Die with the parent rather than linger holding the port and database connections.
  process.on('disconnect', () => void stop());
}

main().catch((err: unknown) => {
  console.error('bench server failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
