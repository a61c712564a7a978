import { existsSync } from 'node:fs';
import { openDatabase } from '../../api/db/data-source';
import type { Db } from '../../api/db/db';
import { timeValue } from '../../api/repositories/sql';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/** Times the database stamps itself (column defaults) are UTC, as the driver reads them. */
describe.each(DB_TARGETS)('the database clock (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1 });
  }, 60_000);
  afterAll(() => t.close());

  it('reads CURRENT_TIMESTAMP as the UTC instant it is', async () => {
    const [row] = (await t.services.db.run((em) => em.query('SELECT CURRENT_TIMESTAMP AS now'))) as {
      now: Date | string;
    }[];
    expect(Math.abs(timeValue(row!.now).getTime() - Date.now())).toBeLessThan(5_000);
  });
});

/**
 * Every pooled MySQL connection runs in UTC at READ COMMITTED (MYSQL_SESSION_SETUP), whatever the
 * server's own settings: database-stamped times stay UTC and seat races stay deadlock-free. The
 * server's global zone is moved away from UTC for the test to prove the session setting wins.
 * Without TEST_MYSQL_URL there is no MySQL case.
 */
const MYSQL_TARGETS = DB_TARGETS.filter((target) => target === 'mysql');
if (MYSQL_TARGETS.length > 0) {
  describe.each(MYSQL_TARGETS)('MySQL sessions (%s)', (target) => {
    let t: TestApp;
    let globalZone: string;

    beforeAll(async () => {
      t = await createTestApp({ target, days: 2 });
      const [row] = (await t.services.db.run((em) => em.query('SELECT @@global.time_zone AS zone'))) as {
        zone: string;
      }[];
      globalZone = row!.zone;
      // New sessions would start in this zone; the pool's new connections must still end up in UTC.
      // (Needs the SUPER privilege; without it the test still checks the sessions' own settings.)
      await t.services.db.run((em) => em.query("SET GLOBAL time_zone = '+05:00'")).catch(() => undefined);
    }, 60_000);
    afterAll(async () => {
      await t.services.db.run((em) => em.query('SET GLOBAL time_zone = ?', [globalZone])).catch(() => undefined);
      await t.close();
    });

    /**
     * The session's zone, isolation (tx_isolation on MariaDB, transaction_isolation on MySQL 8) and clock skew from
     * UTC.
     */
    const session = () =>
      t.services.db.run(async (em) => {
        const vars = (await em.query(
          "SHOW SESSION VARIABLES WHERE Variable_name IN ('time_zone', 'tx_isolation', 'transaction_isolation')",
        )) as { Variable_name: string; Value: string }[];
        const [clock] = (await em.query('SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(), NOW()) AS skew')) as {
          skew: number | string;
        }[];
        const v = new Map(vars.map((r) => [r.Variable_name, r.Value]));
        return {
          zone: v.get('time_zone'),
          isolation: v.get('transaction_isolation') ?? v.get('tx_isolation'),
          skew: Number(clock!.skew),
        };
      });

    it('uses UTC and READ COMMITTED on every connection, inside and outside transactions', async () => {
      // Enough at once that the pool opens connections after the global zone changed.
      const outside = await Promise.all(Array.from({ length: 30 }, session));
      const inside = await Promise.all(Array.from({ length: 10 }, () => t.services.db.transaction(session)));
      for (const s of [...outside, ...inside])
        expect(s).toEqual({ zone: '+00:00', isolation: 'READ-COMMITTED', skew: 0 });
    });

    /** Zone, isolation and transport of a multi-statement session (the grouped seat holds' pool), in one round trip. */
    const batchSession = (db: Db) =>
      db.batches!.withSession(async (s) => {
        const [zone, isolation, host] = (await s
          .run(
            [
              'SELECT @@session.time_zone AS v',
              "SELECT COALESCE(@@session.transaction_isolation, '') AS v",
              'SELECT host AS v FROM information_schema.processlist WHERE id = CONNECTION_ID()',
            ],
            [],
          )
          .catch(() =>
            s.run(
              [
                'SELECT @@session.time_zone AS v',
                'SELECT @@session.tx_isolation AS v',
                'SELECT host AS v FROM information_schema.processlist WHERE id = CONNECTION_ID()',
              ],
              [],
            ),
          )) as { v: string }[][];
        return { zone: zone![0]!.v, isolation: isolation![0]!.v, host: host![0]!.v };
      });

    it('sets up the multi-statement sessions of grouped holds the same way', async () => {
      const sessions = await Promise.all(Array.from({ length: 4 }, () => batchSession(t.services.db)));
      for (const s of sessions) expect(s).toMatchObject({ zone: '+00:00', isolation: 'READ-COMMITTED' });
    });

    it("connects through the server's Unix socket when the URL asks for it (?socket=)", async () => {
      const [row] = (await t.services.db.run((em) => em.query('SELECT @@socket AS socket'))) as {
        socket: string | null;
      }[];
      // The server must be on this machine for its socket to be reachable (it is in CI).
      if (!row?.socket || !existsSync(row.socket)) return;
      const url = `${t.services.config.DATABASE_URL}?socket=${encodeURIComponent(row.socket)}`;
      const db = await openDatabase(url, { migrate: false, poolSize: 2 });
      try {
        const [viaTypeorm] = (await db.run((em) =>
          em.query('SELECT host FROM information_schema.processlist WHERE id = CONNECTION_ID()'),
        )) as { host: string }[];
        // A socket connection reports the host "localhost" with no port; TCP gives "127.0.0.1:54321".
        expect(viaTypeorm!.host).toBe('localhost');
        expect(await batchSession(db)).toEqual({ zone: '+00:00', isolation: 'READ-COMMITTED', host: 'localhost' });
        expect(await db.run((em) => em.query('SELECT COUNT(*) AS n FROM airports'))).toEqual([
          { n: expect.anything() },
        ]);
      } finally {
        await db.close();
      }
    });
  });
}
