import { generatePnr } from '../../api/domain/pnr';
import { type Instance, openInstance } from '../helpers/instances';
import { TcpProxy } from '../helpers/tcp-proxy';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * The database going away under a running instance, through a TCP proxy: a link that goes silent
 * (frozen) and one that is cut. Requests answer 503 database_unavailable with Retry-After within the
 * configured timeout (never a 500 or a hang), and the instance serves again once the link is back. A
 * DATABASE_URL with several hosts starts and serves on the first host that answers. MySQL only.
 */
const MYSQL_TARGETS = DB_TARGETS.filter((target) => target === 'mysql');
const TIMEOUT_MS = 800;

if (MYSQL_TARGETS.length > 0) {
  describe('database outages (mysql)', () => {
    let t: TestApp;
    let proxy: TcpProxy;
    let app: Instance;

    beforeAll(async () => {
      t = await createTestApp({ target: 'mysql', days: 2 });
      const direct = new URL(t.services.config.DATABASE_URL);
      proxy = await new TcpProxy(direct.hostname, Number(direct.port || 3306)).start();
      const viaProxy = new URL(t.services.config.DATABASE_URL);
      viaProxy.port = String(proxy.port);
      viaProxy.hostname = '127.0.0.1';
      app = await openInstance(
        { ...t.services.config, DATABASE_URL: viaProxy.toString(), DATABASE_TIMEOUT_MS: TIMEOUT_MS },
        { clock: t.clock, poolSize: 4 },
      );
    }, 60_000);
    afterAll(async () => {
      await app?.close().catch(() => undefined);
      await proxy?.close();
      await t?.close();
    });

    const timed = async (req: PromiseLike<{ status: number; headers: Record<string, string>; body: unknown }>) => {
      const started = Date.now();
      const res = await req;
      return { res, ms: Date.now() - started };
    };

    it.each(['freeze', 'cut'] as const)(
      'a %s link: fast 503s with Retry-After, then service again',
      async (fault) => {
        expect((await app.http.get('/readyz')).status).toBe(200);
        const day = new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
        proxy[fault]();
        const results = await Promise.all([
          timed(app.http.get('/readyz')),
          timed(
            app.http.get('/api/v1/flights/search').query({ origin: 'LHR', destination: 'JFK', departureDate: day }),
          ),
          timed(app.http.get(`/api/v1/bookings/${generatePnr()}`).query({ lastName: 'Smith' })),
        ]);
        for (const { res, ms } of results) {
          expect(res.status).toBe(503);
          expect(res.headers['retry-after']).toBeDefined();
          expect(ms).toBeLessThan(TIMEOUT_MS * 2 + 500);
        }
        expect((results[2]!.res.body as { error: { code: string } }).error.code).toBe('database_unavailable');
        proxy.heal();
        let ready = 0;
        for (let i = 0; i < 20 && ready !== 200; i++) ready = (await app.http.get('/readyz')).status;
        expect(ready).toBe(200);
      },
      30_000,
    );
  });
}

describe('several hosts in DATABASE_URL', () => {
  const target = MYSQL_TARGETS[0];
  (target ? it : it.skip)(
    'start and serve on the first host that answers',
    async () => {
      const t = await createTestApp({ target: 'mysql', days: 1 });
      try {
        const u = new URL(t.services.config.DATABASE_URL);
        const url = t.services.config.DATABASE_URL.replace(u.host, `127.0.0.1:1,${u.host}`);
        const other = await openInstance({ ...t.services.config, DATABASE_URL: url }, { clock: t.clock });
        try {
          expect((await other.http.get('/readyz')).status).toBe(200);
          expect(other.services.db.hosts?.active.port).toBe(Number(u.port || 3306));
        } finally {
          await other.close();
        }
      } finally {
        await t.close();
      }
    },
    60_000,
  );
});
