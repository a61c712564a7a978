import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type express from 'express';
import jwt from 'jsonwebtoken';
import nock from 'nock';
import request from 'supertest';
import { createHttpApp } from '../../../api/http/app';
import { createBotRuntime } from '../../../bot/runtime';
import { createTestApp, type TestApp } from '../../helpers/test-app';

/**
 * Azure Bot Service posts to /api/messages with a JWT signed by a Bot Framework key. The CloudAdapter
 * verifies it against the keys published at login.botframework.com (faked here with nock, serving a
 * key pair made for the test, as the real endpoint serves Microsoft's): unsigned or forged requests are
 * refused before the bot runs; a properly signed one reaches the bot.
 */
const APP_ID = '00000000-0000-0000-0000-000000000001';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
const OPENID = 'https://login.botframework.com';

function jwk(key: KeyObject, kid: string) {
  const j = key.export({ format: 'jwk' }) as { n: string; e: string };
  return { kty: 'RSA', use: 'sig', kid, n: j.n, e: j.e, endorsements: ['msteams'] };
}

describe('POST /api/messages (Azure Bot Service)', () => {
  let t: TestApp;
  let app: express.Express;
  const real = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    nock(OPENID)
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, {
        issuer: 'https://api.botframework.com',
        jwks_uri: `${OPENID}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [jwk(real.publicKey, 'real-key')] });
    t = await createTestApp({
      env: {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'not-a-real-password',
        MICROSOFT_APP_TYPE: 'MultiTenant',
      },
    });
    const runtime = createBotRuntime(t.services, { faq: t.services.faq, emailCodes: t.services.emailVerification });
    app = createHttpApp(t.services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi }).app;
  }, 60_000);
  afterAll(async () => {
    nock.cleanAll();
    nock.enableNetConnect();
    await t.close();
  });

  const activity = {
    type: 'message',
    text: 'hi',
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    conversation: { id: 'c1' },
    from: { id: 'u1', name: 'Ada' },
    recipient: { id: APP_ID },
    id: 'a1',
  };
  const token = (key: KeyObject, kid: string) =>
    jwt.sign({ serviceurl: SERVICE_URL }, key, {
      algorithm: 'RS256',
      keyid: kid,
      issuer: 'https://api.botframework.com',
      audience: APP_ID,
      expiresIn: 300,
    });

  it('refuses an unsigned request', async () => {
    const res = await request(app).post('/api/messages').send(activity);
    expect(res.status).toBe(401);
  });

  it("refuses a token signed with someone else's key", async () => {
    const res = await request(app)
      .post('/api/messages')
      .set('Authorization', `Bearer ${token(forger.privateKey, 'real-key')}`)
      .send(activity);
    expect(res.status).toBe(401);
  });

  it('refuses a token for another bot', async () => {
    const other = jwt.sign({ serviceurl: SERVICE_URL }, real.privateKey, {
      algorithm: 'RS256',
      keyid: 'real-key',
      issuer: 'https://api.botframework.com',
      audience: 'someone-else',
      expiresIn: 300,
    });
    const res = await request(app).post('/api/messages').set('Authorization', `Bearer ${other}`).send(activity);
    expect(res.status).toBe(401);
  });

  it('lets a properly signed activity reach the bot, which replies through the channel', async () => {
    nock('https://login.microsoftonline.com')
      .persist()
      .get(/.*/)
      .reply(200, {
        tenant_discovery_endpoint:
          'https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration',
        metadata: [],
      })
      .post(/oauth2\/v2\.0\/token/)
      .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'outbound-token' });
    const replies: { text?: string }[] = [];
    nock('https://smba.trafficmanager.net')
      .persist()
      .post(/\/emea\/v3\/conversations\/c1\/activities.*/, (body: { text?: string }) => {
        replies.push(body);
        return true;
      })
      .reply(200, { id: 'r1' });
    const res = await request(app)
      .post('/api/messages')
      .set('Authorization', `Bearer ${token(real.privateKey, 'real-key')}`)
      .send(activity);
    expect(res.status).toBeLessThan(300);
    expect(replies.map((r) => r.text).join('\n')).toMatch(/I can (book flights|find and book flights)/);
  });
});

describe('without Azure configuration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(() => t.close());

  it('has no /api/messages endpoint', async () => {
    const runtime = createBotRuntime(t.services, { faq: t.services.faq, emailCodes: t.services.emailVerification });
    const { app } = createHttpApp(t.services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi });
    const res = await request(app).post('/api/messages').send({});
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('route_not_found');
  });
});
