import { formatMoney } from '../../../api/domain/money';
import type { BookingView } from '../../../api/services/booking-view';
import { DomainError } from '../../../api/errors';
import { MainDialog } from '../../../dialogs/main.dialog';
import { MANAGE_BOOKING_DIALOG, ManageBookingDialog, type ManageBookingOptions } from '../../../dialogs/manage-booking.dialog';
import type { ChatIdentity } from '../../../dialogs/ports';
import { pax } from '../../helpers/api-helpers';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { Chat, dialogDeps, freeSeat, hold, pay, type Traveller, traveller } from './manage-booking.harness';

/**
 * The manage-booking conversation against the real services on SQLite. Each case builds its own
 * bookings; `{pnr}`, `{seat}`, `{taken}`, `{total}` in what is typed and expected are filled in from
 * them.
 */
interface TurnSpec {
  say: string | { choice: string };
  expect?: string[];
  not?: string[];
  cards?: string[];
}
interface Fixture {
  vars: Record<string, string>;
  options: ManageBookingOptions;
  identity?: ChatIdentity;
}
interface Case {
  name: string;
  setup: (t: TestApp, ada: Traveller) => Promise<Fixture>;
  turns: TurnSpec[];
  /** The dialog's result when it has ended (undefined: still running or ended without one). */
  result?: unknown;
  /** What must be true in the database afterwards. */
  after?: (t: TestApp, vars: Record<string, string>) => Promise<void>;
}

/** Ada's seat on the first flight. */
const seatIn = (b: BookingView) => b.passengers[0]!.seats[String(b.flights[0]!.flightId)]!;
const statusOf = async (t: TestApp, pnr: string) => (await t.services.bookings.view(pnr, false)).status;
const seatOf = async (t: TestApp, pnr: string) => Object.values((await t.services.bookings.view(pnr, false)).passengers[0]!.seats)[0];

/** A held booking, looked up anonymously. */
const held = (opts: Parameters<typeof hold>[2] = {}) => async (t: TestApp, ada: Traveller): Promise<Fixture> => {
  const b = await hold(t, ada, opts);
  const current = seatIn(b);
  return { vars: { pnr: b.pnr, total: formatMoney(b.price.total), current, seat: await freeSeat(t, b, { not: [current], paid: opts.fareFamily === 'basic' }) }, options: {} };
};
/** A paid booking. */
const confirmed = (opts: Parameters<typeof hold>[2] = {}, options: ManageBookingOptions = {}) => async (t: TestApp, ada: Traveller): Promise<Fixture> => {
  const b = await hold(t, ada, opts);
  await pay(t, ada, b.pnr);
  const current = seatIn(b);
  return { vars: { pnr: b.pnr, total: formatMoney(b.price.total), current, seat: await freeSeat(t, b, { not: [current] }), paidSeat: await freeSeat(t, b, { paid: true }) }, options };
};

