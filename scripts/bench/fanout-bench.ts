/**
 * Cross-instance chat delivery: how long a bot reply appended on instance B takes to reach a Direct Line
 * WebSocket held by instance A, through Redis pub/sub (REDIS_URL) and through the database poll alone.
 *
 *   npm run bench:fanout                      # SQLite file shared by both instances, Redis at 127.0.0.1:6379
 *   npm run bench:fanout -- --messages 300 --redis-url redis://127.0.0.1:6379
 *
 * Both instances run in this process, each with its own database connection and Redis connections; the
 * time runs from B's store reporting the reply committed to A's socket receiving it (one clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ActivityHandler } from 'botbuilder';
import express from 'express';
import WebSocket from 'ws';
import { loadConfig } from '../../api/config/config';
import { openDatabase } from '../../api/db/data-source';
import { createLogger } from '../../api/logger';
import { type MessageBus, noBus } from '../../api/vendors/bus/message-bus';
import { RedisBus } from '../../api/vendors/bus/redis.bus';
import { createDirectLineRouter, DirectLineAdapter } from '../../bot/directline';
import type { StoredActivity } from '../../bot/directline/conversation-store.repository';
import { BOT_ENTITIES } from '../../bot/entities';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const MESSAGES = Number(args.messages);
const log = createLogger({ level: 'error', format: 'json', silent: true });
const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: 'sqlite::memory:',
  DIRECTLINE_SECRET: 'fanout-bench-secret',
  JWT_SECRET: 'fanout-bench-jwt-secret-0123456789abcdef',
  LOG_LEVEL: 'error',
});

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`reply ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

async function instance(url: string, bus: MessageBus) {
  const db = await openDatabase(url, { poolSize: 5, entities: BOT_ENTITIES });
  const adapter = new DirectLineAdapter({ db });
  const dl = createDirectLineRouter({ db, adapter, bot: new EchoBot(), config, log, stream: { bus } });
  const app = express();
  app.use('/v3/directline', dl.router);
  const server: Server = await new Promise((ok) => {
    const s = app.listen(0, '127.0.0.1', () => ok(s));
  });
  dl.attachWebSocket(server);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    adapter,
    dl,
    base,
    async close() {
      await dl.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
      await bus.close();
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(mode: 'redis' | 'polling', url: string): Promise<number[]> {
  const bus = () => (mode === 'redis' ? new RedisBus(args['redis-url']!, log) : noBus);
  const [a, b] = [await instance(url, bus()), await instance(url, bus())];
  try {
    const issued = await a.dl.issueToken({ userId: 'dl_bench', name: 'Bench' });
    const auth = { Authorization: `Bearer ${issued.token}`, 'Content-Type': 'application/json' };
    const conv = await fetch(`${a.base}/v3/directline/conversations`, { method: 'POST', headers: auth });
    const { streamUrl } = (await conv.json()) as { streamUrl: string };
    const committed = new Map<string, number>();
    b.adapter.store.on('appended', (_id: string, s: StoredActivity) => {
      if (s.activity.from?.role === 'bot') committed.set(String(s.activity.text), performance.now());
    });
    const received = new Map<string, number>();
    const ws = new WebSocket(streamUrl.replace(/^ws:\/\/[^/]+/, a.base.replace('http', 'ws')));
    ws.on('message', (data) => {
      const text = data.toString();
      if (!text) return;
      for (const act of (JSON.parse(text) as { activities: { text?: string }[] }).activities)
        if (act.text?.startsWith('reply ')) received.set(act.text, performance.now());
    });
    await new Promise((ok) => ws.once('open', ok));
    await new Promise((r) => setTimeout(r, 500)); // subscriptions settle
    const latencies: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const reply = `reply m${i}`;
      await fetch(`${b.base}/v3/directline/conversations/${issued.conversationId}/activities`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ type: 'message', text: `m${i}` }),
      });
      const deadline = performance.now() + 5000;
      while (!received.has(reply) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 1));
      const sent = committed.get(reply);
      const got = received.get(reply);
      if (sent !== undefined && got !== undefined) latencies.push(got - sent);
      await new Promise((r) => setTimeout(r, Math.random() * 50)); // messages at random phases of the poll
    }
    ws.close();
    return latencies.sort((x, y) => x - y);
  } finally {
    await a.close();
    await b.close();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jetway-fanout-'));
  try {
    console.log(`cross-instance delivery of ${MESSAGES} bot replies (SQLite file shared by two instances)`);
    console.log('mode      n     p50 ms   p95 ms   p99 ms   max ms');
    for (const mode of ['redis', 'polling'] as const) {
      const ms = await measure(mode, `sqlite:${join(dir, `${mode}.sqlite`)}`);
      const f = (v: number) => v.toFixed(1).padStart(8);
      console.log(
        `${mode.padEnd(9)} ${String(ms.length).padEnd(5)}${f(percentile(ms, 50))} ${f(percentile(ms, 95))} ` +
          `${f(percentile(ms, 99))} ${f(ms[ms.length - 1]!)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
