import type { Offer } from '../../../api/services/search.service';
import { renderSms } from '../../../cards/sms/render';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { type Chat, chat, dateIn, fixedNow, shown, spoken } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Issue 10's conversations: a question never swallows what is said with its answer, a city is searched whole and
 * narrowed in words, one way or return does not hold up the search, corrections and references work at every step,
 * and the results say what they are. Each exchange is checked in the text rendering and in the SMS one.
 */
describe.each(DB_TARGETS)('book a flight: whole conversations (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const day = (n: number) => spoken(dateIn(h.t, n));
  /** "12 December": a date without its year. */
  const dayNoYear = (n: number) => day(n).replace(/ \d{4}$/, '');
  const sms = (c: Chat) => c.messages.flatMap((m) => renderSms(m)).join('\n');
  const offers = (c: Chat): Offer[] =>
    c.messages.flatMap((m) => (m.card?.kind === 'flight_list' ? m.card.offers.map((o) => o.offer) : []));

  /** The same words anywhere in the SMS rendering (which packs messages and lines its own way). */
  const loose = (re: RegExp) =>
    new RegExp(
      re.source
        .replace(/^\^/, '')
        .replace(/\$$/, '')
        .replace(/\\n---\\n|\\n/g, '[\\s\\S]*')
        .replace(/→/g, '(?:→|->)')
        .replace(/·/g, '(?:·|-)'),
      re.flags,
    );

  /** Says each line in turn; each reply must match, in the text rendering and (when given) in SMS too. */
  async function exchange(c: Chat, turns: [string | (() => string), RegExp, RegExp?][]): Promise<void> {
    for (const [said, text, inSms] of turns) {
      const line = typeof said === 'string' ? said : said();
      const reply = await c.say(line);
      if (!text.test(reply)) throw new Error(`after "${line}" expected ${text} but the bot said:\n${reply}`);
      const asSms = sms(c);
      if (!(inSms ?? loose(text)).test(asSms))
        throw new Error(`after "${line}" expected ${inSms ?? text} in SMS but got:\n${asSms}`);
    }
  }

  describe('a city with several airports is searched whole and narrowed in words', () => {
    it.each<[string, string, RegExp]>([
      ['only Heathrow', 'from London LHR', /^London LHR → Paris \(any airport\)/m],
      ['Gatwick please', 'from London LGW', /^London LGW → Paris \(any airport\)/m],
      ['just Orly', 'to Paris ORY', /^London \(any airport\) → Paris ORY/m],
      ['from Stansted to Charles de Gaulle', 'from London STN, to Paris CDG', /^London STN → Paris CDG/m],
    ])('"London to Paris", then "%s"', async (said, got, heading) => {
      const c = chat(h);
      await exchange(c, [
        [
          () => `London to Paris on ${day(7)}`,
          /^London \(any airport\) → Paris \(any airport\)[\s\S]*Searching every London airport \([\w, ]*Heathrow/,
        ],
        [said, new RegExp(`^Got it: ${got}\\.\\n---\\n${heading.source.slice(1)}`)],
      ]);
    });

    it('"not Heathrow, Gatwick" swaps one London airport for another', async () => {
      const c = chat(h);
      await exchange(c, [
        [() => `Heathrow to Paris on ${day(7)} one way`, /^London LHR → Paris/],
        ['not Heathrow, Gatwick', /^Got it: from London LGW\.\n---\nLondon LGW → Paris/],
      ]);
    });

    it('never asks which airport when the traveller goes on with the next detail', async () => {
      const c = chat(h);
      await exchange(c, [
        ['I need a flight', /^Where are you flying from\?$/],
        ['New York', /^Where would you like to go\?$/],
        ['London please', /^When would you like to leave\?$/],
        [() => `on ${day(8)}`, /^New York \(any airport\) → London \(any airport\), /],
      ]);
    });
  });

  describe('while a question is open, every message is understood in full', () => {
    it.each<[string, string, RegExp]>([
      [
        'a date when the origin was asked',
        'next Friday',
        /^Got it: leaving Fri \d+ \w{3}\. Where are you flying from\?$/,
      ],
      ['a party', 'there are 3 of us adults', /^Got it: 3 adults\. Where are you flying from\?$/],
      ['a cabin', 'business class please', /^Got it: business\. Where are you flying from\?$/],
      [
        'the destination and a date',
        'I want to go to Rome next Friday',
        /^Got it: to Rome \(any airport\), leaving Fri \d+ \w{3}\. Where are you flying from\?$/,
      ],
    ])('%s is kept and the question asked again: "%s"', async (_what, said, expected) => {
      const c = chat(h);
      await c.say('I want to book a flight');
      await exchange(c, [[said, expected]]);
    });

    it('the answer fills the slot asked, and what came with it is kept', async () => {
      const c = chat(h);
      await exchange(c, [
        ['book me a flight to Paris', /^Where are you flying from\?$/],
        [
          () => `Edinburgh, on ${day(9)}, 2 adults in business`,
          /^Edinburgh EDI → Paris \(any airport\), .* · 2 adults · business/,
        ],
      ]);
    });

    it('a place said on its own to "from where?" moves to the destination when the origin is then said plainly', async () => {
      const c = chat(h);
      await exchange(c, [
        ['I want to book a flight', /^Where are you flying from\?$/],
        ['Paris.', /^Where would you like to go\?$/],
        [() => `I'm leaving from Edinburgh on ${day(9)}`, /^Edinburgh EDI → Paris \(any airport\)/],
      ]);
    });
  });

  describe('one way or return does not hold up the search', () => {
    it('searches the outbound, then offers a return once it is chosen', async () => {
      const c = chat(h);
      await exchange(c, [
        [
          () => `Heathrow to Paris on ${day(7)}`,
          /^London LHR → Paris \(any airport\)[\s\S]*One way for now: tell me a return date/,
        ],
        ['the first one', /Which fare would you like\?/],
        ['standard', /^Would you like a return flight too\?/],
        [
          () => `back on ${day(10)}`,
          new RegExp(`^Return: Paris \\(any airport\\) → London LHR, ${shown(dateIn(h.t, 10))}`),
        ],
      ]);
    });

    it.each(['no, one way', 'just one way', '1'])('"%s" to the return offer goes on to the seats', async (said) => {
      const c = chat(h);
      await c.say(`Heathrow to Paris on ${day(7)}`);
      await c.say('1');
      await c.say('standard');
      await exchange(c, [[said, /Choose a seat for passenger 1/]]);
    });

    it('a return date said on the list searches a round trip', async () => {
      const c = chat(h);
      await c.say(`Heathrow to Paris on ${day(7)}`);
      await exchange(c, [[() => `coming back ${day(12)}`, /^Got it: back \w{3} \d+ \w{3}\.\n---\nLondon LHR → Paris/]]);
    });
  });

  describe('corrections and references on the flight list', () => {
    const list = async (c: Chat) => {
      await c.say(`London to New York on ${day(7)} one way`);
      return offers(c);
    };

    it.each<[string, (os: Offer[]) => Offer]>([
      ['the first one', (os) => os[0]!],
      ['I will take the second one', (os) => os[1]!],
      ['the last one', (os) => os[os.length - 1]!],
      ['the cheaper one', (os) => [...os].sort((a, b) => a.lowestPrice.amount - b.lowestPrice.amount)[0]!],
      ['the earliest flight', (os) => [...os].sort((a, b) => (a.departureTime < b.departureTime ? -1 : 1))[0]!],
    ])('"%s" picks that flight', async (said, which) => {
      const c = chat(h);
      const os = await list(c);
      await exchange(c, [[said, /Which fare would you like\?|This flight has one fare/]]);
      const card = c.messages.at(-1)!.card;
      expect(card?.kind === 'fare_options' && card.offer.id).toBe(which(os).id);
    });

    it('"actually the <flight number> one at <time>" picks that flight by its number', async () => {
      const c = chat(h);
      const os = await list(c);
      const second = os[1]!;
      const at = second.departureTime.slice(11, 16);
      await exchange(c, [
        [`actually the ${second.segments[0]!.flightNumber} one at ${at}`, /Which fare would you like\?|one fare/],
      ]);
      const card = c.messages.at(-1)!.card;
      expect(card?.kind === 'fare_options' && card.offer.id).toBe(second.id);
    });

    it.each([
      ['actually the BA115 one at 7pm', /^I can't find BA115 on \w{3} \d+ \w{3} with seats for you\./],
      ['the one at 2:45 in the afternoon', /Which fare would you like\?|^London|^I can't/],
      ['only flights at 7pm', /leaving around 19:00/],
    ])('"%s" never shows a raw validation error', async (said, expected) => {
      const c = chat(h);
      await list(c);
      const reply = await c.say(said);
      expect(reply).toMatch(expected);
      expect(reply).not.toMatch(/departAfter|departBefore|must be earlier/);
    });

    it('"that one" under a list of several asks which', async () => {
      const c = chat(h);
      await list(c);
      await exchange(c, [['that one', /^Which one\? Say its number, for example "1"\./]]);
    });

    it('"2 adults not 4" changes the party', async () => {
      const c = chat(h);
      await c.say(`London to New York on ${day(7)} one way for 4 adults`);
      await exchange(c, [['2 adults not 4', /^Got it: 2 adults\.\n---\n[\s\S]*· 2 adults · economy/]]);
    });

    it('"make the return flight <date>" sets the return, not the departure', async () => {
      const c = chat(h);
      await c.say(`London to New York on ${day(7)}, back on ${day(10)}`);
      await exchange(c, [
        [
          () => `make the return flight ${day(12)}`,
          new RegExp(
            `^Got it: back ${shown(dateIn(h.t, 12))}\\.\\n---\\nLondon \\(any airport\\) → New York \\(any airport\\), ${shown(dateIn(h.t, 7))}`,
          ),
        ],
      ]);
    });
  });

  describe('references at the fare step, and stale buttons', () => {
    it('"the cheaper one" picks the cheapest fare', async () => {
      const c = chat(h);
      await c.say(`Heathrow to Paris on ${day(7)} one way`);
      await c.say('1');
      await exchange(c, [['the cheaper one', /Choose a seat for passenger 1/]]);
    });

    it('a flight button pressed again at the fare step says we have moved on', async () => {
      const c = chat(h);
      await c.say(`Heathrow to Paris on ${day(7)} one way`);
      const first = offers(c)[0]!;
      await c.say('1');
      const reply = await c.say('', { choice: `offer:${first.id}` });
      expect(reply).toMatch(/^That button belongs to an earlier step; we've moved on\. Which fare/);
    });
  });

  describe('the results say what they are', () => {
    it('every filter is in the heading and can be removed in words', async () => {
      const c = chat(h);
      await exchange(c, [
        [
          () => `London to New York on ${day(7)} one way, nonstop with British Airways in the morning`,
          /^London \(any airport\) → New York \(any airport\), .* · economy · nonstop · British Airways only · leaving between 05:00 and 12:00\n/,
        ],
        ['any airline', /· economy · nonstop · leaving between 05:00 and 12:00\n/],
        ['any time', /· economy · nonstop\n/],
        ['connections are fine', /· economy\n/],
      ]);
    });

    it('"more" counts what was shown on earlier pages too', async () => {
      const c = chat(h);
      const first = await c.say(`London to New York on ${day(7)} one way`);
      const total = Number(/\n(\d+) flights/.exec(first)![1]);
      expect(first).toMatch(new RegExp(`\\(5 of ${total} shown\\)`));
      await c.say('more');
      expect(sms(c)).toMatch(new RegExp(`More flights \\(10 of ${total} shown\\)|\\(${total} of ${total} shown\\)`));
    });

    it('a date far ahead without a year asks whether next year is meant', async () => {
      const c = chat(h);
      await exchange(c, [
        [
          () => `Heathrow to Paris on ${dayNoYear(-20)} one way`,
          /^Do you mean \w{3} \d+ \w{3} \d{4}, next year\? That day has passed this year\./,
        ],
        ['no', /^OK\. When would you like to leave\?$/],
        [() => day(7), /^London LHR → Paris/],
      ]);
    });

    it('"yes" to next year searches it', async () => {
      const c = chat(h);
      await c.say(`Heathrow to Paris on ${dayNoYear(-20)} one way`);
      await exchange(c, [['yes', /^London LHR → Paris \(any airport\), \w{3} \d+ \w{3} · 1 adult/]]);
    });

    it('"yesterday" says the date has passed', async () => {
      const c = chat(h);
      await exchange(c, [['Heathrow to Paris yesterday', /has already passed\. When would you like to leave\?$/]]);
    });

    it('"today" is searched even when the day has ended at the origin', async () => {
      // 10:00 UTC is already 23:00 in Auckland: "today" there is tomorrow, but the traveller in London means today.
      const c = chat(h);
      const reply = await c.say('Auckland to Sydney today one way');
      expect(reply).toMatch(new RegExp(`^Auckland AKL → Sydney SYD, ${shown(dateIn(h.t, 0))}`));
      expect(reply).not.toMatch(/in the past/);
    });

    it('a multi-city request searches its first leg first (the legs: book-flight.multi-city.test.ts)', async () => {
      const c = chat(h);
      await exchange(c, [
        [() => `London to Paris on ${day(7)}, then Paris to Rome on ${day(10)}`, /^London \(any airport\) → Paris/],
      ]);
    });
  });
});
