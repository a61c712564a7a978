import { createHash } from 'node:crypto';
import { bearer, expectError, MINUTE } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

const PASSWORD = 'Tr0ub4dor & three horses';
const NEW_PASSWORD = 'correct horse battery staple 9';
const api = (path: string) => `/api/v1${path}`;

/**
 * Accounts by emailed one-time link (issue 11, item 12): forgot password, a guest claiming their account,
 * passwordless sign-in. Links are random, stored hashed, short-lived, single use and rate limited, and the
 * answer never tells whether an address has an account.
 */
describe.each(DB_TARGETS)('accounts by emailed link (%s)', (target) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1, env: { RATE_LIMIT_LOGIN_PER_15_MIN: '1000' } });
  }, 60_000);
  afterAll(() => t.close());
  // A new window for the per-client limit (every request here comes from one address).
  beforeEach(() => t.clock.advance(16 * MINUTE));

  const email = () => `linked${++n}.${target}@example.com`;
  const forgot = (e: string) => t.http.post(api('/auth/password/forgot')).send({ email: e });
  const askLink = (e: string) => t.http.post(api('/auth/email-link')).send({ email: e });
  const reset = (token: string, newPassword = NEW_PASSWORD) =>
    t.http.post(api('/auth/password/reset')).send({ token, newPassword });
  const signIn = (token: string) => t.http.post(api('/auth/email-link/verify')).send({ token });
  const login = (e: string, password: string) => t.http.post(api('/auth/login')).send({ email: e, password });
  const register = (e: string) =>
    t.http.post(api('/auth/register')).send({ email: e, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' });

  /** The token in the newest link mailed to `to` for `purpose` (read from the durable outbox). */
  const mailedToken = async (to: string, purpose: 'reset' | 'signin'): Promise<string> => {
    const mails = (await t.services.repos.outbox.mailByKind(`account_${purpose}`)).filter((m) => m.toAddress === to);
    expect(mails.length).toBeGreaterThan(0);
    const m = new RegExp(`#${purpose}=(al_[A-Za-z0-9_-]+)`).exec(mails[mails.length - 1]!.bodyText);
    return m![1]!;
  };
  const mailCount = async (to: string) =>
    [
      ...(await t.services.repos.outbox.mailByKind('account_reset')),
      ...(await t.services.repos.outbox.mailByKind('account_signin')),
    ].filter((m) => m.toAddress === to).length;

  it('answers "forgot password" the same for an address with an account and one without', async () => {
    const known = email();
    await register(known);
    const unknown = email();
    const a = await forgot(known.toUpperCase());
    const b = await forgot(unknown);
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    expect(a.body).toEqual(b.body);
    expect(a.body.message).toMatch(/link is on its way/);
    // Both addresses get a mail, so even the timing of the answer does not separate them.
    expect(await mailCount(known)).toBe(1);
    expect(await mailCount(unknown)).toBe(1);
  });

  it('stores only a hash of the link, which expires in 30 minutes', async () => {
    const e = email();
    await forgot(e);
    const token = await mailedToken(e, 'reset');
    expect(token).toMatch(/^al_[A-Za-z0-9_-]{43}$/);
    const rows: Record<string, unknown>[] = await t.services.db.dataSource.query(
      'SELECT * FROM account_links WHERE email = ?',
      [e],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    const row = await t.services.repos.accountLinks.findByHash(String(rows[0]!.token_hash));
    expect(row!.expiresAt.getTime() - t.clock.now().getTime()).toBe(30 * MINUTE);
  });

  it('a reset link sets the password once, signs in, and ends every earlier session', async () => {
    const e = email();
    const old = (await register(e)).body as { accessToken: string; refreshToken: string };
    await forgot(e);
    const token = await mailedToken(e, 'reset');
    t.clock.advance(1000); // the test clock stands still; real sessions are never issued in the same millisecond
    const r = await reset(token);
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe(e);
    expect((await t.http.get(api('/auth/me')).set(bearer(r.body.accessToken))).status).toBe(200);
    expect((await login(e, NEW_PASSWORD)).status).toBe(200);
    expectError(await login(e, PASSWORD), 401, 'invalid_credentials');
    // The sessions from before the reset are over: refresh token revoked, access token refused.
    expectError(await t.http.post(api('/auth/refresh')).send({ refreshToken: old.refreshToken }), 401);
    expectError(await t.http.get(api('/auth/me')).set(bearer(old.accessToken)), 401, 'session_revoked');
    // Single use.
    expectError(await reset(token, 'another fine password 42'), 410, 'link_invalid');
  });

  it('refuses expired, unknown, malformed and other-purpose links with one answer', async () => {
    const e = email();
    await register(e);
    await forgot(e);
    const expiring = await mailedToken(e, 'reset');
    t.clock.advance(31 * MINUTE);
    expectError(await reset(expiring), 410, 'link_invalid');
    expectError(await reset(`al_${'A'.repeat(43)}`), 410, 'link_invalid');
    expectError(await reset('garbage'), 410, 'link_invalid');
    await askLink(e);
    const signInToken = await mailedToken(e, 'signin');
    expectError(await reset(signInToken), 410, 'link_invalid');
    const messages = new Set(
      [await reset(expiring), await reset('garbage'), await reset(signInToken)].map((x) => x.body.error.message),
    );
    expect(messages.size).toBe(1);
    // The sign-in link was not spent by the wrong route.
    expect((await signIn(signInToken)).status).toBe(200);
  });

  it('a weak new password is refused and the link stays usable', async () => {
    const e = email();
    await register(e);
    await forgot(e);
    const token = await mailedToken(e, 'reset');
    expectError(await reset(token, 'short'), 422, 'weak_password');
    expect((await reset(token)).status).toBe(200);
  });

  it('a guest who booked with an emailed code claims the account: "Create account" mails a link, which sets a password', async () => {
    const e = email();
    // What the chat's email code creates: a verified account without a password.
    await t.services.auth.createUser({
      email: e,
      password: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      role: 'traveller',
      verified: true,
    });
    const r = await register(e);
    expectError(r, 409, 'email_taken');
    expect(r.body.error.message).toMatch(/emailed it a link to set a password/);
    const token = await mailedToken(e, 'reset');
    const claimed = await reset(token);
    expect(claimed.status).toBe(200);
    expect(claimed.body.user).toMatchObject({ email: e, firstName: 'Ada', lastName: 'Lovelace' });
    expect((await login(e, NEW_PASSWORD)).status).toBe(200);
  });

  it('passwordless sign-in: the link signs in once; an address without an account gets one', async () => {
    const known = email();
    await register(known);
    const a = await askLink(known);
    const fresh = email();
    const b = await askLink(fresh);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
    const token = await mailedToken(known, 'signin');
    const s = await signIn(token);
    expect(s.status).toBe(200);
    expect(s.body.user.email).toBe(known);
    expectError(await signIn(token), 410, 'link_invalid');
    const created = await signIn(await mailedToken(fresh, 'signin'));
    expect(created.status).toBe(200);
    expect((await t.services.repos.users.findByEmail(fresh))!.emailVerifiedAt).not.toBeNull();
    // A sign-in link expires after 15 minutes.
    await askLink(known);
    const late = await mailedToken(known, 'signin');
    t.clock.advance(16 * MINUTE);
    expectError(await signIn(late), 410, 'link_invalid');
  });

  it('limits links per address (5 an hour), known or not, and per client address', async () => {
    const known = email();
    await register(known);
    for (const e of [known, email()]) {
      for (let i = 0; i < 5; i++) expect((await forgot(e)).status).toBe(202);
      expectError(await askLink(e), 429, 'rate_limited');
      expect(await mailCount(e)).toBe(5);
      t.clock.advance(16 * MINUTE);
    }
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await forgot(email())).status);
    expect(statuses.slice(0, 20).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
  });
});