const CASES: Case[] = [
  {
    name: 'finds a booking by reference and last name in one message',
    setup: held(),
    turns: [
      { say: 'hi', expect: ['booking reference and last name'] },
      { say: '{pnr} Lovelace', expect: ['Booking {pnr} is on hold', 'The hold expires in'], cards: ['booking'] },
    ],
  },
  {
    name: 'takes the reference and the last name one after the other',
    setup: held(),
    turns: [
      { say: 'hi', expect: ['booking reference and last name'] },
      { say: 'my reference is {pnr}', expect: ['last name of a passenger on booking {pnr}'] },
      { say: 'lovelace', expect: ['Booking {pnr} is on hold'], cards: ['booking'] },
    ],
  },
  {
    name: 'a wrong last name is re-asked without saying whether the reference exists',
    setup: held(),
    turns: [
      { say: 'hi', expect: ['booking reference and last name'] },
      { say: '{pnr} Babbage', expect: ["I couldn't find a booking with that reference and last name"], cards: [] },
      { say: 'ZZZ999 Lovelace', expect: ["I couldn't find a booking with that reference and last name"], cards: [] },
      { say: '{pnr} Lovelace', cards: ['booking'] },
    ],
  },
  {
    name: 'with a reference from the first message, asks only for the last name',
    setup: async (t, ada) => {
      const b = await hold(t, ada);
      return { vars: { pnr: b.pnr }, options: { pnr: b.pnr } };
    },
    turns: [{ say: 'hi', expect: ['What is the last name'] }, { say: 'Lovelace', expect: ['is on hold', 'What would you like to do?'], cards: ['booking'] }],
  },
  {
    name: 'a signed-in traveller picks from their bookings; "Another booking" asks for a reference',
    setup: async (t) => {
      const grace = await traveller(t, 'Grace');
      const a = await hold(t, grace, { days: 9 });
      const b = await hold(t, grace, { days: 12 });
      await pay(t, grace, b.pnr);
      return { vars: { pnr: a.pnr, other: b.pnr }, options: {}, identity: grace.identity };
    },
    turns: [
      { say: 'hi', expect: ['Which booking', '{pnr} LHR–CDG', 'on hold', '{other} LHR–CDG', 'confirmed'] },
      { say: '2', expect: ['Booking {other} is confirmed'], cards: ['booking'] },
    ],
  },
  {
    name: 'a signed-in traveller can still look up another booking',
    setup: async (t, ada) => {
      const grace = await traveller(t, 'Grace');
      await hold(t, grace);
      const other = await hold(t, ada);
      return { vars: { pnr: other.pnr }, options: {}, identity: grace.identity };
    },
    turns: [
      { say: 'hi', expect: ['Which booking'] },
      { say: 'Another booking', expect: ['booking reference and last name'] },
      { say: '{pnr} Lovelace', expect: ['Booking {pnr} is on hold'], cards: ['booking'] },
    ],
  },
  {
    name: "another traveller's booking needs its last name, even with the reference",
    setup: async (t, ada) => {
      const b = await hold(t, ada);
      return { vars: { pnr: b.pnr }, options: { pnr: b.pnr }, identity: (await traveller(t, 'Mallory')).identity };
    },
    turns: [{ say: 'hi', expect: ['What is the last name'] }, { say: 'Mallory', expect: ["couldn't find a booking"], cards: [] }],
  },
  {
    name: 'a held booking offers the payment link',
    setup: held(),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'Pay now', expect: ['payment link for booking {pnr}', '/pay/sandbox/'], cards: ['payment_link'] },
    ],
  },
  {
    name: 'a confirmed booking offers the e-ticket',
    setup: confirmed(),
    turns: [
      { say: '{pnr} Lovelace', expect: ['is confirmed'], cards: ['booking'] },
      { say: '1', expect: ['e-ticket for booking {pnr}', 'tickets.pdf?t='], cards: ['confirmation'] },
    ],
  },
  {
    name: 'moves a passenger to a free seat after an explicit yes',
    setup: held(),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'Change seats', expect: ['Ada is in {current}', 'Pick a new seat'], cards: ['seat_map'] },
      { say: '{seat}', expect: ['Move Ada to {seat} on', '(free)'] },
      { say: 'yes', expect: ['Done: Ada is now in {seat}', 'Booking {pnr} is on hold'], cards: ['booking'] },
    ],
    after: async (t, v) => expect(await seatOf(t, v.pnr!)).toBe(v.seat),
  },
  {
    name: 'a taken seat is re-asked; "window" finds one; "no" keeps the current seat',
    setup: async (t, ada) => {
      const f = await held()(t, ada);
      const other = await hold(t, ada);
      return { ...f, vars: { ...f.vars, taken: other.passengers[0]!.seats[String(other.flights[0]!.flightId)]! } };
    },
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'I want another seat', cards: ['seat_map'] },
      { say: '{taken}', expect: ['Seat {taken} is taken'] },
      { say: 'a window seat please', expect: ['Move Ada to', '(free)'] },
      { say: 'Keep my seat', expect: ['Your seat stays as it is', 'Booking {pnr} is on hold'], cards: ['booking'] },
    ],
    after: async (t, v) => expect(await seatOf(t, v.pnr!)).toBe(v.current),
  },
  {
    name: 'on a Basic hold every chosen seat has a price, said before the yes',
    setup: held({ fareFamily: 'basic' }),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: '2', cards: ['seat_map'] },
      { say: 'aisle', expect: ['Move Ada to', 'costs £'] },
      { say: '1', expect: ['Done: Ada is now in'], cards: ['booking'] },
    ],
    after: async (t, v) => expect((await t.services.bookings.view(v.pnr!, false)).price.seats.amount).toBeGreaterThan(0),
  },
  {
    name: 'on a paid booking a dearer seat is refused with the reason',
    setup: confirmed({ fareFamily: 'standard' }, { action: 'seats' }),
    turns: [
      { say: '{pnr} Lovelace', cards: ['seat_map'] },
      { say: '{paidSeat}', expect: ['more than was paid', 'same or a lower price'] },
      { say: '{seat}', expect: ['Move Ada to {seat}', '(free)'] },
      { say: { choice: 'confirm' }, expect: ['Done: Ada is now in {seat}'], cards: ['booking'] },
    ],
  },
  {
    name: 'cancels a paid booking with the quote and an explicit yes',
    setup: confirmed({ fareFamily: 'standard' }, { action: 'cancel' }),
    turns: [
      { say: '{pnr} Lovelace', expect: ['you get {total} back', 'Free cancellation within 24 hours', 'Do you want to cancel?'], cards: ['cancellation_quote'] },
      { say: 'Yes, cancel my booking', expect: ['Cancelled. A refund of {total} is on its way'] },
    ],
    after: async (t, v) => expect(await statusOf(t, v.pnr!)).toBe('cancelled'),
  },
  {
    name: '"no" keeps the booking',
    setup: confirmed({}, { action: 'cancel' }),
    turns: [{ say: '{pnr} Lovelace', cards: ['cancellation_quote'] }, { say: 'no', expect: ["I've kept your booking"] }],
    after: async (t, v) => expect(await statusOf(t, v.pnr!)).toBe('confirmed'),
  },
  {
    name: 'anything vaguer than a clear yes keeps the booking',
    setup: held(),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'Cancel booking', expect: ['not paid yet', 'Do you want to cancel?'], cards: ['cancellation_quote'] },
      { say: 'cancel', expect: ["I've kept your booking"] },
    ],
    after: async (t, v) => expect(await statusOf(t, v.pnr!)).toBe('held'),
  },
  {
    name: 'cancelling a hold releases the seats; the booking then offers "Book again"',
    setup: held(),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'I want to cancel it', cards: ['cancellation_quote'] },
      { say: '1', expect: ['Cancelled. The held seats are released'] },
    ],
    after: async (t, v) => expect(await statusOf(t, v.pnr!)).toBe('cancelled'),
  },
  {
    name: 'a cancelled booking can be booked again',
    setup: async (t, ada) => {
      const b = await hold(t, ada);
      await t.services.bookingChanges.cancelHold(b.pnr, ada.actor);
      return { vars: { pnr: b.pnr }, options: { pnr: b.pnr, action: 'seats' } };
    },
    turns: [
      { say: 'hi', expect: ['What is the last name'] },
      { say: 'Lovelace', expect: ['is cancelled, so it can no longer be changed', 'Booking {pnr} is cancelled'], cards: ['booking'] },
      { say: 'Change seats', expect: ['no longer possible', 'Book again'] },
      { say: 'Book again', expect: ['new flight'] },
    ],
    result: { rebook: true },
  },
  {
    name: 'a family picks the flight and the passenger first',
    setup: held({ extra: [pax('Byron', 'Lovelace', '1990-01-01')] }),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'Change seats', expect: ['Who would like another seat', 'Ada Lovelace ({current})', 'Byron Lovelace'] },
      { say: 'byron', expect: ['Pick a new seat'], cards: ['seat_map'] },
      { say: '{seat}', expect: ['Move Byron to {seat}'] },
      { say: 'yes', expect: ['Done: Byron is now in {seat}'] },
    ],
  },
];

