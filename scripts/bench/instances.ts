import { type ChildProcess, fork } from 'node:child_process';
import { request, Agent } from 'node:http';
import { join } from 'node:path';
import type { ServerReady } from './server';

export interface AppInstance {
  url: string;
  pid: number;
  child: ChildProcess;
}

const running = new Set<ChildProcess>();

/** Starts one app instance (scripts/bench/server.ts) as a child process and waits until it listens. */
export function startInstance(env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<AppInstance> {
  // execArgv is inherited, so the child runs under the same tsx loader as this script.
  const child = fork(join(__dirname, 'server.ts'), [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`app instance did not start within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app instance exited during start-up (code ${code})`));
    });
    child.on('message', (msg: ServerReady) => {
      if (msg?.type !== 'ready') return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${msg.port}`, pid: msg.pid, child });
    });
  });
}

export async function stopInstance(i: AppInstance): Promise<void> {
  if (i.child.exitCode !== null || i.child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => i.child.once('exit', () => resolve()));
  i.child.kill('SIGTERM');
  const timer = setTimeout(() => i.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Kills every instance this process started (on an abort). */
export function killAllInstances(): void {
  for (const c of running) c.kill('SIGKILL');
}

export interface RaceResult {
  requests: number;
  instances: number;
  winners: number;
  /** 409 seat_unavailable: the expected answer for every loser. */
  seatUnavailable: number;
  /** Anything else (status:code → count): must be empty. */
  other: Record<string, number>;
  ms: number;
}

function post(url: string, body: string, token: string, agent: Agent): Promise<{ status: number; code?: string }> {
  return new Promise((resolve) => {
    const req = request(
      `${url}/api/v1/bookings`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let code: string | undefined;
          try {
            code = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: string } }).error?.code;
          } catch {
            code = undefined;
          }
          resolve({ status: res.statusCode ?? 0, code });
        });
      },
    );
    req.on('error', (err) => resolve({ status: 0, code: err.message }));
    req.end(body);
  });
}

/** `n` simultaneous requests for the same seat, spread over the instances and the users' tokens. */
export async function hotSeatRace(urls: string[], tokens: string[], body: string, n: number): Promise<RaceResult> {
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const started = Date.now();
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => post(urls[i % urls.length]!, body, tokens[i % tokens.length]!, agent)),
  );
  const ms = Date.now() - started;
  agent.destroy();
  const other: Record<string, number> = {};
  let winners = 0;
  let seatUnavailable = 0;
  for (const r of results) {
    if (r.status === 201) winners++;
    else if (r.status === 409 && r.code === 'seat_unavailable') seatUnavailable++;
    else other[`${r.status}:${r.code ?? '?'}`] = (other[`${r.status}:${r.code ?? '?'}`] ?? 0) + 1;
  }
  return { requests: n, instances: urls.length, winners, seatUnavailable, other, ms };
}
