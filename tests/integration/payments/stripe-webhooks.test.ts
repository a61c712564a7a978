import { countRows, expectError } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { bookingOf, drain, type Held, holdBooking, openSession } from '../../helpers/payment-flow';
import { deliver, deliverCompleted, signature, STRIPE_ENV, StripeFake, stripeEvent } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * POST /webhooks/stripe: signatures over the raw body, idempotency on the event id, events in any
 * order, every event type we act on, and no 500 for input we did not expect.
 */
describe.each(DB_TARGETS)('Stripe webhooks (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: STRIPE_ENV, vendors: { mailer } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  const ticketNumbers = async (held: Held) => (await bookingOf(t, held)).passengers.map((p) => p.ticketNumber);
  const eventsOf = (type: string, held: Held) =>
    countRows(t, 'domain_events', 'type = ? AND payload LIKE ?', [type, `%"${held.pnr}"%`]);

  it('refuses missing, forged, stale and tampered signatures with 400 and changes nothing', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    const event = stripeEvent('checkout.session.completed', fake.complete(sessionId));
    const payload = JSON.stringify(event);
    expectError(await deliver(t, event, { header: null }), 400, 'invalid_signature');
    expectError(
      await deliver(t, event, { secret: 'whsec_not_our_secret_at_all_0000000000' }),
      400,
      'invalid_signature',
    );
    expectError(
      await deliver(t, event, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }),
      400,
      'invalid_signature',
    );
    expectError(await deliver(t, event, { header: 't=1,v1=deadbeef' }), 400, 'invalid_signature');
    const tampered = payload.replace(`"amount_total":${held.total}`, '"amount_total":1');
    expectError(await deliver(t, tampered, { header: signature(payload) }), 400, 'invalid_signature');
    expect((await bookingOf(t, held)).status).toBe('held');
    expect(await countRows(t, 'payment_events', 'id = ?', [event.id])).toBe(0);
    // The genuine delivery still works afterwards: refusals recorded nothing.
    expect((await deliver(t, event)).body).toEqual({ received: true, outcome: 'processed' });
  });

  it('confirms once: a duplicate delivery or a replayed signature changes nothing', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    const started = Date.now();
    const { res, event } = await deliverCompleted(t, fake, sessionId);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000); // answered quickly: mail and PDF happen later
    expect(res.body).toEqual({ received: true, outcome: 'processed' });
    await drain(t);
    const tickets = await ticketNumbers(held);
    expect(tickets).toEqual([expect.stringMatching(/^\d{13}$/)]);

    const payload = JSON.stringify(event);
    const header = signature(payload);
    const again = await deliver(t, payload, { header });
    expect(again.body).toEqual({ received: true, outcome: 'duplicate' });
    const replay = await deliver(t, payload, { header });
    expect(replay.status).toBe(200);
    expect(replay.body.outcome).toBe('duplicate');
    // The same payment reported under a new event id (Stripe re-sends after a timeout) is no second payment either.
    expect(
      (await deliver(t, stripeEvent('checkout.session.completed', fake.sessions.get(sessionId)!))).body.outcome,
    ).toBe('processed');
    await drain(t);
    expect(await ticketNumbers(held)).toEqual(tickets);
    expect(mailer.withSubject(`Booking ${held.pnr} confirmed`)).toHaveLength(1);
    expect(await eventsOf('booking.confirmed', held)).toBe(1);
    expect(await t.services.repos.payments.refundsForBooking(held.bookingId)).toEqual([]);
    expect((await bookingOf(t, held)).payment).toMatchObject({
      provider: 'stripe',
      amount: { amount: held.total, currency: held.currency },
    });
  });

  it('stays confirmed when checkout.session.expired arrives after completed', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    await deliverCompleted(t, fake, sessionId);
    const late = await deliver(
      t,
      stripeEvent('checkout.session.expired', { ...fake.sessions.get(sessionId)!, status: 'expired' }),
    );
    expect(late.body.outcome).toBe('processed');
    expect((await bookingOf(t, held)).status).toBe('confirmed');
    expect((await t.services.repos.payments.findBySession(sessionId))!.status).toBe('succeeded');
  });

  it('waits for an asynchronous payment: completed (unpaid) then async_payment_succeeded', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    expect((await deliverCompleted(t, fake, sessionId, 'unpaid')).res.body.outcome).toBe('processed');
    expect((await bookingOf(t, held)).status).toBe('held');
    expect(await ticketNumbers(held)).toEqual([null]);
    const succeeded = await deliver(
      t,
      stripeEvent('checkout.session.async_payment_succeeded', fake.complete(sessionId, 'paid')),
    );
    expect(succeeded.body.outcome).toBe('processed');
    const booking = await bookingOf(t, held);
    expect(booking.status).toBe('confirmed');
    expect(booking.payment?.reference).toBe(fake.sessions.get(sessionId)!.payment_intent);
  });

  it('confirms when async_payment_succeeded overtakes completed (unpaid)', async () => {
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    const paid = fake.complete(sessionId, 'paid');
    expect((await deliver(t, stripeEvent('checkout.session.async_payment_succeeded', paid))).body.outcome).toBe(
      'processed',
    );
    expect(
      (await deliver(t, stripeEvent('checkout.session.completed', { ...paid, payment_status: 'unpaid' }))).body.outcome,
    ).toBe('processed');
    expect((await bookingOf(t, held)).status).toBe('confirmed');
    expect((await t.services.repos.payments.findBySession(sessionId))!.status).toBe('succeeded');
  });

  it(
    'answers 2xx "ignored" for sessions and refunds it does not know, and ' + 'skips event types it does not use',
    async () => {
      const unknown = await deliver(
        t,
        stripeEvent('checkout.session.completed', {
          id: 'cs_test_unknown',
          object: 'checkout.session',
          amount_total: 100,
          currency: 'usd',
          payment_status: 'paid',
          payment_intent: 'pi_test_x',
        }),
      );
      expect(unknown.status).toBe(200);
      expect(unknown.body).toEqual({ received: true, outcome: 'ignored' });
      const refund = await deliver(
        t,
        stripeEvent('refund.updated', {
          id: 're_test_unknown',
          object: 'refund',
          amount: 100,
          currency: 'usd',
          status: 'succeeded',
        }),
      );
      expect(refund.body.outcome).toBe('ignored');
      const other = await deliver(t, stripeEvent('customer.created', { id: 'cus_test_1', object: 'customer' }));
      expect(other.status).toBe(200);
      expect(other.body).toEqual({ received: true, handled: false });
    },
  );

  it('answers 400 in the error shape, never 500, for signed payloads it cannot read', async () => {
    const bad = async (payload: string) => {
      const res = await deliver(t, payload);
      expectError(res, 400, 'invalid_payload');
      return res;
    };
    await bad('{"id": "evt_broken", "type": ');
    await bad('');
    await bad('[]');
    await bad(JSON.stringify({ id: 'evt_no_object', object: 'event', type: 'checkout.session.completed', data: {} }));
    await bad(
      JSON.stringify({ id: 'evt_null', object: 'event', type: 'checkout.session.expired', data: { object: null } }),
    );
    await bad(
      JSON.stringify({
        object: 'event',
        type: 'checkout.session.expired',
        data: { object: { id: 'cs_test_x', object: 'checkout.session' } },
      }),
    );
    const held = await holdBooking(t);
    const { sessionId } = await openSession(t, fake, held);
    await bad(
      JSON.stringify(
        stripeEvent('checkout.session.completed', {
          id: sessionId,
          object: 'checkout.session',
          amount_total: 'lots',
          currency: 42,
          payment_status: 'paid',
        }),
      ),
    );
    expect((await bookingOf(t, held)).status).toBe('held');
  });
});
