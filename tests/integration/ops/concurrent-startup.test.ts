import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../../api/db/data-source';
import { AIRPORTS } from '../../../api/seed/data/airports';
import { FAQ_ARTICLES } from '../../../api/seed/data/faq';
import { MIGRATIONS } from '../../../migrations';
import { type ServerProcess, startServerProcess } from '../../helpers/server-process';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

/**
 * N real instances started at the same moment against one fresh database (MySQL: not even created yet):
 * the start-up lock lets one create, migrate and seed it; the others wait, then find nothing left to do.
 * Every instance must come up, each migration must be recorded once, and the demo seed must run once.
 */
const INSTANCES = 4;
const STARTUP = 300_000;

async function freshDatabase(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'mysql') {
    const { url, drop } = await testDatabaseUrl('mysql');
    await drop(); // testDatabaseUrl creates it: start from nothing, as a new deployment does
    return { url, drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'jetway-startup-'));
  return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const count = (rows: unknown) => Number(Object.values((rows as Record<string, unknown>[])[0]!)[0]);

describe.each(DB_TARGETS)('%s: instances started together', (target) => {
  let servers: ServerProcess[] = [];
  let drop: () => Promise<void> = async () => undefined;

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  });

  it(
    `${INSTANCES} instances on a fresh database create, migrate and seed it exactly once`,
    async () => {
      const fresh = await freshDatabase(target);
      drop = fresh.drop;
      const env = { DATABASE_URL: fresh.url, SEED_DEMO: 'true', LOG_LEVEL: 'info' };
      const started = await Promise.allSettled(
        Array.from({ length: INSTANCES }, () => startServerProcess(env, { readyTimeoutMs: STARTUP })),
      );
      servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason;

      const logs = servers.map((s) => s.output());
      expect(logs.filter((l) => l.includes('empty database: seeding the demo inventory'))).toHaveLength(1);
      expect(logs.filter((l) => /scheduled \d+ demo flights/.test(l))).toHaveLength(1);

      const db = await openDatabase(fresh.url, { migrate: false, poolSize: 2 });
      try {
        const q = (sql: string) => db.run((em) => em.query(sql));
        expect(count(await q('SELECT COUNT(*) AS n FROM migrations'))).toBe(MIGRATIONS.length);
        expect(count(await q('SELECT COUNT(DISTINCT name) AS n FROM migrations'))).toBe(MIGRATIONS.length);
        expect(count(await q('SELECT COUNT(*) AS n FROM airports'))).toBe(AIRPORTS.length);
        expect(count(await q('SELECT COUNT(*) AS n FROM faq_articles'))).toBe(FAQ_ARTICLES.length);
        // Nobody holds the start-up lock any more.
        expect(count(await q('SELECT COUNT(*) AS n FROM jetway_startup_lock'))).toBe(0);
      } finally {
        await db.close();
      }
    },
    STARTUP + 30_000,
  );
});
