import type { Offer } from '../../../api/services/search.service';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { type Chat, chat, dateIn, fixedNow, lastCode, shown, spoken } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Flight results: the best few first, "more", filters and sorting in words, flexible dates, fares, round trips in one
 * currency.
 */
describe.each(DB_TARGETS)('book a flight: results and fares (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const day = (n: number) => spoken(dateIn(h.t, n));
  /** The offers of the flight list the last turn showed. */
  const offers = (c: Chat): Offer[] =>
    c.messages.flatMap((m) => (m.card?.kind === 'flight_list' ? m.card.offers.map((o) => o.offer) : []));
  const london = () => `London to New York on ${day(7)} one way`;

  it('shows the best five first and pages on with "more" until everything was shown', async () => {
    const c = chat(h);
    const first = await c.say(london());
    expect(first).toMatch(
      /^London \(any airport\) → New York \(any airport\), \w{3} \d+ \w{3} · 1 adult · economy\n(\d+) flights, cheapest first \(5 of \d+ shown\)\./,
    );
    const total = Number(/\n(\d+) flights/.exec(first)![1]);
    expect(offers(c)).toHaveLength(5);
    expect(first).toMatch(/\n6\. More flights \(5 of \d+ shown\)\n/);
    const seen = offers(c).map((o) => o.id);
    for (let page = 2; seen.length < total; page++) {
      expect(await c.say(page % 2 ? 'more' : 'show me more flights')).toMatch(/flights, cheapest first/);
      seen.push(...offers(c).map((o) => o.id));
    }
    expect(new Set(seen).size).toBe(total);
    expect(await c.say('more')).toMatch(/^That's all the flights I found for this day\./);
    expect(offers(c).length).toBeGreaterThan(0);
  });

  const departure = (o: Offer) => o.departureTime.slice(11, 16);
  it.each<[string, RegExp, (os: Offer[]) => boolean]>([
    [
      'cheapest',
      /cheapest first/,
      (os) => os.every((o, i) => i === 0 || os[i - 1]!.lowestPrice.amount <= o.lowestPrice.amount),
    ],
    ['nonstop only', /flights \(nonstop\)/, (os) => os.every((o) => o.stops === 0)],
    [
      'shortest',
      /shortest first/,
      (os) => os.every((o, i) => i === 0 || os[i - 1]!.durationMinutes <= o.durationMinutes),
    ],
    ['in the morning', /flights?/, (os) => os.every((o) => departure(o) < '12:00')],
    ['evening flights', /flights?/, (os) => os.every((o) => departure(o) >= '17:00')],
    [
      'only British Airways',
      /flights?/,
      (os) => os.every((o) => o.segments.every((s) => s.flightNumber.startsWith('BA'))),
    ],
  ])('filters and sorts in words: "%s"', async (said, heading, holds) => {
    const c = chat(h);
    await c.say(london());
    expect(await c.say(said)).toMatch(heading);
    expect(offers(c).length).toBeGreaterThan(0);
    expect(holds(offers(c))).toBe(true);
  });

  it('filters add up, and "show connections too" lifts "nonstop"', async () => {
    const c = chat(h);
    await c.say(london());
    await c.say('nonstop only');
    await c.say('only British Airways');
    expect(offers(c).every((o) => o.stops === 0 && o.segments[0]!.flightNumber.startsWith('BA'))).toBe(true);
    expect(await c.say('Show connections too')).not.toMatch(/\(nonstop\)/);
  });

  it('"± 3 days" shows a price calendar; picking a date by its number searches that date', async () => {
    const c = chat(h);
    await c.say(london());
    const calendar = await c.say('± 3 days');
    expect(calendar).toMatch(/Prices for nearby dates are below; pick a date to see its flights\./);
    const other = shown(dateIn(h.t, 5));
    const line = new RegExp(`\\n(\\d+)\\. ${other} · from £[\\d,.]+\\n`).exec(calendar);
    expect(line).not.toBeNull();
    expect(await c.say(line![1]!)).toMatch(
      new RegExp(`^London \\(any airport\\) → New York \\(any airport\\), ${other} `),
    );
    expect(offers(c).every((o) => o.departureTime.startsWith(dateIn(h.t, 5)))).toBe(true);
  });

  it('a date typed on the list searches that date', async () => {
    const c = chat(h);
    await c.say(london());
    expect(await c.say(`what about ${day(9)}?`)).toMatch(
      new RegExp(`New York \\(any airport\\), ${shown(dateIn(h.t, 9))} `),
    );
  });

  it('shows the fare families with their rules; the party price; a fare by number, name or "cheapest"', async () => {
    const c = chat(h);
    await c.say(`London to New York on ${day(7)} one way 2 adults`);
    const fares = await c.say('1');
    expect(fares).toMatch(/^Which fare would you like\? Prices are for everyone travelling, taxes included\./);
    expect(fares).toMatch(
      /1\. Economy Basic {2}£[\d,.]+\n {5}No changes · No refund \(taxes refunded\) · Cabin bag only/,
    );
    expect(fares).toMatch(/2\. Economy Standard {2}£[\d,.]+\n {5}Changes £60 per passenger/);
    expect(fares).toMatch(/3\. Economy Flex {2}£[\d,.]+\n {5}Free changes · Full refund · 2 checked bags/);
    expect(await c.say('no idea')).toMatch(
      /^Please pick a fare: 1 Economy Basic, 2 Economy Standard, 3 Economy Flex\./,
    );
    expect(await c.say('the cheapest one')).toMatch(/Choose a seat for passenger 1/);
  });

  it.each([
    ['3', /Economy Flex/],
    ['flex', /Economy Flex/],
    ['Economy Standard', /Economy Standard/],
  ])('a fare picked as "%s" is the fare on the review', async (said, fare) => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${day(6)} one way`);
    await c.say('1');
    expect(await c.say(said)).toMatch(/Choose a seat/);
    await c.say('skip');
    await c.say('Ada Lovelace 1990-12-10');
    await c.say(c.email);
    expect(await c.say(await lastCode(h.t, c.email))).toMatch(
      new RegExp(`Please check everything[\\s\\S]*${fare.source}`),
    );
  });

  it('a round trip is priced in one currency: the return from New York in pounds, like the outbound', async () => {
    const c = chat(h);
    await c.say(`London to New York on ${day(7)} back on ${day(12)}`);
    await c.say('1');
    const back = await c.say('basic');
    expect(back).toMatch(
      new RegExp(`^Return: New York \\(any airport\\) → London \\(any airport\\), ${shown(dateIn(h.t, 12))}`),
    );
    expect(offers(c).every((o) => o.lowestPrice.currency === 'GBP')).toBe(true);
    expect(back).not.toMatch(/\$/);
    expect(await c.say('1')).toMatch(/Which fare[\s\S]*£/);
    expect(await c.say('basic')).toMatch(/Choose a seat for passenger 1 on \w+ \(LHR–JFK\)/);
    await c.say('skip');
    await c.say('Ada Lovelace 1990-12-10');
    await c.say(c.email);
    const review = await c.say(await lastCode(h.t, c.email));
    expect(review).toMatch(/Outbound · [\s\S]*Return · [\s\S]*Total +£[\d,.]+/);
    expect(review).not.toMatch(/\$/);
  });

  it('on the return list, a date before the departure is refused; a later one is searched', async () => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${day(7)} back on ${day(9)}`);
    await c.say('1');
    expect(await c.say('basic')).toMatch(/^Return: Paris/);
    expect(await c.say(`actually come back on ${day(5)}`)).toMatch(
      new RegExp(`^${shown(dateIn(h.t, 5))} is before your departure on ${shown(dateIn(h.t, 7))}\\.`),
    );
    expect(await c.say(`actually come back on ${day(10)}`)).toMatch(
      new RegExp(`^Return: Paris \\(any airport\\) → London LHR, ${shown(dateIn(h.t, 10))}`),
    );
  });

  it.each(['asdfgh', '???', 'the blue one', '42'])(
    'gibberish on the list ("%s") is explained, and the list stays',
    async (said) => {
      const c = chat(h);
      await c.say(london());
      const reply = await c.say(said);
      expect(reply).toMatch(/^Sorry, I didn't get that\. Pick a flight[^\n]*"more"/);
      expect(offers(c)).toHaveLength(5);
      expect(await c.say('2')).toMatch(/Which fare/);
    },
  );
});
