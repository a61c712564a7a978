import { type BotRuntime, createBotRuntime } from '../../../bot/runtime';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, dateIn, fixedNow, shown, spoken } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/** Search criteria from free text: asking only for what is missing, narrowing places, bad input, corrections. */
describe.each(DB_TARGETS)('book a flight: search criteria (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const inAWeek = () => spoken(dateIn(h.t, 7));

  it.each([
    ['to Paris', /^Where are you flying from\?$/],
    ['from Heathrow', /^Where would you like to go\?$/],
    ['Heathrow to Paris', /^When would you like to leave\?$/],
    ['Heathrow to Paris tomorrow', /^London LHR → Paris \(any airport\)[\s\S]*One way for now/],
    [
      'Heathrow to Paris tomorrow one way',
      /^London LHR → Paris \(any airport\), \w{3} \d+ \w{3} · 1 adult · economy\n\d+ flights?/,
    ],
    ['Heathrow to Paris tomorrow back in a week', /^London LHR → Paris \(any airport\)[\s\S]*1\. /],
    ['Heathrow to Paris tomorrow one way 2 adults business class', /· 2 adults · business\n/],
    ['Heathrow to Paris tomorrow one way for 2 adults and a child', /· 2 adults, 1 child · economy\n/],
    ['cheapest nonstop Heathrow to Paris tomorrow morning one way', /\d+ flights? \(nonstop\), cheapest first/],
    ['London to Paris tomorrow one way', /^London \(any airport\) → Paris \(any airport\)/],
  ])('"%s" asks only for what is missing', async (said, expected) => {
    expect(await chat(h).say(said)).toMatch(expected);
  });

  it('"to Paris" asks the origin, then the date, then searches (one way or return is offered later)', async () => {
    const c = chat(h);
    const turns: [string, RegExp][] = [
      ['to Paris', /^Where are you flying from\?$/],
      ['Heathrow', /^When would you like to leave\?$/],
      [inAWeek(), new RegExp(`^London LHR → Paris \\(any airport\\), ${shown(dateIn(h.t, 7))}`)],
    ];
    for (const [said, expected] of turns) expect(await c.say(said)).toMatch(expected);
  });

  it('a city with several airports is searched whole: "London" asks nothing more', async () => {
    const c = chat(h);
    expect(await c.say('to Paris')).toMatch(/^Where are you flying from\?/);
    expect(await c.say('London')).toMatch(/^When would you like to leave\?$/);
    expect(await c.say(inAWeek())).toMatch(/^London \(any airport\) → Paris \(any airport\)/);
  });

  describe('a name several cities share', () => {
    let other: BotRuntime;
    beforeAll(async () => {
      // London, Ontario: the same name as London, England (an airport an admin might add).
      const s = h.t.services;
      await s.repos.reference.upsertAll({
        metros: [],
        airports: [
          {
            code: 'YXU',
            name: 'London International Airport',
            city: 'London',
            country: 'CA',
            timeZone: 'America/Toronto',
            latitude: 43.0356,
            longitude: -81.1539,
            metroCode: null,
            aliases: [],
          },
        ],
        airlines: [],
        aircraft: [],
      });
      await s.ref.load();
      other = createBotRuntime(s, { faq: s.faq, emailCodes: s.emailVerification });
    });
    afterAll(async () => {
      await other.close();
      await h.t.services.db.run((em) => em.query("DELETE FROM airports WHERE code = 'YXU'"));
      await h.t.services.ref.load();
    });

    it.each([
      ['1', /^When would you like to leave\?/],
      ['London, United Kingdom', /^When would you like to leave\?/],
      ['2', /^When would you like to leave\?/],
      ['Canada', /^When would you like to leave\?/],
    ])('"London" asks which London; "%s"', async (said, expected) => {
      const c = chat(h, { runtime: other });
      await c.say('to Paris');
      expect(await c.say('London')).toMatch(
        /^Which London do you mean to fly from\?\n\n1\. London, United Kingdom \(any airport\)\n2\. London, Canada \(YXU\)$/,
      );
      expect(await c.say(said)).toMatch(expected);
    });

    it('named in the first request, it is asked about first; the rest of the request is kept', async () => {
      const c = chat(h, { runtime: other });
      expect(await c.say(`London to Paris on ${inAWeek()} one way`)).toMatch(
        /^Which London do you mean to fly from\?\n\n1\. London, United Kingdom \(any airport\)/,
      );
      expect(await c.say('1')).toMatch(/^London \(any airport\) → Paris \(any airport\)/);
    });
  });

  it.each([
    [
      'from Atlantis',
      /^I don't know a place called "Atlantis"\. Did you mean Atlanta ATL\? Where are you flying from\?$/,
      0,
    ],
    [
      'Atlantis',
      /^I don't know a place called "Atlantis"\. Did you mean Atlanta ATL\?[\s\S]*Where would you like to go\?$/,
      1,
    ],
    [
      'Nairobi',
      /^We don't fly to Nairobi yet\. Please choose another city we fly to\.[\s\S]*Where would you like to go\?$/,
      1,
    ],
    ['zzqx', /^I couldn't read a date in "zzqx"\. Try "next Friday"[\s\S]*When would you like to leave\?$/, 2],
    ['blue', /^I couldn't read a date in "blue"\.[\s\S]*When would you like to leave\?$/, 4],
  ])('unknown answers are explained and asked again: "%s"', async (said, expected, at) => {
    const c = chat(h);
    await climb(c, h.t, at);
    expect(await c.say(said)).toMatch(expected);
  });

  it.each([
    [
      'Heathrow to Paris tomorrow one way for 10 passengers',
      /^I can book up to 9 seated travellers at a time\. How many are travelling\?/,
      '4',
      /· 4 adults ·/,
    ],
    [
      'Heathrow to Paris tomorrow one way, 2 adults and 3 infants',
      /^Each baby on a lap needs an adult of their own\. How many are travelling\?/,
      '2 adults and 2 infants',
      /· 2 adults, 2 infants ·/,
    ],
    [
      'London to London tomorrow one way',
      /^You're already in London\. Where would you like to go\?$/,
      'Paris',
      /^London \(any airport\) → Paris \(any airport\)/,
    ],
  ])('a first request that cannot be searched says why and asks again: "%s"', async (said, expected, answer, then) => {
    const c = chat(h);
    expect(await c.say(said)).toMatch(expected);
    expect(await c.say(answer)).toMatch(then);
  });

  it('a number of travellers asked again mid-search keeps the rest', async () => {
    const c = chat(h);
    await c.say('Heathrow to Paris');
    expect(await c.say('10 adults')).toMatch(
      /^I can book up to 9 seated travellers at a time\. How many are travelling\?/,
    );
    expect(await c.say('3 adults')).toMatch(/When would you like to leave\?/);
    expect(await c.say(inAWeek())).toMatch(/· 3 adults ·/);
  });

  it('a past date ("last Monday") is refused and asked again', async () => {
    const c = chat(h);
    await c.say('Heathrow to Paris');
    expect(await c.say('last Monday')).toMatch(/has already passed\. When would you like to leave\?/);
  });

  it.each([
    ['actually make it Tuesday', /^London LHR → Paris \(any airport\), Tue \d+ \w{3} · 1 adult/],
    ['2 adults', /^Got it: 2 adults\.\n---\n[\s\S]*· 2 adults · economy/],
    ['business class', /^Got it: business\.\n---\n[\s\S]*· business\n/],
    ['actually from Gatwick', /^Got it: from London LGW\.\n---\nLondon LGW → Paris/],
    ['make it 10 adults', /^I can book up to 9 seated travellers at a time\. How many are travelling\?/],
  ])('a correction on the flight list: "%s"', async (said, expected) => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${inAWeek()} one way`);
    expect(await c.say(said)).toMatch(expected);
  });

  it.each([
    ['fare', 6],
    ['seat', 7],
    ['passenger', 8],
    ['contact', 9],
    ['code', 10],
    ['review', 11],
  ])('"actually 2 adults" at the %s question goes back to the flights with the new party', async (_at, i) => {
    const c = chat(h);
    await climb(c, h.t, i);
    expect(await c.say('actually 2 adults')).toMatch(
      /^Got it: 2 adults\.\n---\nLondon LHR → Paris \(any airport\), [\s\S]*· 2 adults ·/,
    );
  });

  it('a correction keeps the passenger details that still fit and forgets the seats', async () => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${inAWeek()} one way 2 adults`);
    await c.say('1');
    await c.say('standard');
    expect(await c.say('12A')).toMatch(/Seat 12A for passenger 1[\s\S]*Choose a seat for passenger 2/);
    expect(await c.say('12B')).toMatch(/Passenger 1 of 2/);
    expect(await c.say('Ada Lovelace 1990-12-10')).toMatch(/Passenger 2 of 2/);
    expect(await c.say('actually make it 3 adults')).toMatch(/^Got it: 3 adults\./);
    await c.say('1');
    expect(await c.say('standard')).toMatch(/Choose a seat for Ada Lovelace/);
    expect(await c.say('skip')).toMatch(/^Passenger 2 of 3, adult/);
  });
});
