import { join } from 'node:path';
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
