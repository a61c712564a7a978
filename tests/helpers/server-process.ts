/**
 * The real server (main.ts, through tsx) as a child process, for tests that need real signals and real
 * ports: shutdown, crash handlers, /metrics. Each gets a fresh SQLite file and free ports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => ok(port));
    });
  });
}

export async function startServerProcess(
  env: Record<string, string> = {},
  opts: { nodeArgs?: string[]; readyTimeoutMs?: number } = {},
): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'jetway-server-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // `npm run test:compiled` runs the suite against the build in dist/.
  const entry = process.env.JETWAY_TEST_COMPILED ? ['dist/main.js'] : ['--import', 'tsx', 'main.ts'];
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...entry], {
    cwd: resolve(__dirname, '..', '..'),
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      DATABASE_URL: `sqlite:${join(dir, 'jetway.sqlite')}`,
      SEED_DEMO: 'false',
      LOG_FORMAT: 'json',
      ENV_FILE: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | string>((ok) => child.once('exit', (code, signal) => ok(code ?? signal ?? -1)));
  void exited.finally(() => rmSync(dir, { recursive: true, force: true }));

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 45_000);
  let ended = false;
  void exited.then(() => (ended = true));
  for (;;) {
    if (ended) throw new Error(`the server exited before it was ready:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready in time:\n${out}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url,
    port,
    output: () => out,
    exited,
    async stop() {
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A Direct Line conversation on the server, as the chat page opens one. */
export async function openConversation(url: string): Promise<{ token: string; conversationId: string }> {
  const issued = (await (await fetch(`${url}/api/v1/chat/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
  };
  const started = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${issued.token}` },
  });
  if (!started.ok) throw new Error(`POST /conversations answered ${started.status}`);
  return issued;
}

/** Sends a message and resolves when the server has answered (after the bot's turn). */
export function say(url: string, c: { token: string; conversationId: string }, text: string): Promise<Response> {
  return fetch(`${url}/v3/directline/conversations/${c.conversationId}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'traveller' }, text }),
  });
}
