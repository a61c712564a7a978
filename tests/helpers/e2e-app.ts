import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../api/http/app';
import { startWorkers } from '../../api/workers';
import { type BotRuntime, createBotRuntime } from '../../bot/runtime';
import { createTestApp, type TestApp } from './test-app';

/**
 * The whole jetway app in this process, as `main.ts` composes it, on an ephemeral port: the booking API
 * over a fresh in-memory SQLite database with the demo inventory, the bot runtime (Direct Line and its
 * WebSocket streams, the chat page, the Web Chat bundle) and the background workers (domain events, so
 * a payment's confirmation reaches the chat on its own). PUBLIC_URL is the real address, so payment
 * links, ticket links and stream URLs point back at this server.
 */
export interface E2eApp {
  /** http://127.0.0.1:<port> */
  base: string;
  t: TestApp;
  runtime: BotRuntime;
  server: Server;
  close(): Promise<void>;
}

export async function startE2eApp(opts: { env?: Record<string, string>; days?: number } = {}): Promise<E2eApp> {
  // Listen first (without a handler) to learn the port, then build the app whose config needs it.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  let testApp: TestApp | undefined;
  try {
    const t = (testApp = await createTestApp({
      days: opts.days,
      env: {
        PUBLIC_URL: base,
        // The test clock stands still, so a limit's window never ends: a scripted traveller is no flood.
        RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '100000',
        ...opts.env,
      },
    }));
    const services = t.services;
    const runtime = createBotRuntime(services, { faq: services.faq, emailCodes: services.emailVerification });
    const { app } = createHttpApp(services, {
      beforeBody: runtime.beforeBody,
      afterApi: runtime.afterApi,
      caseAnnouncer: runtime.handoff,
    });
    server.on('request', app);
    runtime.attach(server);
    const workers = startWorkers(services);
    return {
      base,
      t,
      runtime,
      server,
      async close() {
        workers.stop();
        await runtime.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await t.close();
      },
    };
  } catch (err) {
    server.close();
    await testApp?.close();
    throw err;
  }
}
