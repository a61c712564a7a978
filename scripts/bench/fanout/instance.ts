/**
 * One Direct Line instance for `npm run bench:fanout`, run as a child process: an echo bot on the shared
 * database (DATABASE_URL, already migrated by the parent), with Redis pub/sub when REDIS_URL is set. It
 * reports its port to the parent over IPC; SIGTERM stops it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler } from 'botbuilder';
import express from 'express';
import { loadConfig } from '../../../api/config/config';
import { openDatabase } from '../../../api/db/data-source';
import { createLogger } from '../../../api/logger';
import { openMessageBus } from '../../../api/vendors/bus/redis.bus';
import { createDirectLineRouter, DirectLineAdapter } from '../../../bot/directline';
import { BOT_ENTITIES } from '../../../bot/entities';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`reply ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: 'error', format: 'json', silent: true });
  const db = await openDatabase(config.DATABASE_URL, { migrate: false, poolSize: 5, entities: BOT_ENTITIES });
  const bus = openMessageBus(config.REDIS_URL, log);
  const adapter = new DirectLineAdapter({ db });
  const dl = createDirectLineRouter({ db, adapter, bot: new EchoBot(), config, log, stream: { bus } });
  const app = express();
  app.use('/v3/directline', dl.router);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  dl.attachWebSocket(server);
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
  process.once('SIGTERM', () => {
    void (async () => {
      await dl.close();
      server.closeAllConnections();
      server.close();
      await db.close();
      await bus.close();
      process.exit(0);
    })();
  });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
