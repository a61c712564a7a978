import { formatMoney } from '../../../api/domain/money';
import type { BookingView } from '../../../api/services/booking-view';
import type { ManageBookingOptions } from '../../../dialogs/manage-booking/manage-booking.dialog';
import type { ChatIdentity } from '../../../dialogs/ports';
import { countRows, pax } from '../../helpers/api-helpers';
import type { TestApp } from '../../helpers/test-app';
import { freeSeat, hold, pay, type Traveller, traveller } from './manage-booking.harness';

/**
 * Table of manage-booking conversations, run against the real services on SQLite by
 * manage-booking.test.ts. Each case builds its own
 * bookings; `{pnr}`, `{seat}`, `{taken}`, `{total}` in what is typed and expected are filled in from
 * them.
 */
export interface TurnSpec {
  say: string | { choice: string };
  expect?: string[];
  not?: string[];
  cards?: string[];
}
export interface Fixture {
  vars: Record<string, string>;
  options: ManageBookingOptions;
  identity?: ChatIdentity;
}
export interface Case {
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
export const statusOf = async (t: TestApp, pnr: string) => (await t.services.bookings.view(pnr, false)).status;
const seatOf = async (t: TestApp, pnr: string) =>
  Object.values((await t.services.bookings.view(pnr, false)).passengers[0]!.seats)[0];

/** A held booking, looked up anonymously. */
const held =
  (opts: Parameters<typeof hold>[2] = {}) =>
  async (t: TestApp, ada: Traveller): Promise<Fixture> => {
    const b = await hold(t, ada, opts);
    const current = seatIn(b);
    return {
      vars: {
        pnr: b.pnr,
        total: formatMoney(b.price.total),
        current,
        seat: await freeSeat(t, b, { not: [current], paid: opts.fareFamily === 'basic' }),
      },
      options: {},
    };
  };
/** A paid booking. */
const confirmed =
  (opts: Parameters<typeof hold>[2] = {}, options: ManageBookingOptions = {}) =>
  async (t: TestApp, ada: Traveller): Promise<Fixture> => {
    const b = await hold(t, ada, opts);
    await pay(t, ada, b.pnr);
    const current = seatIn(b);
    return {
      vars: {
        pnr: b.pnr,
        total: formatMoney(b.price.total),
        current,
        seat: await freeSeat(t, b, { not: [current] }),
        paidSeat: await freeSeat(t, b, { paid: true }),
      },
      options,
    };
  };

export const CASES: Case[] = [
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
    turns: [
      { say: 'hi', expect: ['What is the last name'] },
      { say: 'Lovelace', expect: ['is on hold', 'What would you like to do?'], cards: ['booking'] },
    ],
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
    turns: [
      { say: 'hi', expect: ['What is the last name'] },
      { say: 'Mallory', expect: ["couldn't find a booking"], cards: [] },
    ],
  },
  {
    name: 'a held booking offers the payment link',
    setup: held(),
    turns: [
      { say: '{pnr} Lovelace', cards: ['booking'] },
      { say: 'Pay now', expect: ['payment link for booking {pnr}', '/pay/sandbox/'], cards: ['payment_link'] },
    ],
    // The conversation hears when the payment goes through.
    after: async (t, v) => expect(await countRows(t, 'booking_watches', 'pnr = ?', [v.pnr])).toBe(1),
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
    after: async (t, v) =>
      expect((await t.services.bookings.view(v.pnr!, false)).price.seats.amount).toBeGreaterThan(0),
  },
  {
    name: 'on a paid booking a dearer seat quotes the difference, asks for a yes and sends a link; paying moves it',
    setup: confirmed({ fareFamily: 'standard' }, { action: 'seats' }),
    turns: [
      { say: '{pnr} Lovelace', cards: ['seat_map'] },
      {
        say: '{paidSeat}',
        expect: ['Move Ada to {paidSeat}', 'more than the seat already paid for', 'Yes, pay £'],
        not: ['same or a lower price'],
      },
      {
        say: { choice: 'confirm' },
        expect: ['link to pay £', '/pay/sandbox/', '{paidSeat} is held for Ada', 'Ada keeps {current}'],
        cards: ['payment_link', 'booking'],
      },
    ],
    after: async (t, v) => {
      expect(await seatOf(t, v.pnr!)).toBe(v.current);
      const agg = await t.services.repos.bookings.findByPnr(v.pnr!);
      const link = (await t.services.repos.payments.forBooking(agg!.booking.id)).find((p) => p.seatChangeId)!;
      const paid = await t.http.post(new URL(link.url!).pathname).type('form').send({ card: '4242424242424242' });
      expect(paid.status).toBe(200);
      expect(await seatOf(t, v.pnr!)).toBe(v.paidSeat);
    },
  },
  {
    name: 'on a paid Flex booking a cheaper seat says the refund before the yes, and refunds it',
    setup: async (t, ada) => {
      const b = await hold(t, ada, { fareFamily: 'flex' });
      // Flex chooses standard and preferred seats for free; extra legroom or an exit row has a price.
      const map = await t.services.seatMaps.seatMap(b.flights[0]!.flightId, { fareFamily: 'flex', cabin: 'economy' });
      const dear = map.cabins
        .flatMap((c) => c.rows.flatMap((r) => r.seats))
        .find((x) => x.available && x.cabin === 'economy' && x.price.amount > 0)!.designator;
      await t.services.bookingChanges.changeSeats(b.pnr, ada.actor, [
        { passenger: 0, flightId: b.flights[0]!.flightId, designator: dear },
      ]);
      await pay(t, ada, b.pnr);
      return {
        vars: { pnr: b.pnr, seat: await freeSeat(t, b, { not: [dear] }) },
        options: { action: 'seats' },
      };
    },
    turns: [
      { say: '{pnr} Lovelace', cards: ['seat_map'] },
      { say: '{seat}', expect: ['Move Ada to {seat}', 'goes back to your card'] },
      { say: 'yes', expect: ['Done: Ada is now in {seat}', 'A refund of £', 'updated e-ticket'] },
    ],
    after: async (t, v) => {
      const agg = await t.services.repos.bookings.findByPnr(v.pnr!);
      const refunds = await t.services.repos.payments.refundsForBooking(agg!.booking.id);
      expect(refunds.map((r) => r.reason)).toEqual(['seat_change']);
    },
  },
  {
    name: 'cancels a paid booking with the quote and an explicit yes',
    setup: confirmed({ fareFamily: 'standard' }, { action: 'cancel' }),
    turns: [
      {
        say: '{pnr} Lovelace',
        expect: ['you get {total} back', 'Free cancellation within 24 hours', 'Do you want to cancel?'],
        cards: ['cancellation_quote'],
      },
      { say: 'Yes, cancel my booking', expect: ['Cancelled. A refund of {total} is on its way'] },
    ],
    after: async (t, v) => {
      expect(await statusOf(t, v.pnr!)).toBe('cancelled');
      // The refund's news reaches this conversation too (it was not the one the booking was made in).
      expect(await countRows(t, 'booking_watches', 'pnr = ?', [v.pnr])).toBe(1);
    },
  },
  {
    name: '"no" keeps the booking',
    setup: confirmed({}, { action: 'cancel' }),
    turns: [
      { say: '{pnr} Lovelace', cards: ['cancellation_quote'] },
      { say: 'no', expect: ["I've kept your booking"] },
    ],
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
      {
        say: 'Lovelace',
        expect: ['is cancelled, so it can no longer be changed', 'Booking {pnr} is cancelled'],
        cards: ['booking'],
      },
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
