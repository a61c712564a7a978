import { pax, seatMapSeats } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import {
  bookingOf,
  drain,
  flightFor,
  type Held,
  holdBooking,
  openSession,
  recordEvents,
  requestLink,
  waitFor,
} from '../../helpers/payment-flow';
import { deliverCompleted, STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * A payment link is for one price. When the booking's price changes (a dearer seat on a hold) its open links close,
 * and money paid through an old link never confirms the booking: it goes back, and the traveller gets a link for
 * the new total.
 */

/** A held booking on a standard fare with a free standard seat, and a preferred (paid) seat to move to. */
async function holdOnFreeSeat(t: TestApp): Promise<{ held: Held; dearer: string }> {
  const flightId = await flightFor(t);
  const seats = (await seatMapSeats(t, flightId, { fareFamily: 'standard' })).filter(
    (s) => s.cabin === 'economy' && s.available,
  );
  const free = seats.find((s) => s.tier === 'standard' && s.price.amount === 0)!;
  const dearer = seats.find((s) => s.tier === 'preferred' && s.price.amount > 0)!;
  const held = await holdBooking(t, {
    passengers: [pax('Ada', 'Lovelace', '1980-01-01', { [flightId]: free.designator })],
  });
  return { held, dearer: dearer.designator };
}

function changeSeat(t: TestApp, held: Held, designator: string) {
  return t.http
    .put(`/api/v1/bookings/${held.pnr}/seats`)
    .set(held.auth)
    .send({ seats: [{ passenger: 0, flightId: held.flightId, designator }] });
}

describe.each(DB_TARGETS)('stale payment links on the sandbox (%s)', (target) => {
  let t: TestApp;
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12, env: { HOLD_MINUTES: '15' }, vendors: { mailer } });
  }, 60_000);
  afterAll(() => t.close());

  const sessionOf = (url: string) => new URL(url).pathname.split('/').pop()!;

  it('a dearer seat closes the open page: it can no longer be paid and the booking stays held', async () => {
    const { held, dearer } = await holdOnFreeSeat(t);
    const link = await requestLink(t, held);
    expect(link.status).toBe(200);
    const changed = await changeSeat(t, held, dearer);
    expect(changed.status).toBe(200);
    expect(changed.body.price.total.amount).toBeGreaterThan(held.total);
    const page = await t.http.get(new URL(link.body.url).pathname);
    expect(page.status).toBe(410);
    expect(page.text).toContain('price of this booking changed');
    const paid = await t.http.post(new URL(link.body.url).pathname).type('form').send({ card: '4242424242424242' });
    expect(paid.status).toBe(409);
    expect((await bookingOf(t, held)).status).toBe('held');
    await drain(t);
    const payment = await t.services.repos.payments.findBySession(sessionOf(link.body.url));
    expect(payment!.status).toBe('expired');
    // A new link is for the new total.
    const fresh = await requestLink(t, held);
    expect(fresh.body.amount.amount).toBe(changed.body.price.total.amount);
    expect(fresh.body.url).not.toBe(link.body.url);
  });

  it('money paid through an old link is refunded, the traveller is told and gets a link for the new total', async () => {
    const { held, dearer } = await holdOnFreeSeat(t);
    const link = await requestLink(t, held);
    const sessionId = sessionOf(link.body.url);
    const seen = recordEvents(t.services, `stale-${target}`);
    const changed = await changeSeat(t, held, dearer);
    // The old page's payment arrives before its page could be closed (as a provider's webhook may).
    const provider = t.services
      .paymentProvider as import('../../../api/vendors/payments/sandbox.provider').SandboxPaymentProvider;
    await t.services.payments.handleEvent(provider.paidEvent(sessionId, held.total, held.currency));
    expect((await bookingOf(t, held)).status).toBe('held');
    await drain(t);
    const refunds = await t.services.repos.payments.refundsForBooking(held.bookingId);
    expect(refunds).toEqual([expect.objectContaining({ amount: held.total, reason: 'price_changed' })]);
    expect(seen).toContainEqual(
      expect.objectContaining({ type: 'payment.refunded_unbooked', pnr: held.pnr, reason: 'price_changed' }),
    );
    const renewed = seen.find((e) => e.type === 'payment.link_renewed');
    expect(renewed).toEqual(
      expect.objectContaining({ pnr: held.pnr, amount: changed.body.price.total.amount, currency: held.currency }),
    );
    const mails = mailer.sent.filter((m) => m.to === 'ada.lovelace@example.com');
    expect(mails.some((m) => m.subject.includes('is being refunded') && m.text.includes('price'))).toBe(true);
    expect(
      mails.some(
        (m) =>
          m.subject.includes('new payment link') &&
          renewed?.type === 'payment.link_renewed' &&
          m.text.includes(renewed.url),
      ),
    ).toBe(true);
    // The fresh link pays the booking.
    if (renewed?.type !== 'payment.link_renewed') throw new Error('no renewed link');
    const pay = await t.http.post(new URL(renewed.url).pathname).type('form').send({ card: '4242424242424242' });
    expect(pay.status).toBe(200);
    expect((await bookingOf(t, held)).status).toBe('confirmed');
  });

  it('the payment page shows the end of the hold in local time with its zone', async () => {
    const { held } = await holdOnFreeSeat(t);
    const link = await requestLink(t, held);
    const path = new URL(link.body.url).pathname;
    const end = new Date(link.body.expiresAt);
    const local = (zone: string) =>
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(
        end,
      );
    const london = await t.http.get(path);
    expect(london.text).toContain(`${local('Europe/London')} on`);
    expect(london.text).toMatch(/Europe\/London time \(UTC[+-]\d\d:\d\d\)/);
    const ny = await t.http.get(path).query({ tz: 'America/New_York' });
    expect(ny.text).toContain(`${local('America/New_York')} on`);
    expect(ny.text).toMatch(/America\/New_York time \(UTC-0[45]:00\)/);
    expect((await t.http.get(path).query({ tz: 'Mars/Olympus' })).text).toContain('Europe/London time');
  });
});

