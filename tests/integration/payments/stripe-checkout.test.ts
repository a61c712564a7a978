import { expectError, MINUTE, pax } from '../../helpers/api-helpers';
import { bookingOf, drain, holdBooking, openSession, recordEvents, requestLink } from '../../helpers/payment-flow';
import { deliver, deliverCompleted, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Payment links through the real StripePaymentProvider against a faked Stripe API: one Checkout
 * Session per attempt for the exact amount, ids only, idempotency keys, the same link for double
 * clicks, a new one after the first ended, and sessions expired through the API when the hold ends.
 */
describe.each(DB_TARGETS)('Stripe Checkout sessions (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({
      target,
      days: 12,
      env: { ...STRIPE_ENV, HOLD_MINUTES: '15', ACCESS_TOKEN_MINUTES: '1440' },
    });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  it('creates one session for the exact amount and currency, with ids only and an idempotency key', async () => {
    const held = await holdBooking(t, {
      passengers: [pax('Ada', 'Lovelace'), pax('Charles', 'Babbage', '1979-12-26')],
      email: 'ada.lovelace@example.com',
    });
    const res = await requestLink(t, held);
    expect(res.status).toBe(200);
    const creates = fake.callsTo('/v1/checkout/sessions');
    expect(creates).toHaveLength(1);
    const call = creates[0]!;
    const session = fake.sessionsFor(held.bookingId)[0]!;
    expect(session.id).toMatch(/^cs_test_/);
    expect(res.body).toEqual({
      url: session.url,
      expiresAt: expect.any(String),
      amount: { amount: held.total, currency: held.currency },
    });
    expect(res.body.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);

    const payment = (await t.services.repos.payments.forBooking(held.bookingId))[0]!;
    expect(payment).toMatchObject({
      provider: 'stripe',
      status: 'open',
      sessionId: session.id,
      amount: held.total,
      currency: held.currency,
    });
    expect(call.idempotencyKey).toBe(`checkout:${held.bookingId}:1`);
    expect(call.body).toMatchObject({
      mode: 'payment',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][unit_amount]': String(held.total),
      'line_items[0][price_data][currency]': held.currency.toLowerCase(),
      client_reference_id: String(held.bookingId),
    });
    expect(session.amount_total).toBe(held.total);
    // Ids only in what Stripe stores for reference: no names, no e-mail, no PNR.
    const metadata = Object.entries(call.body).filter(
      ([k]) => k.startsWith('metadata[') || k.startsWith('payment_intent_data[metadata]'),
    );
    expect(Object.fromEntries(metadata)).toEqual({
      'metadata[bookingId]': String(held.bookingId),
      'metadata[paymentId]': String(payment.id),
      'payment_intent_data[metadata][bookingId]': String(held.bookingId),
      'payment_intent_data[metadata][paymentId]': String(payment.id),
    });
    for (const personal of ['Lovelace', 'Babbage', 'Ada', 'Charles', 'ada.lovelace', 'example.com'])
      expect(call.raw).not.toContain(personal);
    // Stripe sessions live at least 30 minutes; a shorter hold is expired through the API instead.
    expect(Number(call.body.expires_at)).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 30 * 60);
    expect(new Date(res.body.expiresAt as string).getTime()).toBe(t.clock.now().getTime() + 15 * MINUTE);
  });

  it('gives double clicks the same link: 10 concurrent requests create one session', async () => {
    const held = await holdBooking(t);
    const all = await Promise.all(Array.from({ length: 10 }, () => requestLink(t, held)));
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(200));
    expect(new Set(all.map((r) => r.body.url)).size).toBe(1);
    expect(fake.sessionsFor(held.bookingId)).toHaveLength(1);
    expect(await t.services.repos.payments.forBooking(held.bookingId)).toHaveLength(1);
    const later = await requestLink(t, held);
    expect(later.body.url).toBe(all[0]!.body.url);
    expect(fake.sessionsFor(held.bookingId)).toHaveLength(1);
    // The nine losers may wait up to 4 s for the winner's link by design (PaymentService.waitForLink),
    // which jest's default 5 s leaves no room for on a busy CI machine.
  }, 20_000);

  it('keeps the booking held after a decline and opens a new session once the first has ended', async () => {
    const seen = recordEvents(t.services, 'checkout-test');
    const held = await holdBooking(t);
    const first = await openSession(t, fake, held);
    const payment = (await t.services.repos.payments.findBySession(first.sessionId))!;

    // A declined card: Stripe keeps the page open for another card, so the link stays the same.
    const declined = stripeEvent('payment_intent.payment_failed', {
      id: 'pi_test_declined',
      object: 'payment_intent',
      amount: held.total,
      currency: held.currency.toLowerCase(),
      status: 'requires_payment_method',
      metadata: { bookingId: String(held.bookingId), paymentId: String(payment.id) },
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      },
    });
    expect((await deliver(t, declined)).body).toEqual({ received: true, outcome: 'processed' });
    expect((await bookingOf(t, held)).status).toBe('held');
    expect((await requestLink(t, held)).body.url).toBe(first.url);
    await drain(t);
    expect(seen).toContainEqual({
      type: 'booking.payment_failed',
      bookingId: held.bookingId,
      pnr: held.pnr,
      reason: 'Your card was declined.',
    });

    // The session expires (the traveller left): the next request opens a new one.
    const expired = await deliver(
      t,
      stripeEvent('checkout.session.expired', { ...fake.sessions.get(first.sessionId)!, status: 'expired', url: null }),
    );
    expect(expired.body.outcome).toBe('processed');
    const second = await openSession(t, fake, held);
    expect(second.url).not.toBe(first.url);
    expect(fake.callsTo('/v1/checkout/sessions').map((c) => c.idempotencyKey)).toEqual([
      `checkout:${held.bookingId}:1`,
      `checkout:${held.bookingId}:2`,
    ]);

    // A bank transfer that fails later (async): the booking stays held, a third link is new again.
    expect((await deliverCompleted(t, fake, second.sessionId, 'unpaid')).res.body.outcome).toBe('processed');
    expect((await bookingOf(t, held)).status).toBe('held');
    const failed = await deliver(
      t,
      stripeEvent('checkout.session.async_payment_failed', { ...fake.sessions.get(second.sessionId)! }),
    );
    expect(failed.body.outcome).toBe('processed');
    expect((await t.services.repos.payments.findBySession(second.sessionId))!.status).toBe('failed');
    expect((await bookingOf(t, held)).status).toBe('held');
    const third = await openSession(t, fake, held);
    expect(new Set([first.url, second.url, third.url]).size).toBe(3);
  });

  it('expires the open session through the Stripe API when the hold ends', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    t.clock.advance(16 * MINUTE);
    expect(await t.services.sweeper.sweep()).toBeGreaterThanOrEqual(1);
    await drain(t);
    expect(fake.callsTo(`/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(1);
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');
    expect((await t.services.repos.payments.findBySession(sessionId))!.status).toBe('expired');
    expectError(await requestLink(t, held), 409, 'hold_expired');
  });

  it('retries expiring the session when Stripe is briefly unavailable', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    fake.expireFailures.push({ status: 503, type: 'api_error', message: 'Stripe is temporarily unavailable.' });
    t.clock.advance(16 * MINUTE);
    await t.services.sweeper.sweep();
    await drain(t);
    expect(fake.callsTo(`/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(1);
    expect(fake.sessions.get(sessionId)!.status).toBe('open');
    t.clock.advance(10 * MINUTE); // past the dispatcher's back-off
    await drain(t);
    expect(fake.callsTo(`/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(2);
    expect(fake.sessions.get(sessionId)!.status).toBe('expired');
    expect((await t.services.repos.payments.findBySession(sessionId))!.status).toBe('expired');
  });

  it('answers 503 in the error shape when Stripe fails, and a retry gets a link', async () => {
    const held = await holdBooking(t);
    fake.checkoutFailures.push({ status: 500, type: 'api_error', message: 'An unknown error occurred' });
    expectError(await requestLink(t, held), 503, 'payment_provider_unavailable');
    const again = await requestLink(t, held);
    expect(again.status).toBe(200);
    expect(again.body.url).toMatch(/cs_test_/);
  });

  it('answers bad requests in the error shape', async () => {
    const held = await holdBooking(t);
    expectError(
      await t.http.post('/api/v1/bookings/not-a-pnr/payment-link').set(held.auth).send({}),
      400,
      'invalid_request',
    );
    expectError(
      await t.http.post('/api/v1/bookings/ZZZZZZ/payment-link').set(held.auth).send({}),
      404,
      'booking_not_found',
    );
    const stranger = { Authorization: `Bearer ${await t.token()}` };
    expectError(
      await t.http.post(`/api/v1/bookings/${held.pnr}/payment-link`).set(stranger).send({}),
      404,
      'booking_not_found',
    );
    expectError(
      await t.http.post(`/api/v1/bookings/${held.pnr}/payment-link`).set(held.auth).send({ amount: 1 }),
      400,
      'invalid_request',
    );
    expectError(
      await t.http
        .post(`/api/v1/bookings/${held.pnr}/payment-link`)
        .set(held.auth)
        .set('Content-Type', 'application/json')
        .send('{"oops'),
      400,
      'invalid_json',
    );
    expect(fake.callsTo('/v1/checkout/sessions')).toHaveLength(0);
  });
});
