import { extraBagPrice } from '../../../api/domain/baggage';
import type { SandboxPaymentProvider } from '../../../api/vendors/payments/sandbox.provider';
import { expectError, pax } from '../../helpers/api-helpers';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { pdfText } from '../../helpers/pdf-text';
import { bookingOf, drain, type Held, holdBooking, requestLink } from '../../helpers/payment-flow';
import { deliverCompleted, STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Checked bags on paid bookings (issue 15): quoted by fare family and route length, paid by a link, counted only
 * once paid, shown on the booking view, the e-ticket and the receipt; limits refused with coded errors.
 */

let emails = 0;
const pathOf = (url: string) => new URL(url).pathname;
const sessionOf = (url: string) => pathOf(url).split('/').pop()!;
const CARD = '4242424242424242';

const bagsOf = (b: Awaited<ReturnType<typeof bookingOf>>, passenger = 0) =>
  b.passengers[passenger]!.checkedBags!.map((c) => [c.included, c.added]);

describe.each(DB_TARGETS)('checked bags paid on the sandbox (%s)', (target) => {
  let t: TestApp;
  const mailer = new RecordingMailer();
  beforeAll(async () => {
    t = await createTestApp({ target, days: 12, env: { HOLD_MINUTES: '15' }, vendors: { mailer } });
  }, 60_000);
  afterAll(() => t.close());

  const provider = () => t.services.paymentProvider as SandboxPaymentProvider;
  /** A paid LHR–JFK (long haul) booking for Ada and Grace. */
  const paidBooking = async (fareFamily = 'standard'): Promise<{ held: Held; email: string }> => {
    const email = `bags${++emails}@example.com`;
    const held = await holdBooking(t, {
      fareFamily,
      email,
      passengers: [pax('Ada', 'Lovelace', '1980-01-01'), pax('Grace', 'Hopper', '1982-02-02')],
    });
    const link = await requestLink(t, held);
    expect((await t.http.post(pathOf(link.body.url)).type('form').send({ card: CARD })).status).toBe(200);
    await drain(t);
    return { held, email };
  };
  const bags = (held: Held, items: { passenger: number; bags: number; flightId?: number }[], path = '') =>
    t.http
      .post(`/api/v1/bookings/${held.pnr}/bags${path}`)
      .set(held.auth)
      .send({ bags: items.map((i) => ({ flightId: held.flightId, ...i })) });

  it('quotes by fare family and route length, then adds the bags once the link is paid', async () => {
    const { held, email } = await paidBooking('standard');
    const unit = extraBagPrice('standard', 'long', held.currency);
    const quote = await bags(held, [{ passenger: 0, bags: 2 }], '/quote');
    expect(quote.status).toBe(200);
    expect(quote.body.total).toEqual({ amount: 2 * unit, currency: held.currency });
    expect(quote.body.bags[0]).toMatchObject({ haul: 'long', fareFamily: 'standard', included: 1, added: 0 });

    const asked = await bags(held, [{ passenger: 0, bags: 2 }]);
    expect(asked.status).toBe(202);
    expect(asked.body.bagOrder).toMatchObject({ status: 'awaiting_payment', due: { amount: 2 * unit } });
    // Nothing counts before it is paid.
    expect(bagsOf(asked.body)).toEqual([[1, 0]]);
    const url = asked.body.bagOrder.payment.url as string;
    await drain(t);
    const linkMail = mailer.sent.find((m) => m.to === email && m.subject.includes('for checked bags on'))!;
    expect(linkMail.text).toContain(url);
    expect(linkMail.text).toMatch(/Ada Lovelace: 2 extra bags on BA\d+ \(long haul\)/);
    const page = await t.http.get(pathOf(url));
    expect(page.text).toContain('Pay for checked bags on booking');
    const paid = await t.http.post(pathOf(url)).type('form').send({ card: CARD });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Your bags are added');
    await drain(t);

    const after = await bookingOf(t, held);
    expect(bagsOf(after, 0)).toEqual([[1, 2]]);
    expect(bagsOf(after, 1)).toEqual([[1, 0]]);
    expect(after.bags!.total).toEqual({ amount: 2 * unit, currency: held.currency });
    // The booking's own payment stays the one that confirmed it.
    expect(after.payment!.amount.amount).toBe(held.total);
    const mail = mailer.sent.find((m) => m.to === email && m.subject.startsWith('Checked bags added'))!;
    expect(mail.text).toMatch(/Ada Lovelace BA\d+: 2 extra bags/);
    expect(mail.text).toContain('checked bags BA');
    const ticket = pdfText(mail.attachments![0]!.content as Buffer);
    expect(ticket).toContain('3 bags 23 kg (2 added)');
    expect(ticket).toContain('Extra checked bags (paid separately)');
  });

  it('enforces the limits with coded errors, counting bags already paid for', async () => {
    const { held } = await paidBooking('basic');
    expectError(await bags(held, [{ passenger: 0, bags: 4 }]), 422, 'bag_limit_exceeded');
    expectError(await bags(held, [{ passenger: 5, bags: 1 }]), 422, 'unknown_passenger');
    expectError(await bags(held, [{ passenger: 0, bags: 1, flightId: 999_999 }]), 422, 'invalid_bag_request');
    expectError(
      await bags(held, [
        { passenger: 0, bags: 1 },
        { passenger: 0, bags: 1 },
      ]),
      422,
      'invalid_bag_request',
    );
    expectError(await bags(held, [{ passenger: 0, bags: 0 }]), 400, 'invalid_request');
    const first = await bags(held, [{ passenger: 0, bags: 2 }]);
    expect((await t.http.post(pathOf(first.body.bagOrder.payment.url)).type('form').send({ card: CARD })).status).toBe(
      200,
    );
    await drain(t);
    const more = await bags(held, [{ passenger: 0, bags: 2 }], '/quote');
    expectError(more, 422, 'bag_limit_exceeded');
    expect(more.body.error.details).toEqual({ passenger: 0, flightId: held.flightId, max: 3, added: 2 });
    expect((await bags(held, [{ passenger: 0, bags: 1 }], '/quote')).status).toBe(200);
    // Only someone who may see the booking can add bags; a held booking cannot have any yet.
    const stranger = await t.http
      .post(`/api/v1/bookings/${held.pnr}/bags`)
      .send({ bags: [{ passenger: 0, flightId: held.flightId, bags: 1 }] });
    expectError(stranger, 404, 'booking_not_found');
    const unpaid = await holdBooking(t, { email: `bags${++emails}@example.com` });
    expectError(await bags(unpaid, [{ passenger: 0, bags: 1 }]), 409, 'bags_need_paid_booking');
  });

  it('a declined card, an expired link or a replaced request adds nothing; money paid late goes back', async () => {
    const { held } = await paidBooking('flex');
    const a = await bags(held, [{ passenger: 1, bags: 1 }]);
    const declined = await t.http
      .post(pathOf(a.body.bagOrder.payment.url))
      .type('form')
      .send({ card: '4000000000000002' });
    expect(declined.status).toBe(402);
    expect(bagsOf(await bookingOf(t, held), 1)).toEqual([[2, 0]]);
    // A newer request replaces it: its page closes, and a payment arriving through it anyway is returned.
    const b = await bags(held, [{ passenger: 1, bags: 2 }]);
    await drain(t);
    const old = a.body.bagOrder.payment;
    expect((await t.http.get(pathOf(old.url))).status).toBe(410);
    await t.services.payments.handleEvent(
      provider().paidEvent(sessionOf(old.url), old.amount.amount, old.amount.currency),
    );
    const link = b.body.bagOrder.payment;
    t.clock.advance(16 * 60_000);
    try {
      await t.services.sweeper.sweep();
      await drain(t);
      expect((await t.http.get(pathOf(link.url))).status).toBe(410);
      await t.services.payments.handleEvent(
        provider().paidEvent(sessionOf(link.url), link.amount.amount, link.amount.currency),
      );
      await drain(t);
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    const after = await bookingOf(t, held);
    expect(bagsOf(after, 1)).toEqual([[2, 0]]);
    expect(after.bags!.orders).toEqual([]);
    const refunds = await t.services.repos.payments.refundsForBooking(held.bookingId);
    expect(refunds.map((r) => [r.amount, r.reason])).toEqual([
      [old.amount.amount, 'bag_order_replaced'],
      [link.amount.amount, 'bag_order_expired'],
    ]);
  });
});

describe.each(DB_TARGETS)('checked bags paid on Stripe (%s)', (target) => {
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

  it('checkout.session.completed for the bags adds them', async () => {
    const held = await holdBooking(t, { email: 'stripe.bags@example.com' });
    await requestLink(t, held);
    await deliverCompleted(t, fake, fake.sessionsFor(held.bookingId)[0]!.id);
    await drain(t);
    const r = await t.http
      .post(`/api/v1/bookings/${held.pnr}/bags`)
      .set(held.auth)
      .send({ bags: [{ passenger: 0, flightId: held.flightId, bags: 1 }] });
    expect(r.status).toBe(202);
    const session = fake.sessionsFor(held.bookingId).find((s) => s.url === r.body.bagOrder.payment.url)!;
    expect(session.amount_total).toBe(extraBagPrice('standard', 'long', held.currency));
    const { res } = await deliverCompleted(t, fake, session.id);
    expect(res.status).toBe(200);
    expect(bagsOf(await bookingOf(t, held))).toEqual([[1, 1]]);
  });
});
