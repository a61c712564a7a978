import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../../api/db/db';
import { openDatabase } from '../../../api/db/data-source';
import { acquireLease, DbLeases } from '../../../api/db/leases';
import { withStartupLock } from '../../../api/db/startup-lock';
import { ConversationLeases, leaseName } from '../../../bot/conversation-leases';
import { ConversationQueue } from '../../../bot/conversation-queue';
import { BOT_ENTITIES } from '../../../bot/entities';
import { DbStorage } from '../../../bot/storage/db-storage';
import { turnPrefetch } from '../../../bot/storage/state-prefetch';
import { GALERA_URLS, galeraDatabase } from '../../helpers/galera';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../../helpers/test-app';

type Target = DbTarget | 'galera';

/**
 * A database two DataSources (two "instances") can share: a SQLite file, a fresh MySQL database, or one on the
 * Galera cluster (when TEST_GALERA_URLS is set) reached through two different nodes.
 */
async function sharedDatabase(target: Target): Promise<{ urls: [string, string]; drop: () => Promise<void> }> {
  if (target === 'galera') {
    const cluster = await galeraDatabase();
    return { urls: [cluster.urls[0]!, cluster.urls[1]!], drop: cluster.drop };
  }
  if (target === 'mysql') {
    const { url, drop } = await testDatabaseUrl('mysql');
    return { urls: [url, url], drop };
  }
  const dir = mkdtempSync(join(tmpdir(), 'jetway-leases-'));
  const url = `sqlite:${join(dir, 'db.sqlite')}`;
  return { urls: [url, url], drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

const TARGETS: Target[] = [...DB_TARGETS, ...(GALERA_URLS.length >= 2 ? (['galera'] as const) : [])];

const sql = (db: Db) => (q: string, params: unknown[]) => db.run((em) => em.query(q, params));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(TARGETS)('database leases (%s)', (target) => {
  let one: Db;
  let two: Db;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const shared = await sharedDatabase(target);
    drop = shared.drop;
    one = await openDatabase(shared.urls[0], { poolSize: 20, entities: BOT_ENTITIES });
    two = await openDatabase(shared.urls[1], { poolSize: 20, entities: BOT_ENTITIES });
  }, 60_000);
  afterAll(async () => {
    await one.close();
    await two.close();
    await drop();
  });

  const leasesOf = (db: Db) => new DbLeases(sql(db), db.kind, 'conversation_leases');

  it('gives a lease to one holder at a time, across instances, until released', async () => {
    const [a, b] = [leasesOf(one), leasesOf(two)];
    expect(await a.tryAcquire('directline:x', 'A', 10_000)).toBe(true);
    expect(await b.tryAcquire('directline:x', 'B', 10_000)).toBe(false);
    await b.release('directline:x', 'B'); // not B's: nothing happens
    expect(await b.tryAcquire('directline:x', 'B', 10_000)).toBe(false);
    expect(await a.renew('directline:x', 'A', 10_000)).toBe(true);
    await a.release('directline:x', 'A');
    expect(await b.tryAcquire('directline:x', 'B', 10_000)).toBe(true);
    await b.release('directline:x', 'B');
  });

  it('lets another holder take over a lease that ran out; the old holder can no longer renew it', async () => {
    const [a, b] = [leasesOf(one), leasesOf(two)];
    expect(await a.tryAcquire('sms:+447700900001', 'A', 30)).toBe(true);
    await sleep(60);
    expect(await b.tryAcquire('sms:+447700900001', 'B', 10_000)).toBe(true);
    expect(await a.renew('sms:+447700900001', 'A', 10_000)).toBe(false);
    await a.release('sms:+447700900001', 'A');
    expect(await a.tryAcquire('sms:+447700900001', 'A', 10_000)).toBe(false);
    await b.release('sms:+447700900001', 'B');
  });

  it('has exactly one winner when 30 claims race from two instances', async () => {
    const claims = Array.from({ length: 30 }, (_, i) =>
      leasesOf(i % 2 ? one : two).tryAcquire('slack:D1', `H${i}`, 10_000),
    );
    const won = (await Promise.all(claims)).filter(Boolean);
    expect(won).toHaveLength(1);
    await one.run((em) => em.query('DELETE FROM conversation_leases'));
  });

  it('keeps a held lease renewed past its time to live, until the turn has run for maxHoldMs', async () => {
    const [a, b] = [leasesOf(one), leasesOf(two)];
    const held = await acquireLease(a, 'directline:long', { ttlMs: 300, maxWaitMs: 1_000, maxHoldMs: 800 });
    await sleep(700); // well past the time to live: renewed meanwhile
    expect(await b.tryAcquire('directline:long', 'B', 10_000)).toBe(false);
    await sleep(900); // renewal stopped after maxHoldMs (a hung turn): the lease runs out
    expect(await b.tryAcquire('directline:long', 'B', 10_000)).toBe(true);
    await held.release(); // no longer its holder: leaves B's lease alone
    expect(await a.tryAcquire('directline:long', 'A', 10_000)).toBe(false);
    await b.release('directline:long', 'B');
  });

  it('claims and releases leases in groups: a taken name is not won, the others are', async () => {
    const [a, b] = [leasesOf(one), leasesOf(two)];
    expect(await b.tryAcquire('directline:g2', 'B', 10_000)).toBe(true);
    const claims = ['directline:g1', 'directline:g2', 'directline:g3'].map((name, i) => ({ name, holder: `A${i}` }));
    expect([...(await a.tryAcquireMany(claims, 10_000))].sort()).toEqual(['A0', 'A2']);
    expect(await b.tryAcquire('directline:g1', 'B', 10_000)).toBe(false);
    // Releasing pairs that are not held (g2 is B's) leaves them alone.
    await a.releaseMany(claims);
    expect(await b.tryAcquire('directline:g1', 'B', 10_000)).toBe(true);
    expect(await a.tryAcquire('directline:g2', 'A', 10_000)).toBe(false);
    await b.releaseMany([
      { name: 'directline:g1', holder: 'B' },
      { name: 'directline:g2', holder: 'B' },
    ]);
    expect(await one.run((em) => em.query('SELECT name FROM conversation_leases'))).toEqual([]);
  });

  it('serialises turns of many conversations claimed together from two instances', async () => {
    const leases = [one, two].map((db) => new ConversationLeases(db));
    let inside = 0;
    let overlaps = 0;
    const running = new Set<string>();
    const turn = async (i: number) => {
      const key = `directline:burst${i % 5}`;
      const held = await leases[i % 2]!.acquire(key);
      if (running.has(key)) overlaps++;
      running.add(key);
      inside++;
      await sleep(3);
      running.delete(key);
      inside--;
      await held.release();
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => turn(i)));
    expect(overlaps).toBe(0);
    expect(inside).toBe(0);
    expect(await one.run((em) => em.query('SELECT name FROM conversation_leases'))).toEqual([]);
  }, 30_000);

  it('names a long conversation key by its hash, within the column', () => {
    expect(leaseName('directline:abc')).toBe('directline:abc');
    expect(leaseName(`directline:${'x'.repeat(300)}`)).toMatch(/^#sha256:[0-9a-f]{64}$/);
  });

  it('keeps every turn of one conversation served by two instances at once (no state lost)', async () => {
    // Each "instance" has its own queue, lease and state storage; a turn reads, waits, then writes back.
    const instances = [one, two].map((db) => ({
      queue: new ConversationQueue({ lease: new ConversationLeases(db) }),
      storage: new DbStorage(db),
    }));
    const key = 'directline/conversations/shared';
    const turn = (i: number) => {
      const { queue, storage } = instances[i % 2]!;
      return queue.run('directline:shared', async () => {
        const state = (await storage.read([key]))[key] as { turns?: number[] } | undefined;
        await sleep(5); // the dialogs' work between loading and saving the state
        // botbuilder saves conversation state with eTag '*': without the lease the slower write would win.
        await storage.write({ [key]: { turns: [...(state?.turns ?? []), i], eTag: '*' } });
      });
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => turn(i)));
    const saved = (await instances[0]!.storage.read([key]))[key] as { turns: number[] };
    expect([...saved.turns].sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(await one.run((em) => em.query('SELECT name FROM conversation_leases'))).toEqual([]);
  }, 30_000);

  it('keeps every turn whole when the lease brings the state along (both instances, two keys)', async () => {
    const instances = [one, two].map((db) => ({
      queue: new ConversationQueue({ lease: new ConversationLeases(db) }),
      storage: new DbStorage(db),
    }));
    const [conversation, user] = ['directline/conversations/along/', 'directline/users/along-user/'];
    let broughtAlong = 0;
    const turn = (i: number) => {
      const { queue, storage } = instances[i % 2]!;
      return queue.run(
        'directline:along',
        async () => {
          // On MySQL the claim read both rows: one read of either key is answered from it.
          const brought = turnPrefetch.getStore();
          // Only with multi-statement sessions (a plain MySQL server): not on SQLite, nor on a cluster.
          if (!one.batches) expect(brought).toBeNull();
          else if (brought) {
            expect([...brought.unread].sort()).toEqual([conversation, user]);
            broughtAlong++;
          }
          const [c, u] = await Promise.all([storage.read([conversation]), storage.read([user])]);
          if (brought) expect(brought.unread.size).toBe(0);
          const state = c[conversation] as { turns?: number[] } | undefined;
          const seen = (u[user] as { seen?: number } | undefined)?.seen ?? 0;
          await sleep(3);
          await storage.write({ [conversation]: { turns: [...(state?.turns ?? []), i], eTag: '*' } });
          await storage.write({ [user]: { seen: seen + 1, eTag: '*' } });
        },
        [conversation, user],
      );
    };
    await Promise.all(Array.from({ length: 16 }, (_, i) => turn(i)));
    const saved = await instances[0]!.storage.read([conversation, user]);
    const turns = (saved[conversation] as { turns: number[] }).turns;
    expect([...turns].sort((x, y) => x - y)).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect((saved[user] as { seen: number }).seen).toBe(16);
    // A claim that found the conversation busy waits, and its turn reads for itself; the others used the claim's read.
    if (one.batches) expect(broughtAlong).toBeGreaterThan(0);
    expect(await one.run((em) => em.query('SELECT name FROM conversation_leases'))).toEqual([]);
  }, 30_000);

  it('reads state again from the database once the turn wrote it', async () => {
    const queue = new ConversationQueue({ lease: new ConversationLeases(one) });
    const storage = new DbStorage(one);
    const key = 'directline/conversations/rewritten/';
    await storage.write({ [key]: { n: 1, eTag: '*' } });
    const seen = await queue.run(
      'directline:rewritten',
      async () => {
        await storage.write({ [key]: { n: 2, eTag: '*' } });
        return ((await storage.read([key]))[key] as { n: number }).n;
      },
      [key],
    );
    expect(seen).toBe(2);
  });

  it('runs start-up work of instances started together one at a time', async () => {
    let inside = 0;
    let most = 0;
    const work = async () => {
      inside++;
      most = Math.max(most, inside);
      await sleep(30);
      inside--;
    };
    await Promise.all([one, two, one, two].map((db) => withStartupLock(sql(db), db.kind, work, { ttlMs: 5_000 })));
    expect(most).toBe(1);
  }, 30_000);
});
