import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, dateIn, fixedNow, LADDER, spoken } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/** The root dialog: greeting and routing, the top-level menus by number and label, and interruptions at every step. */
describe.each(DB_TARGETS)('main dialog (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const supportCases = async (key: string) =>
    Number(
      (
        await h.t.services.db.run((em) =>
          em.query('SELECT COUNT(*) AS n FROM support_cases WHERE conversation_key = ?', [key]),
        )
      )[0].n,
    );
  const bookingsCount = async () =>
    Number((await h.t.services.db.run((em) => em.query('SELECT COUNT(*) AS n FROM bookings')))[0].n);

  it.each([
    ['hi', /^Hi! I can book flights, look after your booking, or answer questions\./],
    ['hello there', /^Hi! /],
    ['I want to book a flight', /^Where are you flying from\?/],
    ['London to New York next Friday', /^London \(any airport\) → New York \(any airport\)[\s\S]*One way for now/],
    ['London to New York next Friday one way', /London \(any airport\) → New York \(any airport\)/],
    ['to Paris', /^Where are you flying from\?/],
    ['check my booking', /booking reference and last name/],
    ['cancel my booking', /booking reference and last name/],
    ['I want to change my seat', /booking reference and last name/],
    ['help', /^I can find and book flights, show or change a booking/],
    ["what's the baggage allowance?", /How much baggage can I take\?[\s\S]*cabin bag/],
    ['talk to a person', /^I'll pass this to our support team\. In a few words, what do you need help with\?/],
    ['thanks', /You're welcome/],
    ['bye', /Goodbye/],
    ['start over', /let's start over/],
    ['cancel', /anything else I can help with/i],
    ['zxqv blorp', /^Sorry, I didn't understand that\./],
  ])('routes "%s" at the start of a conversation', async (said, expected) => {
    expect(await chat(h).say(said)).toMatch(expected);
  });

  it.each([
    ['1', /^Where are you flying from\?/],
    ['2', /booking reference and last name/],
    ['3', /^I can find and book flights/],
    ['Book a flight', /^Where are you flying from\?/],
    ['my booking', /booking reference and last name/],
    ['Help', /^I can find and book flights/],
  ])('the menu shown with the greeting: "%s" picks its choice', async (said, expected) => {
    const c = chat(h);
    expect(await c.say('hi')).toMatch(/1\. Book a flight\n2\. My booking\n3\. Help/);
    expect(await c.say(said)).toMatch(expected);
  });

  it.each([
    ['1', /^Where are you flying from\?/],
    ['2', /booking reference and last name/],
    ['3', /How much baggage can I take\?/],
    ['Baggage allowance', /How much baggage can I take\?/],
  ])('the choices shown with a help answer are its own: "%s"', async (said, expected) => {
    const c = chat(h);
    expect(await c.say('help')).toMatch(/1\. Book a flight\n2\. My booking\n3\. Baggage allowance/);
    expect(await c.say(said)).toMatch(expected);
  });

  it('after "start over" or "cancel" the menu shown works by number', async () => {
    const c = chat(h);
    await climb(c, h.t, 1);
    expect(await c.say('start over')).toMatch(/let's start over[\s\S]*1\. Book a flight/);
    expect(await c.say('2')).toMatch(/booking reference and last name/);
    expect(await c.say('never mind')).toMatch(/stopped that; nothing was booked/);
    expect(await c.say('1')).toMatch(/^Where are you flying from\?/);
  });

  // At every question of a booking: help, a question and a request for a person are answered, the
  // question is asked again, and the booking goes on to the end.
  it('answers help, questions and "talk to an agent" at every step, then carries on to the payment link', async () => {
    const c = chat(h);
    for (let i = 0; i < LADDER.length; i++) {
      await climb(c, h.t, i, i);
      const asks = LADDER[i]!.asks;
      const where = `at the ${LADDER[i]!.at} question`;
      const help = await c.say('help');
      expect({ where, help }).toEqual({ where, help: expect.stringMatching(/^I can find and book flights/) });
      expect({ where, help }).toEqual({ where, help: expect.stringMatching(asks) });
      const question = await c.say("what's the baggage allowance?");
      expect({ where, question }).toEqual({
        where,
        question: expect.stringMatching(
          new RegExp(`How much baggage can I take\\?[\\s\\S]*---[\\s\\S]*${asks.source}`),
        ),
      });
      // No agents' channel in this harness: the reason and a way back are asked before the case opens.
      expect(await c.say('talk to an agent')).toMatch(/what do you need help with\?/);
      // Once the email is verified (the last step), it is the way back: no need to ask.
      const reason = await c.say('I have a question about paying');
      const agent = /^How can our team reach you\?/.test(reason) ? await c.say('skip') : reason;
      expect({ where, agent }).toEqual({
        where,
        agent: expect.stringMatching(new RegExp(`support[\\s\\S]*---[\\s\\S]*${asks.source}`)),
      });
    }
    expect(await supportCases(c.key)).toBeGreaterThan(0);
    expect(await c.say('confirm')).toMatch(/Your seats are held\. Booking reference [2-9A-HJKMNP-Z]{6}/);
  }, 120_000);

  it('an interruption mid-flow does not offer shortcuts whose numbers would clash with the question', async () => {
    const c = chat(h);
    await climb(c, h.t, 5);
    const help = await c.say('help');
    expect(help).not.toMatch(/Book a flight/);
    expect(await c.say('1')).toMatch(/Which fare would you like\?/);
  });

  it.each(LADDER.map((r, i) => [r.at, i] as const))(
    '"never mind" at the %s question stops the booking; nothing is booked',
    async (_at, i) => {
      const c = chat(h);
      const before = await bookingsCount();
      await climb(c, h.t, i);
      expect(await c.say('never mind')).toMatch(/^OK, I've stopped that; nothing was booked or changed\./);
      expect(await c.say('1')).toMatch(/^Where are you flying from\?/);
      expect(await bookingsCount()).toBe(before);
    },
  );

  it.each([1, 5, 8, 11].map((i) => [LADDER[i]!.at, i] as const))(
    '"start over" at the %s question starts again',
    async (_at, i) => {
      const c = chat(h);
      await climb(c, h.t, i);
      expect(await c.say('start over')).toMatch(/^OK, let's start over\./);
      expect(await c.say('Heathrow to Paris tomorrow one way')).toMatch(/LHR → Paris/);
    },
  );

  it.each([
    ['its label', (labels: string[]) => labels[2]!],
    ['its number', () => '3'],
  ])('on the review, the "don\'t book" button by %s ends the booking; nothing is booked', async (_how, pick) => {
    const c = chat(h);
    const before = await bookingsCount();
    await climb(c, h.t, LADDER.length - 1);
    expect(await c.say(pick(c.choices().map((x) => x.slice(3))))).toMatch(/^OK, nothing was booked\./);
    expect(await bookingsCount()).toBe(before);
  });

  it(
    'when no more codes can be sent, the second button of the email-code ' + 'question is the way out: by its label',
    async () => {
      const c = chat(h);
      await climb(c, h.t, 10);
      let reply = '';
      for (let i = 0; i < 6 && !/^Too many codes/.test(reply); i++) reply = await c.say('resend');
      expect(reply).toMatch(/^Too many codes have been sent[\s\S]*\n1\. Send a new code\n2\. [^\n]+$/);
      expect(await c.say(c.choices()[1]!.slice(3))).toMatch(
        /^No problem\. When you are ready, sign in on the website or confirm your email/,
      );
    },
  );

  it('"a return trip" said when the date is asked is kept: the way out is searched, the way back asked after it', async () => {
    const c = chat(h);
    await climb(c, h.t, 4);
    expect(await c.say('a return trip please')).toMatch(/^Got it: a return trip\. When would you like to leave\?$/);
    expect(await c.say('next Friday')).toMatch(
      /^London LHR → Paris \(any airport\)[\s\S]*The way out first: I'll ask when you're coming back once you've/,
    );
    expect(await c.say('1')).toMatch(/^Which fare/);
    expect(await c.say('standard')).toMatch(/^When are you coming back\? For example "Sunday" or "the 20th", or say/);
    expect(c.choices()).toEqual(['1. One way after all']);
    expect(await c.say(`back on ${spoken(dateIn(h.t, 14))}`)).toMatch(/Return flights/);
  });
});
