import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, MemoryStorage, TestAdapter, UserState } from 'botbuilder';
import type { Db } from '../../api/db/db';
import { openDatabase } from '../../api/db/data-source';
import { BOT_ENTITIES } from '../../bot/entities';
import { DbStorage, ETagConflictError, storageKey } from '../../bot/storage/db-storage';
import { LeanConversationState, LeanUserState } from '../../bot/storage/lean-state';
import { DB_TARGETS, type DbTarget, testDatabaseUrl } from '../helpers/test-app';

/** A database two DataSources can share: a fresh MySQL database, or a SQLite file. */
async function sharedDatabase(target: DbTarget): Promise<{ url: string; drop: () => Promise<void> }> {
  if (target === 'mysql') return testDatabaseUrl('mysql');
  const dir = mkdtempSync(join(tmpdir(), 'jetway-state-'));
  return { url: `sqlite:${join(dir, 'db.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** An activity template with a conversation and user of their own (the test above uses TestAdapter's defaults). */
const LEAN_CONVERSATION = {
  channelId: 'test',
  conversation: { id: 'lean', isGroup: false, conversationType: 'personal', name: 'lean' },
  from: { id: 'lean-user', name: 'Lin' },
  recipient: { id: 'bot', name: 'Bot' },
};

describe('storageKey', () => {
  it('keeps ordinary keys and hashes long, space-ended or hash-like ones', () => {
    expect(storageKey('directline/conversations/abc')).toBe('directline/conversations/abc');
    const long = 'k'.repeat(300);
    expect(storageKey(long)).toMatch(/^#sha256:[0-9a-f]{64}$/);
    expect(storageKey(long)).not.toBe(storageKey(`${long}x`));
    expect(storageKey('key ')).not.toBe('key ');
    expect(storageKey(storageKey(long))).not.toBe(storageKey(long));
  });
});

describe.each(DB_TARGETS)('DbStorage (%s)', (target) => {
  let db: Db;
  let other: Db;
  let storage: DbStorage;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const shared = await sharedDatabase(target);
    drop = shared.drop;
    db = await openDatabase(shared.url, { poolSize: 30, entities: BOT_ENTITIES });
    other = await openDatabase(shared.url, { poolSize: 10, entities: BOT_ENTITIES });
    storage = new DbStorage(db);
  }, 60_000);
  afterAll(async () => {
    await db.close();
    await other.close();
    await drop();
  });

  it('reads nothing for unknown keys, then what was written, with an eTag', async () => {
    expect(await storage.read(['nope'])).toEqual({});
    await storage.write({ a: { count: 1, nested: { list: [1, 2] } } });
    const { a } = await storage.read(['a', 'nope']);
    expect(a).toEqual({ count: 1, nested: { list: [1, 2] }, eTag: expect.any(String) });
    await storage.write({ a: { count: 2 } });
    const again = await storage.read(['a']);
    expect(again.a.count).toBe(2);
    expect(again.a.eTag).not.toBe(a.eTag);
  });

  it("writes with '*' or no eTag whatever is stored (last writer wins)", async () => {
    await storage.write({ lww: { v: 1 } });
    await storage.write({ lww: { v: 2, eTag: '*' } });
    await storage.write({ lww: { v: 3 } });
    expect((await storage.read(['lww'])).lww.v).toBe(3);
  });

  it('writes with a specific eTag only when it is still the stored one', async () => {
    await storage.write({ e: { v: 1 } });
    const first = (await storage.read(['e'])).e;
    await storage.write({ e: { ...first, v: 2 } });
    const second = (await storage.read(['e'])).e;
    await expect(storage.write({ e: { ...first, v: 3 } })).rejects.toThrow(/eTag conflict/);
    await expect(storage.write({ e: { ...first, v: 3 } })).rejects.toBeInstanceOf(ETagConflictError);
    expect((await storage.read(['e'])).e).toEqual(second);
    await storage.write({ e: { ...second, v: 4 } });
    expect((await storage.read(['e'])).e.v).toBe(4);
  });

  it('creates an item written with an eTag when there is none yet (as MemoryStorage does)', async () => {
    await storage.write({ fresh: { v: 1, eTag: 'made-up' } });
    expect((await storage.read(['fresh'])).fresh.v).toBe(1);
  });

  it('deletes', async () => {
    await storage.write({ d1: { v: 1 }, d2: { v: 2 } });
    await storage.delete(['d1', 'missing']);
    expect(Object.keys(await storage.read(['d1', 'd2']))).toEqual(['d2']);
  });

  it('keeps keys apart that differ in case, trailing space or beyond 255 characters', async () => {
    const long = 'x'.repeat(400);
    const items = {
      User1: { v: 'upper' },
      user1: { v: 'lower' },
      'user1 ': { v: 'space' },
      [long]: { v: 'long' },
      [`${long}y`]: { v: 'longer' },
    };
    await storage.write(items);
    const back = await storage.read(Object.keys(items));
    for (const [k, item] of Object.entries(items)) expect(back[k].v).toBe(item.v);
  });

  it('writes several keys all or nothing', async () => {
    await storage.write({ m1: { v: 1 } });
    const stale = { ...(await storage.read(['m1'])).m1 };
    await storage.write({ m1: { v: 2 } });
    await expect(storage.write({ m0: { v: 'new' }, m1: { ...stale, v: 3 } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['m0'])).toEqual({});
    expect((await storage.read(['m1'])).m1.v).toBe(2);
  });

  it('lets exactly one of 20 concurrent writers with the same eTag win', async () => {
    await storage.write({ race: { winner: null } });
    const { race } = await storage.read(['race']);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => storage.write({ race: { ...race, winner: i } })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => /eTag conflict/.test(String((r as PromiseRejectedResult).reason))),
    ).toBe(true);
    expect((await storage.read(['race'])).race.winner).toBe(won[0]);
  });

  it('keeps 40 turns apart that read and write their own state at the same time (grouped on MySQL)', async () => {
    const keys = Array.from({ length: 40 }, (_, i) => `turn-${i}`);
    await Promise.all(keys.map((k, i) => storage.write({ [k]: { n: i } })));
    const read = await Promise.all(keys.map((k) => storage.read([k])));
    const name = `Zoë "O'Brien" \\ 😀 \n \r \u0000 \x1a \u2028 '' \\' \\\\`;
    await Promise.all(keys.map((k, i) => storage.write({ [k]: { ...read[i]![k], n: i * 10, name } })));
    const again = await Promise.all(keys.map((k) => storage.read([k, 'no-such-key'])));
    expect(again.map((items, i) => items[keys[i]!].n)).toEqual(keys.map((_, i) => i * 10));
    expect(again.every((items, i) => items[keys[i]!].name === name)).toBe(true);
    expect(again.every((items) => !('no-such-key' in items))).toBe(true);
    // Stale eTags still lose, whichever group they land in.
    const stale = await Promise.allSettled(keys.map((k, i) => storage.write({ [k]: { ...read[i]![k], n: -1 } })));
    expect(stale.every((r) => r.status === 'rejected')).toBe(true);
  });

  it('lets exactly one of 20 concurrent creators of a new key with an eTag win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => storage.write({ born: { i, eTag: 'x' } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('respects eTags across two instances on two DataSources of one database', async () => {
    const mine = new DbStorage(db);
    const theirs = new DbStorage(other);
    await mine.write({ shared: { v: 1 } });
    const seen = (await theirs.read(['shared'])).shared;
    expect(seen.v).toBe(1);
    await mine.write({ shared: { ...seen, v: 2 } });
    await expect(theirs.write({ shared: { ...seen, v: 3 } })).rejects.toThrow(/eTag conflict/);
    const latest = (await theirs.read(['shared'])).shared;
    const results = await Promise.allSettled(
      [mine, theirs, mine, theirs].map((s, i) => s.write({ shared: { ...latest, v: 10 + i } })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('serves botbuilder state (ConversationState, UserState) like MemoryStorage', async () => {
    for (const store of [new MemoryStorage(), storage]) {
      const convo = new ConversationState(store);
      const user = new UserState(store);
      const count = convo.createProperty<number>('count');
      const name = user.createProperty<string>('name');
      const adapter = new TestAdapter(async (context) => {
        const n = (await count.get(context, 0)) + 1;
        await count.set(context, n);
        if (!(await name.get(context))) await name.set(context, String(context.activity.text));
        await context.sendActivity(`${await name.get(context)} #${n}`);
        await convo.saveChanges(context);
        await user.saveChanges(context);
      });
      await adapter.send('Ada').assertReply('Ada #1').send('x').assertReply('Ada #2').startTest();
    }
  });

  it('serves the lean states like botbuilder: writes a state only when it changed, and as stored JSON', async () => {
    const convo = new LeanConversationState(storage);
    const user = new LeanUserState(storage);
    const count = convo.createProperty<number>('count');
    const name = user.createProperty<string>('name');
    const writes: string[] = [];
    const write = storage.write.bind(storage);
    const spy = jest.spyOn(storage, 'write').mockImplementation(async (changes) => {
      writes.push(...Object.keys(changes));
      return write(changes);
    });
    try {
      const adapter = new TestAdapter(async (context) => {
        await Promise.all([convo.load(context), user.load(context)]);
        if (context.activity.text !== 'look') await count.set(context, (await count.get(context, 0)) + 1);
        if (!(await name.get(context))) await name.set(context, String(context.activity.text));
        await context.sendActivity(`${await name.get(context)} #${await count.get(context, 0)}`);
        await convo.saveChanges(context);
        await user.saveChanges(context);
      }, LEAN_CONVERSATION);
      await adapter
        .send('Lin')
        .assertReply('Lin #1')
        .send('x')
        .assertReply('Lin #2')
        .send('look')
        .assertReply('Lin #2')
        .startTest();
    } finally {
      spy.mockRestore();
    }
    // Turn 1 writes both states, turn 2 the conversation only, turn 3 nothing.
    expect(writes.map((k) => k.split('/')[1])).toEqual(['conversations', 'users', 'conversations']);
    const stored = await db.run(
      (em) =>
        em.query("SELECT data FROM bot_state WHERE state_key = 'test/conversations/lean/'") as Promise<
          { data: string }[]
        >,
    );
    expect(stored.map((r) => JSON.parse(r.data) as unknown)).toEqual([{ count: 2 }]);
  });
});
