import { join } from 'node:path';
import WebSocket from 'ws';
import { openConversation, say, type ServerProcess, startServerProcess } from '../../helpers/server-process';
import { type SlowModel, startSlowModel } from '../../helpers/slow-model';

/**
 * Graceful shutdown of the real server with real signals: SIGTERM turns /readyz to 503 at once, new
 * requests get 503 with Retry-After, the chat turn in flight finishes, then the process exits 0; past
 * SHUTDOWN_TIMEOUT_MS it exits 1; an unhandled rejection logs and shuts down the same way.
 */
const STARTUP = 60_000;
let server: ServerProcess | undefined;
let model: SlowModel | undefined;

afterEach(async () => {
  await server?.stop();
  await model?.close();
  server = model = undefined;
});

const modelEnv = (m: SlowModel, timeoutMs: number) => ({
  OPENAI_API_KEY: 'sk-test-stub',
  OPENAI_BASE_URL: m.baseUrl,
  OPENAI_TIMEOUT_MS: String(timeoutMs),
});

it(
  'SIGTERM: readiness fails at once, new requests get 503 + Retry-After, the turn in flight finishes, exit 0',
  async () => {
    model = await startSlowModel(2_500);
    server = await startServerProcess({ ...modelEnv(model, 10_000), SHUTDOWN_TIMEOUT_MS: '10000' });
    const { url } = server;
    const conversation = await openConversation(url);
    const turn = say(url, conversation, 'flights from London to Paris tomorrow');
    await model.firstRequest;

    server.child.kill('SIGTERM');
    let readyz = await fetch(`${url}/readyz`);
    for (let i = 0; i < 20 && readyz.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      readyz = await fetch(`${url}/readyz`);
    }
    expect(readyz.status).toBe(503);
    const refused = await fetch(`${url}/api/v1/openapi.json`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('shutting_down');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    expect((await turn).status).toBe(200);
    expect(await server.exited).toBe(0);
    const log = server.output();
    expect(log).toMatch(/SIGTERM: draining \([12] in flight\)/);
    expect(log).toMatch(/stopped in \d+ ms/);
  },
  STARTUP,
);

it(
  'gives up after SHUTDOWN_TIMEOUT_MS and exits 1',
  async () => {
    model = await startSlowModel(30_000);
    server = await startServerProcess({ ...modelEnv(model, 30_000), SHUTDOWN_TIMEOUT_MS: '1000' });
    const conversation = await openConversation(server.url);
    void say(server.url, conversation, 'flights from London to Paris tomorrow').catch(() => undefined);
    await model.firstRequest;
    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(8_000);
    expect(server.output()).toMatch(/shutdown took longer than SHUTDOWN_TIMEOUT_MS \(1000 ms\)/);
  },
  STARTUP,
);

it(
  'an unhandled rejection is logged with its stack and the server shuts down cleanly with exit code 1',
  async () => {
    const rejectLater = join(__dirname, '..', '..', 'helpers', 'reject-after-start.cjs');
    server = await startServerProcess({ REJECT_AFTER_MS: '500' }, { nodeArgs: ['--require', rejectLater] });
    expect(await server.exited).toBe(1);
    const log = server.output();
    expect(log).toMatch(/unhandled promise rejection; shutting down/);
    expect(log).toMatch(/deliberate test rejection/);
    expect(log).toMatch(/stopped in \d+ ms/);
  },
  STARTUP,
);

/** The status, Retry-After and error code a WebSocket handshake was answered with (instead of 101). */
function handshake(url: string): Promise<{ status: number; retryAfter?: string; code?: string }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      ok({ status: 101 });
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => {
        const code = (JSON.parse(body || '{}') as { error?: { code?: string } }).error?.code;
        ok({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], code });
      });
    });
    ws.once('error', fail);
  });
}

it(
  'SIGTERM: new Direct Line conversations, tokens and stream handshakes get 503 + Retry-After',
  async () => {
    model = await startSlowModel(2_500);
    server = await startServerProcess({ ...modelEnv(model, 10_000), SHUTDOWN_TIMEOUT_MS: '10000' });
    const { url } = server;
    const conversation = await openConversation(url);
    const stream = (c: { token: string; conversationId: string }) =>
      `${url.replace(/^http/, 'ws')}/v3/directline/conversations/${c.conversationId}/stream?t=${c.token}`;
    expect((await handshake(stream(conversation))).status).toBe(101); // before: accepted
    const later = await openConversation(url); // a token the page got before the signal
    const turn = say(url, conversation, 'flights from London to Paris tomorrow');
    await model.firstRequest;

    server.child.kill('SIGTERM');
    let readyz = await fetch(`${url}/readyz`);
    for (let i = 0; i < 20 && readyz.status === 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      readyz = await fetch(`${url}/readyz`);
    }
    expect(readyz.status).toBe(503);
    const refusals = [
      await fetch(`${url}/api/v1/chat/token`, { method: 'POST' }),
      await fetch(`${url}/v3/directline/conversations`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${later.token}` },
      }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('shutting_down');
    }
    expect(await handshake(stream(later))).toEqual({ status: 503, retryAfter: '5', code: 'shutting_down' });

    expect((await turn).status).toBe(200); // the turn already running still finishes
    expect(await server.exited).toBe(0);
  },
  STARTUP,
);
