import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActivityHandler, type Activity, type ConversationReference, TurnContext } from 'botbuilder';
import express from 'express';
import WebSocket from 'ws';
import { loadConfig } from '../../../api/config/config';
import type { Db } from '../../../api/db/db';
import { openDatabase } from '../../../api/db/data-source';
import { createLogger } from '../../../api/logger';
import { BOT_ENTITIES } from '../../../bot/entities';
import {
  createDirectLineRouter,
  type DirectLine,
  DirectLineAdapter,
  type DirectLineAdapterOptions,
  type DirectLineRouterOptions,
} from '../../../bot/directline';
import { type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

export const SECRET = 'dl-test-secret-' + randomBytes(8).toString('hex');
export const JWT_SECRET = randomBytes(32).toString('hex');

/** Echoes a message and sends a second one; remembers what it received and the conversation references. */
export class TestBot extends ActivityHandler {
  readonly received: Partial<Activity>[] = [];
  readonly references = new Map<string, Partial<ConversationReference>>();
  constructor() {
    super();
    this.onTurn(async (context, next) => {
      this.received.push(context.activity);
      if (context.activity.type !== 'event')
        this.references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === 'typing') {
        await context.sendActivity({ type: 'typing' });
        await context.sendTraceActivity('debug', { secret: 'internal' });
        await context.sendActivity('done typing');
      } else if (text === 'update me') {
        const sent = await context.sendActivity('version 1');
        await context.updateActivity({ id: sent?.id, type: 'message', text: 'version 2' });
      } else {
        await context.sendActivity(`echo: ${text}`);
        await context.sendActivity('second');
      }
      await next();
    });
  }
}

export interface Instance {
  db: Db;
  adapter: DirectLineAdapter;
  dl: DirectLine;
  bot: TestBot;
  server: Server;
  /** http://127.0.0.1:<port> */
  base: string;
  close(): Promise<void>;
}

/** One app instance: express + Direct Line router on its own DataSource of `url`. */
export async function startInstance(
  url: string,
  adapterOpts: Partial<DirectLineAdapterOptions> = {},
  routerOpts: Partial<DirectLineRouterOptions> = {},
): Promise<Instance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DIRECTLINE_SECRET: SECRET,
    JWT_SECRET,
    LOG_LEVEL: 'error',
  });
  const log = createLogger({ level: 'error', format: 'json', silent: !process.env.TEST_LOGS });
  const db = await openDatabase(url, { poolSize: 10, entities: BOT_ENTITIES });
  const adapter = new DirectLineAdapter({ db, ...adapterOpts });
  const bot = new TestBot();
  const dl = createDirectLineRouter({
    db,
    adapter,
    bot,
    config,
    log,
    pageSize: 2,
    stream: { pollMs: 200 },
    ...routerOpts,
  });
  const app = express();
  app.use('/v3/directline', dl.router);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  dl.attachWebSocket(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    db,
    adapter,
    dl,
    bot,
    server,
    base,
    async close() {
      await dl.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
    },
  };
}

/** A database URL that several DataSources can share: a fresh MySQL database, or a SQLite file. */
export async function sharedDatabase(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'mysql') return testDatabaseUrl('mysql');
  const dir = mkdtempSync(join(tmpdir(), 'jetway-dl-'));
  return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ActivitySet {
  activities: Partial<Activity>[];
  watermark?: string;
}

/** A raw WebSocket stream client collecting activity sets. */
export class StreamClient {
  readonly sets: ActivitySet[] = [];
  /** Empty keep-alive messages received. */
  empties = 0;
  readonly ws: WebSocket;
  readonly opened: Promise<void>;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
      );
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.ws.on('message', (data) => {
      const text = data.toString();
      if (text) this.sets.push(JSON.parse(text) as ActivitySet);
      else this.empties++;
      for (const w of this.waiters.splice(0)) w();
    });
  }

  get activities(): Partial<Activity>[] {
    return this.sets.flatMap((s) => s.activities);
  }

  get messages(): string[] {
    return this.activities.filter((a) => a.type === 'message').map((a) => String(a.text));
  }

  /** Waits until `predicate` holds for the collected activities. */
  async until(predicate: (c: StreamClient) => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; got ${JSON.stringify(this.messages)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(left, 100));
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  close(): void {
    this.ws.close();
  }
}

export const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
