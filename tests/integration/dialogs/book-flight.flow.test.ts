import { createBotHarness, type BotHarness } from '../../helpers/bot-harness';
import { fixedNow, ZONE } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

describe.each(DB_TARGETS)('book a flight by chat (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  it('goes from a free-text request to a payment link, then confirms proactively after payment', async () => {
    const c = h.conversation();
    // The traveller's zone, not the machine's (the console adapter would send the machine's).
    c.adapter.use({
      onTurn: async (ctx, next) => {
        ctx.activity.localTimezone = ZONE;
        await next();
      },
    });
    const say = async (text: string, value?: Record<string, unknown>) => {
      await c.say(text, value);
      return c.lastText();
    };
    expect(await say('London to New York next friday back sunday 2 adults')).toMatch(
      /London \(any airport\) → New York/,
    );
    expect(await say('2')).toMatch(/Which fare/);
    expect(await say('standard')).toMatch(/Return: New York/);
    expect(await say('1')).toMatch(/Which fare/);
    expect(await say('flex')).toMatch(/Choose a seat for passenger 1/);
    expect(await say('sit together')).toMatch(/side by side[\s\S]*Choose a seat for passenger 1 on/);
    expect(await say('any')).toMatch(/passenger 2/);
    expect(await say('aisle')).toMatch(/Passenger 1 of 2/);
    expect(await say('Ada Lovelace 2030-01-01')).toMatch(/future/);
    expect(await say('Ada Lovelace 1990-12-10')).toMatch(/Passenger 2 of 2/);
    expect(
      await say('', { form: 'passenger', firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1985-01-01' }),
    ).toMatch(/email/i);
    expect(await say('ada@example.com')).toMatch(/6-digit code/);
    const mail = await h.t.services.repos.outbox.mailByKind('otp');
    const code = /\b(\d{6})\b/.exec(mail[mail.length - 1]!.bodyText)![1]!;
    expect(await say('123')).toMatch(/6-digit code/);
    expect(await say(code)).toMatch(/check everything/i);
    const reply = await say('confirm');
    expect(reply).toMatch(/Booking reference [2-9A-HJKMNP-Z]{6}/);
    const pnr = /reference ([2-9A-HJKMNP-Z]{6})/.exec(reply)![1]!;
    const url = /(http\S+\/pay\/sandbox\/\S+)/.exec(reply)![1]!;
    const paid = await h.t.http
      .post(new URL(url).pathname)
      .type('form')
      .send({ card: '4242424242424242', action: 'pay' });
    expect(paid.status).toBe(200);
    await h.t.services.events.dispatchPending();
    const told = c.drain();
    expect(told.map((m) => m.text).join('\n')).toContain(`booking ${pnr} is confirmed`);
    expect(told.some((m) => m.card?.kind === 'confirmation')).toBe(true);
  }, 60_000);
});
