import request from 'supertest';
import WebSocket from 'ws';
import { DirectLine } from 'botframework-directlinejs';
import { DB_TARGETS } from '../../helpers/test-app';
import { bearer, type Instance, SECRET, sharedDatabase, startInstance, StreamClient } from './harness';

interface AjaxRequest {
  method?: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}
interface RxObservable<T> {
  subscribe(next: (v: T) => void, error?: (e: unknown) => void): { unsubscribe(): void };
}
// The rxjs 5 the client is built on, so the ajax replacement below has the operators it patches in.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Observable } = require('rxjs/Observable') as {
  Observable: {
    create<T>(fn: (s: { next(v: T): void; error(e: unknown): void; complete(): void }) => void): RxObservable<T>;
  };
};

/**
 * Node has no XMLHttpRequest: the real client's requests go through fetch instead (everything else is the client's).
 */
const fetchAjax = (req: AjaxRequest) =>
  Observable.create<{ status: number; response: unknown }>((s) => {
    const body =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    fetch(req.url, { method: req.method ?? 'GET', headers: req.headers, body }).then(
      async (r) => {
        const text = await r.text();
        const response = text ? (JSON.parse(text) as unknown) : null;
        if (r.ok) {
          s.next({ status: r.status, response });
          s.complete();
        } else s.error({ status: r.status, response });
      },
      (err: unknown) => s.error({ status: 0, err }),
    );
  });

