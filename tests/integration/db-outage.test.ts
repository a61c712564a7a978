import { describeLinkFaults } from '../helpers/db-link-faults';
import { openInstance } from '../helpers/instances';
import { createTestApp, DB_TARGETS } from '../helpers/test-app';

/**
 * The database going away under a running instance, through a TCP proxy: a link that goes silent
 * (frozen) and one that is cut (tests/helpers/db-link-faults.ts; the cluster twin is
 * tests/integration/galera/db-link.test.ts). A DATABASE_URL with several hosts starts and serves on the
 * first host that answers. MySQL only.
 */
const MYSQL_TARGETS = DB_TARGETS.filter((target) => target === 'mysql');

describeLinkFaults(MYSQL_TARGETS.length > 0 ? describe : describe.skip, 'database outages (mysql)', async () => {
  const t = await createTestApp({ target: 'mysql', days: 2 });
  return { config: t.services.config, clock: t.clock, close: () => t.close() };
});

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
