import jwt from 'jsonwebtoken';
import { bearer, expectError } from '../../helpers/api-helpers';
import { type ChatApp, createChatApp } from '../../helpers/chat-app';
import { DB_TARGETS } from '../../helpers/test-app';

const PASSWORD = 'Tr0ub4dor & three horses';

describe.each(DB_TARGETS)('sign-out ends everything, identity comes from the server (%s)', (target) => {
  let c: ChatApp;
  let n = 0;
  beforeAll(async () => {
    c = await createChatApp({ target, env: { RATE_LIMIT_LOGIN_PER_15_MIN: '1000' } });
  }, 60_000);
  afterAll(() => c.close());

  const api = (path: string) => `/api/v1${path}`;
  /** The test clock stands still: a moment passes between issuing tokens and signing out, as it always does. */
  const later = () => c.t.clock.advance(1000);
  const signUp = async () => {
    const email = `ada${++n}@example.com`;
    const r = await c.http
      .post(api('/auth/register'))
      .send({ email, password: PASSWORD, firstName: 'Ada', lastName: 'Lovelace' });
    expect(r.status).toBe(201);
    return { email, session: r.body as { accessToken: string; refreshToken: string; user: { id: number } } };
  };
  const login = async (email: string, password = PASSWORD) => {
    const r = await c.http.post(api('/auth/login')).send({ email, password });
    expect(r.status).toBe(200);
    return r.body as { accessToken: string; refreshToken: string };
  };
  const chatToken = async (accessToken: string) => {
    const r = await c.http.post(api('/chat/token')).set(bearer(accessToken)).send({});
    expect(r.status).toBe(200);
    return r.body as { token: string; conversationId: string };
  };
  const dlRefresh = (token: string) => c.http.post('/v3/directline/tokens/refresh').set(bearer(token));
  const dlPost = (token: string, conversationId: string, text: string) =>
    c.http
      .post(`/v3/directline/conversations/${conversationId}/activities`)
      .set(bearer(token))
      .send({ type: 'message', text, from: { id: 'whoever' } });

  it('logout revokes every refresh token of the user, earlier access tokens and chat tokens', async () => {
    const { email, session } = await signUp();
    const other = await login(email); // another device
    const chat = await chatToken(session.accessToken);
    expect((await dlRefresh(chat.token)).status).toBe(200);
    later();
    expect((await c.http.post(api('/auth/logout')).send({ refreshToken: session.refreshToken })).status).toBe(204);

    for (const rt of [session.refreshToken, other.refreshToken])
      expectError(await c.http.post(api('/auth/refresh')).send({ refreshToken: rt }), 401, 'invalid_refresh_token');
    for (const at of [session.accessToken, other.accessToken])
      expectError(await c.http.get(api('/me/bookings')).set(bearer(at)), 401, 'session_revoked');
    expectError(await dlRefresh(chat.token), 401, 'session_revoked');
    expectError(await dlPost(chat.token, chat.conversationId, 'my bookings'), 401, 'session_revoked');
    // The old access token cannot mint a new chat token either; signing in again works at once.
    expectError(await c.http.post(api('/chat/token')).set(bearer(session.accessToken)).send({}), 401);
    const again = await login(email);
    expect((await c.http.get(api('/me/bookings')).set(bearer(again.accessToken))).status).toBe(200);
    expect((await dlRefresh((await chatToken(again.accessToken)).token)).status).toBe(200);
  });

  it('logout with only the access token (no refresh token in the body) signs out too', async () => {
    const { session } = await signUp();
    later();
    expect((await c.http.post(api('/auth/logout')).set(bearer(session.accessToken)).send({})).status).toBe(204);
    expectError(await c.http.get(api('/auth/me')).set(bearer(session.accessToken)), 401, 'session_revoked');
  });

  it('a password change ends the other sessions and answers with a new one', async () => {
    const { email, session } = await signUp();
    const chat = await chatToken(session.accessToken);
    const changePassword = (body: object, token = session.accessToken) =>
      c.http.post(api('/auth/password')).set(bearer(token)).send(body);
    later();
    expectError(await changePassword({ currentPassword: 'wrong one!', newPassword: 'A new & longer one 42' }), 401);
    const r = await changePassword({ currentPassword: PASSWORD, newPassword: 'A new & longer one 42' });
    expect(r.status).toBe(200);
    expectError(await c.http.post(api('/auth/refresh')).send({ refreshToken: session.refreshToken }), 401);
    expectError(await c.http.get(api('/auth/me')).set(bearer(session.accessToken)), 401, 'session_revoked');
    expectError(await dlRefresh(chat.token), 401, 'session_revoked');
    expect((await c.http.get(api('/auth/me')).set(bearer(r.body.accessToken as string))).status).toBe(200);
    expectError(await c.http.post(api('/auth/login')).send({ email, password: PASSWORD }), 401);
    await login(email, 'A new & longer one 42');
  });

  const sign = (claims: object, options: jwt.SignOptions) =>
    jwt.sign(claims, c.t.services.config.JWT_SECRET, { algorithm: 'HS256', ...options });

  it('admin endpoints read the role from the database, not only from the token', async () => {
    const { session } = await signUp();
    const forged = sign({ typ: 'access', role: 'admin' }, { subject: String(session.user.id), expiresIn: 600 });
    expectError(await c.http.get(api('/admin/bookings')).set(bearer(forged)), 403);
    const admin = await c.t.token('admin');
    expect((await c.http.get(api('/admin/bookings')).set(bearer(admin))).status).toBe(200);
    // A demoted admin's unexpired token stops working as an admin's.
    const adminId = Number((jwt.decode(admin) as { sub: string }).sub);
    await c.t.services.repos.users.update(adminId, { role: 'traveller' });
    later();
    await c.t.services.auth.endAllSessions(adminId); // forgets the cached role on this instance
    expectError(await c.http.get(api('/admin/bookings')).set(bearer(admin)), 401, 'session_revoked');
  });

  it.each([
    ['no exp', { typ: 'access', role: 'traveller' }, { subject: '1' }],
    ['a non-numeric sub', { typ: 'access', role: 'traveller' }, { subject: 'abc', expiresIn: 600 }],
    ['a fractional sub', { typ: 'access', role: 'traveller' }, { subject: '1.5', expiresIn: 600 }],
    ['a huge sub', { typ: 'access', role: 'traveller' }, { subject: '9'.repeat(30), expiresIn: 600 }],
    ['an unknown role', { typ: 'access', role: 'root' }, { subject: '1', expiresIn: 600 }],
    ['no sub', { typ: 'access', role: 'admin' }, { expiresIn: 600 }],
    ['a sub for no account', { typ: 'access', role: 'admin' }, { subject: '99999', expiresIn: 600 }],
  ])('a token with %s gets 401, never 500', async (_what, claims, options) => {
    const token = sign(claims, options as jwt.SignOptions);
    for (const path of ['/auth/me', '/me/bookings', '/admin/bookings'])
      expectError(await c.http.get(api(path)).set(bearer(token)), 401, 'invalid_token');
  });
});
