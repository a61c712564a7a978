import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectEveryTurnKept, startAll } from '../../helpers/multi-process';
import type { ServerProcess } from '../../helpers/server-process';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

/**
 * Two real app processes on one database, with no sticky sessions: the same Direct Line conversation's
 * messages are posted to both at once. Every turn must be answered and every turn's change to the
 * conversation state must survive (without the conversation lease the instances overwrite each other).
 */
async function sharedDatabase(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'mysql') return testDatabaseUrl('mysql');
  const dir = mkdtempSync(join(tmpdir(), 'jetway-two-'));
  return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const STARTUP = 180_000;

describe.each(DB_TARGETS)('two instances serving one conversation (%s)', (target) => {
  let servers: ServerProcess[] = [];
  let url = '';
  let drop: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ url, drop } = await sharedDatabase(target));
    // Same signing secret, so a chat token from one instance is good on the other (as behind a load balancer).
    const env = { DATABASE_URL: url, JWT_SECRET: 'two-instances-test-secret-0123456789abcdef' };
    servers = await startAll([env, env], STARTUP);
  }, STARTUP + 10_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await drop();
  });

  it(
    'answers every message and keeps every turn in the conversation state',
    () => expectEveryTurnKept(servers, url),
    60_000,
  );
});
