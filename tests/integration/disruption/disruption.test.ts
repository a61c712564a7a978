import { bearer, countRows, expectError, pax } from '../../helpers/api-helpers';
import { drain } from '../../helpers/payment-flow';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { auth, paidOn, type Schedule, schedule, SYSTEM, toldCount } from './disruption-helpers';

const ENV = { DISRUPTION_REBOOK_OPTIONS: '3', DISRUPTION_DELAY_THRESHOLD_MINUTES: '120' };

describe.each(DB_TARGETS)('flight disruptions (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 0, env: ENV });
    [admin, agent] = await Promise.all([t.token('admin'), t.token('agent')]);
  }, 90_000);
  afterAll(() => t?.close());

  const cancel = (flightId: number) =>
    t.http.post(`/api/v1/admin/flights/${flightId}/cancel`).set(bearer(admin)).send({ reason: 'crew shortage' });
  const delay = (flightId: number, departureTime: string) =>
    t.http.post(`/api/v1/admin/flights/${flightId}/delay`).set(bearer(admin)).send({ departureTime, reason: 'fog' });
  const disruptionOf = (b: { pnr: string; token: string }) =>
    t.http.get(`/api/v1/bookings/${b.pnr}/disruption`).set(bearer(b.token));
  const choose = (b: { pnr: string; token: string }, offerId: string) =>
    t.http.post(`/api/v1/bookings/${b.pnr}/disruption/choice`).set(bearer(b.token)).send({ offerId });
  const rebookFlights = (body: { offers: { kind: string; flights: { flightId: number }[] }[] }) =>
    body.offers.filter((o) => o.kind === 'rebook').map((o) => o.flights.map((f) => f.flightId));

  it('tells every booking on a cancelled flight once, by mail and event, and offers the next flights and a refund', async () => {
    const s: Schedule = await schedule(t, 2);
    const one = await paidOn(t, s.disrupted);
    const two = await paidOn(t, s.disrupted, [pax('Grace', 'Hopper'), pax('Alan', 'Turing')]);
    const res = await cancel(s.disrupted);
    expect(res.status).toBe(200);
    expect(res.body.affectedBookings.sort()).toEqual([one.pnr, two.pnr].sort());
    // However often and however many passes run (retries, other instances), each booking is told once.
    await Promise.all([t.services.disruptions.notifyDue(), t.services.disruptions.notifyDue()]);
    await t.services.disruptions.notifyDue();
    await drain(t);
    for (const b of [one, two]) expect(await toldCount(t, b.pnr)).toEqual({ events: 1, mails: 1, rows: 1 });
    const got = await disruptionOf(two);
    expect(got.status).toBe(200);
    const d = got.body.disruption;
    expect(d).toMatchObject({ kind: 'cancelled', status: 'open', choice: null, pnr: two.pnr });
    // Same day direct, same day via Amsterdam, next day; never two days later; then the full refund.
    expect(rebookFlights(d)).toEqual(expect.arrayContaining([[s.sameDay], s.viaAms, [s.nextDay]]));
    expect(rebookFlights(d)).toHaveLength(3);
    expect(d.offers.map((o: { kind: string }) => o.kind)).toEqual(['rebook', 'rebook', 'rebook', 'refund']);
    const paid = (
      await t.services.repos.payments.forBooking((await t.services.repos.bookings.findByPnr(two.pnr))!.booking.id)
    )[0]!;
    expect(d.offers[3].amount).toEqual({ amount: paid.amount, currency: paid.currency });
    // Each rebooking offer holds a seat per passenger on each flight, the party side by side.
    const rebook = d.offers.find((o: { flights: unknown[] }) => o.flights.length === 1);
    expect(rebook.seats).toHaveLength(2);
    const rows = rebook.seats.map((x: { designator: string }) => x.designator.replace(/\D/g, ''));
    expect(rows[0]).toBe(rows[1]);
    expect(d.expiresAt).toEqual(expect.any(String));
    // The chat hears of it (the event), the mail lists the choices.
    const mail: { body_text: string }[] = await t.services.db.dataSource.query(
      'SELECT body_text FROM mail_outbox WHERE dedupe_key = ?',
      [`disruption:${d.disruptionId}:${two.pnr}`],
    );
    expect(mail[0]!.body_text).toMatch(/cancelled[\s\S]*full refund/);
  });

  it('a delay under the threshold is only told; over it offers accept, another flight or a refund', async () => {
    const s = await schedule(t, 5);
    const short = await paidOn(t, s.disrupted);
    expect((await delay(s.disrupted, '11:30')).status).toBe(200);
    await t.services.disruptions.notifyDue();
    const told = (await disruptionOf(short)).body.disruption;
    expect(told).toMatchObject({ kind: 'delayed', status: 'informed', delayMinutes: 90, offers: [] });
    expectError(await choose(short, 'accept'), 409, 'nothing_to_choose');

    const s2 = await schedule(t, 8);
    const long = await paidOn(t, s2.disrupted);
    expect((await delay(s2.disrupted, '13:00')).status).toBe(200);
    await t.services.disruptions.notifyDue();
    const d = (await disruptionOf(long)).body.disruption;
    expect(d).toMatchObject({ status: 'open', delayMinutes: 180 });
    expect(d.offers[0].kind).toBe('accept');
    expect(d.offers.at(-1).kind).toBe('refund');
    expect(rebookFlights(d).length).toBeGreaterThan(0);
    const accepted = await choose(long, 'accept');
    expect(accepted.status).toBe(200);
    expect(accepted.body.disruption).toMatchObject({ status: 'accepted', choice: { kind: 'accept' }, offers: [] });
    // The other offers' seats went back.
    const longId = (await t.services.repos.bookings.findByPnr(long.pnr))!.booking.id;
    expect(await countRows(t, 'seats', "booking_id = ? AND state = 'held'", [longId])).toBe(0);
    expectError(await choose(long, 'refund'), 409, 'disruption_answered');
  });

  it('a refund cancels the booking and gives back everything paid', async () => {
    const s = await schedule(t, 11);
    const b = await paidOn(t, s.disrupted);
    await cancel(s.disrupted);
    await t.services.disruptions.notifyDue();
    const res = await choose(b, 'refund');
    expect(res.status).toBe(200);
    expect(res.body.booking.status).toBe('cancelled');
    const id = (await t.services.repos.bookings.findByPnr(b.pnr))!.booking.id;
    const paid = (await t.services.repos.payments.forBooking(id))[0]!;
    expect(res.body.refund).toEqual({ amount: paid.amount, currency: paid.currency });
    expect(await countRows(t, 'refunds', "booking_id = ? AND reason = 'disruption'", [id])).toBe(1);
    expect(await countRows(t, 'seats', 'booking_id = ?', [id])).toBe(0);
  });

  it('rebooking moves the booking to the offered flights with reissued tickets and an update mail', async () => {
    const s = await schedule(t, 14);
    const b = await paidOn(t, s.disrupted, [pax('Grace', 'Hopper'), pax('Alan', 'Turing')]);
    const before = (await t.services.repos.bookings.findByPnr(b.pnr))!;
    const oldTickets = before.passengers.map((p) => p.ticketNumber);
    await cancel(s.disrupted);
    await t.services.disruptions.notifyDue();
    const d = (await disruptionOf(b)).body.disruption;
    const via = d.offers.find((o: { flights: unknown[] }) => o.flights.length === 2);
    const res = await choose(b, via.id);
    expect(res.status).toBe(200);
    expect(res.body.disruption).toMatchObject({ status: 'rebooked', choice: { offerId: via.id, kind: 'rebook' } });
    const after = (await t.services.repos.bookings.findByPnr(b.pnr))!;
    expect(via.flights.map((f: { flightId: number }) => f.flightId)).toEqual(s.viaAms);
    expect(after.segments.map((x) => x.flightId)).toEqual(s.viaAms);
    const seats = await t.services.repos.seats.forBooking(before.booking.id);
    expect(seats.every((x) => x.state === 'booked')).toBe(true);
    expect(seats.map((x) => x.flightId).sort()).toEqual([...s.viaAms, ...s.viaAms].sort());
    // The offered seats are the ones booked.
    expect(seats.map((x) => `${x.flightId}:${x.designator}`).sort()).toEqual(
      via.seats.map((x: { flightId: number; designator: string }) => `${x.flightId}:${x.designator}`).sort(),
    );
    const newTickets = after.passengers.map((p) => p.ticketNumber);
    expect(newTickets.every((n) => n && !oldTickets.includes(n))).toBe(true);
    expect(res.body.booking.passengers[0].seats[String(s.viaAms[0])]).toEqual(expect.any(String));
    expect(
      await countRows(t, 'mail_outbox', 'dedupe_key = ?', [`disruption-rebooked:${d.disruptionId}:${b.pnr}`]),
    ).toBe(1);
    // No held seat of the other offers is left behind.
    expect(await countRows(t, 'seats', "booking_id = ? AND state = 'held'", [before.booking.id])).toBe(0);
    expectError(await choose(b, 'refund'), 409, 'disruption_answered');
  });

  it('reports to agents and admins who chose what; travellers may not read it or disrupt flights', async () => {
    const s = await schedule(t, 17);
    const a = await paidOn(t, s.disrupted);
    const b = await paidOn(t, s.disrupted);
    const res = await cancel(s.disrupted);
    await t.services.disruptions.notifyDue();
    await choose(a, 'refund');
    const id = res.body.disruptionId as number;
    // A signed-in traveller's bookings still waiting for an answer ("my flight was cancelled, what now?").
    const ownerOf = async (pnr: string) => (await t.services.repos.bookings.findByPnr(pnr))!.booking.userId!;
    const traveller = async (pnr: string) => ({
      kind: 'user' as const,
      userId: await ownerOf(pnr),
      role: 'traveller' as const,
    });
    expect((await t.services.disruptions.openFor(await traveller(b.pnr))).map((d) => d.pnr)).toEqual([b.pnr]);
    expect(await t.services.disruptions.openFor(await traveller(a.pnr))).toEqual([]);
    for (const token of [agent, admin]) {
      const report = await t.http.get(`/api/v1/admin/disruptions/${id}`).set(bearer(token));
      expect(report.status).toBe(200);
      expect(report.body).toMatchObject({ affected: 2, notified: 2, counts: { refunded: 1, open: 1 } });
      const lines = Object.fromEntries(report.body.lines.map((l: { pnr: string }) => [l.pnr, l]));
      expect(lines[a.pnr]).toMatchObject({ status: 'refunded', choice: 'refund', answeredAt: expect.any(String) });
      expect(lines[b.pnr]).toMatchObject({ status: 'open', choice: null, answeredAt: null });
      const list = await t.http.get('/api/v1/admin/disruptions').set(bearer(token));
      expect(list.body.items[0]).toMatchObject({ disruptionId: id, affected: 2, unanswered: 1 });
    }
    expectError(await t.http.get(`/api/v1/admin/disruptions/${id}`).set(auth(b)), 403, 'forbidden');
    expectError(await t.http.get('/api/v1/admin/disruptions').set(auth(b)), 403, 'forbidden');
    const other = await schedule(t, 20);
    for (const token of [agent, b.token])
      expectError(
        await t.http
          .post(`/api/v1/admin/flights/${other.disrupted}/cancel`)
          .set(bearer(token))
          .send({ reason: 'x y z' }),
        403,
        'forbidden',
      );
    // Someone else's booking is not found (not forbidden: that would tell it exists).
    expectError(await t.http.get(`/api/v1/bookings/${a.pnr}/disruption`).set(auth(b)), 404, 'booking_not_found');
    expectError(await choose({ pnr: b.pnr, token: b.token }, 'rebook-9'), 404, 'offer_not_found');
    expectError(await cancel(s.disrupted), 409, 'flight_cancelled');
  });

  it('the console marks a disruption through the same service', async () => {
    const s = await schedule(t, 23);
    const b = await paidOn(t, s.disrupted);
    await t.services.disruptions.disrupt(SYSTEM, s.sameDay, { kind: 'cancelled', reason: 'aircraft swap' });
    const res = await t.http
      .post(`/api/v1/console/schedule/${s.disrupted}/disruption`)
      .set(bearer(admin))
      .send({ kind: 'delayed', departureTime: '14:00', reason: 'late inbound aircraft' });
    expect(res.status).toBe(200);
    await t.services.disruptions.notifyDue();
    const d = (await disruptionOf(b)).body.disruption;
    expect(d).toMatchObject({ kind: 'delayed', delayMinutes: 240, status: 'open' });
    // The cancelled same-day flight is not offered.
    expect(rebookFlights(d).flat()).not.toContain(s.sameDay);
    const report = await t.http.get(`/api/v1/console/disruptions/${d.disruptionId}`).set(bearer(agent));
    expect(report.status).toBe(200);
    expect(report.body.lines).toHaveLength(1);
  });
});
