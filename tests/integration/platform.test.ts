import { Writable } from 'node:stream';
import winston from 'winston';
import { bearer } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('health, OpenAPI and logs (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1 });
  }, 60_000);
  afterAll(() => t.close());

  it('GET /healthz: the process answers', async () => {
    const r = await t.http.get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
    expect(r.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('GET /readyz: the database answers', async () => {
    const r = await t.http.get('/readyz');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', database: target });
  });

  it('echoes a sane X-Request-Id and replaces an unsafe one', async () => {
    expect((await t.http.get('/healthz').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await t.http.get('/healthz').set('X-Request-Id', 'bad id <script>')).headers['x-request-id']).not.toContain(
      'script',
    );
  });

  it('GET /api/v1/openapi.json: an OpenAPI 3 document with every path', async () => {
    const r = await t.http.get('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = r.body;
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.servers[0].url).toMatch(/\/api\/v1$/);
    const paths = Object.keys(doc.paths);
    for (const p of [
      '/flights/search',
      '/flights/{flightId}/seatmap',
      '/bookings',
      '/bookings/{pnr}',
      '/bookings/{pnr}/seats',
      '/bookings/{pnr}/cancel',
      '/me/bookings',
      '/auth/register',
      '/auth/login',
      '/auth/refresh',
      '/auth/logout',
      '/auth/me',
      '/admin/flights',
      '/admin/flights/{flightId}',
      '/admin/flights/{flightId}/cancel',
      '/admin/bookings',
    ])
      expect(paths).toContain(p);
    for (const [path, item] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { responses: Record<string, unknown>; parameters?: { name: string; in: string }[] }>
      >,
    )) {
      for (const [method, op] of Object.entries(item)) {
        expect(['get', 'post', 'put', 'patch', 'delete']).toContain(method);
        expect(Object.keys(op.responses).length).toBeGreaterThan(0);
        for (const param of path.match(/\{(\w+)\}/g) ?? [])
          expect(op.parameters?.some((x) => x.in === 'path' && `{${x.name}}` === param)).toBe(true);
      }
    }
    const search = doc.paths['/flights/search'].get.parameters.map((p: { name: string }) => p.name);
    expect(search).toEqual(
      expect.arrayContaining([
        'origin',
        'destination',
        'departureDate',
        'returnDate',
        'adults',
        'children',
        'infants',
        'cabin',
        'flexDays',
        'nonStop',
        'maxPrice',
        'airlines',
        'departAfter',
        'departBefore',
        'sort',
        'limit',
        'page',
      ]),
    );
    expect(doc.paths['/bookings'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'passengers',
    );
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('never logs passwords, tokens or last names from requests', async () => {
    const lines: string[] = [];
    const capture = new winston.transports.Stream({
      stream: new Writable({
        objectMode: true,
        write(info: Record<string | symbol, unknown>, _enc, done) {
          lines.push(String(info[Symbol.for('message')]), JSON.stringify(info));
          done();
        },
      }),
    });
    const log = t.services.log;
    const saved = { level: log.level, silent: log.silent, transports: [...log.transports] };
    log.clear().add(capture);
    log.level = 'debug';
    log.silent = false;
    try {
      const password = 'Sup3r-Secret horse battery';
      const reg = await t.http
        .post('/api/v1/auth/register')
        .send({ email: 'logs@example.com', password, firstName: 'Log', lastName: 'Watcher' });
      expect(reg.status).toBe(201);
      await t.http.post('/api/v1/auth/login').send({ email: 'logs@example.com', password: 'Wrong-password-123' });
      const session = (await t.http.post('/api/v1/auth/login').send({ email: 'logs@example.com', password })).body;
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken });
      await t.http.get('/api/v1/auth/me').set(bearer(session.accessToken));
      await t.http.get('/api/v1/bookings/ABCDEF').query({ lastName: 'Zyxwvut' });
      await t.http
        .post('/api/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"logs@example.com","password":"${password}"`);
      // Whatever code logs a request body, the logger's redaction holds.
      log.warn('payment attempt', {
        body: { email: 'logs@example.com', password, card: '4242 4242 4242 4242' },
        note: 'card 4242424242424242',
        authorization: `Bearer ${session.accessToken}`,
      });
      await new Promise((r) => setImmediate(r));
      const all = lines.join('\n');
      expect(lines.some((l) => l.includes('POST /api/v1/auth/login 200'))).toBe(true);
      expect(lines.some((l) => l.includes('payment attempt'))).toBe(true);
      for (const secret of [
        password,
        'Wrong-password-123',
        session.accessToken,
        session.refreshToken,
        reg.body.refreshToken,
        '4242 4242 4242 4242',
        '4242424242424242',
        'Zyxwvut',
      ])
        expect(all).not.toContain(secret);
    } finally {
      log.clear();
      for (const tr of saved.transports) log.add(tr);
      log.level = saved.level;
      log.silent = saved.silent;
    }
  });
});

describe.each(DB_TARGETS)('readiness without a database (%s)', (target) => {
  it('GET /readyz answers 503 when the database is gone, /healthz still 200', async () => {
    const t = await createTestApp({ target, days: 1 });
    try {
      await t.services.db.close();
      const r = await t.http.get('/readyz');
      expect(r.status).toBe(503);
      expect(r.body.error).toMatchObject({ code: 'database_unavailable', message: expect.any(String) });
      expect((await t.http.get('/healthz')).status).toBe(200);
    } finally {
      await t.close();
    }
  }, 60_000);
});
