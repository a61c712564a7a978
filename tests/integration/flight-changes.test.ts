import { fareConditions } from '../../api/domain/fares';
import { SANDBOX_CARDS } from '../../api/vendors/payments/sandbox.provider';
import { countRows, expectError, nonstopFlight, pax } from '../helpers/api-helpers';
import { RecordingMailer } from '../helpers/fake-mailer';
import { bookingOf, drain, type Held, holdBooking, requestLink } from '../helpers/payment-flow';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * Changing the dates or flights of a paid booking (issue 15): the quote under each fare rule, the confirmation that
 * holds the new seats, the difference paid through a link (the change applied in the payment's transaction) or
 * refunded, the tickets reissued with the old numbers voided, the update mail; a failed or expired payment leaves the
 * booking as it was; concurrent changes never overbook the new flight.
 */

const HOUR = 3_600_000;
const pathOf = (url: string) => new URL(url).pathname;
let emails = 0;

describe.each(DB_TARGETS)('changing dates or flights (%s)', (target) => {
  let t: TestApp;
  const mailer = new RecordingMailer();
  let oldFlight: number;
  let newFlight: number;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14, env: { HOLD_MINUTES: '15' }, vendors: { mailer } });
    oldFlight = await nonstopFlight(t, 'LHR', 'CDG', 9);
    newFlight = await nonstopFlight(t, 'LHR', 'CDG', 11);
    // Fares follow the date: the tests that pay a difference need the new flight dearer on whatever day they run.
    const query = (sql: string, params: unknown[]) => t.services.db.dataSource.query(sql, params);
    const [old] = (await query('SELECT base_fare AS fare FROM flights WHERE id = ?', [oldFlight])) as {
      fare: number;
    }[];
    await query('UPDATE flights SET base_fare = ? WHERE id = ?', [Number(old!.fare) * 2, newFlight]);
  }, 60_000);
  afterAll(() => t.close());
  // Each test moves the clock on from the same start, so the schedule's flights stay ahead of it.
  let start: Date;
  beforeEach(() => {
    start = t.clock.now();
  });
  afterEach(() => t.clock.set(start));

  const pay = async (url: string, card: string = SANDBOX_CARDS.success) => {
    const r = await t.http.post(pathOf(url)).type('form').send({ card, action: 'pay' });
    await drain(t);
    return r;
  };
  /** A paid booking on the 9-day LHR–CDG flight. */
  const paid = async (fareFamily: string, opts: { passengers?: ReturnType<typeof pax>[]; cabin?: string } = {}) => {
    const email = `change${++emails}@example.com`;
    const held = await holdBooking(t, {
      origin: 'LHR',
      destination: 'CDG',
      days: 9,
      fareFamily,
      cabin: opts.cabin,
      email,
      passengers: opts.passengers ?? [pax('Ada', 'Lovelace', '1980-01-01')],
    });
    const link = await requestLink(t, held);
    expect((await pay(link.body.url as string)).status).toBe(200);
    return { held, email };
  };
  const quote = (held: Held, flightIds = [newFlight], extra: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/bookings/${held.pnr}/changes/quote`)
      .set(held.auth)
      .send({ flightIds, ...extra });
  const confirm = (held: Held, accepted: { due: number; refund: number }, flightIds = [newFlight]) =>
    t.http.post(`/api/v1/bookings/${held.pnr}/changes`).set(held.auth).send({ flightIds, accepted });
  const accept = (q: { body: { due: { amount: number }; refund: { amount: number } } }) => ({
    due: q.body.due.amount,
    refund: q.body.refund.amount,
  });
  const flightsOf = async (held: Held) => (await bookingOf(t, held)).flights.map((f) => f.flightId);
  const ticketsOf = async (held: Held) => (await bookingOf(t, held)).passengers.map((p) => p.ticketNumber);
  /** Moves the clock on; the travellers' access tokens are issued again (they last 15 minutes). */
  const later = async (hours: number, ...held: Held[]): Promise<void> => {
    t.clock.advance(hours * HOUR);
    for (const h of held) {
      const agg = await t.services.repos.bookings.findByPnr(h.pnr);
      const user = await t.services.repos.users.findById(agg!.booking.userId!);
      h.auth.Authorization = `Bearer ${(await t.services.auth.issue(user!)).accessToken}`;
    }
  };

  it('Basic cannot change: a coded 422 on quote and confirm, the booking untouched', async () => {
    const { held } = await paid('basic');
    await later(30, held);
    const q = await quote(held);
    expectError(q, 422, 'fare_not_changeable');
    expect(q.body.error.details).toEqual({ fareFamily: 'basic' });
    expectError(await confirm(held, { due: 0, refund: 0 }), 422, 'fare_not_changeable');
    expect(await flightsOf(held)).toEqual([oldFlight]);
  });

  it('Standard after 24 hours pays the fee and the difference by link; paid, the flights and tickets change', async () => {
    const { held, email } = await paid('standard');
    const before = await bookingOf(t, held);
    const oldTickets = await ticketsOf(held);
    await later(25, held);
    const q = await quote(held);
    expect(q.status).toBe(200);
    const fee = fareConditions('economy', 'standard', held.currency).changeFee!;
    expect(q.body.fee).toEqual(fee);
    expect(q.body.feeWaived.amount).toBe(0);
    expect(q.body.freeChangeUntil).toBeNull();
    expect(q.body.to[0].flightId).toBe(newFlight);
    const net = q.body.fareDifference.amount + fee.amount;
    expect(q.body.due.amount).toBe(Math.max(0, net));
    expect(q.body.summary).toMatch(/change fee is/);
    // The two flights are priced alike (same advance band), so the fee keeps the net positive.
    expect(net).toBeGreaterThan(0);

    const r = await confirm(held, accept(q));
    expect(r.status).toBe(202);
    expect(r.body.flightChange.status).toBe('awaiting_payment');
    // Nothing changed yet; a seat on the new flight is held for the passenger.
    expect(r.body.flights.map((f: { flightId: number }) => f.flightId)).toEqual([oldFlight]);
    expect(
      await countRows(t, 'seats', "booking_id = ? AND flight_id = ? AND state = 'held'", [held.bookingId, newFlight]),
    ).toBe(1);
    await drain(t);
    expect(mailer.sent.find((m) => m.to === email && m.subject.includes('to change flights'))?.text).toContain(
      r.body.flightChange.payment.url,
    );

    expect((await pay(r.body.flightChange.payment.url)).status).toBe(200);
    const after = await bookingOf(t, held);
    expect(after.flights.map((f) => f.flightId)).toEqual([newFlight]);
    expect(after.price.total.amount).toBe(before.price.total.amount + q.body.due.amount);
    expect(after.price.breakdown.taxes).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'CHG', amount: fee.amount })]),
    );
    const newTickets = after.passengers.map((p) => p.ticketNumber);
    expect(newTickets[0]).toMatch(/^\d{13}$/);
    expect(newTickets[0]).not.toBe(oldTickets[0]);
    expect(
      await countRows(t, 'voided_tickets', 'ticket_number = ? AND replaced_by = ?', [oldTickets[0], newTickets[0]]),
    ).toBe(1);
    expect(await countRows(t, 'seats', 'booking_id = ? AND flight_id = ?', [held.bookingId, oldFlight])).toBe(0);
    expect(
      await countRows(t, 'seats', "booking_id = ? AND flight_id = ? AND state = 'booked'", [held.bookingId, newFlight]),
    ).toBe(1);
    const update = mailer.sent.find((m) => m.to === email && m.subject.startsWith('Flights changed'));
    expect(update?.text).toContain(`the old ones (${oldTickets[0]}) are void`);
    expect(update?.attachments?.[0]?.filename).toBe(`e-ticket-${held.pnr}.pdf`);
  });

  it('Standard within 24 hours of buying: the fee is waived, the fare difference still applies', async () => {
    const { held } = await paid('standard');
    await later(2, held);
    const q = await quote(held);
    expect(q.status).toBe(200);
    expect(q.body.fee.amount).toBe(0);
    expect(q.body.feeWaived).toEqual(fareConditions('economy', 'standard', held.currency).changeFee);
    expect(q.body.freeChangeUntil).toEqual(expect.any(String));
    expect(q.body.due.amount - q.body.refund.amount).toBe(q.body.fareDifference.amount);
  });

  it('Flex changes free: no fee at any time', async () => {
    const { held } = await paid('flex');
    await later(30, held);
    const q = await quote(held);
    expect(q.status).toBe(200);
    expect(q.body.fee.amount).toBe(0);
    expect(q.body.feeWaived.amount).toBe(0);
    expect(q.body.due.amount - q.body.refund.amount).toBe(q.body.fareDifference.amount);
  });

  it('a cheaper new flight refunds the difference when the change is confirmed', async () => {
    const { held } = await paid('flex');
    // Whether the schedule has a cheaper flight depends on the day the test runs (fares follow the date): make one.
    const cheaper = await nonstopFlight(t, 'LHR', 'CDG', 12);
    await t.services.db.dataSource.query('UPDATE flights SET base_fare = ? WHERE id = ?', [1_000, cheaper]);
    await later(30, held);
    const first = await quote(held, [cheaper]);
    expect(first.status).toBe(200);
    expect(first.body.refund.amount).toBeGreaterThan(0);
    const target = { id: cheaper, refund: first.body.refund.amount as number };
    const q = await quote(held, [target.id]);
    const r = await confirm(held, accept(q), [target.id]);
    expect(r.status).toBe(200);
    expect(r.body.flightChange.status).toBe('applied');
    expect(r.body.flights.map((f: { flightId: number }) => f.flightId)).toEqual([target.id]);
    expect(
      await countRows(t, 'refunds', "booking_id = ? AND reason = 'flight_change' AND amount = ?", [
        held.bookingId,
        target.refund,
      ]),
    ).toBe(1);
    expect(await countRows(t, 'voided_tickets', 'booking_id = ?', [held.bookingId])).toBe(1);
  });

  it('a price that moved since the quote is refused, and nothing is held', async () => {
    const { held } = await paid('flex');
    const q = await quote(held);
    const r = await confirm(held, { due: q.body.due.amount + 100, refund: q.body.refund.amount });
    expectError(r, 409, 'change_quote_changed');
    expect(await countRows(t, 'seats', 'booking_id = ? AND flight_id = ?', [held.bookingId, newFlight])).toBe(0);
  });

  it('a declined payment, then the hold running out, leave the booking untouched and free the new seats', async () => {
    const { held } = await paid('standard');
    const before = await bookingOf(t, held);
    await later(25, held);
    const q = await quote(held);
    expect(q.body.due.amount).toBeGreaterThan(0);
    const r = await confirm(held, accept(q));
    expect(r.status).toBe(202);
    const url = r.body.flightChange.payment.url as string;
    await pay(url, SANDBOX_CARDS.decline);
    expect(await bookingOf(t, held)).toEqual(
      expect.objectContaining({ flights: before.flights, passengers: before.passengers }),
    );
    await later(0.5, held);
    await t.services.sweeper.sweep();
    await drain(t);
    expect(await countRows(t, 'seats', 'booking_id = ? AND flight_id = ?', [held.bookingId, newFlight])).toBe(0);
    // A payment arriving after the hold ended is given back; the booking still does not change.
    await pay(url);
    const after = await bookingOf(t, held);
    expect(after.flights).toEqual(before.flights);
    expect(after.passengers.map((p) => p.ticketNumber)).toEqual(before.passengers.map((p) => p.ticketNumber));
    expect(after.price.total).toEqual(before.price.total);
    expect(await countRows(t, 'voided_tickets', 'booking_id = ?', [held.bookingId])).toBe(0);
  });

  it('concurrent changes claiming the last seats of a flight: exactly the free seats are won', async () => {
    const travellers = await Promise.all([0, 1, 2, 3].map(() => paid('flex')));
    const last = await nonstopFlight(t, 'LHR', 'CDG', 11, 1);
    const row = (await t.services.repos.flights.findById(last))!;
    await t.services.bookings.ensureSeats(row);
    // All economy seats but two are taken by others.
    const free: { designator: string }[] = await t.services.db.dataSource.query(
      "SELECT designator FROM seats WHERE flight_id = ? AND cabin = 'economy' AND state = 'free' ORDER BY designator",
      [last],
    );
    const keep = free.slice(0, 2).map((s) => s.designator);
    await t.services.db.dataSource.query(
      `UPDATE seats SET state = 'booked' WHERE flight_id = ? AND cabin = 'economy' AND designator NOT IN (?, ?)`,
      [last, ...keep],
    );
    // Each seat taken moves the price (the cabin's load): a traveller shown a new price accepts it and confirms again.
    const change = async (held: Held) => {
      let accepted = accept(await quote(held, [last]));
      for (let attempt = 0; ; attempt++) {
        const r = await confirm(held, accepted, [last]);
        if (r.status !== 409 || r.body.error.code !== 'change_quote_changed' || attempt === 5) return r;
        accepted = { due: r.body.error.details.due.amount, refund: r.body.error.details.refund.amount };
      }
    };
    const results = await Promise.all(travellers.map(({ held }) => change(held)));
    const won = results.filter((r) => r.status === 200 || r.status === 202);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(2);
    expect(lost).toHaveLength(2);
    expect(lost.every((r) => r.body.error.code === 'sold_out')).toBe(true);
    expect(await countRows(t, 'seats', "flight_id = ? AND cabin = 'economy' AND state = 'free'", [last])).toBe(0);
    for (const [i, { held }] of travellers.entries())
      if (results[i]!.status === 409) expect(await flightsOf(held)).toEqual([oldFlight]);
  }, 60_000);

  it('someone else cannot change the booking; the reference and last name can', async () => {
    const { held } = await paid('flex');
    const stranger = await t.token();
    const r = await t.http
      .post(`/api/v1/bookings/${held.pnr}/changes/quote`)
      .set({ Authorization: `Bearer ${stranger}` })
      .send({ flightIds: [newFlight] });
    expect([403, 404]).toContain(r.status);
    const byName = await t.http
      .post(`/api/v1/bookings/${held.pnr}/changes/quote`)
      .send({ flightIds: [newFlight], lastName: 'Lovelace' });
    expect(byName.status).toBe(200);
  });

  it('a passenger checked in on the flight being left stops the change', async () => {
    const { held } = await paid('flex');
    const agg = await t.services.repos.bookings.findByPnr(held.pnr);
    await t.services.repos.checkIns.insert({
      bookingId: held.bookingId,
      passengerId: agg!.passengers[0]!.id,
      flightId: oldFlight,
      sequence: 1,
      documentLast4: '4567',
      nationality: 'GBR',
      documentExpiry: '2031-01-01',
      checkedInAt: t.clock.now(),
    });
    expectError(await quote(held), 409, 'booking_not_changeable');
  });

  it('a flight on another route is refused', async () => {
    const { held } = await paid('flex');
    const other = await nonstopFlight(t, 'LHR', 'JFK', 11);
    expectError(await quote(held, [other]), 422, 'invalid_itinerary');
  });
});
