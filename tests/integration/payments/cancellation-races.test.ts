import { MINUTE, seatMapSeats } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import {
  bookingOf,
  drain,
  type Held,
  holdBooking,
  payWithStripe,
  recordEvents,
  waitFor,
} from '../../helpers/payment-flow';
import { deliver, refundEvent, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import type { DomainEvent } from '../../../api/services/domain-events';

/**
 * Cancellations that race each other and refunds that go wrong: exactly one of many concurrent
 * cancellations wins (one refund), a refund Stripe refuses ends "failed" without undoing the
 * cancellation, a refund webhook that overtakes Stripe's answer still settles it, and an outage is
 * retried with the same idempotency key.
 */
describe.each(DB_TARGETS)('cancellation races and refund failures (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  let seen: DomainEvent[];
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({
      target,
      days: 12,
      env: { ...STRIPE_ENV, ACCESS_TOKEN_MINUTES: '1440' },
      vendors: { mailer },
    });
    seen = recordEvents(t.services);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  const quoteId = async (held: Held): Promise<string> =>
    (await t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).set(held.auth)).body.id;
  const cancel = (held: Held, id: string) =>
    t.http.post(`/api/v1/bookings/${held.pnr}/cancel`).set(held.auth).send({ quoteId: id });
  const paidBooking = async () => {
    const held = await holdBooking(t, { fareFamily: 'flex', days: 5 });
    await payWithStripe(t, fake, held);
    return held;
  };
  const refundsOf = (held: Held) => t.services.repos.payments.refundsForBooking(held.bookingId);
  const settled = (held: Held) =>
    waitFor(
      async () => ((await refundsOf(held)).some((r) => r.status !== 'pending') ? refundsOf(held) : null),
      'the refund to settle',
    );

  it('lets exactly one of 10 concurrent cancellations with the same quote win: one refund', async () => {
    const held = await paidBooking();
    const id = await quoteId(held);
    const all = await Promise.all(Array.from({ length: 10 }, () => cancel(held, id)));
    expect(all.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    for (const r of all.filter((x) => x.status === 409))
      expect(r.body.error).toEqual({
        code: expect.stringMatching(/^(quote_used|booking_changed)$/),
        message: expect.any(String),
      });
    expect(await settled(held)).toEqual([expect.objectContaining({ status: 'succeeded', amount: held.total })]);
    expect(fake.callsTo('/v1/refunds')).toHaveLength(1);
  });

  it('lets exactly one win when two quotes are spent at once', async () => {
    const held = await paidBooking();
    const [a, b] = [await quoteId(held), await quoteId(held)];
    expect(a).not.toBe(b);
    const all = await Promise.all(Array.from({ length: 10 }, (_, i) => cancel(held, i % 2 ? a : b)));
    expect(all.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)]);
    expect(all.every((r) => r.status === 200 || ['quote_used', 'booking_changed'].includes(r.body.error.code))).toBe(
      true,
    );
    expect(await settled(held)).toHaveLength(1);
    expect(fake.callsTo('/v1/refunds')).toHaveLength(1);
    expect(await t.services.repos.ops.auditFor('booking', held.pnr)).toEqual([]); // a traveller's own cancellation
  });

  it(
    'ends a refund Stripe refuses as failed: event and email, the booking ' + 'stays cancelled, seats stay free',
    async () => {
      const held = await paidBooking();
      const seats = Object.values((await bookingOf(t, held)).passengers[0]!.seats);
      fake.refundQueue.push({
        reject: {
          status: 400,
          type: 'invalid_request_error',
          code: 'charge_disputed',
          message: 'This charge is disputed and cannot be refunded.',
        },
      });
      const res = await cancel(held, await quoteId(held));
      expect(res.status).toBe(200);
      const [refund] = await settled(held);
      expect(refund).toMatchObject({
        status: 'failed',
        failureReason: 'This charge is disputed and cannot be refunded.',
        amount: held.total,
      });
      const booking = await bookingOf(t, held);
      expect(booking.status).toBe('cancelled');
      expect(booking.refunds).toEqual([expect.objectContaining({ status: 'failed' })]);
      expect((await seatMapSeats(t, held.flightId)).find((s) => s.designator === seats[0])!.available).toBe(true);
      await drain(t);
      expect(seen).toContainEqual({
        type: 'refund.failed',
        bookingId: held.bookingId,
        pnr: held.pnr,
        refundId: refund!.id,
        amount: held.total,
        currency: held.currency,
        reason: 'This charge is disputed and cannot be refunded.',
      });
      expect(mailer.withSubject(`Refund for ${held.pnr} needs attention`)).toHaveLength(1);
      expect(mailer.withSubject(`Refund for ${held.pnr} processed`)).toHaveLength(0);
    },
  );

  it('follows a pending refund that later fails (refund.updated), and ignores a late "succeeded" for it', async () => {
    const held = await paidBooking();
    fake.defaultRefund = { status: 'pending' };
    await cancel(held, await quoteId(held));
    const pending = await waitFor(async () => (await refundsOf(held)).find((r) => r.providerRefundId), 'refund sent');
    expect(pending.status).toBe('pending');
    expect((await deliver(t, refundEvent(fake, pending.providerRefundId!, 'failed'))).body.outcome).toBe('processed');
    expect(
      (await deliver(t, refundEvent(fake, pending.providerRefundId!, 'succeeded', 'charge.refund.updated'))).body
        .outcome,
    ).toBe('processed');
    expect((await refundsOf(held))[0]).toMatchObject({
      status: 'failed',
      failureReason: 'charge_for_pending_refund_disputed',
    });
    await drain(t);
    expect(seen.filter((e) => e.pnr === held.pnr && e.type.startsWith('refund.')).map((e) => e.type)).toEqual([
      'refund.failed',
    ]);
  });

  it('settles a refund whose webhook overtakes Stripe’s answer to the refund request', async () => {
    const held = await paidBooking();
    let release!: () => void;
    fake.refundQueue.push({ status: 'pending', gate: new Promise<void>((r) => (release = r)) });
    await cancel(held, await quoteId(held));
    await waitFor(async () => fake.refunds.size > 0 || fake.callsTo('/v1/refunds').length > 0, 'the refund request');
    // Stripe has created the refund and already reports it succeeded, before answering our request.
    const early = await waitFor(
      async () => [...fake.refunds.values()].find((r) => r.metadata.bookingId === String(held.bookingId)),
      'the refund at Stripe',
      2000,
    ).catch(() => null);
    if (!early) {
      release();
      throw new Error('the fake did not create the refund');
    }
    const webhook = await deliver(t, stripeEvent('refund.updated', { ...early, status: 'succeeded' }));
    release();
    expect(webhook.body).toEqual({ received: true, outcome: 'processed' });
    const refunds = await waitFor(
      async () =>
        (await refundsOf(held)).every((r) => r.providerRefundId && r.status !== 'pending') ? refundsOf(held) : null,
      'the refund to settle',
      3000,
    );
    expect(refunds).toEqual([expect.objectContaining({ providerRefundId: early.id, status: 'succeeded' })]);
  }, 15_000);

  it('retries a refund after a Stripe outage with the same idempotency key: one refund', async () => {
    const held = await paidBooking();
    fake.refundQueue.push({ reject: { status: 500, type: 'api_error', message: 'An unknown error occurred.' } });
    await cancel(held, await quoteId(held));
    await waitFor(async () => fake.callsTo('/v1/refunds').length === 1, 'the first attempt');
    await new Promise((r) => setTimeout(r, 50));
    expect(await refundsOf(held)).toEqual([expect.objectContaining({ status: 'pending', providerRefundId: null })]);
    t.clock.advance(2 * MINUTE);
    await t.services.refunds.retryUnsent();
    await t.services.refunds.retryUnsent(); // a second worker pass finds nothing left to send
    const calls = fake.callsTo('/v1/refunds');
    expect(calls).toHaveLength(2);
    expect(calls[1]!.idempotencyKey).toBe(calls[0]!.idempotencyKey);
    expect((await refundsOf(held))[0]).toMatchObject({
      status: 'succeeded',
      providerRefundId: expect.stringMatching(/^re_test_/),
    });
    expect([...fake.refunds.values()].filter((r) => r.metadata.bookingId === String(held.bookingId))).toHaveLength(1);
  });
});