describe.each(DB_TARGETS)('stale payment links on Stripe (%s)', (target) => {
  let t: TestApp;
  const fake = new StripeFake();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: { ...STRIPE_ENV, HOLD_MINUTES: '15' } });
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });
  beforeEach(() => fake.reset());

  it('a new price expires the Checkout Session through the Stripe API', async () => {
    const { held, dearer } = await holdOnFreeSeat(t);
    const { sessionId } = await openSession(t, fake, held);
    expect((await changeSeat(t, held, dearer)).status).toBe(200);
    await drain(t);
    await waitFor(async () => fake.sessions.get(sessionId)!.status === 'expired', 'session expired');
    expect(fake.callsTo(`/v1/checkout/sessions/${sessionId}/expire`)).toHaveLength(1);
    expect((await t.services.repos.payments.findBySession(sessionId))!.status).toBe('expired');
  });

  it('checkout.session.completed for the old price refunds it and opens a session for the new total', async () => {
    const { held, dearer } = await holdOnFreeSeat(t);
    const { sessionId } = await openSession(t, fake, held);
    const changed = await changeSeat(t, held, dearer);
    const { res } = await deliverCompleted(t, fake, sessionId);
    expect(res.status).toBe(200);
    expect((await bookingOf(t, held)).status).toBe('held');
    await drain(t);
    const refunds = await waitFor(async () => {
      const r = await t.services.repos.payments.refundsForBooking(held.bookingId);
      return r.length > 0 && r.every((x) => x.status === 'succeeded') ? r : null;
    }, 'refund');
    expect(refunds.map((r) => [r.amount, r.reason])).toEqual([[held.total, 'price_changed']]);
    const sessions = fake.sessionsFor(held.bookingId);
    expect(sessions.map((s) => s.amount_total)).toEqual([held.total, changed.body.price.total.amount]);
    expect((await bookingOf(t, held)).status).toBe('held');
  });
});