describe.each(DB_TARGETS)('Direct Line runtime (%s)', (target) => {
  let one: Instance;
  let two: Instance;
  let drop: () => Promise<void>;
  const clients: StreamClient[] = [];
  const stream = (url: string) => {
    const c = new StreamClient(url);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const db = await sharedDatabase(target);
    drop = db.drop;
    one = await startInstance(db.url);
    two = await startInstance(db.url);
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await drop();
  });

  async function start(on: Instance, userId = 'dl_carol') {
    const issued = await on.dl.issueToken({ userId, name: 'Carol' });
    const conv = await request(on.base).post('/v3/directline/conversations').set(bearer(issued.token));
    expect(conv.status).toBe(201);
    return { token: issued.token, conversationId: issued.conversationId, streamUrl: conv.body.streamUrl as string };
  }
  const post = (on: Instance, conversationId: string, token: string, text: string) =>
    request(on.base)
      .post(`/v3/directline/conversations/${conversationId}/activities`)
      .set(bearer(token))
      .send({ type: 'message', text });
  const streamOn = (on: Instance, url: string) => stream(url.replace(/^ws:\/\/[^/]+/, on.base.replace('http', 'ws')));

  it(
    'delivers a message posted through instance 1 to a socket on instance ' +
      '2, and proactive messages across instances',
    async () => {
      const { token, conversationId, streamUrl } = await start(one);
      const ws = streamOn(two, streamUrl);
      await ws.opened;
      await post(one, conversationId, token, 'across');
      await ws.until((c) => c.messages.length >= 3);
      expect(ws.messages).toEqual(['across', 'echo: across', 'second']);

      // A proactive message from instance 2's adapter (e.g. "payment confirmed") reaches a socket on instance 1.
      const ws1 = streamOn(one, streamUrl);
      await ws1.until((c) => c.messages.length >= 3);
      const reference = one.bot.references.get(conversationId);
      expect(reference).toBeDefined();
      await two.adapter.continueConversation(reference!, async (context) => {
        await context.sendActivity('payment confirmed');
      });
      await ws1.until((c) => c.messages.includes('payment confirmed'));
      const proactive = ws1.activities.find((a) => a.text === 'payment confirmed');
      expect(proactive).toMatchObject({
        from: { role: 'bot' },
        recipient: { id: 'dl_carol' },
        conversation: { id: conversationId },
      });
      await ws.until((c) => c.messages.includes('payment confirmed'));
      const marks = ws.sets.filter((s) => s.watermark).map((s) => Number(s.watermark));
      expect(marks).toEqual([...new Set(marks)].sort((a, b) => a - b));
      expect(marks[marks.length - 1]).toBe(4);
      expect(ws.messages).toEqual(['across', 'echo: across', 'second', 'payment confirmed']);
    },
  );

  it('keeps the replies of one conversation in order when messages arrive together', async () => {
    const { token, conversationId } = await start(one);
    await Promise.all(['a', 'b', 'c'].map((t) => post(one, conversationId, token, t)));
    const r = await request(one.base)
      .get(`/v3/directline/conversations/${conversationId}/activities`)
      .query({ watermark: '3' })
      .set(bearer(token));
    expect(r.status).toBe(200);
    const all: string[] = [];
    let watermark = '0';
    for (;;) {
      const page = await request(one.base)
        .get(`/v3/directline/conversations/${conversationId}/activities`)
        .query({ watermark })
        .set(bearer(token));
      if (!page.body.activities.length) break;
      watermark = page.body.watermark;
      all.push(
        ...page.body.activities.map((a: { from: { role: string }; text: string }) => `${a.from.role}:${a.text}`),
      );
    }
    // Each turn's two replies follow each other, in the order the turns ran.
    const bot = all.filter((s) => s.startsWith('bot:'));
    expect(bot).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      expect(bot[i]).toMatch(/^bot:echo: [abc]$/);
      expect(bot[i + 1]).toBe('bot:second');
    }
    expect(new Set(bot.filter((_, i) => i % 2 === 0)).size).toBe(3);
  });

  it(
    'updates a bot activity in place: the socket gets the new version ' +
      'under the same id, the history holds it once',
    async () => {
      const { token, conversationId, streamUrl } = await start(one);
      const ws = streamOn(one, streamUrl);
      await ws.opened;
      await post(one, conversationId, token, 'update me');
      await ws.until((c) => c.messages.includes('version 2'));
      const versions = ws.activities.filter((a) => a.text === 'version 1' || a.text === 'version 2');
      expect(versions).toHaveLength(2);
      expect(versions[0].id).toBe(versions[1].id);
      expect(versions[1].timestamp).toBe(versions[0].timestamp);
      const history = await request(one.base)
        .get(`/v3/directline/conversations/${conversationId}/activities`)
        .query({ watermark: '1' })
        .set(bearer(token));
      expect(history.body.activities.map((a: { text: string }) => a.text)).toEqual(['version 2']);
      await expect(
        one.adapter.continueConversation(one.bot.references.get(conversationId)!, async (context) => {
          await context.updateActivity({ id: `${conversationId}|9999999`, type: 'message', text: 'nope' });
        }),
      ).rejects.toThrow(/no bot activity/);
      await expect(
        one.adapter.continueConversation(one.bot.references.get(conversationId)!, (context) =>
          context.deleteActivity('x'),
        ),
      ).rejects.toThrow(/not supported/);
    },
  );

  it('sends typing straight to the sockets without storing it, and never shows traces', async () => {
    const { token, conversationId, streamUrl } = await start(one);
    const ws = streamOn(one, streamUrl);
    await ws.opened;
    await post(one, conversationId, token, 'typing');
    await ws.until((c) => c.messages.includes('done typing'));
    const typing = ws.sets.find((s) => s.activities[0].type === 'typing');
    expect(typing).toBeDefined();
    expect(typing!.watermark).toBeUndefined();
    expect(ws.activities.some((a) => a.type === 'trace')).toBe(false);
    const history = await request(one.base)
      .get(`/v3/directline/conversations/${conversationId}/activities`)
      .set(bearer(token));
    expect(history.body.activities.map((a: { type: string }) => a.type)).toEqual(['message', 'message']);
  });

  it('purges idle conversations with their activities', async () => {
    const { token, conversationId } = await start(one);
    await post(one, conversationId, token, 'old news');
    expect(await one.adapter.store.purgeIdle(new Date(Date.now() - 60_000))).toBe(0);
    let purged = 0;
    for (let n = -1; n !== 0; purged += n) n = await one.adapter.store.purgeIdle(new Date(Date.now() + 1000));
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await one.adapter.store.find(conversationId)).toBeNull();
    expect(await one.adapter.store.after(conversationId, 0)).toEqual([]);
  });

  it('refuses proactive messages to a conversation that does not exist', async () => {
    await expect(
      one.adapter.continueConversation(
        { conversation: { id: 'nosuchconversation' } as never, user: { id: 'x', name: 'x' } },
        (c) => c.sendActivity('hello').then(() => undefined),
      ),
    ).rejects.toThrow(/no conversation/);
  });

  it('works with the real Direct Line client (botframework-directlinejs over WebSocket)', async () => {
    const g = globalThis as { WebSocket?: unknown };
    const previous = g.WebSocket;
    g.WebSocket = WebSocket;
    const gen = await request(two.base)
      .post('/v3/directline/tokens/generate')
      .set(bearer(SECRET))
      .send({ user: { id: 'dl_dave' } });
    const client = new DirectLine({
      token: gen.body.token,
      domain: `${two.base}/v3/directline`,
      webSocket: true,
      ajax: fetchAjax,
    } as never);
    const seen: string[] = [];
    try {
      const got = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no echo; saw ${JSON.stringify(seen)}`)), 10_000);
        client.activity$.subscribe(
          (a) => {
            seen.push(`${a.from.role ?? a.from.id}:${a.type === 'message' ? a.text : a.type}`);
            if (a.type === 'message' && a.text === 'echo: hello from the client') {
              clearTimeout(timer);
              resolve();
            }
          },
          () => undefined,
        ); // end() below ends the stream with "conversation ended"
      });
      const id = await new Promise<string>((resolve, reject) =>
        client
          .postActivity({ type: 'message', text: 'hello from the client', from: { id: 'dl_dave' } } as never)
          .subscribe(resolve, reject),
      );
      expect(id).toContain(gen.body.conversationId);
      await got;
      expect(seen.slice(0, 2)).toEqual(['user:hello from the client', 'bot:echo: hello from the client']);
    } finally {
      client.end();
      g.WebSocket = previous;
    }
  }, 20_000);
});
