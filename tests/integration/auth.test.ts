import jwt from 'jsonwebtoken';
import { bearer, expectError, MINUTE } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

const PASSWORD = 'Tr0ub4dor & three horses';

describe.each(DB_TARGETS)('accounts and sessions (%s)', (target) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    // Generous limits here; the rate limits have their own app below.
    t = await createTestApp({ target, days: 1, env: { RATE_LIMIT_LOGIN_PER_15_MIN: '1000' } });
  }, 60_000);
  afterAll(() => t.close());

  const email = () => `grace${++n}@example.com`;
  const register = (body: Record<string, unknown>) => t.http.post('/api/v1/auth/register').send(body);
  const login = (e: string, password = PASSWORD) => t.http.post('/api/v1/auth/login').send({ email: e, password });
  const refresh = (refreshToken: string) => t.http.post('/api/v1/auth/refresh').send({ refreshToken });
  const me = (token: string) => t.http.get('/api/v1/auth/me').set(bearer(token));
  const account = async () => {
    const e = email();
    expect((await register({ email: e, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' })).status).toBe(201);
    return e;
  };

  it('registers a traveller: a session back, the password stored as an argon2id hash', async () => {
    const e = email();
    const r = await register({
      email: e.toUpperCase(),
      password: PASSWORD,
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+1 555 0100',
    });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^rt_/),
      expiresIn: 15 * 60,
      user: {
        id: expect.any(Number),
        email: e,
        firstName: 'Grace',
        lastName: 'Hopper',
        role: 'traveller',
        phone: '+1 555 0100',
      },
    });
    const row = await t.services.repos.users.findByEmail(e);
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);
    const tokens: { token_hash: string }[] = await t.services.db.dataSource.query(
      'SELECT token_hash FROM refresh_tokens WHERE user_id = ?',
      [row!.id],
    );
    expect(tokens.map((x) => x.token_hash)).not.toContain(r.body.refreshToken); // only its hash is stored
    expect((await me(r.body.accessToken)).body).toEqual(r.body.user);
  });

  it('signs in with the right password only', async () => {
    const e = await account();
    const r = await login(e.toUpperCase());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: { email: e, role: 'traveller' },
    });
    const wrong = await login(e, 'not the password at all');
    expectError(wrong, 401, 'invalid_credentials');
    const unknown = await login('nobody@example.com');
    expectError(unknown, 401, 'invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message); // no hint whether the account exists
  });

  it.each([
    ['too short', 'short1!'],
    ['one repeated character', 'aaaaaaaaaaaa'],
    ['containing the email name', 'grace-weak-12345'],
  ])('refuses a weak password (%s) with 422', async (_what, password) => {
    const r = await register({ email: `grace-weak@example.com`, password, firstName: 'Grace', lastName: 'Hopper' });
    expectError(r, 422, 'weak_password');
    expect(await t.services.repos.users.findByEmail('grace-weak@example.com')).toBeNull();
  });

  it('refuses a taken email (any case) with 409, and impossible names with 422', async () => {
    const e = await account();
    expectError(
      await register({ email: e.toUpperCase(), password: PASSWORD, firstName: 'Other', lastName: 'Person' }),
      409,
      'email_taken',
    );
    expectError(
      await register({ email: email(), password: PASSWORD, firstName: '', lastName: 'Hopper' }),
      422,
      'invalid_name',
    );
    expectError(
      await register({ email: 'not-an-email', password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' }),
      400,
      'invalid_request',
    );
    expectError(
      await register({ email: email(), password: PASSWORD, firstName: 'Grace', lastName: 'Hopper', role: 'admin' }),
      400,
      'invalid_request',
    );
  });

  it('access tokens are short-lived', async () => {
    const e = await account();
    const s = (await login(e)).body;
    expect((await me(s.accessToken)).status).toBe(200);
    t.clock.advance(16 * MINUTE);
    try {
      expectError(await me(s.accessToken), 401, 'token_expired');
      const renewed = await refresh(s.refreshToken);
      expect(renewed.status).toBe(200);
      expect((await me(renewed.body.accessToken)).status).toBe(200);
    } finally {
      t.clock.advance(-16 * MINUTE);
    }
  });

  it('rotates refresh tokens; reusing a spent one revokes the whole family', async () => {
    const e = await account();
    const first = (await login(e)).body;
    const second = await refresh(first.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.accessToken).not.toBe(first.accessToken);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    // The first token again: stolen. Everything from that sign-in ends.
    expectError(await refresh(first.refreshToken), 401, 'refresh_token_reused');
    expectError(await refresh(third.body.refreshToken), 401, 'invalid_refresh_token');
    // Another sign-in is a different family and keeps working.
    const other = (await login(e)).body;
    expect((await refresh(other.refreshToken)).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const e = await account();
    const s = (await login(e)).body;
    const out = await t.http.post('/api/v1/auth/logout').send({ refreshToken: s.refreshToken });
    expect(out.status).toBe(204);
    expectError(await refresh(s.refreshToken), 401, 'invalid_refresh_token');
    expect((await t.http.post('/api/v1/auth/logout').send({ refreshToken: 'rt_never-issued-token' })).status).toBe(204);
  });

  it.each([
    ['no token', undefined, 'sign_in_required'],
    ['garbage', 'Bearer not-a-token', 'invalid_token'],
    ['not a bearer token', 'Basic dXNlcjpwYXNz', 'invalid_token'],
    [
      'a token signed with another key',
      `Bearer ${jwt.sign({ typ: 'access', role: 'admin' }, 'x'.repeat(40), { subject: '1', expiresIn: 600 })}`,
      'invalid_token',
    ],
    [
      'an unsigned token',
      `Bearer ${jwt.sign({ typ: 'access', role: 'admin' }, '', { algorithm: 'none', subject: '1' })}`,
      'invalid_token',
    ],
  ])('401 for %s', async (_what, header, code) => {
    const req = t.http.get('/api/v1/auth/me');
    if (header) req.set('Authorization', header);
    expectError(await req, 401, code);
  });

  it('a refresh token is not an access token', async () => {
    const s = (await login(await account())).body;
    expectError(await me(s.refreshToken), 401, 'invalid_token');
  });
});

describe.each(DB_TARGETS)('rate limits (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      target,
      days: 1,
      env: { RATE_LIMIT_LOGIN_PER_15_MIN: '3', RATE_LIMIT_LOOKUP_PER_15_MIN: '4' },
    });
    await t.services.auth.createUser({
      email: 'limit@example.com',
      password: PASSWORD,
      firstName: 'Lim',
      lastName: 'It',
      role: 'traveller',
    });
  }, 60_000);
  afterAll(() => t.close());

  const login = (password: string) => t.http.post('/api/v1/auth/login').send({ email: 'limit@example.com', password });

  it(
    'login: 429 with Retry-After after too many attempts, even with the ' + 'right password, until the window passes',
    async () => {
      for (let i = 0; i < 3; i++) expectError(await login('wrong password!'), 401, 'invalid_credentials');
      const limited = await login('wrong password!');
      expectError(limited, 429, 'rate_limited');
      const retry = Number(limited.headers['retry-after']);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expect(limited.body.error.details).toEqual({ retryAfterSeconds: retry });
      expectError(await login(PASSWORD), 429, 'rate_limited');
      t.clock.advance(15 * MINUTE + 1000);
      expect((await login(PASSWORD)).status).toBe(200);
    },
  );

  it('PNR lookups by last name: 429 with Retry-After', async () => {
    for (let i = 0; i < 4; i++)
      expectError(await t.http.get('/api/v1/bookings/ABCDEF').query({ lastName: 'Guess' }), 404, 'booking_not_found');
    const limited = await t.http.get('/api/v1/bookings/ABCDEF').query({ lastName: 'Guess' });
    expectError(limited, 429, 'rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.message).toMatch(/Too many attempts/);
  });
});
