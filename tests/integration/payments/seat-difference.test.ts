import type { SandboxPaymentProvider } from '../../../api/vendors/payments/sandbox.provider';
import { countRows, expectError, pax, seatAvailable, seatMapSeats } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { pdfText } from '../../helpers/pdf-text';
import { bookingOf, drain, flightFor, type Held, holdBooking, requestLink, waitFor } from '../../helpers/payment-flow';
import { deliverCompleted, STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Seat changes on paid bookings (issue 11, item 2): a dearer seat is held and paid through a link for the
 * difference, and moves only when paid; a stale difference link never moves seats; a cheaper seat refunds under the
 * fare's rules; every change sends the updated e-ticket and receipt.
 */

let emails = 0;
const pathOf = (url: string) => new URL(url).pathname;
const sessionOf = (url: string) => pathOf(url).split('/').pop()!;

/** A paid booking on `fareFamily` in seat `from`; seats to move to by tier and price. */
async function paidBooking(t: TestApp, fareFamily: string, fromTier: string, pay: (h: Held) => Promise<void>) {
  const flightId = await flightFor(t);
  const seats = (await seatMapSeats(t, flightId, { fareFamily })).filter((s) => s.cabin === 'economy' && s.available);
  const pick = (tier: string, not: string[] = []) =>
    seats.find((s) => s.tier === tier && !not.includes(s.designator) && !/^1[01]/.test(s.designator))!;
  const from = pick(fromTier);
  const email = `seatpay${++emails}@example.com`;
  const held = await holdBooking(t, {
    fareFamily,
    email,
    passengers: [pax('Ada', 'Lovelace', '1980-01-01', { [flightId]: from.designator })],
  });
  await pay(held);
  return { held, email, from, pick: (tier: string) => pick(tier, [from.designator]) };
}

function change(t: TestApp, held: Held, designator: string, extra: Record<string, unknown> = {}) {
  return t.http
    .put(`/api/v1/bookings/${held.pnr}/seats`)
    .set(held.auth)
    .send({ seats: [{ passenger: 0, flightId: held.flightId, designator }], ...extra });
}

const seatOf = async (t: TestApp, held: Held) => (await bookingOf(t, held)).passengers[0]!.seats[String(held.flightId)];

describe.each(DB_TARGETS)('paying the difference of a seat change on the sandbox (%s)', (target) => {
  let t: TestApp;
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12, env: { HOLD_MINUTES: '15' }, vendors: { mailer } });
  }, 60_000);
  afterAll(() => t.close());

  const paySandbox = async (held: Held) => {
    const link = await requestLink(t, held);
    const r = await t.http.post(pathOf(link.body.url)).type('form').send({ card: '4242424242424242' });
    expect(r.status).toBe(200);
    await drain(t);
  };
  const provider = () => t.services.paymentProvider as SandboxPaymentProvider;
  const mailsTo = (email: string) => mailer.sent.filter((m) => m.to === email);

  it('a dearer seat is held, its difference paid through a link, then the swap is applied and mailed', async () => {
    const { held, email, from, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const dearer = pick('preferred');
    const before = await bookingOf(t, held);
    const quote = await t.http
      .post(`/api/v1/bookings/${held.pnr}/seats/quote`)
      .set(held.auth)
      .send({ seats: [{ passenger: 0, flightId: held.flightId, designator: dearer.designator }] });
    expect(quote.status).toBe(200);
    expect(quote.body.due).toEqual(dearer.price);

    const r = await change(t, held, dearer.designator, { timeZone: 'America/New_York' });
    expect(r.status).toBe(202);
    expect(r.body.seatChange).toEqual(
      expect.objectContaining({ status: 'awaiting_payment', due: dearer.price, payment: expect.any(Object) }),
    );
    const link = r.body.seatChange.payment;
    expect(link.amount).toEqual(dearer.price);
    expect(link.url).toContain('tz=America%2FNew_York');
    // Nothing moved yet: the old seat is still the traveller's, the new one is held for them.
    expect(r.body.passengers[0].seats[String(held.flightId)]).toBe(from.designator);
    expect(r.body.price.total).toEqual(before.price.total);
    expect(await seatAvailable(t, held.flightId, dearer.designator)).toBe(false);
    expect(await seatAvailable(t, held.flightId, from.designator)).toBe(false);
    await drain(t);
    const linkMail = mailsTo(email).find((m) => m.subject.includes('to change seats'));
    expect(linkMail?.text).toContain(link.url);
    expect(linkMail?.text).toMatch(/\(UTC[+-]\d\d:\d\d\), Europe\/London time/);

    const page = await t.http.get(pathOf(link.url)).query({ tz: 'America/New_York' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Pay the seat change');
    expect(page.text).toMatch(/America\/New_York time \(UTC-0[45]:00\)/);
    const paid = await t.http.post(pathOf(link.url)).type('form').send({ card: '4242424242424242' });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Your new seats are booked');
    await drain(t);

    const after = await bookingOf(t, held);
    expect(after.status).toBe('confirmed');
    expect(after.passengers[0]!.seats[String(held.flightId)]).toBe(dearer.designator);
    expect(after.price.total.amount).toBe(before.price.total.amount + dearer.price.amount);
    expect(after.price.breakdown.seats).toEqual([
      expect.objectContaining({ designator: dearer.designator, amount: dearer.price.amount }),
    ]);
    expect(await seatAvailable(t, held.flightId, from.designator)).toBe(true);
    expect(await countRows(t, 'seats', "booking_id = ? AND state = 'booked'", [held.bookingId])).toBe(1);
    const update = mailsTo(email).find((m) => m.subject.startsWith('Seats changed'));
    expect(update?.text).toContain(`${from.designator} → ${dearer.designator}`);
    expect(update?.attachments?.[0]?.filename).toBe(`e-ticket-${held.pnr}.pdf`);
    expect(await t.services.repos.payments.refundsForBooking(held.bookingId)).toEqual([]);
  });

  it('a dearer change asked for with a last name is mailed masked once its difference is paid', async () => {
    const { held, email, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const r = await t.http
      .put(`/api/v1/bookings/${held.pnr}/seats`)
      .send({ seats: [{ passenger: 0, flightId: held.flightId, designator: pick('preferred').designator }] })
      .send({ lastName: held.lastName });
    expect(r.status).toBe(202);
    expect(r.body.masked).toBe(true);
    const paid = await t.http
      .post(pathOf(r.body.seatChange.payment.url))
      .type('form')
      .send({ card: '4242424242424242' });
    expect(paid.status).toBe(200);
    await drain(t);
    const update = mailsTo(email).find((m) => m.subject.startsWith('Seats changed'))!;
    const ticket = pdfText(update.attachments![0]!.content as Buffer);
    expect(ticket).not.toContain(email);
    expect(ticket).toMatch(/s•••@example\.com/);
  });

  it('an unpaid change ends with its hold: the seat is freed, nothing changes, a late payment goes back', async () => {
    const { held, from, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const dearer = pick('extra_legroom');
    const r = await change(t, held, dearer.designator);
    expect(r.status).toBe(202);
    const link = r.body.seatChange.payment;
    t.clock.advance(16 * 60_000);
    try {
      // The seat is free for others the moment the hold ends, before any sweep.
      expect(await seatAvailable(t, held.flightId, dearer.designator)).toBe(true);
      await t.services.sweeper.sweep();
      await drain(t);
      expect((await t.http.get(pathOf(link.url))).status).toBe(410);
      expect((await t.http.post(pathOf(link.url)).type('form').send({ card: '4242424242424242' })).status).toBe(409);
      await t.services.payments.handleEvent(
        provider().paidEvent(sessionOf(link.url), link.amount.amount, link.amount.currency),
      );
      await drain(t);
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    expect(await seatOf(t, held)).toBe(from.designator);
    expect(await countRows(t, 'seats', 'booking_id = ?', [held.bookingId])).toBe(1);
    const refunds = await t.services.repos.payments.refundsForBooking(held.bookingId);
    expect(refunds.map((x) => [x.amount, x.reason])).toEqual([[link.amount.amount, 'seat_change_expired']]);
  });

  it('a stale difference link never applies: a newer change replaces it, money paid through it goes back', async () => {
    const { held, from, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const first = pick('preferred');
    const second = pick('extra_legroom');
    const a = await change(t, held, first.designator);
    const b = await change(t, held, second.designator);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(await seatAvailable(t, held.flightId, first.designator)).toBe(true);
    await drain(t);
    const old = a.body.seatChange.payment;
    expect((await t.services.repos.payments.findBySession(sessionOf(old.url)))!.status).toBe('expired');
    // The old page's payment arrives anyway (as a webhook can): it is refunded, the seats do not move.
    await t.services.payments.handleEvent(
      provider().paidEvent(sessionOf(old.url), old.amount.amount, old.amount.currency),
    );
    expect(await seatOf(t, held)).toBe(from.designator);
    // A payment of another amount than the link's never applies either.
    const fresh = b.body.seatChange.payment;
    await t.services.payments.handleEvent(provider().paidEvent(sessionOf(fresh.url), 1, fresh.amount.currency));
    expect(await seatOf(t, held)).toBe(from.designator);
    const reasons = (await t.services.repos.payments.refundsForBooking(held.bookingId)).map((x) => x.reason);
    expect(reasons).toEqual(['seat_change_replaced', 'amount_mismatch']);
  });

  it('a cheaper seat on Flex refunds the difference; a later cancellation refunds over both payments', async () => {
    const { held, email, from, pick } = await paidBooking(t, 'flex', 'standard', paySandbox);
    const dearer = pick('extra_legroom');
    const up = await change(t, held, dearer.designator);
    expect(up.status).toBe(202);
    const link = up.body.seatChange.payment;
    expect((await t.http.post(pathOf(link.url)).type('form').send({ card: '4242424242424242' })).status).toBe(200);
    await drain(t);
    // Back to a free seat: Flex refunds seat charges.
    const down = await change(t, held, from.designator);
    expect(down.status).toBe(200);
    expect(down.body.seatChange).toEqual(
      expect.objectContaining({
        status: 'applied',
        refund: dearer.price,
        kept: { amount: 0, currency: held.currency },
      }),
    );
    expect(down.body.passengers[0].seats[String(held.flightId)]).toBe(from.designator);
    expect(down.body.price.total.amount).toBe(held.total);
    await drain(t);
    const refunds = await t.services.repos.payments.refundsForBooking(held.bookingId);
    expect(refunds.map((x) => [x.amount, x.reason])).toEqual([[dearer.price.amount, 'seat_change']]);
    expect(mailsTo(email).filter((m) => m.subject.startsWith('Seats changed'))).toHaveLength(2);
    expect(mailsTo(email).some((m) => m.text.includes(`Refund: `))).toBe(true);

    const quote = await t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).set(held.auth);
    expect(quote.body.refund.amount).toBe(held.total);
    const cancel = await t.http
      .post(`/api/v1/bookings/${held.pnr}/cancel`)
      .set(held.auth)
      .send({ quoteId: quote.body.id });
    expect(cancel.status).toBe(200);
    const all = await t.services.repos.payments.refundsForBooking(held.bookingId);
    const payments = await t.services.repos.payments.forBooking(held.bookingId);
    // No payment is refunded more than it took.
    for (const p of payments)
      expect(all.filter((x) => x.paymentId === p.id).reduce((s, x) => s + x.amount, 0)).toBeLessThanOrEqual(p.amount);
    expect(all.reduce((s, x) => s + x.amount, 0)).toBe(held.total + dearer.price.amount);
  });

  it('a cheaper seat on a Basic fare refunds nothing: the seat keeps what was paid, and the mail says so', async () => {
    const { held, email, pick } = await paidBooking(t, 'basic', 'preferred', paySandbox);
    const cheaper = pick('standard');
    const before = await bookingOf(t, held);
    const r = await change(t, held, cheaper.designator);
    expect(r.status).toBe(200);
    expect(r.body.seatChange.refund.amount).toBe(0);
    expect(r.body.seatChange.kept.amount).toBeGreaterThan(0);
    expect(r.body.price.total).toEqual(before.price.total);
    await drain(t);
    expect(await t.services.repos.payments.refundsForBooking(held.bookingId)).toEqual([]);
    expect(mailsTo(email).find((m) => m.subject.startsWith('Seats changed'))?.text).toContain(
      'does not refund seat charges',
    );
  });

  it('a change priced against seats the passenger has since left never applies (two changes racing)', async () => {
    const { held, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const first = pick('preferred');
    const second = pick('extra_legroom');
    const a = await change(t, held, first.designator);
    const b = await change(t, held, second.designator);
    const paySession = (url: string, amount: { amount: number; currency: string }) =>
      t.services.payments.handleEvent(provider().paidEvent(sessionOf(url), amount.amount, amount.currency));
    await paySession(b.body.seatChange.payment.url, b.body.seatChange.due);
    expect(await seatOf(t, held)).toBe(second.designator);
    // As if both requests had been accepted side by side: the first is still waiting and its seat still held.
    await t.services.db.dataSource.query(`UPDATE seat_changes SET status = 'pending' WHERE booking_id = ?`, [
      held.bookingId,
    ]);
    const before = await bookingOf(t, held);
    await paySession(a.body.seatChange.payment.url, a.body.seatChange.due);
    expect(await seatOf(t, held)).toBe(second.designator);
    expect((await bookingOf(t, held)).price.total).toEqual(before.price.total);
    const reasons = (await t.services.repos.payments.refundsForBooking(held.bookingId)).map((x) => x.reason);
    expect(reasons).toEqual(['seat_change_replaced']);
  });

  it('cancelling the booking while a change waits frees its seat; a payment arriving later goes back', async () => {
    const { held, pick } = await paidBooking(t, 'standard', 'standard', paySandbox);
    const dearer = pick('preferred');
    const r = await change(t, held, dearer.designator);
    expect(r.status).toBe(202);
    const quote = await t.http.get(`/api/v1/bookings/${held.pnr}/cancellation-quote`).set(held.auth);
    const cancel = await t.http
      .post(`/api/v1/bookings/${held.pnr}/cancel`)
      .set(held.auth)
      .send({ quoteId: quote.body.id });
    expect(cancel.status).toBe(200);
    expect(await seatAvailable(t, held.flightId, dearer.designator)).toBe(true);
    await drain(t);
    const link = r.body.seatChange.payment;
    expect((await t.services.repos.payments.findBySession(sessionOf(link.url)))!.status).toBe('expired');
    await t.services.payments.handleEvent(
      provider().paidEvent(sessionOf(link.url), link.amount.amount, link.amount.currency),
    );
    const reasons = (await t.services.repos.payments.refundsForBooking(held.bookingId)).map((x) => x.reason);
    expect(reasons).toContain('booking_cancelled');
    expect(await countRows(t, 'seats', 'booking_id = ?', [held.bookingId])).toBe(0);
  });

  it('a change on a hold is still re-priced at once, with no payment link', async () => {
    const flightId = await flightFor(t);
    const seat = (await seatMapSeats(t, flightId, { fareFamily: 'standard' })).find(
      (s) => s.available && s.cabin === 'economy' && s.tier === 'preferred' && !/^1[01]/.test(s.designator),
    )!;
    const held = await holdBooking(t, {});
    const r = await change(t, held, seat.designator);
    expect(r.status).toBe(200);
    expect(r.body.seatChange).toBeUndefined();
    expectError(
      await t.http.post(`/api/v1/bookings/${held.pnr}/seats/quote`).set(held.auth).send({ seats: [] }),
      400,
      'invalid_request',
    );
  });
});

describe.each(DB_TARGETS)('paying the difference of a seat change on Stripe (%s)', (target) => {
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

  const payStripe = async (held: Held) => {
    await requestLink(t, held);
    const session = fake.sessionsFor(held.bookingId)[0]!;
    const { res } = await deliverCompleted(t, fake, session.id);
    expect(res.status).toBe(200);
    await drain(t);
  };

  it('checkout.session.completed for the difference applies the swap; a replaced session expires', async () => {
    const { held, pick } = await paidBooking(t, 'standard', 'standard', payStripe);
    const first = pick('preferred');
    const dearer = pick('extra_legroom');
    const a = await change(t, held, first.designator);
    expect(a.status).toBe(202);
    const replaced = fake.sessionsFor(held.bookingId).find((s) => s.url === a.body.seatChange.payment.url)!;
    expect(replaced.amount_total).toBe(first.price.amount);
    const b = await change(t, held, dearer.designator);
    expect(b.status).toBe(202);
    await drain(t);
    await waitFor(async () => fake.sessions.get(replaced.id)!.status === 'expired', 'replaced session expired');
    const session = fake.sessionsFor(held.bookingId).find((s) => s.url === b.body.seatChange.payment.url)!;
    expect(session.amount_total).toBe(dearer.price.amount);
    const { res } = await deliverCompleted(t, fake, session.id);
    expect(res.status).toBe(200);
    expect((await bookingOf(t, held)).passengers[0]!.seats[String(held.flightId)]).toBe(dearer.designator);
    expect((await bookingOf(t, held)).price.total.amount).toBe(held.total + dearer.price.amount);
  });
});
