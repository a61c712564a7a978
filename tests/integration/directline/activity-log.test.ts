import type { Activity } from 'botbuilder';
import { ConversationStore, UnknownConversationError } from '../../../bot/directline/conversation-store.repository';
import { DirectLineAdapter } from '../../../bot/directline/directline.adapter';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * The Direct Line activity log under concurrent appends (on MySQL they go in groups: GroupedAppends):
 * every conversation's sequence numbers stay gap-free and in the order the appends were made, each
 * activity carries the id of its own sequence number, and an append to a conversation that does not
 * exist fails alone.
 */
describe.each(DB_TARGETS)('Direct Line activity log (%s)', (target) => {
  let t: TestApp;
  let store: ConversationStore;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1 });
    store = new ConversationStore(t.services.db);
  }, 60_000);
  afterAll(() => t.close());

  it('numbers concurrent appends per conversation without gaps, in the order they were made', async () => {
    const ids = ['conv-a', 'conv-b', 'conv-c'];
    for (const id of ids) await store.ensure(id, `user-${id}`);
    const appended: { conversationId: string; seq: number }[] = [];
    store.on('appended', (conversationId: string, s: { seq: number }) => appended.push({ conversationId, seq: s.seq }));
    const made = Array.from({ length: 60 }, (_, i) => ({ conversationId: ids[i % 3]!, n: i }));
    const results = await Promise.all(
      made.map((m) =>
        store.append(m.conversationId, (seq, id) => ({ id, type: 'message', text: `m${m.n}`, channelData: { seq } })),
      ),
    );
    for (const id of ids) {
      const mine = made.map((m, i) => ({ ...m, stored: results[i]! })).filter((m) => m.conversationId === id);
      expect(mine.map((m) => m.stored.seq)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
      const log = await store.after(id, 0);
      expect(log.map((s) => s.seq)).toEqual(mine.map((m) => m.stored.seq));
      expect(log.map((s) => s.activity.text)).toEqual(mine.map((m) => `m${m.n}`));
      for (const s of log)
        expect(s.activity).toMatchObject({
          id: `${id}|${String(s.seq).padStart(7, '0')}`,
          channelData: { seq: s.seq },
        });
      // Each commit is announced once, in sequence order.
      expect(appended.filter((a) => a.conversationId === id).map((a) => a.seq)).toEqual(mine.map((m) => m.stored.seq));
    }
  });

  it('fails an append to an unknown conversation alone', async () => {
    await store.ensure('conv-d', 'user-d');
    const [bad, good] = await Promise.allSettled([
      store.append('no-such-conversation', (_seq, id) => ({ id, type: 'message', text: 'lost' })),
      store.append('conv-d', (_seq, id) => ({ id, type: 'message', text: 'kept' })),
    ]);
    expect(bad.status === 'rejected' && bad.reason).toBeInstanceOf(UnknownConversationError);
    expect(good.status === 'fulfilled' && good.value.seq).toBe(1);
    expect((await store.after('conv-d', 0)).map((s) => s.activity.text)).toEqual(['kept']);
  });

  it('keeps activities as the bot sent them and renders them, as of when they were sent, when handed out', async () => {
    let clock = new Date('2026-12-06T10:00:00Z');
    const render = (a: Partial<Activity>, sentAt: Date): Partial<Activity> => {
      const data = a.channelData as { card?: unknown } | undefined;
      if (!data?.card) return a;
      if (typeof data.card !== 'string') throw new Error('a card this version cannot render');
      return { ...a, text: `${data.card} card rendered at ${sentAt.toISOString()}`, channelData: undefined };
    };
    const adapter = new DirectLineAdapter({ db: t.services.db, render, now: () => clock });
    await adapter.store.ensure('conv-r', 'user-r');
    const handedOut: Partial<Activity>[] = [];
    adapter.store.on('appended', (_id: string, s: { activity: Partial<Activity> }) => handedOut.push(s.activity));
    await adapter.continueConversation({ conversation: { id: 'conv-r' } as Activity['conversation'] }, async (ctx) => {
      await ctx.sendActivity({ type: 'message', channelData: { card: 'seat map' } });
      await ctx.sendActivity({ type: 'message', text: 'plain' });
    });
    clock = new Date('2026-12-06T11:00:00Z');
    const expected = ['seat map card rendered at 2026-12-06T10:00:00.000Z', 'plain'];
    expect(handedOut.map((a) => a.text)).toEqual(expected);
    const read = await adapter.store.after('conv-r', 0);
    expect(read.map((s) => s.activity.text)).toEqual(expected);
    expect(read.every((s) => s.activity.channelData === undefined)).toBe(true);
    // The log holds the neutral form (small), not the rendering.
    const rows = (await t.services.db.run((em) =>
      em.query("SELECT activity FROM dl_activities WHERE conversation_id = 'conv-r' ORDER BY seq"),
    )) as { activity: string }[];
    const first = JSON.parse(rows[0]!.activity) as Partial<Activity>;
    expect(first.text).toBeUndefined();
    expect(first.channelData).toEqual({ card: 'seat map', jetwaySentAt: '2026-12-06T10:00:00.000Z' });
    // A client's channel data is never rendered, even when it looks like the bot's.
    const user = { id: 'user-r', role: 'user' } as Activity['from'];
    const sentAt = '2026-12-06T10:00:00.000Z';
    await adapter.store.append('conv-r', (_seq, id) => ({
      id,
      type: 'message',
      text: 'hi',
      from: user,
      channelData: { card: 'fake', jetwaySentAt: sentAt },
    }));
    // A bot activity that no longer renders is handed out as stored, without its channel data.
    await adapter.store.append('conv-r', (_seq, id) => ({
      id,
      type: 'message',
      text: 'old',
      from: { id: 'jetway', role: 'bot' } as Activity['from'],
      channelData: { card: { broken: true }, jetwaySentAt: sentAt },
    }));
    const later = (await adapter.store.after('conv-r', 2)).map((s) => s.activity);
    expect(later[0]).toMatchObject({ text: 'hi', channelData: { card: 'fake', jetwaySentAt: sentAt } });
    expect(later[1]).toMatchObject({ text: 'old' });
    expect(later[1]!.channelData).toBeUndefined();
  });
});
