import { countRows, MINUTE } from '../../helpers/api-helpers';
import { type Held, holdBooking, openSession, payWithStripe, recordEvents, waitFor } from '../../helpers/payment-flow';
import { deliver, refundEvent, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import type { DomainEvent } from '../../../api/services/domain-events';

/**
 * Domain events reach subscribers through the transactional outbox once `dispatchPending` runs:
 * confirmed, payment failed, expired, cancelled, refund succeeded and failed. A subscriber that fails
 * gets the event again after a back-off.
 */
describe.each(DB_TARGETS)('domain events (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  let seen: DomainEvent[];
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({
      target,
      days: 12,
      env: { ...STRIPE_ENV, HOLD_MINUTES: '15', ACCESS_TOKEN_MINUTES: '1440' },
    });
    seen = recordEvents(t.services);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  const dispatch = async () => {
    for (let i = 0; i < 3; i++) await t.services.events.dispatchPending();
  };
  const of = (held: Held) => seen.filter((e) => e.pnr === held.pnr);
  const cancel = async (held: Held) => {
    const quote = await t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).set(held.auth);
    const res = await t.http
      .post(`/api/v1/bookings/${held.pnr}/cancel`)
      .set(held.auth)
      .send({ quoteId: quote.body.id });
    expect(res.status).toBe(200);
    return quote.body as { refund: { amount: number; currency: string } };
  };
  const providerRefund = async (held: Held) => {
    const row = await waitFor(
      async () => (await t.services.repos.payments.refundsForBooking(held.bookingId)).find((r) => r.providerRefundId),
      'refund sent',
    );
    return { row, id: row.providerRefundId! };
  };

  it('tells subscribers about a payment failure, the confirmation, the cancellation and the refund', async () => {
    const held = await holdBooking(t, { fareFamily: 'flex' });
    const { sessionId } = await openSession(t, fake, held);
    const payment = (await t.services.repos.payments.findBySession(sessionId))!;
    await deliver(
      t,
      stripeEvent('payment_intent.payment_failed', {
        id: 'pi_test_fail',
        object: 'payment_intent',
        metadata: { paymentId: String(payment.id) },
        last_payment_error: { message: 'Insufficient funds.' },
      }),
    );
    await dispatch();
    expect(of(held)).toEqual([
      { type: 'booking.payment_failed', bookingId: held.bookingId, pnr: held.pnr, reason: 'Insufficient funds.' },
    ]);

    const res = await deliver(t, stripeEvent('checkout.session.completed', fake.complete(sessionId)));
    expect(res.body.outcome).toBe('processed');
    await dispatch();
    expect(of(held).map((e) => e.type)).toEqual(['booking.payment_failed', 'booking.confirmed']);

    fake.defaultRefund = { status: 'pending' };
    const quote = await cancel(held);
    await dispatch();
    expect(of(held)).toContainEqual({
      type: 'booking.cancelled',
      bookingId: held.bookingId,
      pnr: held.pnr,
      refundAmount: quote.refund.amount,
      currency: held.currency,
    });
    const { row, id } = await providerRefund(held);
    expect(row.status).toBe('pending');
    expect(of(held).map((e) => e.type)).not.toContain('refund.succeeded');

    await deliver(t, refundEvent(fake, id, 'succeeded'));
    await dispatch();
    expect(of(held)).toContainEqual({
      type: 'refund.succeeded',
      bookingId: held.bookingId,
      pnr: held.pnr,
      refundId: row.id,
      amount: quote.refund.amount,
      currency: held.currency,
    });
    expect(of(held).map((e) => e.type)).toEqual([
      'booking.payment_failed',
      'booking.confirmed',
      'booking.cancelled',
      'refund.succeeded',
    ]);
  });

  it('tells subscribers about an expired hold and a failed refund', async () => {
    const expiring = await holdBooking(t);
    t.clock.advance(16 * MINUTE);
    await t.services.sweeper.sweep();
    await dispatch();
    expect(of(expiring)).toEqual([{ type: 'booking.expired', bookingId: expiring.bookingId, pnr: expiring.pnr }]);

    const paid = await holdBooking(t, { fareFamily: 'flex' });
    await payWithStripe(t, fake, paid);
    fake.defaultRefund = { status: 'pending' };
    await cancel(paid);
    const { row, id } = await providerRefund(paid);
    await deliver(t, refundEvent(fake, id, 'failed', 'charge.refund.updated'));
    await dispatch();
    expect(of(paid)).toContainEqual({
      type: 'refund.failed',
      bookingId: paid.bookingId,
      pnr: paid.pnr,
      refundId: row.id,
      amount: row.amount,
      currency: row.currency,
      reason: 'charge_for_pending_refund_disputed',
    });
  });

  it('gives a failing subscriber the event again after a back-off', async () => {
    const held = await holdBooking(t);
    let calls = 0;
    const received: DomainEvent[] = [];
    t.services.events.subscribe('booking.confirmed', 'flaky-subscriber', (e) => {
      if (e.pnr !== held.pnr) return;
      calls++;
      if (calls <= 2) throw new Error('the chat service is down');
      received.push(e);
    });
    await payWithStripe(t, fake, held);
    await dispatch();
    expect(calls).toBe(1);
    const pending = () =>
      countRows(
        t,
        'event_deliveries d JOIN domain_events e ON e.id = d.event_id',
        "d.subscriber = 'flaky-subscriber' AND d.status = 'pending' AND e.payload LIKE ?",
        [`%"${held.pnr}"%`],
      );
    expect(await pending()).toBe(1);

    t.clock.advance(6_000);
    await dispatch();
    expect(calls).toBe(2);
    expect(await pending()).toBe(1);
    t.clock.advance(6_000); // the back-off doubles: not yet
    await dispatch();
    expect(calls).toBe(2);
    t.clock.advance(10_000);
    await dispatch();
    expect(calls).toBe(3);
    expect(received).toEqual([{ type: 'booking.confirmed', bookingId: held.bookingId, pnr: held.pnr }]);
    expect(await pending()).toBe(0);
    t.clock.advance(3_600_000);
    await dispatch();
    expect(calls).toBe(3);
  });
});