describe('manage booking dialog (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  beforeAll(async () => {
    t = await createTestApp({ days: 14 });
    ada = await traveller(t);
  }, 60_000);
  afterAll(() => t.close());

  const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const f = await c.setup(t, ada);
    const env = dialogDeps(t);
    const chat = new Chat(env, new ManageBookingDialog(env.deps), f.options, f.identity ?? null);
    // The first message starts the dialog (as the main dialog would); cases that check the opening say "hi" themselves.
    if (c.turns[0]?.say !== 'hi') await chat.send('hi');
    for (const turn of c.turns) {
      const said = typeof turn.say === 'string' ? fill(turn.say, f.vars) : turn.say;
      const got = await chat.send(said);
      const where = `after "${JSON.stringify(said)}" the bot said:\n${got.text}`;
      for (const e of turn.expect ?? []) expect({ where, has: got.text.includes(fill(e, f.vars)) }).toEqual({ where, has: true });
      for (const e of turn.not ?? []) expect({ where, has: got.text.includes(fill(e, f.vars)) }).toEqual({ where, has: false });
      if (turn.cards) expect({ where, cards: got.cards }).toEqual({ where, cards: turn.cards });
    }
    if ('result' in c) expect({ ended: chat.ended, result: chat.result }).toEqual({ ended: true, result: c.result });
    await c.after?.(t, f.vars);
  });

  it('works under the main dialog: routing, a help question in the middle, then the explicit yes', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t);
    const chat = new Chat(env, new MainDialog(env.deps), {});
    expect((await chat.send('I want to manage my booking')).text).toContain('booking reference and last name');
    expect((await chat.send(`${b.pnr} Lovelace`)).cards).toEqual(['booking']);
    expect((await chat.send('Cancel booking')).cards).toEqual(['cancellation_quote']);
    const help = await chat.send('how many bags can I take?');
    expect(help.cards).toEqual(['article', 'cancellation_quote']);
    expect(help.text).toContain('How much baggage can I take?');
    expect((await chat.send('Yes, cancel my booking')).text).toContain('Cancelled. The held seats are released');
    expect(await statusOf(t, b.pnr)).toBe('cancelled');
  });

  it('explains politely when look-ups are rate limited', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t, (api) => ({
      ...api,
      getBooking: async () => {
        throw new DomainError('rate_limited', 'rate_limited', 'Too many attempts. Please wait 4 minutes and try again.');
      },
    }));
    const chat = new Chat(env, new ManageBookingDialog(env.deps), {});
    await chat.send('hi');
    const got = await chat.send(`${b.pnr} Lovelace`);
    expect(got.text).toContain('Please wait 4 minutes');
    expect(got.text).toContain('booking reference and last name');
  });

  it('an expired quote is replaced and asked again', async () => {
    const b = await hold(t, ada);
    await pay(t, ada, b.pnr);
    const env = dialogDeps(t);
    const chat = new Chat(env, new ManageBookingDialog(env.deps), { pnr: b.pnr, action: 'cancel' }, ada.identity);
    expect((await chat.send('cancel my booking')).cards).toEqual(['cancellation_quote']);
    t.clock.advance(16 * 60_000);
    try {
      const again = await chat.send('yes');
      expect(again.text).toContain('That quote had expired, so here is a fresh one');
      expect(again.cards).toEqual(['cancellation_quote']);
      expect((await chat.send('yes')).text).toContain('Cancelled. A refund of');
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    expect(await statusOf(t, b.pnr)).toBe('cancelled');
  });

  it('the bot never keeps a booking between conversations: a new conversation asks again', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t);
    const first = new Chat(env, new ManageBookingDialog(env.deps), {});
    await first.send('hi');
    expect((await first.send(`${b.pnr} Lovelace`)).cards).toEqual(['booking']);
    const second = new Chat(env, new ManageBookingDialog(env.deps), {});
    expect((await second.send('hi')).text).toContain('booking reference and last name');
    expect(MANAGE_BOOKING_DIALOG).toBe('manageBooking');
  });
});
