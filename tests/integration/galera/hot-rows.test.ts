import { openDatabase } from '../../../api/db/data-source';
import type { Db } from '../../../api/db/db';
import { OpsRepository } from '../../../api/repositories/ops.repository';
import { SearchCountRepository } from '../../../api/repositories/search-count.repository';
import { ConversationRefRepository } from '../../../bot/conversation-refs.repository';
import { BOT_ENTITIES } from '../../../bot/entities';
import { BotStateRepository } from '../../../bot/storage/bot-state.repository';
import { describeOnGalera, galeraDatabase, type GaleraDatabase, onNode } from '../../helpers/galera';

/**
 * Rows every instance writes at once, written through two nodes of a multi-primary cluster: a write that loses
 * certification to the other node's answers 1213, and must be run again rather than fail the traveller's turn
 * (a 500 on a chat message, seen when two instances served one conversation).
 */
describeOnGalera('hot rows written through two Galera nodes at once', () => {
  const HITS = 60;
  let cluster: GaleraDatabase;
  let dbs: Db[] = [];

  beforeAll(async () => {
    cluster = await galeraDatabase();
    dbs.push(await openDatabase(cluster.urls[0]!, { poolSize: 16, entities: BOT_ENTITIES }));
    dbs.push(await openDatabase(cluster.urls[1]!, { poolSize: 16, entities: BOT_ENTITIES, migrate: false }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.close()));
    dbs = [];
    await cluster?.drop();
  });

  it(`${HITS} rate-limit hits on one bucket through both nodes: all answer, none lost`, async () => {
    const ops = dbs.map((db) => new OpsRepository(db));
    const now = new Date();
    const counts = await Promise.all(
      Array.from({ length: HITS }, (_, i) => ops[i % 2]!.count('conversation:hot', 60_000, now)),
    );
    expect(counts.every((n) => n >= 1)).toBe(true);
    // A group refused half-way is counted again one by one: a hit may count twice, never zero times.
    const [row] = await onNode(cluster.urls[2]!, (q) =>
      q("SELECT hits FROM rate_limits WHERE bucket = 'conversation:hot'"),
    );
    expect(Number((row as { hits: number }).hits)).toBeGreaterThanOrEqual(HITS);
  });

  it(`${HITS} additions to one day's search counter through both nodes sum exactly`, async () => {
    const repos = dbs.map((db) => new SearchCountRepository(db));
    await Promise.all(Array.from({ length: HITS }, (_, i) => repos[i % 2]!.add('2026-12-06', 'webchat', 1)));
    const [row] = await onNode(cluster.urls[2]!, (q) => q('SELECT searches FROM search_counts'));
    expect(Number((row as { searches: number }).searches)).toBe(HITS);
  });

  it("one conversation's reference saved through both nodes at once: every save answers", async () => {
    const repos = dbs.map((db) => new ConversationRefRepository(db));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repos[i % 2]!.save('directline/hot', 'directline', { channelId: 'directline', locale: `en-${i}` }, null),
      ),
    );
    expect(await repos[0]!.find('directline/hot')).toMatchObject({ channelId: 'directline' });
  });

  it('one bot state row created and then replaced through both nodes at once: exactly one writer wins each', async () => {
    const repos = dbs.map((db) => new BotStateRepository(db));
    const inserted = await Promise.all(
      Array.from({ length: 20 }, (_, i) => repos[i % 2]!.insert('directline/state', `{"n":${i}}`, `e${i}`)),
    );
    expect(inserted.filter(Boolean)).toHaveLength(1);
    const [winner] = await repos[0]!.findMany(['directline/state']);
    const replaced = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repos[i % 2]!.updateIfMatch('directline/state', winner!.etag, `{"m":${i}}`, `f${i}`),
      ),
    );
    expect(replaced.filter(Boolean)).toHaveLength(1);
  });
});
