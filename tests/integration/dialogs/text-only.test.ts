import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import {
  type Chat,
  chat,
  dateIn,
  fixedNow,
  lastCode,
  payOnPage,
  payUrlIn,
  pnrIn,
  shown,
  spoken,
} from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Text channels (SMS, the terminal) have no buttons: every choice shown is made by typing its number
 * or its label. These bookings never submit a card.
 */
describe.each(DB_TARGETS)('a booking by typing only (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  /** The number a choice has in the last message ("3" for "3. Economy Flex"). */
  const numberOf = (c: Chat, label: RegExp): string => {
    const line = c.choices().find((x) => label.test(x));
    if (!line) throw new Error(`no choice ${label} in:\n${c.choices().join('\n')}`);
    return line.slice(0, line.indexOf('.'));
  };

  it('books a round trip for a family by numbers, then is told when it is paid', async () => {
    const c = chat(h);
    const out = dateIn(h.t, 7);
    const back = dateIn(h.t, 11);
    const turns: [() => string, RegExp][] = [
      [() => 'hello', /1\. Book a flight/],
      [() => '1', /^Where are you flying from\?/],
      [() => 'London', /^Where would you like to go\?/],
      [() => 'New York', /^When would you like to leave\?/],
      [() => spoken(out), new RegExp(`^London \\(any airport\\) → New York \\(any airport\\), ${shown(out)}`)],
      [() => 'only Heathrow', /^Got it: from London LHR\./],
      [
        () => `back on ${spoken(back)}`,
        new RegExp(`^Got it: back [\\s\\S]*London LHR → New York \\(any airport\\), ${shown(out)}`),
      ],
      [() => '2 adults and 1 child', /^Got it: 2 adults, 1 child\./],
      [() => '1', /^Which fare/],
      [
        () => numberOf(c, /Economy Standard/),
        new RegExp(`^Return: New York \\(any airport\\) → London LHR, ${shown(back)}`),
      ],
      [() => '1', /^Which fare/],
      [() => '1', /^Choose a seat for passenger 1 on \w+ \(LHR–/],
      [() => numberOf(c, /Sit together/), /side by side\.\nChoose a seat for passenger 1 on \w+ \(JFK–/],
      [() => numberOf(c, /Any window seat/), /for passenger 1\.\nChoose a seat for passenger 2/],
      [() => numberOf(c, /Any aisle seat/), /for passenger 2\.\nChoose a seat for passenger 3 \(child\)/],
      [() => numberOf(c, /No preference/), /gets a seat at no charge[\s\S]*Passenger 1 of 3, adult/],
      [() => 'Ada Lovelace 1990-12-10', /^Passenger 2 of 3, adult/],
      [() => 'Charles Babbage 1985-01-01', /^Passenger 3 of 3, child/],
      [() => 'Byron Lovelace 2018-05-05', /^Which email/],
      [() => c.email, /6-digit code/],
    ];
    for (const [said, expected] of turns) {
      const text = said();
      expect({ said: text, reply: await c.say(text) }).toEqual({ said: text, reply: expect.stringMatching(expected) });
    }
    const review = await c.say(await lastCode(h.t, c.email));
    expect(review).toMatch(
      /Please check everything[\s\S]*Ada Lovelace \(adult\)[\s\S]*Charles Babbage \(adult\)[\s\S]*Byron Lovelace \(child\)[\s\S]*Total +£/,
    );
    expect(review).toMatch(/1\. Confirm and pay/);
    const held = await c.say('1');
    const pnr = pnrIn(held);
    expect(await payOnPage(h.t, payUrlIn(held))).toBe(200);
    expect(c.drain()).toContain(`booking ${pnr} is confirmed`);
  });

  it(
    'books by labels: the airport, the trip type, a flight by its number, ' +
      'the fare, the seat, "Use …", "Confirm and pay"',
    async () => {
      const c = chat(h);
      const turns: [string, RegExp][] = [
        ['Book a flight', /^Where are you flying from\?/],
        ['Paris', /^Where would you like to go\?/],
        ['London Heathrow', /^When would you like to leave\?/],
        [`${spoken(dateIn(h.t, 6))}, one way`, /^Paris \(any airport\) → London LHR/],
        ['only Charles de Gaulle', /^Got it: from Paris CDG\.\n---\nParis CDG → London LHR/],
      ];
      for (const [said, expected] of turns)
        expect({ said, reply: await c.say(said) }).toEqual({ said, reply: expect.stringMatching(expected) });
      // A flight by its flight number, which is part of its label ("09:25–09:25 CDG→LHR BA331").
      const offers = c.messages.flatMap((m) =>
        m.card?.kind === 'flight_list' ? m.card.offers.map((o) => o.offer) : [],
      );
      const nonstop = offers.filter((o) => o.stops === 0);
      const number = nonstop[nonstop.length - 1]!.segments[0]!.flightNumber;
      expect(await c.say(number)).toMatch(new RegExp(`^Which fare[\\s\\S]*Fares for [^\\n]*${number}`));
      expect(await c.say('Economy Flex')).toMatch(/^Choose a seat/);
      expect(await c.say('No preference (free)')).toMatch(/Passenger 1 of 1/);
      await c.say('Ada Lovelace 1990-12-10');
      await c.say(c.email);
      expect(await c.say(await lastCode(h.t, c.email))).toMatch(/Please check everything[\s\S]*Economy Flex/);
      expect(await c.say('Change something')).toMatch(/^What would you like to change\?/);
      expect(await c.say('Contact details')).toMatch(/Use ada\.\d+@example\.com/);
      expect(await c.say(`Use ${c.email}`)).toMatch(/^Please check everything/);
      expect(await c.say('Confirm and pay')).toMatch(/^Your seats are held\. Booking reference/);
    },
  );

  it('on SMS-like numbered lists, a number past the list is not a choice', async () => {
    const c = chat(h);
    await c.say('hi');
    expect(await c.say('9')).toMatch(/^Sorry, I didn't understand that\./);
  });
});
