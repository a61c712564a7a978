/**
 * The database link of a running instance cut and frozen through a TCP proxy, with timings: requests answer
 * 503 database_unavailable with Retry-After within the configured timeout (never a 500 or a hang), and the
 * instance serves again once the link is back. Shared by the single-server suite (tests/integration/
 * db-outage.test.ts) and the cluster suite (tests/integration/galera/db-link.test.ts).
 */
import type { Config } from '../../api/config/config';
import { generatePnr } from '../../api/domain/pnr';
import type { ManualClock } from '../../api/services/clock';
import { type Instance, openInstance } from './instances';
import { TcpProxy } from './tcp-proxy';

export const LINK_TIMEOUT_MS = 800;

/** A seeded database the faulty instance reaches through the proxy (on a cluster: one node's URL). */
export interface LinkTarget {
  config: Config;
  clock: ManualClock;
  close(): Promise<void>;
}

export function describeLinkFaults(describeFn: jest.Describe, name: string, open: () => Promise<LinkTarget>): void {
  describeFn(name, () => {
    let target: LinkTarget;
    let proxy: TcpProxy;
    let app: Instance;

    beforeAll(async () => {
      target = await open();
      const direct = new URL(target.config.DATABASE_URL);
      proxy = await new TcpProxy(direct.hostname, Number(direct.port || 3306)).start();
      const viaProxy = new URL(target.config.DATABASE_URL);
      viaProxy.port = String(proxy.port);
      viaProxy.hostname = '127.0.0.1';
      app = await openInstance(
        { ...target.config, DATABASE_URL: viaProxy.toString(), DATABASE_TIMEOUT_MS: LINK_TIMEOUT_MS },
        { clock: target.clock, poolSize: 4 },
      );
    }, 120_000);
    afterAll(async () => {
      await app?.close().catch(() => undefined);
      await proxy?.close();
      await target?.close();
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
        const day = new Date(target.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
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
          expect(ms).toBeLessThan(LINK_TIMEOUT_MS * 2 + 500);
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
