import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { ProbeReport } from './probes';

/** The app under test: main.ts in a child process (scripts/bench/chat/server.ts), on 127.0.0.1:port. */
export interface ChatApp {
  url: string;
  pid: number;
  child: ChildProcess;
}

const running = new Set<ChildProcess>();

/** A free TCP port (the app listens on PORT, as main.ts does; it cannot report an ephemeral one). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The Node flags of `npm run start:prod` (as the Dockerfile runs the app), e.g. the young generation's size. */
export function appNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return (pkg.scripts['start:prod'] ?? '').split(/\s+/).filter((w) => w.startsWith('--'));
}

/** Starts main.ts as a child process and waits until GET /healthz answers. */
export async function startApp(
  env: NodeJS.ProcessEnv,
  opts: { probes: boolean; timeoutMs?: number },
): Promise<ChatApp> {
  const port = await freePort();
  // execArgv is inherited, so the child runs under the same tsx loader as this script, with the Node flags the
  // app runs with (start:prod). BENCH_APP_NODE_FLAGS: more flags for the app alone (e.g. --trace-deopt).
  const extraFlags = env.BENCH_APP_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = fork(join(__dirname, 'server.ts'), [], {
    execArgv: [...process.execArgv, ...appNodeFlags(), ...extraFlags],
    env: { ...env, PORT: String(port), BENCH_PROBES: opts.probes ? '1' : '0' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + (opts.timeoutMs ?? 90_000);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  while (!(await healthy(url))) {
    if (exited !== undefined) throw new Error(`the app (main.ts) exited during start-up (code ${exited})`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error('the app (main.ts) did not answer /healthz in time');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, child };
}

export async function stopApp(app: ChatApp): Promise<void> {
  const c = app.child;
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => c.once('exit', () => resolve()));
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export function killAllApps(): void {
  for (const c of running) c.kill('SIGKILL');
}

/** Sends `msg` to the app and waits for its reply of type `reply`. */
export function ask<T>(app: ChatApp, msg: object, reply: string, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      app.child.off('message', on);
      reject(new Error(`the app did not answer ${JSON.stringify(msg)}`));
    }, timeoutMs);
    const on = (m: { type?: string; message?: string }) => {
      if (m?.type === 'profile-error') {
        clearTimeout(timer);
        app.child.off('message', on);
        reject(new Error(`profiling failed in the app: ${m.message}`));
      }
      if (m?.type !== reply) return;
      clearTimeout(timer);
      app.child.off('message', on);
      resolve(m as T);
    };
    app.child.on('message', on);
    app.child.send(msg);
  });
}

export const resetProbes = (app: ChatApp) => ask<unknown>(app, { type: 'probe-reset' }, 'probe-reset-done');
export const probeReport = (app: ChatApp) => ask<ProbeReport>(app, { type: 'probe-report' }, 'probe-report');
export const startProfile = (app: ChatApp, intervalUs = 500) =>
  ask<unknown>(app, { type: 'profile-start', intervalUs }, 'profile-started');
export const stopProfile = (app: ChatApp, file: string) =>
  ask<unknown>(app, { type: 'profile-stop', file }, 'profile-stopped', 120_000);
