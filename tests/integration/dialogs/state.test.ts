import { type BotRuntime, createBotRuntime } from '../../../bot/runtime';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, fixedNow, LADDER, lastCode, pnrIn } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Conversation state lives in the database: another bot instance (a restart, a second server) continues the
 * conversation.
 */
describe.each(DB_TARGETS)('conversation state in the database (%s)', (target) => {
  let h: BotHarness;
  const runtimes: BotRuntime[] = [];
  /** A new bot instance on the same services and database, as after a restart. */
  const restart = () => {
    const s = h.t.services;
    const r = createBotRuntime(s, { faq: s.faq, emailCodes: s.emailVerification });
    runtimes.push(r);
    return r;
  };
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(async () => {
    for (const r of runtimes) await r.close();
    await h.close();
  });

  it.each(LADDER.slice(0, -1).map((r, i) => [r.at, i] as const))(
    'a restart at the %s question continues the same booking',
    async (_at, i) => {
      const c = chat(h);
      await climb(c, h.t, i);
      c.use(restart());
      await climb(c, h.t, LADDER.length - 1, i + 1);
      expect(await c.say('confirm')).toMatch(/^Your seats are held\. Booking reference/);
    },
  );

  it('two bot instances serve one conversation turn by turn, to the payment link', async () => {
    const a = h.runtime;
    const b = restart();
    const c = chat(h);
    for (let i = 0; i < LADDER.length; i++) {
      c.use(i % 2 ? b : a);
      await climb(c, h.t, i, i);
    }
    c.use(b);
    expect(pnrIn(await c.say('confirm'))).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  });

  it('what a restarted bot remembers: the choices on screen ("2"), the verified traveller, the search', async () => {
    const c = chat(h);
    await c.say('Heathrow to Paris in a week one way 2 adults');
    c.use(restart());
    expect(await c.say('2')).toMatch(/^Which fare/);
    c.use(restart());
    expect(await c.say('Economy Standard')).toMatch(/^Choose a seat for passenger 1/);
    await c.say('skip');
    await c.say('Ada Lovelace 1990-12-10');
    c.use(restart());
    expect(await c.say('Charles Babbage 1985-01-01')).toMatch(/^Which email/);
    await c.say(c.email);
    c.use(restart());
    expect(await c.say(await lastCode(h.t, c.email))).toMatch(
      /Please check everything[\s\S]*Ada Lovelace[\s\S]*Charles Babbage/,
    );
    c.use(restart());
    await c.say('start over');
    await c.say('Heathrow to Paris in a week one way');
    await c.say('1');
    await c.say('standard');
    await c.say('skip');
    c.use(restart());
    await c.say('Ada Lovelace 1990-12-10');
    // Verified earlier in this conversation: straight to the review after the email.
    expect(await c.say(c.email)).toMatch(/^Please check everything/);
  });

  it('the dialog stack is a row of bot_state, keyed by the conversation', async () => {
    const c = chat(h);
    await climb(c, h.t, 6);
    const rows: { state_key: string; data: string }[] = await h.t.services.db.run((em) =>
      em.query('SELECT state_key, data FROM bot_state'),
    );
    const mine = rows.filter((r) => r.state_key.includes(c.conversationId));
    expect(mine).toHaveLength(1);
    const stack = JSON.stringify(JSON.parse(mine[0]!.data).dialogState);
    for (const id of ['main', 'bookFlight', 'chooseFare']) expect(stack).toContain(`"id":"${id}"`);
  });
});
