import jwt from 'jsonwebtoken';
import { bearer, expectError, MINUTE, pax, seatMapSeats } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { bookingOf, drain, type Held, holdBooking, payWithStripe, waitFor } from '../../helpers/payment-flow';
import { deliver, refundEvent, STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Cancelling paid bookings over HTTP: a quote by the fare rules, a cancellation that spends it, the
 * refund through Stripe followed to its end, seats released, the traveller told; fee waivers for staff
 * only, in the audit log; expired, unknown and foreign quotes refused in the error shape.
 */
const HOUR = 60 * MINUTE;

describe.each(DB_TARGETS)('cancellation (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({
      target,
      days: 12,
      env: { ...STRIPE_ENV, ACCESS_TOKEN_MINUTES: '1440' },
      vendors: { mailer },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  const quote = (held: Held, query: Record<string, string> = {}, headers: Record<string, string> = held.auth) =>
    t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).query(query).set(headers);
  const cancel = (held: Held, body: Record<string, unknown>, headers: Record<string, string> = held.auth) =>
    t.http.post(`/api/v1/bookings/${held.pnr}/cancel`).set(headers).send(body);
  const paid = async (opts: Parameters<typeof holdBooking>[1]) => {
    const held = await holdBooking(t, opts);
    const { sessionId } = await payWithStripe(t, fake, held);
    return { held, paymentIntent: fake.sessions.get(sessionId)!.payment_intent! };
  };

  it(
    'quotes by the fare rules, cancels, refunds through Stripe to the end, ' +
      'frees the seats and tells the traveller',
    async () => {
      const { held, paymentIntent } = await paid({
        fareFamily: 'standard',
        days: 3,
        passengers: [pax('Ada', 'Lovelace'), pax('Mary', 'Somerville')],
      });
      const booking = await bookingOf(t, held);
      const seats = booking.passengers.flatMap((p) => Object.values(p.seats));
      const q = await quote(held);
      expect(q.status).toBe(200);
      const feePerPax = booking.flights[0]!.conditions.cancellationFee!.amount;
      expect(q.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        refund: { amount: held.total - 2 * feePerPax, currency: held.currency },
        fee: { amount: 2 * feePerPax, currency: held.currency },
        currency: held.currency,
        expiresAt: new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString(),
        rule: expect.stringMatching(/^Standard fare: refund minus .+ per passenger; taxes refunded\.$/),
        waived: false,
      });

      fake.defaultRefund = { status: 'pending' };
      const res = await cancel(held, { quoteId: q.body.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        pnr: held.pnr,
        status: 'cancelled',
        cancelledAt: expect.any(String),
        refund: q.body.refund,
      });
      const [call] = await waitFor(
        async () => fake.callsTo('/v1/refunds').length === 1 && fake.callsTo('/v1/refunds'),
        'the refund request',
      );
      expect(call!.idempotencyKey).toBe(`refund:cancel:${q.body.id}`);
      expect(call!.body).toMatchObject({ payment_intent: paymentIntent, amount: String(q.body.refund.amount) });
      const pending = await waitFor(
        async () => (await t.services.repos.payments.refundsForBooking(held.bookingId)).find((r) => r.providerRefundId),
        'refund id stored',
      );
      expect(pending).toMatchObject({ status: 'pending', amount: q.body.refund.amount, reason: 'cancellation' });
      expect((await bookingOf(t, held)).refunds).toEqual([
        expect.objectContaining({ status: 'pending', amount: q.body.refund }),
      ]);
      const map = await seatMapSeats(t, held.flightId);
      for (const seat of seats) expect(map.find((s) => s.designator === seat)!.available).toBe(true);

      const done = await deliver(t, refundEvent(fake, pending.providerRefundId!, 'succeeded'));
      expect(done.body.outcome).toBe('processed');
      expect((await bookingOf(t, held)).refunds).toEqual([
        expect.objectContaining({ status: 'succeeded', amount: q.body.refund, reason: 'cancellation' }),
      ]);
      await drain(t);
      expect(mailer.withSubject(`Booking ${held.pnr} cancelled`)).toHaveLength(1);
      expect(mailer.withSubject(`Booking ${held.pnr} cancelled`)[0]!.text).toContain(q.body.rule);
      expect(mailer.withSubject(`Refund for ${held.pnr} processed`)).toHaveLength(1);

      expectError(await cancel(held, { quoteId: q.body.id }), 409, 'quote_used');
      expectError(await quote(held), 409, 'booking_not_cancellable');
      expect(fake.callsTo('/v1/refunds')).toHaveLength(1);
    },
  );

  it('applies the 24-hour rule: everything back on the day of booking, a day later only the taxes', async () => {
    const { held } = await paid({ fareFamily: 'basic', days: 10 });
    const now = await quote(held);
    expect(now.body).toMatchObject({
      refund: { amount: held.total },
      fee: { amount: 0 },
      rule: expect.stringMatching(/within 24 hours of booking/),
    });
    t.clock.advance(25 * HOUR);
    const later = await quote(held, { lastName: 'lovelace' }, {});
    const taxes = (await bookingOf(t, { ...held, auth: bearer(await t.token('agent')) })).price.taxes.amount;
    expect(later.body).toMatchObject({
      refund: { amount: taxes },
      fee: { amount: held.total - taxes },
      rule: expect.stringMatching(/^Basic fare: no fare refund; taxes refunded/),
    });
    const res = await cancel(held, { quoteId: later.body.id, lastName: 'Lovelace' }, {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled', masked: true, refund: { amount: taxes } });
    await waitFor(async () => fake.callsTo('/v1/refunds').length === 1, 'the refund request');
    expect(fake.callsTo('/v1/refunds')[0]!.body.amount).toBe(String(taxes));
  });

  it('lets agents and admins waive the fee with a reason, recorded in the audit log; travellers may not', async () => {
    const { held } = await paid({ fareFamily: 'basic', days: 3 });
    const agentToken = await t.token('agent');
    const agent = bearer(agentToken);
    expectError(await quote(held, { waiveFee: 'true', reason: 'I asked nicely' }), 403, 'forbidden');
    expectError(await quote(held, { waiveFee: 'true' }, agent), 422, 'reason_required');
    expectError(await quote(held, { waiveFee: 'maybe', reason: 'x' }, agent), 400, 'invalid_request');
    const waived = await quote(held, { waiveFee: 'true', reason: 'Schedule change by the airline' }, agent);
    expect(waived.body).toMatchObject({
      refund: { amount: held.total },
      fee: { amount: 0 },
      waived: true,
      rule: expect.stringMatching(/Fee waived/),
    });
    expectError(await cancel(held, { quoteId: waived.body.id }), 403, 'forbidden');
    const before = Date.now();
    const res = await cancel(held, { quoteId: waived.body.id }, agent);
    expect(res.status).toBe(200);
    expect(res.body.refund.amount).toBe(held.total);
    const audit = await t.services.repos.ops.auditFor('booking', held.pnr);
    expect(audit).toEqual([
      expect.objectContaining({
        actorUserId: Number((jwt.decode(agentToken) as { sub: string }).sub),
        actorRole: 'agent',
        action: 'booking.cancelled_fee_waived',
        reason: 'Schedule change by the airline',
        data: expect.objectContaining({ quoteId: waived.body.id, refund: held.total, fee: 0 }),
      }),
    ]);
    expect(audit[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(before - 2000);
    await waitFor(async () => fake.callsTo('/v1/refunds').length === 1, 'the refund request');
  });

  it('refuses expired, unknown and foreign quotes, and bad input, in the error shape', async () => {
    const { held } = await paid({ days: 4 });
    const { held: other } = await paid({ days: 4 });
    const q = await quote(held);
    const foreign = await quote(other);
    expectError(await cancel(held, { quoteId: foreign.body.id }), 404, 'quote_not_found');
    expectError(await cancel(held, { quoteId: '00000000-0000-4000-8000-000000000000' }), 404, 'quote_not_found');
    expectError(await cancel(held, { quoteId: 'q'.repeat(65) }), 400, 'invalid_request');
    expectError(await cancel(held, { quoteId: 42 }), 400, 'invalid_request');
    expectError(await cancel(held, { quoteId: q.body.id, waiveFee: true }), 400, 'invalid_request');
    expectError(
      await t.http
        .post(`/api/v1/bookings/${held.pnr}/cancel`)
        .set(held.auth)
        .set('Content-Type', 'application/json')
        .send('{"quoteId":'),
      400,
      'invalid_json',
    );
    expectError(
      await t.http.post('/api/v1/bookings/lower-case!/cancel').set(held.auth).send({ quoteId: q.body.id }),
      400,
      'invalid_request',
    );
    expectError(await t.http.get('/api/v1/bookings/ABC/cancellation-quote').set(held.auth), 400, 'invalid_request');
    expectError(
      await t.http.get('/api/v1/bookings/ZZZZZZ/cancellation-quote').set(held.auth),
      404,
      'booking_not_found',
    );
    expectError(await quote(held, {}, bearer(await t.token())), 404, 'booking_not_found');
    expectError(await cancel(held, { quoteId: q.body.id }, bearer(await t.token())), 404, 'booking_not_found');
    t.clock.advance(15 * MINUTE + 1000);
    expectError(await cancel(held, { quoteId: q.body.id }), 410, 'quote_expired');
    expect((await bookingOf(t, held)).status).toBe('confirmed');
    expect(fake.callsTo('/v1/refunds')).toHaveLength(0);
    // A fresh quote works.
    expect((await cancel(held, { quoteId: (await quote(held)).body.id })).status).toBe(200);
  });

  it('cancels a held booking through a zero quote without any refund', async () => {
    const held = await holdBooking(t, { days: 4 });
    const q = await quote(held);
    expect(q.body).toMatchObject({ refund: { amount: 0 }, fee: { amount: 0 } });
    const res = await cancel(held, { quoteId: q.body.id });
    expect(res.body).toMatchObject({ status: 'cancelled', refund: { amount: 0 } });
    expect(await t.services.repos.payments.refundsForBooking(held.bookingId)).toEqual([]);
    expect(fake.callsTo('/v1/refunds')).toHaveLength(0);
  });

  it('within 24 hours of departure refunds Flex in full and Standard only the taxes', async () => {
    const { held: flex } = await paid({ fareFamily: 'flex', days: 3 });
    const { held: standard } = await paid({ fareFamily: 'standard', days: 3, flightIndex: 0 });
    const departure = new Date((await bookingOf(t, flex)).flights[0].departureUtc as string).getTime();
    t.clock.set(new Date(departure - 12 * HOUR));
    const f = await quote(flex, { lastName: 'Lovelace' }, {});
    expect(f.body).toMatchObject({
      refund: { amount: flex.total },
      fee: { amount: 0 },
      rule: 'Flex fare: full refund.',
    });
    const s = await quote(standard, { lastName: 'Lovelace' }, {});
    const taxes = (await bookingOf(t, { ...standard, auth: bearer(await t.token('admin')) })).price.taxes.amount;
    expect(s.body).toMatchObject({
      refund: { amount: taxes },
      rule: expect.stringMatching(/^Standard fare within 24 hours of departure: no fare refund; taxes refunded/),
    });
    t.clock.set(new Date(departure + MINUTE));
    expectError(await quote(flex, { lastName: 'Lovelace' }, {}), 409, 'flight_departed');
  });
});
