import request from 'supertest';
import { bearer } from '../../helpers/api-helpers';
import { DB_TARGETS } from '../../helpers/test-app';
import { CARD_FORMATS, digitsOf } from '../../fixtures/card-corpus';
import { createSmsHarness, type SmsHarness } from '../sms/harness';

/**
 * Every format of the corpus goes in through every door a traveller has (chat text, a card's value,
 * channelData, attachments; SMS; a support case's transcript), and then no table holds any of them.
 */
describe.each(DB_TARGETS)('card numbers are never stored (%s)', (target) => {
  let h: SmsHarness;
  beforeAll(async () => {
    // Hundreds of messages from one chat: the message limit is not what this test is about.
    h = await createSmsHarness({ target, env: { RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '100000' } });
  }, 60_000);
  afterAll(() => h.close());

  /** Every text cell of every table, digits only (separators and scripts folded away). */
  async function databaseDigits(): Promise<string[]> {
    const ds = h.t.services.db.dataSource;
    const tables = (
      ds.options.type === 'mysql'
        ? await ds.query('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()')
        : await ds.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    ) as { name: string }[];
    const cells: string[] = [];
    for (const { name } of tables)
      for (const row of (await ds.query(`SELECT * FROM ${name}`)) as Record<string, unknown>[])
        for (const v of Object.values(row)) if (typeof v === 'string') cells.push(digitsOf(v));
    return cells;
  }

  it('the database holds none of the corpus after it came in through chat, SMS and a support case', async () => {
    const http = request(h.app);
    const chat = await http.post('/api/v1/chat/token').send({});
    const { token, conversationId } = chat.body as { token: string; conversationId: string };
    const post = (activity: object) =>
      http.post(`/v3/directline/conversations/${conversationId}/activities`).set(bearer(token)).send(activity);
    expect((await http.post('/v3/directline/conversations').set(bearer(token))).status).toBeLessThan(300);
    expect((await post({ type: 'message', text: 'I want to talk to a person' })).status).toBe(200);

    for (const [label, text] of CARD_FORMATS) {
      expect((await post({ type: 'message', text })).status).toBe(200);
      await post({ type: 'message', text: label, value: { card: text, nested: [{ pan: text }] } });
      await post({ type: 'message', text: label, channelData: { note: text, clientActivityID: label } });
      await post({
        type: 'message',
        text: label,
        attachments: [{ contentType: 'text/plain', content: text, name: text }],
      });
      await h.text('+447700900123', text);
    }

    const cells = await databaseDigits();
    expect(cells.length).toBeGreaterThan(100);
    const found = CARD_FORMATS.filter(([, , digits]) => cells.some((c) => c.includes(digits)));
    expect(found.map(([label]) => label)).toEqual([]);
    // The traveller's own words around the numbers were kept (the check above looks at real transcripts).
    const rows: { n: number }[] = await h.t.services.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM dl_activities WHERE activity LIKE '%card number removed%'",
    );
    expect(Number(rows[0]!.n)).toBeGreaterThan(0);
  }, 120_000);
});
