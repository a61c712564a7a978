import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, fixedNow, LADDER } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Gibberish at each question: a re-prompt that says what is expected (never an error), and the right
 * answer then carries on. Two misunderstandings in a row bring in a person.
 */
describe.each(DB_TARGETS)('gibberish at every step (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  // What the re-prompt at each question says: what is expected, in words a person understands.
  const REPROMPTS: Record<string, RegExp> = {
    origin:
      /^I don't know that place\. Try a city or an airport code, e\.g\. London or LHR\. Where are you flying from\?$/,
    destination:
      /^I don't know that place\. Try a city or an airport code, e\.g\. New York or JFK\. Where would you like to go\?$/,
    date: /^I couldn't read a date in "qwzx vbnm"\. Try "next Friday", "14 Feb" or "\d{4}-12-20"\. When would you like to leave\?$/,
    party: /^Sorry, I didn't get how many are travelling\. How many are travelling\?/,
    'date after the party':
      /^I couldn't read a date in "qwzx vbnm"\. Try "next Friday", "14 Feb" or "\d{4}-12-20"\. When would you like to leave\?$/,
    flights: /^Sorry, I didn't get that\. Pick a flight[^\n]*"more", "cheapest"/,
    fare: /^Please pick a fare: 1 Economy Basic, 2 Economy Standard, 3 Economy Flex\./,
    seat: /^Type a seat like 14C, or say "window", "aisle", "sit together", "any" or "skip"\./,
    passenger: /^I need the date of birth, e\.g\. 1990-12-10\. Please check passenger 1\./,
    contact: /^I need an email address for the confirmation\./,
    code: /^Please type the 6-digit code from the email \(or say "resend"\)\./,
    review: /^Say "confirm" to hold the seats and get the payment link, or "change" to change something\./,
  };

  it.each(LADDER.map((r, i) => [r.at, i] as const))('at the %s question', async (at, i) => {
    const c = chat(h);
    await climb(c, h.t, i);
    const reply = await c.say('qwzx vbnm');
    expect(reply).not.toMatch(/something went wrong/i);
    expect({ at, reply }).toEqual({ at, reply: expect.stringMatching(REPROMPTS[at]!) });
    if (i + 1 < LADDER.length) await climb(c, h.t, i + 1, i + 1);
    else expect(await c.say('confirm')).toMatch(/^Your seats are held/);
  });

  it.each(['', '   ', '!!!', '🙂', '1234567890', 'a'.repeat(2000)])(
    'odd messages ("%s") are never an error',
    async (said) => {
      const c = chat(h);
      for (let i = 0; i < LADDER.length; i++) {
        await climb(c, h.t, i, i);
        if (i % 3 === 0)
          expect({ at: LADDER[i]!.at, reply: await c.say(said) }).toEqual({
            at: LADDER[i]!.at,
            reply: expect.not.stringMatching(/something went wrong/i),
          });
      }
      expect(await c.say('confirm')).toMatch(/^Your seats are held/);
    },
  );

  it('two misunderstandings in a row bring in a person; the question is still there', async () => {
    const c = chat(h);
    await climb(c, h.t, 5);
    expect(await c.say('qwzx vbnm')).not.toMatch(/support/);
    expect(await c.say('blorp zzz')).toMatch(/I'm sorry I keep missing what you mean\.[\s\S]*support/);
    expect(await c.say('1')).toMatch(/^Which fare/);
  });
});
