import { ConsoleAuditRepository } from '../../../api/repositories/console-audit.repository';
import { ConsoleAccess } from '../../../api/services/console-access';
import { ConsoleAuditService } from '../../../api/services/console-audit.service';
import { expectError } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('console: access, users and the audit log (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 2 });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
  }, 60_000);
  afterAll(() => t.close());

  const get = (token: string | null, path: string) => {
    const req = t.http.get(`/api/v1/console${path}`);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const send = (method: 'post' | 'patch', token: string, path: string, body: unknown) =>
    t.http[method](`/api/v1/console${path}`)
      .set('Authorization', `Bearer ${token}`)
      .set('User-Agent', 'console-test/1.0')
      .send(body as object);

  test('who may use the console: staff yes, travellers 403, nobody 401', async () => {
    expectError(await get(null, '/me'), 401, 'sign_in_required');
    expectError(await get(traveller, '/me'), 403, 'not_an_agent');
    expect((await get(agent, '/me')).body).toMatchObject({ role: 'agent' });
    expect((await get(admin, '/me')).body).toMatchObject({ role: 'admin' });
  });

  test.each([['/audit'], ['/audit.csv'], ['/users']])('%s is for admins only', async (path) => {
    expectError(await get(traveller, path), 403, 'not_an_agent');
    expectError(await get(agent, path), 403, 'forbidden');
    expect((await get(admin, path)).status).toBe(200);
  });

  test('an admin invites an agent, who signs in; disabling ends it at once; each step is audited', async () => {
    expectError(await send('post', agent, '/users', { email: 'x@example.com', firstName: 'A', lastName: 'B' }), 403);
    const invited = await send('post', admin, '/users', {
      email: 'new.agent@example.com',
      firstName: 'Nora',
      lastName: 'Agent',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.user).toMatchObject({ role: 'agent', disabled: false });
    const login = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'new.agent@example.com', password: invited.body.temporaryPassword });
    expect(login.status).toBe(200);
    // The one-time password works once: nothing but choosing a new password until it is replaced.
    expectError(await get(login.body.accessToken as string, '/me'), 403, 'password_change_required');
    expectError(await get(login.body.accessToken as string, '/reports/revenue'), 403, 'password_change_required');
    const weak = await send('post', login.body.accessToken as string, '/me/password', {
      currentPassword: invited.body.temporaryPassword,
      newPassword: 'short',
    });
    expectError(weak, 422, 'weak_password');
    const changed = await send('post', login.body.accessToken as string, '/me/password', {
      currentPassword: invited.body.temporaryPassword,
      newPassword: 'a-Much-better-passphrase-42',
    });
    expect(changed.status).toBe(200);
    const token = changed.body.accessToken as string;
    expect((await get(token, '/me')).body.role).toBe('agent');
    const changes = await t.services.repos.ops.auditFor('user', String(invited.body.user.id));
    expect(changes.map((c) => c.action)).toEqual(['user.password_changed']);

    const id = invited.body.user.id as number;
    expectError(await send('patch', agent, `/users/${id}`, { disabled: true }), 403);
    expectError(await send('patch', admin, `/users/${id}`, {}), 400, 'invalid_request');
    const disabled = await send('patch', admin, `/users/${id}`, { disabled: true });
    expect(disabled.body.disabled).toBe(true);
    // The old access token stops working on the console, and the account cannot sign in again.
    expectError(await get(token, '/me'), 401, 'account_disabled');
    const again = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'new.agent@example.com', password: 'a-Much-better-passphrase-42' });
    expectError(again, 401, 'account_disabled');

    const log = await get(admin, `/audit?entityType=user&entityId=${id}`);
    expect(log.body.items[0]).toMatchObject({
      action: 'user.disabled',
      actorRole: 'admin',
      userAgent: 'console-test/1.0',
      before: expect.objectContaining({ disabled: false }),
      after: expect.objectContaining({ disabled: true }),
    });
    expect(log.body.items[0].ip).toEqual(expect.any(String));
    const csv = await get(admin, '/audit.csv?action=user.');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toMatch(/^id,at,actor_user_id/);
    expect(csv.text).toContain('user.invited');
    expect(csv.text).toContain('user.disabled');
  });

  test('the last active admin can be neither demoted nor disabled', async () => {
    const me = (await get(admin, '/me')).body.id as number;
    const users = (await get(admin, '/users?role=admin')).body.items as { id: number }[];
    for (const u of users) if (u.id !== me) await send('patch', admin, `/users/${u.id}`, { disabled: true });
    expectError(await send('patch', admin, `/users/${me}`, { role: 'agent' }), 409, 'last_admin');
    expect((await get(admin, '/me')).body.role).toBe('admin');
  });

  test('the console page and its files come from the app itself, under a strict policy', async () => {
    const page = await t.http.get('/console');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const file of ['/console/console.js', '/console/console.css'])
      expect((await t.http.get(file)).status).toBe(200);
  });

  test('the console API is in the OpenAPI document', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/console/me', '/console/audit.csv']));
    expect(doc.paths['/console/users'].post.requestBody).toBeDefined();
  });

  test('an action and its audit entry land together or not at all', async () => {
    const access = new ConsoleAccess(t.services.repos.users);
    const repo = new ConsoleAuditRepository(t.services.db);
    const audit = new ConsoleAuditService({ db: t.services.db, auditRepo: repo, access });
    const staff = await access.staff(t.services.auth.verifyAccessToken(admin));
    const origin = { ip: '203.0.113.9', userAgent: 'x' };
    const subject = { action: 'test.rollback', entityType: 'user', entityId: 'rollback' };
    await expect(
      audit.audited(staff, origin, subject, async () => {
        await t.services.repos.users.update(staff.user.id, { firstName: 'Changed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await t.services.repos.users.findById(staff.user.id))?.firstName).not.toBe('Changed');
    expect(await repo.page({ action: 'test.rollback' }, undefined, 10)).toEqual([]);
  });
});
