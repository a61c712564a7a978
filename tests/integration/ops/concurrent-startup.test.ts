import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectStartedOnce, startAll } from '../../helpers/multi-process';
import type { ServerProcess } from '../../helpers/server-process';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

/**
 * N real instances started at the same moment against one fresh database (MySQL: not even created yet):
 * the start-up lock lets one create, migrate and seed it; the others wait, then find nothing left to do.
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
      servers = await startAll(
        Array.from({ length: INSTANCES }, () => env),
        STARTUP,
      );
      await expectStartedOnce(servers, fresh.url);
    },
    STARTUP + 30_000,
  );
});
