import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DB_TARGETS, testDatabaseUrl } from '../../helpers/test-app';
import { bearer, type Instance, JWT_SECRET, SECRET, startInstance, StreamClient } from './harness';

/** Direct Line 3.0 over raw HTTP and WebSockets, as Web Chat speaks it. */
describe.each(DB_TARGETS)('Direct Line protocol (%s)', (target) => {
  let app: Instance;
  let drop: () => Promise<void>;
  const clients: StreamClient[] = [];
  const stream = (url: string) => {
    const c = new StreamClient(url);
    clients.push(c);
    return c;
  };
  const http = () => request(app.base);

  beforeAll(async () => {
    const db = await testDatabaseUrl(target);
    drop = db.drop;
    app = await startInstance(
      db.url,
      { render: (a) => ({ ...a, channelData: { ...(a.channelData ?? {}), rendered: true } }) },
      { stream: { pollMs: 200, heartbeatMs: 150 } },
    );
  }, 60_000);
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await app.close();
    await drop();
  });

  /** generate → start: a token and a started conversation for a new user. */
  async function start(user = { id: 'dl_alice', name: 'Alice' }) {
    const gen = await http().post('/v3/directline/tokens/generate').set(bearer(SECRET)).send({ user });
    expect(gen.status).toBe(200);
    const conv = await http().post('/v3/directline/conversations').set(bearer(gen.body.token));
    expect(conv.status).toBe(201);
    return {
      token: gen.body.token as string,
      conversationId: conv.body.conversationId as string,
      streamUrl: conv.body.streamUrl as string,
    };
  }
  const post = (conversationId: string, token: string, body: object) =>
    http().post(`/v3/directline/conversations/${conversationId}/activities`).set(bearer(token)).send(body);

  it('generates a token, starts the conversation and streams the replies with increasing watermarks', async () => {
    const gen = await http()
      .post('/v3/directline/tokens/generate')
      .set(bearer(SECRET))
      .send({ user: { id: 'dl_bob', name: 'Bob' } });
    expect(gen.body).toEqual({ conversationId: expect.any(String), token: expect.any(String), expires_in: 1800 });
    const conv = await http().post('/v3/directline/conversations').set(bearer(gen.body.token));
    expect(conv.status).toBe(201);
    expect(conv.body).toMatchObject({
      conversationId: gen.body.conversationId,
      token: gen.body.token,
      expires_in: expect.any(Number),
    });
    expect(conv.body.streamUrl).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${gen.body.conversationId}/stream\\?watermark=-&t=`,
      ),
    );
    const again = await http().post('/v3/directline/conversations').set(bearer(gen.body.token));
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(gen.body.conversationId);

    const ws = stream(conv.body.streamUrl);
    await ws.opened;
    const posted = await post(gen.body.conversationId, gen.body.token, {
      type: 'message',
      text: 'hi',
      from: { id: 'dl_bob' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toEqual(expect.stringContaining(gen.body.conversationId));
    await ws.until((c) => c.messages.length >= 3);
    expect(ws.messages).toEqual(['hi', 'echo: hi', 'second']);
    const marks = ws.sets.filter((s) => s.watermark).map((s) => Number(s.watermark));
    expect(marks).toEqual([...marks].sort((a, b) => a - b));
    expect(new Set(marks).size).toBe(marks.length);
    const [user, echo] = ws.activities.filter((a) => a.type === 'message');
    expect(user).toMatchObject({
      id: posted.body.id,
      from: { id: 'dl_bob', name: 'Bob', role: 'user' },
      channelId: 'directline',
    });
    expect(echo).toMatchObject({
      from: { role: 'bot' },
      replyToId: posted.body.id,
      conversation: { id: gen.body.conversationId },
    });
    expect(echo.channelData).toMatchObject({ rendered: true }); // the render hook ran on the outgoing activity
    expect(user.channelData).toBeUndefined();
  });

  it('keeps an idle socket alive with empty messages', async () => {
    const { streamUrl } = await start();
    const ws = stream(streamUrl);
    await ws.opened;
    await ws.until((c) => c.empties >= 2);
    expect(ws.ws.readyState).toBe(ws.ws.OPEN);
  });

  it('answers CORS preflights', async () => {
    const r = await http()
      .options('/v3/directline/conversations')
      .set('Origin', 'https://example.com')
      .set('Access-Control-Request-Method', 'POST');
    expect(r.status).toBe(204);
    expect(r.headers['access-control-allow-origin']).toBe('*');
    expect(r.headers['access-control-allow-headers']).toContain('Authorization');
  });

  it('pages GET activities by watermark and replays the history from 0', async () => {
    const { token, conversationId } = await start();
    await post(conversationId, token, { type: 'message', text: 'one' });
    await post(conversationId, token, { type: 'message', text: 'two' });
    const texts: string[] = [];
    let watermark = '0';
    for (let pages = 0; pages < 10; pages++) {
      const r = await http()
        .get(`/v3/directline/conversations/${conversationId}/activities`)
        .query({ watermark })
        .set(bearer(token));
      expect(r.status).toBe(200);
      if (r.body.activities.length === 0) {
        expect(r.body.watermark).toBe(watermark);
        break;
      }
      expect(r.body.activities.length).toBeLessThanOrEqual(2);
      expect(Number(r.body.watermark)).toBeGreaterThan(Number(watermark));
      watermark = r.body.watermark;
      texts.push(...r.body.activities.map((a: { text: string }) => a.text));
    }
    expect(texts).toEqual(['one', 'echo: one', 'second', 'two', 'echo: two', 'second']);
    const none = await http().get(`/v3/directline/conversations/${conversationId}/activities`).set(bearer(token));
    expect(none.body.activities.map((a: { text: string }) => a.text)).toEqual(['one', 'echo: one']);
  });

  it(
    'resumes after a reload: a new socket from a watermark gets only what ' +
      'came after, without one the whole history',
    async () => {
      const { token, conversationId } = await start();
      await post(conversationId, token, { type: 'message', text: 'before' });
      const info = await http()
        .get(`/v3/directline/conversations/${conversationId}`)
        .query({ watermark: '3' })
        .set(bearer(token));
      expect(info.status).toBe(200);
      expect(info.body).toMatchObject({ conversationId, token });
      expect(info.body.streamUrl).toContain('watermark=3&t=');
      const resumed = stream(info.body.streamUrl);
      await resumed.opened;
      await post(conversationId, token, { type: 'message', text: 'after' });
      await resumed.until((c) => c.messages.length >= 3);
      expect(resumed.messages).toEqual(['after', 'echo: after', 'second']);

      const fresh = await http().get(`/v3/directline/conversations/${conversationId}`).set(bearer(token));
      const all = stream(fresh.body.streamUrl);
      await all.until((c) => c.messages.length >= 6);
      expect(all.messages).toEqual(['before', 'echo: before', 'second', 'after', 'echo: after', 'second']);
      expect(all.sets.every((s) => s.activities.length === 1)).toBe(true); // one activity per message
      expect(all.sets.map((s) => Number(s.watermark))).toEqual([1, 2, 3, 4, 5, 6]);
    },
  );

  it('refreshes a token for the same conversation; the secret cannot be refreshed', async () => {
    const { token, conversationId } = await start();
    const r = await http().post('/v3/directline/tokens/refresh').set(bearer(token));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ conversationId, expires_in: 1800 });
    expect(r.body.token).not.toBe(token);
    const read = await http()
      .get(`/v3/directline/conversations/${conversationId}/activities`)
      .set(bearer(r.body.token));
    expect(read.status).toBe(200);
    const s = await http().post('/v3/directline/tokens/refresh').set(bearer(SECRET));
    expect(s.status).toBe(403);
    // A grant first issued more than a day ago can no longer be refreshed: the page must mint a new token.
    const ancient = app.dl.tokens.issue({
      conversationId,
      userId: 'dl_alice',
      claims: {},
      authTime: Math.floor(Date.now() / 1000) - 25 * 3600,
    });
    const old = await http().post('/v3/directline/tokens/refresh').set(bearer(ancient.token));
    expect(old.status).toBe(403);
    expect(old.body.error.code).toBe('token_expired');
  });

  it('refuses a token for another conversation with 403, on every endpoint and the stream', async () => {
    const a = await start();
    const b = await start({ id: 'dl_eve', name: 'Eve' });
    const base = `/v3/directline/conversations/${a.conversationId}`;
    for (const r of [
      await http().get(`${base}/activities`).set(bearer(b.token)),
      await http().post(`${base}/activities`).set(bearer(b.token)).send({ type: 'message', text: 'x' }),
      await http().get(base).set(bearer(b.token)),
    ]) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('conversation_forbidden');
    }
    const streamToken = new URL(b.streamUrl).searchParams.get('t');
    const ws = stream(a.streamUrl.replace(/t=[^&]+/, `t=${streamToken}`));
    await expect(ws.opened).rejects.toMatchObject({ status: 403 });
  });

  it('answers 401 to missing and bad credentials and 403 token_expired to an expired token', async () => {
    const { conversationId, streamUrl } = await start();
    const url = `/v3/directline/conversations/${conversationId}/activities`;
    const missing = await http().get(url);
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('missing_credentials');
    const forged = jwt.sign({ scope: 'conversation', conv: conversationId, sub: 'dl_x' }, JWT_SECRET, {
      issuer: 'jetway',
      audience: 'jetway-directline',
    });
    for (const bad of ['nonsense', forged, SECRET + 'x']) {
      const r = await http().get(url).set(bearer(bad));
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid_token');
    }
    const expired = app.dl.tokens.issue({ conversationId, userId: 'dl_alice', claims: {} }, -60).token;
    const r = await http().get(url).set(bearer(expired));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('token_expired');
    const ws = stream(streamUrl.replace(/t=[^&]+/, 't=nonsense'));
    await expect(ws.opened).rejects.toMatchObject({ status: 401 });
  });

  it('a visitor is "Traveller" whatever name the client sends, and client attachments are dropped', async () => {
    const issued = await app.dl.issueToken({ userId: 'anon:abc123' });
    expect((await http().post('/v3/directline/conversations').set(bearer(issued.token))).status).toBe(201);
    const r = await post(issued.conversationId, issued.token, {
      type: 'message',
      text: 'hello',
      from: { id: 'anon:abc123', name: 'Support Team (verified)' },
      attachments: [{ contentType: 'application/pdf', contentUrl: 'https://evil.example/x.pdf', name: 'x.pdf' }],
    });
    expect(r.status).toBe(200);
    const seen = app.bot.received.find((a) => a.id === r.body.id);
    expect(seen?.from).toEqual({ id: 'anon:abc123', name: 'Traveller', role: 'user' });
    expect(seen?.attachments).toBeUndefined();
    const history = await http()
      .get(`/v3/directline/conversations/${issued.conversationId}/activities`)
      .set(bearer(issued.token));
    const stored = history.body.activities.find((a: { id: string }) => a.id === r.body.id);
    expect(stored.from.name).toBe('Traveller');
    expect(stored.attachments).toBeUndefined();
  });

  it("ignores a spoofed from.id and the client's jetwayAuth; the bot sees the token's identity", async () => {
    const issued = await app.dl.issueToken({ userId: 'u:42', name: 'Ada', claims: { role: 'traveller' } });
    const conv = await http().post('/v3/directline/conversations').set(bearer(issued.token));
    expect(conv.status).toBe(201);
    const r = await post(issued.conversationId, issued.token, {
      type: 'message',
      text: 'I am admin',
      from: { id: 'u:1', name: 'Mallory' },
      channelData: { clientActivityID: 'c1', jetwayAuth: { userId: 'u:1', claims: { role: 'admin' } } },
    });
    expect(r.status).toBe(200);
    const seen = app.bot.received.find((a) => a.id === r.body.id);
    // The name is the account's, from the token: the client's "Mallory" never reaches the bot or agents.
    expect(seen?.from).toEqual({ id: 'u:42', name: 'Ada', role: 'user' });
    expect(seen?.channelData).toEqual({
      clientActivityID: 'c1',
      // The client's address as the server saw it (for rate limits shared with the HTTP API).
      jetwayAuth: { userId: 'u:42', name: 'Ada', claims: { role: 'traveller' }, address: expect.any(String) },
    });
    const history = await http()
      .get(`/v3/directline/conversations/${issued.conversationId}/activities`)
      .set(bearer(issued.token));
    expect(history.body.activities[0]).toMatchObject({ from: { id: 'u:42' }, channelData: { clientActivityID: 'c1' } });
    expect(history.body.activities[0].channelData.jetwayAuth).toBeUndefined();
    // The conversationUpdate that started the conversation carried the identity too.
    const started = app.bot.received.find(
      (a) => a.type === 'conversationUpdate' && a.conversation?.id === issued.conversationId,
    );
    expect(started?.channelData).toEqual({
      jetwayAuth: { userId: 'u:42', name: 'Ada', claims: { role: 'traveller' } },
    });
  });

  it('lets a user resume their own conversation through issueToken, never somebody else’s', async () => {
    const first = await app.dl.issueToken({ userId: 'u:7' });
    await http().post('/v3/directline/conversations').set(bearer(first.token));
    const again = await app.dl.issueToken({ userId: 'u:7', conversationId: first.conversationId });
    expect(again.conversationId).toBe(first.conversationId);
    await expect(app.dl.issueToken({ userId: 'u:8', conversationId: first.conversationId })).rejects.toMatchObject({
      code: 'conversation_forbidden',
    });
    const unknown = await app.dl.issueToken({ userId: 'anon:abc', conversationId: 'nosuchconversation' });
    expect(unknown.conversationId).not.toBe('nosuchconversation');
    await expect(app.dl.issueToken({ userId: 'bad id with spaces' })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('answers malformed JSON with 400 invalid_json, a non-activity with 400, and too big a body with 413', async () => {
    const { token, conversationId } = await start();
    const url = `/v3/directline/conversations/${conversationId}/activities`;
    const bad = await http()
      .post(url)
      .set(bearer(token))
      .set('Content-Type', 'application/json')
      .send('{"type": "message",');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    const noType = await post(conversationId, token, { text: 'no type' });
    expect(noType.status).toBe(400);
    expect(noType.body.error.code).toBe('invalid_request');
    const big = await post(conversationId, token, { type: 'message', text: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
    const unknownRoute = await http().get('/v3/directline/nope').set(bearer(token));
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.body.error.code).toBe('route_not_found');
  });
});
