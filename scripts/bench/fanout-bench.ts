/**
 * Cross-instance chat delivery: how much later a bot reply made on instance B reaches a Direct Line socket
 * held by instance A than one held by B itself, through Redis pub/sub (REDIS_URL) and through the database
 * poll alone (300 ms).
 *
 *   npm run bench:fanout                      # SQLite file shared by both instances, Redis at 127.0.0.1:6379
 *   npm run bench:fanout -- --messages 300 --redis-url redis://127.0.0.1:6379
 *
 * A and B are child processes (as in production); this process is the client holding both sockets, so both
 * arrival times are read on one clock.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { openDatabase } from '../../api/db/data-source';
import { BOT_ENTITIES } from '../../bot/entities';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '200' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
});
const MESSAGES = Number(args.messages);
const SECRET = 'fanout-bench-secret-0123456789';

function start(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = fork(join(__dirname, 'fanout', 'instance.ts'), [], {
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`instance exited during start-up (${code})`)));
    child.on('message', (m: { type?: string; port?: number }) => {
      if (m.type === 'ready') ok({ child, base: `http://127.0.0.1:${m.port}` });
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** A socket that records when each bot reply arrived. */
function listen(url: string): Promise<Map<string, number>> {
  const arrivals = new Map<string, number>();
  const ws = new WebSocket(url);
  ws.on('message', (data) => {
    const at = performance.now();
    const text = data.toString();
    if (!text) return;
    for (const a of (JSON.parse(text) as { activities: { text?: string }[] }).activities)
      if (a.text?.startsWith('reply ')) arrivals.set(a.text, at);
  });
  sockets.push(ws);
  return new Promise((ok) => ws.once('open', () => ok(arrivals)));
}
const sockets: WebSocket[] = [];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(mode: 'redis' | 'polling', url: string): Promise<number[]> {
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: url,
    DIRECTLINE_SECRET: SECRET,
    JWT_SECRET: 'fanout-bench-jwt-secret-0123456789abcdef',
    REDIS_URL: mode === 'redis' ? args['redis-url'] : '',
  };
  const [a, b] = [await start(env), await start(env)];
  try {
    const conv = await fetch(`${b.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${SECRET}` },
    });
    const { conversationId, token, streamUrl } = (await conv.json()) as Record<string, string>;
    const onB = await listen(streamUrl!);
    const onA = await listen(streamUrl!.replace(/^ws:\/\/[^/]+/, a.base.replace('http', 'ws')));
    await new Promise((r) => setTimeout(r, 500)); // A's subscription reaches Redis
    const extra: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const reply = `reply m${i}`;
      await fetch(`${b.base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', from: { id: 'bench' }, text: `m${i}` }),
      });
      const deadline = performance.now() + 5000;
      while (!(onA.has(reply) && onB.has(reply)) && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 1));
      if (onA.has(reply) && onB.has(reply)) extra.push(Math.max(0, onA.get(reply)! - onB.get(reply)!));
      await new Promise((r) => setTimeout(r, Math.random() * 50)); // messages at random phases of the poll
    }
    for (const ws of sockets.splice(0)) ws.close();
    return extra.sort((x, y) => x - y);
  } finally {
    await stop(a.child);
    await stop(b.child);
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jetway-fanout-'));
  try {
    console.log(`cross-instance delivery of ${MESSAGES} bot replies (two instances on one SQLite file)`);
    console.log("delay of the reply on A's socket after B's own socket, in ms");
    console.log('mode      n       p50      p95      p99      max');
    for (const mode of ['redis', 'polling'] as const) {
      const url = `sqlite:${join(dir, `${mode}.sqlite`)}`;
      await (await openDatabase(url, { entities: BOT_ENTITIES })).close(); // migrate once, before the instances
      const ms = await measure(mode, url);
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
