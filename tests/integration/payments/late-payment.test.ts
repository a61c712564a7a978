import { book, bookingBody, MINUTE, pax, seatMapSeats } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import {
  bookingOf,
  drain,
  flightFor,
  type Held,
  holdBooking,
  openSession,
  recordEvents,
  waitFor,
} from '../../helpers/payment-flow';
import { deliver, deliverCompleted, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Money that arrives when the booking cannot simply be confirmed: after the hold ended (the same seats
 * are taken again if still free, otherwise the payment goes back), for a cancelled booking, or a
 * second time. Never a ticket without a seat; never money kept without a booking.
 */
describe.each(DB_TARGETS)('late and surplus payments (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({
      target,
      days: 12,
      env: { ...STRIPE_ENV, HOLD_MINUTES: '15', ACCESS_TOKEN_MINUTES: '1440' },
      vendors: { mailer },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  /** Free economy seats of the test flight, a fresh pair per call. */
  const freeSeats = async (n: number): Promise<string[]> => {
    const flightId = await flightFor(t);
    const free = (await seatMapSeats(t, flightId)).filter(
      (s) => s.cabin === 'economy' && s.available && s.tier === 'standard' && /[AC]$/.test(s.designator),
    );
    return free.slice(0, n).map((s) => s.designator);
  };
  const holdWithSeats = async (seats: string[]): Promise<Held> => {
    const flightId = await flightFor(t);
    const names: [string, string][] = [
      ['Ada', 'Lovelace'],
      ['Charles', 'Babbage'],
    ];
    return holdBooking(t, {
      passengers: seats.map((seat, i) => pax(names[i]![0], names[i]![1], '1980-01-01', { [flightId]: seat })),
    });
  };
  /** The hold runs out, the sweeper marks it and its open session is expired through Stripe. */
  const letHoldExpire = async () => {
    t.clock.advance(16 * MINUTE);
    await t.services.sweeper.sweep();
    await drain(t);
  };
  const refundsOf = (held: Held) => t.services.repos.payments.refundsForBooking(held.bookingId);
  const settledRefunds = (held: Held) =>
    waitFor(
      async () =>
        (await refundsOf(held)).every((r) => r.status !== 'pending') && (await refundsOf(held)).length > 0
          ? refundsOf(held)
          : null,
      'refund settled',
    );

  it('confirms a payment that arrives after the hold ended while the same seats are still free', async () => {
    const seats = await freeSeats(1);
    const held = await holdWithSeats(seats);
    const { sessionId } = await openSession(t, fake, held);
    await letHoldExpire();
    expect((await bookingOf(t, held)).status).toBe('expired');
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');

    // The traveller paid a moment before the hold ended; Stripe's event arrives afterwards.
    expect((await deliverCompleted(t, fake, sessionId)).res.body.outcome).toBe('processed');
    const booking = await bookingOf(t, held);
    expect(booking.status).toBe('confirmed');
    expect(booking.passengers[0]).toMatchObject({
      ticketNumber: expect.stringMatching(/^\d{13}$/),
      seats: { [String(held.flightId)]: seats[0] },
    });
    expect((await seatMapSeats(t, held.flightId)).find((s) => s.designator === seats[0])!.available).toBe(false);
    expect(await refundsOf(held)).toEqual([]);
    expect(fake.callsTo('/v1/refunds')).toHaveLength(0);
  });

  it(
    'refunds automatically when the seats were taken meanwhile: no ticket, ' + 'a refund, an event and an email',
    async () => {
      const seen = recordEvents(t.services, 'late-payment-test');
      const seats = await freeSeats(2);
      const held = await holdWithSeats(seats);
      const { sessionId } = await openSession(t, fake, held);
      await letHoldExpire();
      // Someone else takes one of the two seats once the hold has ended.
      const other = await book(
        t,
        await t.token(),
        bookingBody([held.flightId], [pax('Grace', 'Hopper', '1986-12-09', { [held.flightId]: seats[1]! })]),
      );
      expect(other.status).toBe(201);

      expect((await deliverCompleted(t, fake, sessionId)).res.body.outcome).toBe('processed');
      const booking = await bookingOf(t, held);
      expect(booking.status).toBe('expired');
      expect(booking.passengers.map((p) => p.ticketNumber)).toEqual([null, null]);
      const payment = (await t.services.repos.payments.findBySession(sessionId))!;
      const [refund] = await settledRefunds(held);
      expect(refund).toMatchObject({
        paymentId: payment.id,
        amount: held.total,
        currency: held.currency,
        status: 'succeeded',
        reason: 'seats_no_longer_available',
        providerRefundId: expect.stringMatching(/^re_test_/),
      });
      const calls = fake.callsTo('/v1/refunds');
      expect(calls).toHaveLength(1);
      expect(calls[0]!.idempotencyKey).toBe(`refund:auto:${payment.id}`);
      expect(calls[0]!.body).toMatchObject({
        payment_intent: fake.sessions.get(sessionId)!.payment_intent,
        amount: String(held.total),
      });

      // The seat the traveller kept is not booked for nobody: it is takeable again, the other one is Grace's.
      const map = await seatMapSeats(t, held.flightId);
      expect(map.find((s) => s.designator === seats[0])!.available).toBe(true);
      expect(map.find((s) => s.designator === seats[1])!.available).toBe(false);

      await drain(t);
      expect(seen).toContainEqual({
        type: 'payment.refunded_unbooked',
        bookingId: held.bookingId,
        pnr: held.pnr,
        amount: held.total,
        currency: held.currency,
        reason: 'seats_no_longer_available',
      });
      expect(seen).toContainEqual(
        expect.objectContaining({ type: 'refund.succeeded', pnr: held.pnr, amount: held.total }),
      );
      expect(seen.filter((e) => e.type === 'booking.confirmed' && e.pnr === held.pnr)).toEqual([]);
      expect(mailer.withSubject(`Your payment for ${held.pnr} is being refunded`)).toHaveLength(1);
      expect(mailer.withSubject(`Refund for ${held.pnr} processed`)).toHaveLength(1);
      expect(mailer.withSubject(`Booking ${held.pnr} confirmed`)).toHaveLength(0);
    },
  );

  it('refunds a payment for a booking that was cancelled', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    const cancelled = await t.http.post(`/api/v1/bookings/${held.pnr}/cancel`).set(held.auth).send({});
    expect(cancelled.body.status).toBe('cancelled');
    expect((await deliverCompleted(t, fake, sessionId)).res.body.outcome).toBe('processed');
    const booking = await bookingOf(t, held);
    expect(booking.status).toBe('cancelled');
    expect(booking.passengers[0].ticketNumber).toBeNull();
    expect((await settledRefunds(held))[0]).toMatchObject({
      amount: held.total,
      reason: 'booking_cancelled',
      status: 'succeeded',
    });
  });

  it('refunds the second of two paid sessions and keeps the booking on the first payment', async () => {
    const held = await holdBooking(t);
    const first = await openSession(t, fake, held);
    // Stripe reports the first session expired (out of order: it was in fact being paid), so a second link is made.
    await deliver(
      t,
      stripeEvent('checkout.session.expired', { ...fake.sessions.get(first.sessionId)!, status: 'expired' }),
    );
    const second = await openSession(t, fake, held);
    expect(second.sessionId).not.toBe(first.sessionId);
    await deliverCompleted(t, fake, second.sessionId);
    const confirmed = await bookingOf(t, held);
    expect(confirmed.status).toBe('confirmed');

    await deliverCompleted(t, fake, first.sessionId);
    const after = await bookingOf(t, held);
    expect(after.status).toBe('confirmed');
    expect(after.passengers).toEqual(confirmed.passengers);
    expect(after.payment?.reference).toBe(fake.sessions.get(second.sessionId)!.payment_intent);
    const [refund] = await settledRefunds(held);
    const firstPayment = (await t.services.repos.payments.findBySession(first.sessionId))!;
    expect(refund).toMatchObject({
      paymentId: firstPayment.id,
      amount: held.total,
      reason: 'duplicate_payment',
      status: 'succeeded',
    });
    expect(fake.callsTo('/v1/refunds')[0]!.body.payment_intent).toBe(
      fake.sessions.get(first.sessionId)!.payment_intent,
    );

    // Cancelling later refunds the payment the booking kept, not the one already given back.
    const quote = await t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).set(held.auth);
    expect(quote.body.refund.amount).toBeGreaterThan(0);
    expect(
      (await t.http.post(`/api/v1/bookings/${held.pnr}/cancel`).set(held.auth).send({ quoteId: quote.body.id })).status,
    ).toBe(200);
    await waitFor(async () => fake.callsTo('/v1/refunds').length === 2, 'cancellation refund');
    expect(fake.callsTo('/v1/refunds')[1]!.body).toMatchObject({
      payment_intent: fake.sessions.get(second.sessionId)!.payment_intent,
      amount: String(quote.body.refund.amount),
    });
    const refunds = await waitFor(
      async () => ((await refundsOf(held)).every((r) => r.status !== 'pending') ? refundsOf(held) : null),
      'refunds settled',
    );
    expect(refunds.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('refunds a payment whose amount does not match the booking and leaves it held', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    await deliverCompleted(t, fake, sessionId, 'paid', { amount_total: held.total - 100 });
    expect((await bookingOf(t, held)).status).toBe('held');
    expect((await settledRefunds(held))[0]).toMatchObject({ amount: held.total - 100, reason: 'amount_mismatch' });
    // The traveller can still pay the right amount on a new link.
    const again = await openSession(t, fake, held);
    expect(again.sessionId).not.toBe(sessionId);
  });

  it('never tickets a passenger without a seat and never keeps money without a booking', async () => {
    const [bookings] = await t.services.repos.bookings.search({ limit: 500, offset: 0 });
    expect(bookings.length).toBeGreaterThan(5);
    for (const b of bookings) {
      const agg = (await t.services.repos.bookings.findById(b.id))!;
      const seats = await t.services.repos.seats.forBooking(b.id);
      const paid = (await t.services.repos.payments.forBooking(b.id)).filter((p) => p.status === 'succeeded');
      const refundedPayments = new Set(
        (await t.services.repos.payments.refundsForBooking(b.id)).map((r) => r.paymentId),
      );
      // Confirmed: every seated passenger has a booked seat on every flight. Never ticketed: no ticket numbers.
      if (b.status === 'confirmed')
        for (const p of agg.passengers.filter((x) => x.type !== 'INF'))
          expect(seats.filter((s) => s.passengerId === p.id && s.state === 'booked')).toHaveLength(agg.segments.length);
      if (!b.confirmedAt) expect(agg.passengers.filter((p) => p.ticketNumber)).toEqual([]);
      // Every payment but the one a confirmed booking keeps is being given back.
      const kept = paid.filter((p) => !refundedPayments.has(p.id));
      expect({ pnr: b.pnr, kept: kept.length }).toEqual({ pnr: b.pnr, kept: b.status === 'confirmed' ? 1 : 0 });
    }
  });
});
