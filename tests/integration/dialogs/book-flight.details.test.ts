import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { ADA, type Chat, chat, dateIn, fixedNow, lastCode, spoken, toReview } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/** Seats, passengers, contact, email code and review: each answer checked, re-asked with the problem named. */
describe.each(DB_TARGETS)('book a flight: seats, passengers, contact, review (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const day = (n: number) => spoken(dateIn(h.t, n));
  /** A new chat waiting on the first seat of a one-way Heathrow–Paris booking (A320, exit row 12) for `party`. */
  const atSeats = async (party = '1 adult', days = 6): Promise<Chat> => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${day(days)} one way ${party}`);
    await c.say('1');
    expect(await c.say('standard')).toMatch(/^Choose a seat for passenger 1 on BA\d+ \(LHR–CDG\)/);
    return c;
  };

  it.each([
    ['12A', /^Seat 12A for passenger 1 \(£28\)\.\n---\nPassenger 1 of 1/],
    ['14c', /^Seat 14C for passenger 1[\s\S]*Passenger 1 of 1/],
    ['any window seat', /^Seat \d+[AF] \(window, [^)]+\) for passenger 1\.\n---\nPassenger 1 of 1/],
    ['aisle', /^Seat \d+[CD] \(aisle, [^)]+\) for passenger 1\.\n---\nPassenger 1 of 1/],
    ['2', /^Seat \d+[CD] \(aisle, [^)]+\) for passenger 1\./],
    ['any', /^passenger 1 gets a seat at no charge when the booking is made\.\n---\nPassenger 1 of 1/],
    ['skip', /^Passenger 1 of 1/],
    ['Skip seat choice', /^Passenger 1 of 1/],
  ])('one traveller\'s seat: "%s"', async (said, expected) => {
    const c = await atSeats();
    expect(await c.say(said)).toMatch(expected);
  });

  it.each([
    ['99A', /^There is no seat 99A in this cabin\. Pick a seat shown on the map\./],
    ['99Z', /^Type a seat like 14C/],
    ['a nice one please', /^Type a seat like 14C, or say "window", "aisle", "sit together", "any" or "skip"\./],
    ['hmm', /^Type a seat like 14C/],
  ])('an unusable seat answer is explained and asked again: "%s"', async (said, expected) => {
    const c = await atSeats();
    expect(await c.say(said)).toMatch(expected);
    expect(await c.say('skip')).toMatch(/^Passenger 1 of 1/);
  });

  it(
    'seats per passenger: a seat already chosen for the party is refused, ' + 'a child never gets an exit row',
    async () => {
      const c = await atSeats('1 adult and 1 child');
      expect(await c.say('12A')).toMatch(
        /^Seat 12A for passenger 1 \(£28\)\.\nChoose a seat for passenger 2 \(child\)/,
      );
      expect(await c.say('12A')).toMatch(/^Seat 12A is taken\. Please pick a free seat\./);
      expect(await c.say('12B')).toMatch(
        /^Children cannot sit in an exit row\. Please pick another seat for passenger 2 \(child\)\./,
      );
      expect(await c.say('14B')).toMatch(/^Seat 14B for passenger 2 \(child\)[^\n]*\n---\nPassenger 1 of 2, adult/);
    },
  );

  it('"sit together" seats the whole party side by side and says where', async () => {
    const c = await atSeats('2 adults and 1 child');
    const reply = await c.say('sit together');
    const seats = /^Seats (\d+)([A-F]), \1([A-F]), \1([A-F]) on BA\d+, side by side\.\n---\nPassenger 1 of 3/.exec(
      reply,
    );
    expect(seats).not.toBeNull();
  });

  it('a seat per passenger per flight on a round trip', async () => {
    const c = chat(h);
    await c.say(`Heathrow to Paris on ${day(6)} back on ${day(9)} 2 adults`);
    await c.say('1');
    await c.say('basic');
    await c.say('1');
    expect(await c.say('basic')).toMatch(/^Choose a seat for passenger 1 on BA\d+ \(LHR–CDG\)/);
    expect(await c.say('window')).toMatch(/Choose a seat for passenger 2 on BA\d+ \(LHR–CDG\)/);
    expect(await c.say('aisle')).toMatch(/Choose a seat for passenger 1 on BA\d+ \(CDG–LHR\)/);
    expect(await c.say('any')).toMatch(/Choose a seat for passenger 2 on BA\d+ \(CDG–LHR\)/);
    expect(await c.say('15F')).toMatch(/^Seat 15F for passenger 2[^\n]*\n---\nPassenger 1 of 2/);
  });

  it.each([
    ['Ada', /^Last name is required\. I need the date of birth, e\.g\. 1990-12-10\. Please check passenger 1\./],
    ['Ada Lovelace', /^I need the date of birth, e\.g\. 1990-12-10\. Please check passenger 1\./],
    ['   ', /^First name is required\. Last name is required\./],
    ['Ada L0velace 1990-12-10', /^Last name cannot contain digits\./],
    ['R2D2 Droid 1990-12-10', /^First name cannot contain digits\./],
    ['Ada Lovelace 2031-02-03', /^The date of birth is in the future\./],
    ['Ada Lovelace 1890-12-10', /^That date of birth is more than 120 years ago\./],
    ['Ada Lovelace 1990-02-30', /^I need the date of birth, e\.g\. 1990-12-10\./],
    [
      'Ada Lovelace 2020-06-01',
      /^This passenger was booked as an adult \(12 or older\), but would be a child \(2–11\) on the day of travel\./,
    ],
    [
      'Ada Lovelace 2026-01-01',
      /^This passenger was booked as an adult \(12 or older\), but would be an infant on a lap \(under 2\) on the day of travel\./,
    ],
  ])('passenger details "%s" are re-asked with the problem named', async (said, expected) => {
    const c = await atSeats();
    await c.say('skip');
    expect(await c.say(said)).toMatch(expected);
    expect(await c.say('Ada Lovelace 1990-12-10')).toMatch(/^Which email/);
  });

  it.each([
    ['Ada Lovelace 10/12/1990', /^Which email/],
    ['Ada Lovelace born 10 Dec 1990', /^Which email/],
    ['Ada King Lovelace, 1990-12-10', /^Which email/],
  ])('passenger details typed as "%s" are understood', async (said, expected) => {
    const c = await atSeats();
    await c.say('skip');
    expect(await c.say(said)).toMatch(expected);
  });

  it('a child booked as a child must be 2–11 on the day of travel', async () => {
    const c = await atSeats('1 adult and 1 child');
    await c.say('skip');
    await c.say('Ada Lovelace 1990-12-10');
    expect(await c.say('Byron Lovelace 1990-01-01')).toMatch(
      /^This passenger was booked as a child \(2–11\), but would be an adult \(12 or older\)/,
    );
    expect(await c.say('Byron Lovelace 2018-05-05')).toMatch(/^Which email/);
  });

  it.each([
    ['not an email', /^I need an email address for the confirmation\./],
    ['ada@@example', /^I need an email address for the confirmation\./],
    ['ada@example.com +44 12', /^Which email|^To book|6-digit code/],
  ])('contact details "%s"', async (said, expected) => {
    const c = await atSeats();
    await c.say('skip');
    await c.say('Ada Lovelace 1990-12-10');
    expect(await c.say(said)).toMatch(expected);
  });

  it(
    'email verification: a wrong code is re-asked, "resend" sends a new ' + 'one, the right one goes on to the review',
    async () => {
      const c = await atSeats();
      await c.say('skip');
      await c.say('Ada Lovelace 1990-12-10');
      expect(await c.say(c.email)).toMatch(
        /^To book, I need to confirm your email\. I've sent a 6-digit code to a•••@example\.com/,
      );
      const first = await lastCode(h.t, c.email);
      expect(await c.say('hello')).toMatch(/^Please type the 6-digit code from the email \(or say "resend"\)\./);
      expect(await c.say(first === '000000' ? '111111' : '000000')).toMatch(
        /^That code is not right\. Please try again\./,
      );
      expect(await c.say('resend')).toMatch(/^New code sent\./);
      const second = await lastCode(h.t, c.email);
      expect(await c.say(second)).toMatch(/^Please check everything\. Nothing is booked until you confirm/);
    },
  );

  it('the review shows the trip, passengers, seats and the total; "change something" leads to each part', async () => {
    const c = chat(h);
    const review = await toReview(c, h.t, { seat: '14C' });
    expect(review).toMatch(/Outbound · \w{3} \d+ \w{3}:\n {2}\d\d:\d\d–\d\d:\d\d LHR→CDG BA\d+ · Economy Standard/);
    expect(review).toMatch(/Ada Lovelace \(adult\) — BA\d+ 14C/);
    expect(review).toMatch(/Total +£[\d,.]+\n\n1\. Confirm and pay\n2\. Change something\n3\. [^\n]+$/);
    expect(await c.say('change something')).toMatch(
      /^What would you like to change\?\n\n1\. Flights or fare\n2\. Seats\n3\. Passengers\n4\. Contact details$/,
    );
    expect(await c.say('2')).toMatch(/^Choose a seat for Ada Lovelace/);
    expect(await c.say('15A')).toMatch(
      /^Seat 15A for Ada Lovelace[^\n]*\n---\nPlease check everything[\s\S]*Ada Lovelace \(adult\) — BA\d+ 15A/,
    );
    await c.say('2');
    expect(await c.say('passengers')).toMatch(/^Passenger 1 of 1/);
    expect(await c.say('Ada Byron 1990-12-10')).toMatch(/Please check everything[\s\S]*Ada Byron \(adult\)/);
    await c.say('change');
    expect(await c.say('Contact details')).toMatch(/^Which email[\s\S]*1\. Use ada\.\d+@example\.com/);
    expect(await c.say('1')).toMatch(/^Please check everything/);
    await c.say('change something');
    expect(await c.say('flights or fare')).toMatch(/^London LHR → Paris \(any airport\)/);
    await c.say('1');
    await c.say('flex');
    expect(await c.say('skip')).toMatch(/^Please check everything[\s\S]*Economy Flex[\s\S]*Ada Byron/);
  });

  it.each([
    ['hmm', /^Say "confirm" to hold the seats and get the payment link, or "change" to change something\./],
    ['the seats', /^Choose a seat for Ada Lovelace/],
    ['change the email', /^Which email/],
    ['yes', /^Your seats are held\. Booking reference/],
  ])('on the review, "%s"', async (said, expected) => {
    const c = chat(h);
    await toReview(c, h.t, { traveller: ADA });
    expect(await c.say(said)).toMatch(expected);
  });
});
