import type { Actor } from '../../../api/services/actor';
import type { Offer } from '../../../api/services/search.service';
import { isDomainError } from '../../../api/errors';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import {
  bookingOf,
  type Chat,
  chat,
  fixedNow,
  payOnPage,
  payUrlIn,
  pnrIn,
  sweepHolds,
  toReview,
} from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

const HOLD_MINUTES = 15;

/**
 * After "confirm": the hold and payment link, and what the bot says later (paid, declined, hold ended), and what can go
 * wrong meanwhile.
 */
describe.each(DB_TARGETS)('book a flight: hold, payment and what happens meanwhile (%s)', (target) => {
  let h: BotHarness;
  let other: Actor;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow(), env: { HOLD_MINUTES: String(HOLD_MINUTES) } });
    const user = await h.t.services.auth.createUser({
      email: 'someone.else@example.com',
      password: null,
      firstName: 'Grace',
      lastName: 'Hopper',
      role: 'traveller',
    });
    other = { kind: 'user', userId: user.id, role: 'traveller' };
  }, 60_000);
  afterAll(() => h.close());

  /** The flight the traveller picked: the first offer of the list shown before the fares. */
  const pickedFlight = (c: Chat): Offer | undefined =>
    c.messages.flatMap((m) => (m.card?.kind === 'fare_options' ? [m.card.offer] : []))[0];

  /** Another traveller's hold on `flightId`, seated in `seat` (or wherever the cabin has room). */
  const holdFor = (flightId: number, passengers: number, seat?: string) =>
    h.t.services.bookings.createHold(other, {
      flights: [{ flightId, cabin: 'economy', fareFamily: 'standard', direction: 'outbound' }],
      passengers: Array.from({ length: passengers }, (_, i) => ({
        firstName: 'Grace',
        lastName: `Hopper${'abcdefghi'[i]}`,
        dateOfBirth: '1980-01-01',
        ...(seat ? { seats: { [flightId]: seat } } : {}),
      })),
      contact: { email: 'someone.else@example.com' },
    });

  it(
    'confirm holds the seats and sends a payment link; paying is told in ' +
      'the chat with the reference and the ticket link',
    async () => {
      const c = chat(h);
      await toReview(c, h.t);
      const held = await c.say('confirm');
      expect(held).toMatch(
        /^Your seats are held\. Booking reference [2-9A-HJKMNP-Z]{6}\. Pay with this link before the hold ends:\s+http\S+\/pay\/\S+\s+I'll tell you here as soon as the payment goes through\./,
      );
      const pnr = pnrIn(held);
      expect((await bookingOf(h.t, pnr)).status).toBe('held');
      expect(await payOnPage(h.t, payUrlIn(held))).toBe(200);
      const told = c.drain();
      expect(told).toMatch(
        new RegExp(
          `Payment received — booking ` +
            `${pnr} is confirmed and your e-tickets are issued\\.\\s+Download them here: http\\S+`,
        ),
      );
      expect(told).toContain(`A confirmation email is on its way to ${c.email}`);
      expect((await bookingOf(h.t, pnr)).status).toBe('confirmed');
    },
  );

  it('a declined card is told in the chat; "pay" then offers the link again', async () => {
    const c = chat(h);
    await toReview(c, h.t);
    const held = await c.say('confirm');
    const pnr = pnrIn(held);
    expect(await payOnPage(h.t, payUrlIn(held), '4000000000000002')).toBe(402);
    expect(c.drain()).toMatch(
      new RegExp(
        `^Your payment for booking ` +
          `${pnr} did not go through \\(Your card was declined\\.\\)\\. Your seats stay held[\\s\\S]*Say "pay" for a new payment link[\\s\\S]*1\\. New payment link`,
      ),
    );
    expect(await c.say('pay')).toMatch(new RegExp(`^Which booking would you like to look at\\?\\n\\n1\\. ${pnr} `));
    expect(await c.say('1')).toMatch(
      new RegExp(`^Here is the payment link for booking ${pnr} \\(£[\\d,.]+\\): http\\S+`),
    );
    // The button of the message itself (channels with buttons send its value).
    expect(await c.say('', { choice: `pay:${pnr}` })).toMatch(
      new RegExp(`^Here is the payment link for booking ${pnr} `),
    );
    expect((await bookingOf(h.t, pnr)).status).toBe('held');
  });

  it('a hold that runs out is told in the chat; "Search again" starts a new booking', async () => {
    const c = chat(h);
    await toReview(c, h.t);
    const pnr = pnrIn(await c.say('confirm'));
    h.t.clock.advance((HOLD_MINUTES + 1) * 60_000);
    await sweepHolds(h.t);
    expect(c.drain()).toMatch(
      new RegExp(
        `^The hold on booking ` +
          `${pnr} has ended without payment, so the seats were released\\. Nothing was charged\\.[\\s\\S]*1\\. Search again`,
      ),
    );
    expect((await bookingOf(h.t, pnr)).status).toBe('expired');
    expect(await c.say('Search again')).toMatch(/^Where are you flying from\?/);
  });

  it(
    'a seat taken by someone else before "confirm": the traveller picks ' + 'another seat, then the booking completes',
    async () => {
      const c = chat(h);
      await c.say('Heathrow to Paris in 8 days one way');
      await c.say('1');
      const flightId = pickedFlight(c)!.segments[0]!.flightId;
      await toReview(c, h.t, { seat: '14C', skipTo: 'fare' });
      await holdFor(flightId, 1, '14C');
      const back = await c.say('confirm');
      expect(back).toMatch(
        /^Sorry — seat 14C was just taken by someone else\. Please choose another seat\.\n---\nChoose a seat for Ada Lovelace/,
      );
      expect(await c.say('14C')).toMatch(/^Seat 14C is taken\. Please pick a free seat\./);
      expect(await c.say('15C')).toMatch(
        /^Seat 15C for Ada Lovelace[^\n]*\n---\nPlease check everything[\s\S]*Ada Lovelace \(adult\) — BA\d+ 15C/,
      );
      const held = await c.say('confirm');
      const booking = await bookingOf(h.t, pnrIn(held));
      expect(Object.values(booking.passengers[0]!.seats)).toEqual(['15C']);
    },
  );

  it('a flight sold out before "confirm": the traveller picks another flight, then the booking completes', async () => {
    const c = chat(h);
    await c.say('Heathrow to Paris in 9 days one way');
    await c.say('1');
    const flight = pickedFlight(c)!;
    const flightId = flight.segments[0]!.flightId;
    await toReview(c, h.t, { skipTo: 'fare' });
    // Everyone else takes the whole economy cabin.
    for (;;) {
      try {
        await holdFor(flightId, 9);
      } catch (err) {
        if (!isDomainError(err, 'sold_out')) throw err;
        try {
          await holdFor(flightId, 1);
        } catch (e) {
          if (!isDomainError(e, 'sold_out')) throw e;
          break;
        }
      }
    }
    const back = await c.say('confirm');
    expect(back).toMatch(
      new RegExp(
        `${flight.segments[0]!.flightNumber} has no more seats available in this cabin\\. Let's pick another flight\\.\\n---\\nLondon LHR → Paris`,
      ),
    );
    const list = c.messages.flatMap((m) => (m.card?.kind === 'flight_list' ? m.card.offers.map((o) => o.offer) : []));
    const n = list.findIndex((o) => o.segments[0]!.flightId !== flightId) + 1;
    expect(await c.say(String(n))).toMatch(/Which fare/);
    await c.say('standard');
    expect(await c.say('skip')).toMatch(/^Please check everything[\s\S]*Ada Lovelace/);
    const booking = await bookingOf(h.t, pnrIn(await c.say('confirm')));
    expect(booking.flights[0]!.flightId).not.toBe(flightId);
    expect(booking.status).toBe('held');
  });
});
