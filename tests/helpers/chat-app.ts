import request from 'supertest';
import { createHttpApp } from '../../api/http/app';
import { type BotRuntime, createBotRuntime } from '../../bot/runtime';
import { createTestApp, type DbTarget, type TestApp } from './test-app';

/** The whole HTTP surface (API, chat token route, Direct Line, SMS) over the test app's services, no server. */
export interface ChatApp {
  t: TestApp;
  runtime: BotRuntime;
  http: ReturnType<typeof request>;
  close(): Promise<void>;
}

export async function createChatApp(opts: { target?: DbTarget; env?: Record<string, string> } = {}): Promise<ChatApp> {
  const t = await createTestApp({ target: opts.target, days: 2, env: opts.env });
  const runtime = createBotRuntime(t.services, { faq: t.services.faq, emailCodes: t.services.emailVerification });
  const { app } = createHttpApp(t.services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi });
  return {
    t,
    runtime,
    http: request(app),
    async close() {
      await runtime.close();
      await t.close();
    },
  };
}
