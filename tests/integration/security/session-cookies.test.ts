import { bearer, expectError } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

const PASSWORD = 'Tr0ub4dor & three horses';
const api = (path: string) => `/api/v1${path}`;
const WEB = { 'X-Jetway-Session': 'cookie' };

/** Set-Cookie headers by cookie name. */
function cookiesOf(res: { headers: Record<string, unknown> }): Record<string, string> {
  const raw = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return Object.fromEntries(raw.map((c) => [c.slice(0, c.indexOf('=')), c]));
}
const valueOf = (setCookie: string) => setCookie.slice(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));

/**
 * The web page's session (issue 11, item 12): the refresh token only in an HttpOnly, SameSite cookie, never in
 * a body the page's script could keep; refresh and sign-out need the CSRF header that only our page can read.
 */
describe.each(DB_TARGETS)('web sessions in cookies (%s)', (target) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1, env: { RATE_LIMIT_LOGIN_PER_15_MIN: '1000' } });
  }, 60_000);
  afterAll(() => t.close());

  /** Signs a new traveller in as the web page does; returns the cookies to send back and the CSRF token. */
  const webSignIn = async () => {
    const email = `cookie${++n}.${target}@example.com`;
    await t.http
      .post(api('/auth/register'))
      .send({ email, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' });
    const r = await t.http.post(api('/auth/login')).set(WEB).send({ email, password: PASSWORD });
    expect(r.status).toBe(200);
    const set = cookiesOf(r);
    return { r, set, cookie: `jetway_rt=${valueOf(set.jetway_rt!)}; jetway_csrf=${valueOf(set.jetway_csrf!)}` };
  };

  it('sign-in for the page: refresh token in an HttpOnly SameSite cookie, never in the body', async () => {
    const { r, set } = await webSignIn();
    expect(r.body.refreshToken).toBeUndefined();
    expect(r.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 900,
      csrfToken: valueOf(set.jetway_csrf!),
      user: expect.objectContaining({ firstName: 'Grace' }),
    });
    expect(set.jetway_rt).toMatch(/^jetway_rt=rt_[A-Za-z0-9_-]+;/);
    expect(set.jetway_rt).toMatch(/; HttpOnly/);
    expect(set.jetway_rt).toMatch(/; SameSite=Strict/);
    expect(set.jetway_rt).toMatch(/; Path=\/api\/v1\/auth/);
    // Not Secure on this plain-HTTP test server (production sets it: see the unit test).
    expect(set.jetway_rt).not.toMatch(/; Secure/);
    expect(set.jetway_csrf).not.toMatch(/HttpOnly/);
    expect(set.jetway_csrf).toMatch(/; SameSite=Strict/);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('API clients without the header still get the refresh token in the body and no cookies', async () => {
    const email = `api${++n}.${target}@example.com`;
    await t.http
      .post(api('/auth/register'))
      .send({ email, password: PASSWORD, firstName: 'Grace', lastName: 'Hopper' });
    const r = await t.http.post(api('/auth/login')).send({ email, password: PASSWORD });
    expect(r.body.refreshToken).toMatch(/^rt_/);
    expect(r.headers['set-cookie']).toBeUndefined();
    expect((await t.http.post(api('/auth/refresh')).send({ refreshToken: r.body.refreshToken })).status).toBe(200);
  });

  it('refresh from the cookie needs the CSRF header: missing, wrong or cross-site is 403', async () => {
    const { cookie, r } = await webSignIn();
    const refresh = () => t.http.post(api('/auth/refresh')).set(WEB).set('Cookie', cookie);
    expectError(await refresh(), 403, 'csrf_failed');
    expectError(await refresh().set('X-CSRF-Token', 'x'.repeat(43)), 403, 'csrf_failed');
    expectError(await refresh().set('X-CSRF-Token', r.body.csrfToken).set('Sec-Fetch-Site', 'cross-site'), 403);
    const ok = await refresh().set('X-CSRF-Token', r.body.csrfToken).send({});
    expect(ok.status).toBe(200);
    expect(ok.body.refreshToken).toBeUndefined();
    expect(ok.body.csrfToken).not.toBe(r.body.csrfToken); // rotates with the refresh token
    const rotated = cookiesOf(ok);
    expect(valueOf(rotated.jetway_rt!)).not.toBe(valueOf(cookiesOf(r).jetway_rt!));
    // The old cookie, replayed with its own CSRF token, is a reused refresh token: the family ends.
    expectError(await refresh().set('X-CSRF-Token', r.body.csrfToken), 401, 'refresh_token_reused');
  });

  it('refresh without a body token or a cookie is 401', async () => {
    expectError(await t.http.post(api('/auth/refresh')).set(WEB).send({}), 401, 'invalid_refresh_token');
  });

  it('sign-out from the cookie needs the CSRF header, then revokes the session and clears the cookies', async () => {
    const { cookie, r } = await webSignIn();
    const logout = () => t.http.post(api('/auth/logout')).set('Cookie', cookie).set(bearer(r.body.accessToken));
    expectError(await logout(), 403, 'csrf_failed');
    const out = await logout().set('X-CSRF-Token', r.body.csrfToken);
    expect(out.status).toBe(204);
    const cleared = cookiesOf(out);
    expect(cleared.jetway_rt).toMatch(/^jetway_rt=;.*Expires=Thu, 01 Jan 1970/);
    expect(cleared.jetway_csrf).toMatch(/^jetway_csrf=;/);
    const again = await t.http
      .post(api('/auth/refresh'))
      .set(WEB)
      .set('Cookie', cookie)
      .set('X-CSRF-Token', r.body.csrfToken);
    expectError(again, 401);
  });
});
