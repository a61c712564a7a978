import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, dateIn, expectReply, fixedNow, LADDER, shown, spoken } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Interruptions keep the booking: a help topic said inside a booking request is noted in one line and the
 * booking goes on with every detail heard; a real question in the middle is answered, and the bot asks
 * its question again with everything kept.
 */
describe.each(DB_TARGETS)('interruptions keep the booking (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const on = (days: number) => spoken(dateIn(h.t, days));

  // [what the traveller says first, the help line, what the booking goes on with]
  const REQUESTS: [string, () => string, RegExp, RegExp][] = [
    [
      'bags, stated',
      () => `London to Paris on ${on(9)}, one way. I have 0 checked bags`,
      /^Noted\. If it helps, "How much baggage can I take\?" is answered at http\S+\/help#/,
      /London \(any airport\) → Paris \(any airport\)/,
    ],
    [
      'a dog, stated',
      () => `Heathrow to New York on ${on(10)} one way, travelling with my dog`,
      /^Noted\. If it helps, "Can I bring my pet\?" is answered at http\S+\/help#pets/,
      /LHR → New York \(any airport\)/,
    ],
    [
      'bags and a party',
      () => `we are 2 adults flying Heathrow to Paris on ${on(12)}, one way, with 3 checked bags between us`,
      /^Noted\./,
      /LHR → Paris \(any airport\)[\s\S]*2 adults/,
    ],
    [
      'a dog, before the trip',
      () => `travelling with my dog from Heathrow to Paris ${on(8)}`,
      /^Noted\./,
      /LHR → Paris \(any airport\)/,
    ],
    [
      'a question with the trip',
      () => `can I take a checked bag on the flight from Heathrow to Paris on ${on(9)}?`,
      /How much baggage can I take\?/,
      /LHR → Paris \(any airport\)/,
    ],
  ];

  it.each(REQUESTS)(
    'a booking request with a help topic (%s) keeps every detail',
    async (_what, said, line, goesOn) => {
      const c = chat(h);
      const text = said();
      const reply = await c.say(text);
      expectReply(reply, line, text);
      expectReply(reply, goesOn, text);
      for (const rendering of [c.sms(), c.web()]) expect(rendering).toMatch(/Noted\.|How much baggage/);
    },
  );

  it('the date said with a help topic is kept: the next question is the one after the date', async () => {
    const c = chat(h);
    await climb(c, h.t, 4);
    const reply = await c.say(`${on(7)} and I'm travelling with my dog`);
    expect(reply).toMatch(/^Noted\. If it helps, "Can I bring my pet\?"/);
    expect(reply).toMatch(new RegExp(`LHR → Paris \\(any airport\\), ${shown(dateIn(h.t, 7))}`));
  });

  it('a help topic said in passing on the flight list is noted in one line, and the list is shown again', async () => {
    const c = chat(h);
    await climb(c, h.t, 5);
    const reply = await c.say('I have 0 checked bags');
    expect(reply).toMatch(/^Noted\. If it helps, "How much baggage can I take\?"/);
    expect(reply).not.toMatch(/Checked bags \(up to 23 kg each\)/); // one line, not the article
    expect(reply).toMatch(/---\nLondon LHR → Paris \(any airport\)/);
    expect(await c.say('1')).toMatch(/^Which fare/);
  });

  // A real question at each step of the booking: answered, then the same question again, and the next answer
  // goes on from there (nothing gathered is lost).
  const STEPS = ['flights', 'fare', 'seat', 'passenger', 'review'].map((at) => LADDER.findIndex((r) => r.at === at));
  const QUESTIONS: [string, RegExp][] = [
    ['how much luggage can I bring?', /How much baggage can I take\?/],
    ['can I bring my dog?', /Can I bring my pet\?/],
    ['when does check-in open?', /When and how do I check in\?/],
  ];
  const CASES = STEPS.flatMap((i, n) => {
    const [question, title] = QUESTIONS[n % QUESTIONS.length]!;
    return [[LADDER[i]!.at, question, i, title] as const];
  });

  it.each(CASES)('at the %s question, "%s" is answered and the booking goes on', async (_at, question, i, title) => {
    const c = chat(h);
    await climb(c, h.t, i);
    const reply = await c.say(question);
    expectReply(reply, title, question);
    expectReply(reply, new RegExp(`---[\\s\\S]*${LADDER[i]!.asks.source}`), question);
    expect(c.sms()).toMatch(title);
    if (i + 1 < LADDER.length) await climb(c, h.t, i + 1, i + 1);
    else expect(await c.say('confirm')).toMatch(/Your seats are held\. Booking reference [2-9A-HJKMNP-Z]{6}/);
  });

  it('two questions in a row, then the booking ends with what was said before them', async () => {
    const c = chat(h);
    await climb(c, h.t, 6);
    expect(await c.say('how much luggage can I bring?')).toMatch(/How much baggage[\s\S]*Which fare/);
    expect(await c.say('do I need to print my boarding pass?')).toMatch(/check in[\s\S]*Which fare/i);
    await climb(c, h.t, LADDER.length - 1, 7);
    const booked = await c.say('confirm');
    expect(booked).toMatch(/Your seats are held/);
  });
});
