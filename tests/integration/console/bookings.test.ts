import { expectError } from '../../helpers/api-helpers';
import { drain, holdBooking, payWithStripe, type Held } from '../../helpers/payment-flow';
import { STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

describe.each(DB_TARGETS)('console: bookings (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  let paid: Held;
  const fake = new StripeFake();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 12, env: { ...STRIPE_ENV, ACCESS_TOKEN_MINUTES: '1440' } });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
    paid = await holdBooking(t, { email: 'grace.hopper@example.com' });
    await t.services.repos.bookings.findByPnr(paid.pnr);
    await payWithStripe(t, fake, paid);
    await drain(t);
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  const get = (token: string, path: string) =>
    t.http.get(`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`);
  const post = (token: string, path: string, body: object = {}) =>
    t.http.post(`/api/v1/console${path}`).set('Authorization', `Bearer ${token}`).send(body);

  test.each([
    ['reference', () => paid.pnr.toLowerCase()],
    ['email', () => 'GRACE.HOPPER@'],
    ['name', () => 'ada lovel'],
  ])('staff find a booking by %s; travellers are refused', async (_by, q) => {
    expectError(await get(traveller, `/bookings?q=${encodeURIComponent(q())}`), 403, 'not_an_agent');
    for (const token of [agent, admin]) {
      const res = await get(token, `/bookings?q=${encodeURIComponent(q())}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((b: { pnr: string }) => b.pnr)).toContain(paid.pnr);
    }
  });

  test('search by flight number and departure date', async () => {
    const page = (await get(agent, `/bookings/${paid.pnr}`)).body;
    const flight = page.booking.flights[0];
    const date = (flight.departureTime as string).slice(0, 10);
    const byFlight = await get(agent, `/bookings?q=${flight.flightNumber}&date=${date}`);
    expect(byFlight.body.items.map((b: { pnr: string }) => b.pnr)).toContain(paid.pnr);
    const otherDay = await get(agent, `/bookings?q=${flight.flightNumber}&date=2000-01-01`);
    expect(otherDay.body.items).toEqual([]);
    expectError(await get(agent, '/bookings?date=tomorrow'), 400, 'invalid_request');
  });

  test('the booking page: itinerary, passengers, payments, emails', async () => {
    expectError(await get(traveller, `/bookings/${paid.pnr}`), 403);
    const res = await get(agent, `/bookings/${paid.pnr}`);
    expect(res.status).toBe(200);
    expect(res.body.booking).toMatchObject({ pnr: paid.pnr, status: 'confirmed' });
    expect(res.body.payments[0]).toMatchObject({ status: 'succeeded' });
    expect(res.body.emails.map((m: { kind: string }) => m.kind)).toContain('booking_confirmation');
    expect((await get(admin, `/bookings/${paid.pnr}`)).status).toBe(200);
  });

  test('resend the confirmation: a new mail each time, audited with the agent', async () => {
    expectError(await post(traveller, `/bookings/${paid.pnr}/resend-confirmation`), 403);
    const before = (await get(agent, `/bookings/${paid.pnr}`)).body.emails.length as number;
    const res = await post(agent, `/bookings/${paid.pnr}/resend-confirmation`);
    expect(res.body).toEqual({ to: 'grace.hopper@example.com' });
    expect((await post(admin, `/bookings/${paid.pnr}/resend-confirmation`)).status).toBe(200);
    const page = (await get(agent, `/bookings/${paid.pnr}`)).body;
    expect(page.emails.length).toBe(before + 2);
    expect(page.history.map((h: { action: string }) => h.action)).toContain('booking.confirmation_resent');
  });

  test('change seats through the seat-change service: staff only, audited once with before and after', async () => {
    const held = await holdBooking(t, { email: 'seat.mover@example.com' });
    const map = await t.services.seatMaps.seatMap(held.flightId, { fareFamily: 'standard', cabin: 'economy' });
    const free = map.cabins[0]!.rows.flatMap((r) => r.seats).filter((x) => x.available && x.tier === 'standard');
    const body = { seats: [{ passenger: 0, flightId: held.flightId, designator: free[3]!.designator }] };
    const put = (token: string, b: object) =>
      t.http.put(`/api/v1/console/bookings/${held.pnr}/seats`).set('Authorization', `Bearer ${token}`).send(b);
    expectError(await put(traveller, body), 403, 'not_an_agent');
    expectError(await put(agent, { seats: [] }), 400, 'invalid_request');
    expectError(
      await put(agent, { seats: [{ passenger: 0, flightId: held.flightId, designator: '99Z' }] }),
      422,
      'invalid_seat',
    );
    const moved = await put(agent, body);
    expect(moved.status).toBe(200);
    expect(Object.values(moved.body.passengers[0].seats)).toEqual([free[3]!.designator]);
    const log = await t.services.repos.ops.auditFor('booking', held.pnr);
    const seatEntries = log.filter((e) => e.action === 'booking.seats_changed');
    expect(seatEntries).toHaveLength(1);
    expect(seatEntries[0]).toMatchObject({
      actorRole: 'agent',
      after: { seats: { 0: { [held.flightId]: free[3]!.designator } } },
    });
  });

  test('cancel with the fee waived: needs a reason, refunds in full, audited before/after', async () => {
    expectError(await post(traveller, `/bookings/${paid.pnr}/cancellation-quote`, { waiveFee: true }), 403);
    expectError(await post(agent, `/bookings/${paid.pnr}/cancellation-quote`, { waiveFee: true }), 422);
    const quote = await post(agent, `/bookings/${paid.pnr}/cancellation-quote`, {
      waiveFee: true,
      reason: 'flight schedule changed',
    });
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({ waived: true, refund: { amount: paid.total } });
    expectError(await post(traveller, `/bookings/${paid.pnr}/cancel`, { quoteId: quote.body.id }), 403);
    const cancelled = await post(agent, `/bookings/${paid.pnr}/cancel`, { quoteId: quote.body.id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expectError(await post(admin, `/bookings/${paid.pnr}/cancel`, { quoteId: quote.body.id }), 409, 'quote_used');
    const page = (await get(admin, `/bookings/${paid.pnr}`)).body;
    expect(page.refunds[0]).toMatchObject({ amount: { amount: paid.total } });
    expect(page.history.find((h: { action: string }) => h.action === 'booking.cancelled')).toMatchObject({
      before: { status: 'confirmed' },
      after: { status: 'cancelled' },
    });
  });
});
