import { Redis } from 'ioredis';
import request from 'supertest';
import { createLogger } from '../../../api/logger';
import { RedisBus } from '../../../api/vendors/bus/redis.bus';
import { DB_TARGETS } from '../../helpers/test-app';
import { TcpProxy } from '../../helpers/tcp-proxy';
import { bearer, type Instance, sharedDatabase, startInstance, StreamClient } from './harness';

const REDIS = new URL(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const log = createLogger({ level: 'error', format: 'json', silent: !process.env.TEST_LOGS });

async function until(predicate: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Two instances share a database and a Redis: a bot reply (and a typing indicator) produced on one reaches
 * a socket held by the other through Redis pub/sub, without waiting for the database poll; when Redis goes
 * away the poll delivers instead.
 */
describe.each(DB_TARGETS)('Direct Line fan-out between instances through Redis (%s)', (target) => {
  let one: Instance;
  let two: Instance;
  let drop: () => Promise<void>;
  let proxy: TcpProxy;
  const buses: RedisBus[] = [];
  const clients: StreamClient[] = [];

  beforeAll(async () => {
    const db = await sharedDatabase(target);
    drop = db.drop;
    // Instance one reaches Redis through a proxy the test can cut; the poll is slow so only Redis is quick.
    proxy = await new TcpProxy(REDIS.hostname, Number(REDIS.port || 6379)).start();
    buses.push(new RedisBus(`redis://127.0.0.1:${proxy.port}`, log), new RedisBus(REDIS.href, log));
    one = await startInstance(db.url, {}, { stream: { bus: buses[0], pollMs: 150, livePollMs: 60_000 } });
    two = await startInstance(db.url, {}, { stream: { bus: buses[1], pollMs: 150, livePollMs: 60_000 } });
    await until(() => buses.every((b) => b.live), `Redis at ${REDIS.host}`);
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await one?.close();
    await two?.close();
    for (const b of buses) await b.close();
    await proxy?.close();
    await drop();
  });

  /** Waits until some instance listens to the conversation's channel on Redis (subscribing is asynchronous). */
  async function subscribed(conversationId: string): Promise<void> {
    const probe = new Redis(REDIS.href);
    try {
      const deadline = Date.now() + 5000;
      for (;;) {
        const [, n] = (await probe.pubsub('NUMSUB', `jetway:dl:${conversationId}`)) as [string, number];
        if (Number(n) > 0) return;
        if (Date.now() > deadline) throw new Error('the conversation was never subscribed on Redis');
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      probe.disconnect();
    }
  }

  async function conversationOn(on: Instance) {
    const issued = await on.dl.issueToken({ userId: 'dl_fan', name: 'Fan' });
    const conv = await request(on.base).post('/v3/directline/conversations').set(bearer(issued.token));
    expect(conv.status).toBe(201);
    const streamUrl = (conv.body.streamUrl as string).replace(/^ws:\/\/[^/]+/, on.base.replace('http', 'ws'));
    const socket = new StreamClient(streamUrl);
    clients.push(socket);
    await socket.opened;
    return { token: issued.token, conversationId: issued.conversationId, socket };
  }
  const post = (on: Instance, conversationId: string, token: string, text: string) =>
    request(on.base)
      .post(`/v3/directline/conversations/${conversationId}/activities`)
      .set(bearer(token))
      .send({ type: 'message', text });

  it('a socket on instance one receives the bot reply and typing produced on instance two', async () => {
    const { token, conversationId, socket } = await conversationOn(one);
    await subscribed(conversationId);
    const posted = Date.now();
    await post(two, conversationId, token, 'typing');
    await socket.until((c) => c.messages.includes('done typing'), 1500);
    // With the database poll at 60 s while Redis is live, only Redis can have brought these in time.
    expect(Date.now() - posted).toBeLessThan(1500);
    expect(socket.messages).toEqual(['typing', 'done typing']);
    expect(socket.activities.map((a) => a.type)).toContain('typing');
    const marks = socket.sets.filter((s) => s.watermark).map((s) => Number(s.watermark));
    expect(marks).toEqual([1, 2]);
  });

  it('falls back to polling the database while Redis is away, and uses Redis again once it is back', async () => {
    const { token, conversationId, socket } = await conversationOn(one);
    proxy.cut();
    await until(() => !buses[0]!.live, 'instance one to notice Redis is gone');
    await post(two, conversationId, token, 'while Redis is away');
    await socket.until((c) => c.messages.includes('second'), 3000);
    expect(socket.messages).toEqual(['while Redis is away', 'echo: while Redis is away', 'second']);

    proxy.heal();
    await until(() => buses[0]!.live, 'instance one to reconnect to Redis', 10_000);
    await subscribed(conversationId);
    await post(two, conversationId, token, 'back');
    await socket.until((c) => c.messages.includes('echo: back'), 1500);
  }, 30_000);
});
