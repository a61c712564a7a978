import { BotStateEntity } from '../../../bot/storage/bot-state.entities';
import { DlActivityEntity, DlConversationEntity } from '../../../bot/directline/directline.entities';
import { SmsInboundEntity } from '../../../bot/channels/sms/sms.entities';
import { MailOutboxEntity } from '../../../api/db/entities';
import type { OutboxStatus } from '../../../api/domain/records';
import { timeParam } from '../../../api/repositories/sql';
import { retentionWorker } from '../../../bot/retention';
import { book, bookingBody, DAY, MINUTE, nonstopFlight, pax } from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/** The retention purge removes personal data past its days and keeps recent data and the legal record. */
describe.each(DB_TARGETS)('retention (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      target,
      days: 10,
      env: { RETENTION_CONVERSATION_DAYS: '30', RETENTION_SMS_DAYS: '30', RETENTION_HOLD_DAYS: '7' },
    });
  }, 60_000);
  afterAll(() => t.close());

  const count = async (table: string) =>
    Number(((await t.services.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[])[0]!.n);

  async function seedConversation(id: string, lastUsed: Date): Promise<void> {
    const em = t.services.db.dataSource.manager;
    await em
      .getRepository(DlConversationEntity)
      .insert({ id, userId: 'anon:x', lastSeq: 1, createdAt: lastUsed, updatedAt: lastUsed });
    await em.getRepository(DlActivityEntity).insert({
      conversationId: id,
      seq: 1,
      activityId: `${id}|1`,
      activity: '{"type":"message","text":"my name is Ada"}',
      createdAt: lastUsed,
    });
    await em
      .getRepository(BotStateEntity)
      .insert({ key: `directline/conversations/${id}/`, data: '{}', etag: '1', updatedAt: lastUsed });
  }

  it('purges idle conversations, SMS logs, old outbox rows, expired holds and help asks, keeping the rest', async () => {
    const now = t.clock.now().getTime();
    const old = new Date(now - 40 * DAY);
    const recent = new Date(now - 2 * DAY);
    await seedConversation('conv-old', old);
    await seedConversation('conv-recent', recent);
    // Turn leases: one left behind by an instance that died long ago, one that ran out two days ago.
    await t.services.db.dataSource.query(
      'INSERT INTO conversation_leases (name, holder, expires_at) VALUES (?, ?, ?), (?, ?, ?)',
      ['sms:+15550001111', 'dead', old.getTime(), 'directline:conv-recent', 'gone', recent.getTime()],
    );
    const sms = (sid: string, at: Date) => ({
      messageSid: sid,
      fromNumber: '+15550001111',
      toNumber: '+15550002222',
      body: 'book me to Paris',
      status: 'done' as const,
      receivedAt: at,
      claimedAt: at,
    });
    await t.services.db.dataSource.manager
      .getRepository(SmsInboundEntity)
      .insert([sms('SM-old', old), sms('SM-new', recent)]);
    const mail = (key: string, status: OutboxStatus, at: Date) => ({
      dedupeKey: key,
      kind: 'test',
      toAddress: 'ada@example.com',
      subject: 's',
      bodyText: 'b',
      status,
      nextAttemptAt: at,
      createdAt: at,
    });
    await t.services.db.dataSource.manager
      .getRepository(MailOutboxEntity)
      .insert([
        mail('m-old-sent', 'sent', old),
        mail('m-old-pending', 'pending', old),
        mail('m-new-sent', 'sent', recent),
      ]);

    // Help questions: one asked before RETENTION_HELP_ASK_DAYS (90), one recent.
    for (const [words, at] of [
      ['my name is ada lovelace', new Date(now - 100 * DAY)],
      ['baggage allowance', recent],
    ] as const)
      await t.services.db.dataSource.query(
        'INSERT INTO help_asks (channel, slug, words, asked_at) VALUES (?, ?, ?, ?)',
        ['webchat', null, words, timeParam(t.services.db.kind, at)],
      );

    // Two holds: one expires now and is purged 7 days later; one made just before the purge stays.
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 9);
    const expired = await book(t, await t.token(), bookingBody([flight], [pax('Ada', 'Lovelace', '1985-12-10')]));
    expect(expired.status).toBe(201);
    t.clock.advance(20 * MINUTE);
    await t.services.sweeper.sweep();
    t.clock.advance(8 * DAY);
    const fresh = await book(t, await t.token(), bookingBody([flight], [pax('Bob', 'Byron', '1980-01-01')]));
    expect(fresh.status).toBe(201);
    const before = { bookings: await count('bookings'), passengers: await count('passengers') };

    const { service } = retentionWorker(t.services);
    const purged = await service.purgeAll();

    expect(purged).toMatchObject({ conversations: 3, sms_logs: 1, expired_holds: 1, outbox: 1, help_asks: 1 });
    const asks = (await t.services.db.dataSource.query('SELECT words FROM help_asks')) as { words: string }[];
    expect(asks.map((r) => r.words)).toEqual(['baggage allowance']);
    const ids = (await t.services.db.dataSource.query('SELECT id FROM dl_conversations')) as { id: string }[];
    expect(ids.map((r) => r.id)).toEqual(['conv-recent']);
    expect(await count('dl_activities')).toBe(1);
    const leases = (await t.services.db.dataSource.query('SELECT name FROM conversation_leases')) as { name: string }[];
    expect(leases.map((r) => r.name)).toEqual(['directline:conv-recent']);
    expect(await count('sms_inbound')).toBe(1);
    expect(await count('mail_outbox')).toBe(2); // the recent one, and the pending one (never purged)
    expect(await count('bookings')).toBe(before.bookings - 1);
    expect(await count('passengers')).toBe(before.passengers - 1);
    const kept = (await t.services.db.dataSource.query('SELECT pnr FROM bookings')) as { pnr: string }[];
    expect(kept.map((r) => r.pnr)).toContain(fresh.body.pnr);
    expect(kept.map((r) => r.pnr)).not.toContain(expired.body.pnr);
  });

  it('runs on one instance per interval (the first to take the lease)', async () => {
    const first = retentionWorker(t.services).service;
    const second = retentionWorker(t.services).service;
    t.clock.advance(2 * 60 * MINUTE);
    const [a, b] = await Promise.all([first.runIfElected(), second.runIfElected()]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
  });
});
