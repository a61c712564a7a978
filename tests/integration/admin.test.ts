import { localToInstant } from '../../api/domain/time';
import {
  bearer,
  book,
  bookingBody,
  DAY,
  expectError,
  localDateAhead,
  nonstopFlight,
  type OfferJson,
  pax,
  search,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('back office (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  let n = 9000;
  beforeAll(async () => {
    // The test clock runs a month ahead of the wall clock: the schedule must follow the injected clock.
    t = await createTestApp({ target, days: 14, now: new Date(Date.now() + 30 * DAY) });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
  }, 60_000);
  afterAll(() => t.close());

  const newFlight = (over: Record<string, unknown> = {}) => ({
    airline: 'BA',
    flightNumber: ++n,
    origin: 'LHR',
    destination: 'VIE',
    departureDate: localDateAhead(t, 5, 'Europe/London'),
    departureTime: '09:30',
    aircraft: '320',
    ...over,
  });
  const create = (token: string | undefined, body: unknown) => {
    const req = t.http.post('/api/v1/admin/flights');
    if (token) req.set(bearer(token));
    return req.send(body as object);
  };

  it('admins create flights that travellers can then find and book', async () => {
    const body = newFlight();
    const r = await create(admin, body);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      flightNumber: `BA${body.flightNumber}`,
      origin: { code: 'LHR' },
      destination: { code: 'VIE' },
      aircraft: { code: '320' },
      status: 'scheduled',
    });
    expect(r.body.departureTime.slice(0, 16)).toBe(`${body.departureDate}T09:30`);
    expect(r.body.durationMinutes).toBeGreaterThan(90);
    const offers = (
      await search(t, { origin: 'LHR', destination: 'VIE', departureDate: body.departureDate, nonStop: true })
    ).body.outbound as OfferJson[];
    expect(offers.map((o) => o.segments[0]!.flightId)).toContain(r.body.flightId);
    expect((await book(t, traveller, bookingBody([r.body.flightId], [pax('Ada', 'Lovelace')]))).status).toBe(201);
    const audit = await t.services.repos.ops.auditFor('flight', String(r.body.flightId));
    expect(audit.map((a) => a.action)).toEqual(['flight.created']);
  });

  it.each([
    ['an unknown airline', () => newFlight({ airline: 'QQ' }), 422, 'unknown_airline'],
    ['an unknown airport', () => newFlight({ destination: 'QQQ' }), 422, 'unknown_airport'],
    ['an unknown aircraft', () => newFlight({ aircraft: 'B52' }), 422, 'unknown_aircraft'],
    ['the same origin and destination', () => newFlight({ destination: 'LHR' }), 422, 'same_origin_destination'],
    [
      'a departure earlier today (by the clock)',
      () => newFlight({ departureDate: localDateAhead(t, 0, 'Europe/London'), departureTime: '00:00' }),
      422,
      'departure_in_past',
    ],
    [
      'a departure yesterday (by the clock)',
      () => newFlight({ departureDate: localDateAhead(t, -1, 'Europe/London') }),
      422,
      'departure_in_past',
    ],
    ['a malformed time', () => newFlight({ departureTime: '9.30' }), 400, 'invalid_request'],
    ['an unknown field', () => newFlight({ gate: 'B32' }), 400, 'invalid_request'],
  ])('refuses to create %s', async (_what, body, status, code) => {
    expectError(await create(admin, body()), status, code);
  });

  it.each([
    ['a fare of 2^53 − 1', { baseFare: Number.MAX_SAFE_INTEGER }, 'baseFare'],
    ['a fare above 100,000.00', { baseFare: 10_000_001 }, 'baseFare'],
    ['a departure on 9999-12-31', { departureDate: '9999-12-31' }, 'departureDate'],
    ['a departure three years ahead', { departureDate: '2099-01-01' }, 'departureDate'],
  ])('refuses %s with 422 naming the field, on create and on change', async (_what, over, field) => {
    const r = await create(admin, newFlight(over));
    expectError(r, 422, 'out_of_range');
    expect(r.body.error.details).toMatchObject({ field });
    expect(r.body.error.message).toMatch(new RegExp(`^${field} `));
    const made = await create(admin, newFlight());
    expect(made.status).toBe(201);
    const patched = await t.http.patch(`/api/v1/admin/flights/${made.body.flightId}`).set(bearer(admin)).send(over);
    expectError(patched, 422, 'out_of_range');
    expect(patched.body.error.details).toMatchObject({ field });
  });

  it('refuses a flight number that already flies that day (409)', async () => {
    const body = newFlight();
    expect((await create(admin, body)).status).toBe(201);
    expectError(await create(admin, { ...body, departureTime: '19:00' }), 409, 'flight_exists');
  });

  it('admins retime flights (local time at the origin) and list them', async () => {
    const created = (await create(admin, newFlight())).body;
    const date = localDateAhead(t, 6, 'Europe/London');
    const r = await t.http
      .patch(`/api/v1/admin/flights/${created.flightId}`)
      .set(bearer(admin))
      .send({ departureDate: date, departureTime: '17:45', durationMinutes: 140 });
    expect(r.status).toBe(200);
    expect(r.body.departureUtc).toBe(localToInstant(date, '17:45', 'Europe/London').toISOString());
    expect(r.body.durationMinutes).toBe(140);
    expect(Date.parse(r.body.arrivalUtc) - Date.parse(r.body.departureUtc)).toBe(140 * 60_000);
    const list = await t.http
      .get('/api/v1/admin/flights')
      .set(bearer(admin))
      .query({ origin: 'LHR', destination: 'VIE', date });
    expect(list.status).toBe(200);
    expect(list.body.items.map((f: { flightId: number }) => f.flightId)).toContain(created.flightId);
    expectError(
      await t.http.patch(`/api/v1/admin/flights/${created.flightId}`).set(bearer(admin)).send({}),
      400,
      'invalid_request',
    );
    expectError(
      await t.http.patch('/api/v1/admin/flights/999999').set(bearer(admin)).send({ durationMinutes: 100 }),
      404,
      'flight_not_found',
    );
  });

  it('admins cancel flights: affected bookings are listed, the flight leaves search and cannot be booked', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'MAD', 8);
    const held = await book(t, traveller, bookingBody([flight], [pax('Ada', 'Lovelace')]));
    const r = await t.http
      .post(`/api/v1/admin/flights/${flight}/cancel`)
      .set(bearer(admin))
      .send({ reason: 'Aircraft unserviceable' });
    expect(r.status).toBe(200);
    expect(r.body.flight).toMatchObject({ flightId: flight, status: 'cancelled' });
    expect(r.body.affectedBookings).toEqual([held.body.pnr]);
    const date = (await t.services.repos.flights.findById(flight))!.departureDate;
    const offers = (await search(t, { origin: 'LHR', destination: 'MAD', departureDate: date, nonStop: true })).body
      .outbound as OfferJson[];
    expect(offers.map((o) => o.segments[0]!.flightId)).not.toContain(flight);
    expectError(await book(t, traveller, bookingBody([flight], [pax('Ada', 'Lovelace')])), 422, 'flight_cancelled');
    expectError(
      await t.http.post(`/api/v1/admin/flights/${flight}/cancel`).set(bearer(admin)).send({ reason: '' }),
      400,
      'invalid_request',
    );
    expectError(
      await t.http.patch(`/api/v1/admin/flights/${flight}`).set(bearer(admin)).send({ durationMinutes: 100 }),
      409,
      'flight_cancelled',
    );
  });

  it.each(['traveller', 'agent'] as const)('a %s may not touch the schedule (403)', async (role) => {
    const token = role === 'agent' ? agent : traveller;
    const flight = await nonstopFlight(t, 'LHR', 'MAD', 9);
    expectError(await create(token, newFlight()), 403, 'forbidden');
    expectError(
      await t.http.patch(`/api/v1/admin/flights/${flight}`).set(bearer(token)).send({ durationMinutes: 100 }),
      403,
      'forbidden',
    );
    expectError(
      await t.http.post(`/api/v1/admin/flights/${flight}/cancel`).set(bearer(token)).send({ reason: 'because' }),
      403,
      'forbidden',
    );
    expectError(await t.http.get('/api/v1/admin/flights').set(bearer(token)), 403, 'forbidden');
    expect((await t.services.repos.flights.findById(flight))!.status).toBe('scheduled');
  });

  it('anonymous callers must sign in (401)', async () => {
    expectError(await create(undefined, newFlight()), 401, 'sign_in_required');
    expectError(await t.http.get('/api/v1/admin/bookings'), 401, 'sign_in_required');
  });

  it('agents and admins search bookings; travellers may not', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'MAD', 10);
    const b = (
      await book(
        t,
        traveller,
        bookingBody([flight], [pax('Katherine', 'Johnson')], { contact: { email: 'kj@example.com' } }),
      )
    ).body;
    for (const token of [agent, admin]) {
      for (const query of [
        { pnr: b.pnr.toLowerCase() },
        { lastName: 'johnson' },
        { email: 'KJ@example.com' },
        { flightId: String(flight) },
        { status: 'held', pnr: b.pnr },
      ]) {
        const r = await t.http.get('/api/v1/admin/bookings').set(bearer(token)).query(query);
        expect(r.status).toBe(200);
        expect(r.body.items.map((x: { pnr: string }) => x.pnr)).toEqual([b.pnr]);
        expect(r.body.total).toBe(1);
        expect(r.body.items[0].masked).toBe(false);
      }
    }
    const none = await t.http
      .get('/api/v1/admin/bookings')
      .set(bearer(agent))
      .query({ status: 'confirmed', pnr: b.pnr });
    expect(none.body).toEqual({ items: [], total: 0 });
    expectError(
      await t.http.get('/api/v1/admin/bookings').set(bearer(traveller)).query({ pnr: b.pnr }),
      403,
      'forbidden',
    );
  });
});
