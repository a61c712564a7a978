import { formatMoney } from '../../../api/domain/money';
import { extraBagPrice } from '../../../api/domain/baggage';
import { bearer, book, bookingBody, pax } from '../../helpers/api-helpers';
import { drain } from '../../helpers/payment-flow';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { payFor } from '../check-in/check-in-helpers';
import { schedule, type Schedule } from '../disruption/disruption-helpers';

/**
 * Extra checked bags paid for separately, when the booking ends or moves: a cancellation refunds them by the fare
 * rules (and the quote says so), a disruption's full refund gives them back, a change of flights carries them to
 * the replacing flight one for one or refunds them.
 */

const pathOf = (url: string) => new URL(url).pathname;
const CARD = '4242424242424242';

interface Paid {
  pnr: string;
  token: string;
  id: number;
  currency: string;
}

describe.each(DB_TARGETS)('bags when a booking is cancelled or changed (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 0, env: { HOLD_MINUTES: '15', DISRUPTION_REBOOK_OPTIONS: '3' } });
    admin = await t.token('admin');
  }, 90_000);
  afterAll(() => t?.close());

  /** A paid booking for Ada and Grace on `flightId` (3 days ahead: the free 24-hour cancellation does not apply). */
  const paidOn = async (flightId: number, fareFamily: string): Promise<Paid> => {
    const token = await t.token();
    const passengers = [pax('Ada', 'Lovelace', '1980-01-01'), pax('Grace', 'Hopper', '1982-02-02')];
    const res = await book(t, token, bookingBody([flightId], passengers, { fareFamily }));
    if (res.status !== 201) throw new Error(`hold failed: ${res.status} ${JSON.stringify(res.body)}`);
    await payFor(t, { pnr: res.body.pnr as string, token, flightIds: [flightId], departures: [] });
    const agg = (await t.services.repos.bookings.findByPnr(res.body.pnr as string))!;
    return { pnr: agg.booking.pnr, token, id: agg.booking.id, currency: agg.booking.currency };
  };
  /** Adds `bags` extra bags for Ada on `flightId` and pays for them; returns what they cost. */
  const addBags = async (b: Paid, flightId: number, bags: number): Promise<number> => {
    const asked = await t.http
      .post(`/api/v1/bookings/${b.pnr}/bags`)
      .set(bearer(b.token))
      .send({ bags: [{ passenger: 0, flightId, bags }] });
    expect(asked.status).toBe(202);
    const paid = await t.http
      .post(pathOf(asked.body.bagOrder.payment.url as string))
      .type('form')
      .send({ card: CARD });
    expect(paid.status).toBe(200);
    await drain(t);
    return asked.body.bagOrder.due.amount as number;
  };
  const cancellationQuote = (b: Paid) =>
    t.http.get(`/api/v1/bookings/${b.pnr}/cancellation-quote`).set(bearer(b.token));
  const refunded = async (b: Paid, reason?: string) =>
    (await t.services.repos.payments.refundsForBooking(b.id))
      .filter((r) => r.status !== 'failed' && (!reason || r.reason === reason))
      .reduce((s, r) => s + r.amount, 0);
  const addedBags = async (b: Paid) => {
    const view = await t.http.get(`/api/v1/bookings/${b.pnr}`).set(bearer(b.token));
    return (view.body.passengers[0].checkedBags as { flightId: number; added: number }[]).map((c) => [
      c.flightId,
      c.added,
    ]);
  };

  /** The text of the last mail of this kind (dedupe key prefix) about the booking. */
  const lastMail = async (b: Paid, keyPrefix: string): Promise<string> => {
    const rows: { body_text: string }[] = await t.services.db.dataSource.query(
      'SELECT body_text FROM mail_outbox WHERE dedupe_key LIKE ? AND body_text LIKE ? ORDER BY id DESC',
      [`${keyPrefix}%`, `%${b.pnr}%`],
    );
    return rows[0]?.body_text ?? '';
  };

  describe('cancellation', () => {
    let s: Schedule;
    beforeAll(async () => {
      s = await schedule(t, 3);
    });

    it('Standard refunds the bags with the fare: the quote says so and the refund is what it said', async () => {
      const b = await paidOn(s.sameDay, 'standard');
      const before = await cancellationQuote(b);
      expect(before.status).toBe(200);
      const bags = await addBags(b, s.sameDay, 2);
      expect(bags).toBe(2 * extraBagPrice('standard', 'short', b.currency));
      const q = await cancellationQuote(b);
      expect(q.body.refund.amount).toBe(before.body.refund.amount + bags);
      expect(q.body.fee).toEqual(before.body.fee);
      expect(q.body.rule).toMatch(/extra bags refunded/);
      const res = await t.http
        .post(`/api/v1/bookings/${b.pnr}/cancel`)
        .set(bearer(b.token))
        .send({ quoteId: q.body.id });
      expect(res.status).toBe(200);
      expect(res.body.refund).toEqual(q.body.refund);
      // Over both payments: the booking's and the bags' (a provider never refunds more than a payment took).
      expect(await refunded(b, 'cancellation')).toBe(q.body.refund.amount);
      const bagPayment = (await t.services.repos.payments.forBooking(b.id)).find((p) => p.bagOrderId)!;
      const onBags = (await t.services.repos.payments.refundsForBooking(b.id)).filter(
        (r) => r.paymentId === bagPayment.id,
      );
      expect(onBags.reduce((n, r) => n + r.amount, 0)).toBe(bags);
    });

    it('Basic keeps the bags like the fare, and the quote says they are not refunded', async () => {
      const b = await paidOn(s.nextDay, 'basic');
      const before = await cancellationQuote(b);
      const bags = await addBags(b, s.nextDay, 1);
      const q = await cancellationQuote(b);
      expect(q.body.refund.amount).toBe(before.body.refund.amount);
      expect(q.body.fee.amount).toBe(before.body.fee.amount + bags);
      expect(q.body.rule).toMatch(/extra bags are not refunded/);
    });
  });

  it('a disruption refund gives back the bags too: everything paid', async () => {
    const s = await schedule(t, 3);
    const b = await paidOn(s.disrupted, 'basic');
    const bags = await addBags(b, s.disrupted, 1);
    const paid = (await t.services.repos.payments.forBooking(b.id)).filter((p) => p.status === 'succeeded');
    expect(paid).toHaveLength(2);
    const cancel = await t.http
      .post(`/api/v1/admin/flights/${s.disrupted}/cancel`)
      .set(bearer(admin))
      .send({ reason: 'crew shortage' });
    expect(cancel.status).toBe(200);
    await t.services.disruptions.notifyDue();
    const res = await t.http
      .post(`/api/v1/bookings/${b.pnr}/disruption/choice`)
      .set(bearer(b.token))
      .send({ offerId: 'refund' });
    expect(res.status).toBe(200);
    const total = paid.reduce((n, p) => n + p.amount, 0);
    expect(total).toBeGreaterThan(bags);
    expect(res.body.refund).toEqual({ amount: total, currency: b.currency });
    expect(await refunded(b, 'disruption')).toBe(total);
  });

  it('a rebooking onto another flight moves the bags, and its mail says so', async () => {
    const s = await schedule(t, 3);
    const b = await paidOn(s.disrupted, 'basic');
    await addBags(b, s.disrupted, 2);
    await t.http.post(`/api/v1/admin/flights/${s.disrupted}/cancel`).set(bearer(admin)).send({ reason: 'weather' });
    await t.services.disruptions.notifyDue();
    const d = (await t.http.get(`/api/v1/bookings/${b.pnr}/disruption`).set(bearer(b.token))).body.disruption;
    const direct = d.offers.find(
      (o: { kind: string; flights: unknown[] }) => o.kind === 'rebook' && o.flights.length === 1,
    );
    const res = await t.http
      .post(`/api/v1/bookings/${b.pnr}/disruption/choice`)
      .set(bearer(b.token))
      .send({ offerId: direct.id });
    expect(res.status).toBe(200);
    const to = direct.flights[0].flightId as number;
    expect(await addedBags(b)).toEqual([[to, 2]]);
    expect(await refunded(b, 'disruption_bags')).toBe(0);
    expect(await lastMail(b, 'disruption-rebooked:')).toMatch(/Your extra bags move to the new flights\./);
  });

  it('bags added after a long delay was told: the refund offer shows them and the refund gives them back', async () => {
    const s = await schedule(t, 3);
    const b = await paidOn(s.disrupted, 'standard');
    const delay = await t.http
      .post(`/api/v1/admin/flights/${s.disrupted}/delay`)
      .set(bearer(admin))
      .send({ departureTime: '16:00', reason: 'fog' });
    expect(delay.status).toBe(200);
    await t.services.disruptions.notifyDue();
    const bags = await addBags(b, s.disrupted, 1);
    const total = (await t.services.repos.payments.forBooking(b.id))
      .filter((p) => p.status === 'succeeded')
      .reduce((n, p) => n + p.amount, 0);
    const shown = await t.http.get(`/api/v1/bookings/${b.pnr}/disruption`).set(bearer(b.token));
    const offer = (shown.body.disruption.offers as { kind: string; amount: { amount: number } }[]).find(
      (o) => o.kind === 'refund',
    )!;
    expect(offer.amount.amount).toBe(total);
    expect(total).toBeGreaterThan(bags);
    const res = await t.http
      .post(`/api/v1/bookings/${b.pnr}/disruption/choice`)
      .set(bearer(b.token))
      .send({ offerId: 'refund' });
    expect(res.body.refund).toEqual({ amount: total, currency: b.currency });
  });

  it.each([
    // Days of their own: the offers are the earliest flights on the route, whoever's schedule made them.
    ['the next flight: the bags move to it', 6, (s: Schedule) => [s.sameDay], false],
    ['a connection: the bags are refunded in full', 9, (s: Schedule) => s.viaAms, true],
  ])('rebooked off a cancelled flight on %s', async (_name, days, to, refundsBags) => {
    const s = await schedule(t, days);
    const b = await paidOn(s.disrupted, 'basic');
    const bags = await addBags(b, s.disrupted, 2);
    await t.http
      .post(`/api/v1/admin/flights/${s.disrupted}/cancel`)
      .set(bearer(admin))
      .send({ reason: 'crew shortage' });
    await t.services.disruptions.notifyDue();
    const shown = await t.http.get(`/api/v1/bookings/${b.pnr}/disruption`).set(bearer(b.token));
    const flights = to(s);
    const offer = (shown.body.disruption.offers as { id: string; flights: { flightId: number }[] }[]).find(
      (o) => o.flights.map((f) => f.flightId).join() === flights.join(),
    )!;
    const res = await t.http
      .post(`/api/v1/bookings/${b.pnr}/disruption/choice`)
      .set(bearer(b.token))
      .send({ offerId: offer.id });
    expect(res.status).toBe(200);
    expect(await addedBags(b)).toEqual(flights.map((id) => [id, refundsBags ? 0 : 2]));
    expect(await refunded(b, 'disruption_bags')).toBe(refundsBags ? bags : 0);
  });

  describe('changing flights', () => {
    const quote = (b: Paid, flightIds: number[]) =>
      t.http.post(`/api/v1/bookings/${b.pnr}/changes/quote`).set(bearer(b.token)).send({ flightIds });
    const change = async (b: Paid, flightIds: number[]) => {
      const q = await quote(b, flightIds);
      expect(q.status).toBe(200);
      const accepted = { due: q.body.due.amount, refund: q.body.refund.amount };
      const r = await t.http
        .post(`/api/v1/bookings/${b.pnr}/changes`)
        .set(bearer(b.token))
        .send({ flightIds, accepted });
      expect([200, 202]).toContain(r.status);
      if (r.body.flightChange.payment) {
        const url = r.body.flightChange.payment.url as string;
        expect((await t.http.post(pathOf(url)).type('form').send({ card: CARD, action: 'pay' })).status).toBe(200);
      }
      await drain(t);
      return q.body;
    };

    it('one flight for one: the bags move to the new flight, nothing refunded', async () => {
      const s = await schedule(t, 3);
      const b = await paidOn(s.disrupted, 'flex');
      await addBags(b, s.disrupted, 2);
      const q = await change(b, [s.sameDay]);
      expect(q.bagsRefund.amount).toBe(0);
      expect(q.summary).toMatch(/Your extra bags move to the new flights\./);
      expect(await addedBags(b)).toEqual([[s.sameDay, 2]]);
      expect(await refunded(b, 'flight_change_bags')).toBe(0);
      expect(await lastMail(b, 'flight-change:')).toMatch(/Your extra bags move to the new flights\./);
    });

    it('a direct flight for a connection: the bags are refunded in full, as the quote said', async () => {
      const s = await schedule(t, 3);
      const b = await paidOn(s.disrupted, 'flex');
      const bags = await addBags(b, s.disrupted, 1);
      const q = await change(b, s.viaAms);
      expect(q.bagsRefund).toEqual({ amount: bags, currency: b.currency });
      expect(q.summary).toMatch(/extra bags you paid for on the flights you leave are refunded/);
      expect(await addedBags(b)).toEqual([
        [s.viaAms[0], 0],
        [s.viaAms[1], 0],
      ]);
      expect(await refunded(b, 'flight_change_bags')).toBe(bags);
      const money = formatMoney({ amount: bags, currency: b.currency });
      expect(await lastMail(b, 'flight-change:')).toContain(`are refunded (${money}).`);
      // A later cancellation no longer counts them.
      const c = await cancellationQuote(b);
      expect(c.body.rule).not.toMatch(/extra bags/);
    });
  });
});
