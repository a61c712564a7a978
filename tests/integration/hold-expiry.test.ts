import {
  bearer,
  book,
  bookingBody,
  countRows,
  expectError,
  MINUTE,
  nonstopFlight,
  nonstopOffers,
  pax,
  seatAvailable,
} from '../helpers/api-helpers';
import { durableDatabase, openInstance } from '../helpers/instances';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

const HOLD = 10;

describe.each(DB_TARGETS)('hold expiry (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 10, env: { HOLD_MINUTES: String(HOLD) } });
  }, 60_000);
  afterAll(() => t.close());

  const statusInDb = async (pnr: string) =>
    (
      (await t.services.db.dataSource.query('SELECT status FROM bookings WHERE pnr = ?', [pnr])) as { status: string }[]
    )[0]!.status;

  it('frees an expired hold’s seats at once, shows it expired, and the sweeper writes it down', async () => {
    const [first, second] = await Promise.all([t.token(), t.token()]);
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 6);
    const held = await book(
      t,
      first,
      bookingBody(
        [flight],
        [
          pax('Ada', 'Lovelace', '1985-12-10', { [flight]: '20A' }),
          pax('Bob', 'Lovelace', '1980-01-01', { [flight]: '20B' }),
        ],
      ),
    );
    expect(held.status).toBe(201);
    expect(held.body.holdExpiresAt).toBe(new Date(t.clock.now().getTime() + HOLD * MINUTE).toISOString());
    const pnr = held.body.pnr as string;
    expectError(
      await book(t, second, bookingBody([flight], [pax('Eve', 'Early', '1980-01-01', { [flight]: '20A' })])),
      409,
      'seat_unavailable',
    );

    t.clock.advance((HOLD + 1) * MINUTE);
    // Before any sweep: the seats are free for everyone, the booking reads as expired.
    expect(await seatAvailable(t, flight, '20A')).toBe(true);
    const date = (await t.services.repos.flights.findById(flight))!.departureDate;
    const offer = (await nonstopOffers(t, 'LHR', 'CDG', 0, { departureDate: date })).find(
      (o) => o.segments[0]!.flightId === flight,
    )!;
    expect(offer.fares[0]!.seatsLeft).toBe(156);
    const view = await t.http.get(`/api/v1/bookings/${pnr}`).set(bearer(first));
    expect(view.body).toMatchObject({ status: 'expired', holdExpiresAt: null });
    expect(view.body.passengers.map((p: { seats: object }) => p.seats)).toEqual([{}, {}]);
    expect(await statusInDb(pnr)).toBe('held');

    const taken = await book(t, second, bookingBody([flight], [pax('Eve', 'Late', '1980-01-01', { [flight]: '20A' })]));
    expect(taken.status).toBe(201);
    expectError(await t.http.post(`/api/v1/bookings/${pnr}/cancel`).set(bearer(first)), 409, 'booking_not_cancellable');
    expectError(
      await t.http
        .put(`/api/v1/bookings/${pnr}/seats`)
        .set(bearer(first))
        .send({ seats: [{ passenger: 0, flightId: flight, designator: '21A' }] }),
      409,
      'booking_not_changeable',
    );

    expect(await t.services.sweeper.sweep()).toBe(1);
    expect(await statusInDb(pnr)).toBe('expired');
    expect(
      await countRows(t, 'seats', "booking_id IN (SELECT id FROM bookings WHERE pnr = ?) AND state = 'booked'", [pnr]),
    ).toBe(0);
    // 20B stays free for anyone; 20A stays with its new holder.
    expect(await seatAvailable(t, flight, '20B')).toBe(true);
    expect(await seatAvailable(t, flight, '20A')).toBe(false);
    const winner = await t.http.get(`/api/v1/bookings/${taken.body.pnr}`).set(bearer(second));
    expect(winner.body).toMatchObject({ status: 'held' });
    expect(winner.body.passengers[0].seats).toEqual({ [flight]: '20A' });
    expect(await t.services.sweeper.sweep()).toBe(0);
  });

  it('the sweeper leaves holds that have not run out', async () => {
    const token = await t.token();
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 7);
    t.clock.advance((HOLD + 1) * MINUTE); // let every earlier hold run out and sweep them first
    await t.services.sweeper.sweep();
    const held = await book(t, token, bookingBody([flight], [pax('Ada', 'Lovelace')]));
    t.clock.advance((HOLD - 1) * MINUTE);
    expect(await t.services.sweeper.sweep()).toBe(0);
    expect(await statusInDb(held.body.pnr)).toBe('held');
    t.clock.advance(2 * MINUTE);
    expect(await t.services.sweeper.sweep()).toBe(1);
    expect(await statusInDb(held.body.pnr)).toBe('expired');
  });

  it('a hold never outlasts the flight’s closing time (45 minutes before departure)', async () => {
    const flight = (await t.services.repos.flights.findById(await nonstopFlight(t, 'LHR', 'CDG', 8)))!;
    const saved = t.clock.now();
    t.clock.set(new Date(flight.departureAt.getTime() - 50 * MINUTE));
    try {
      const r = await book(t, await t.token(), bookingBody([flight.id], [pax('Ada', 'Lovelace')]));
      expect(r.status).toBe(201);
      expect(r.body.holdExpiresAt).toBe(new Date(flight.departureAt.getTime() - 45 * MINUTE).toISOString());
      t.clock.advance(6 * MINUTE);
      expectError(await book(t, await t.token(), bookingBody([flight.id], [pax('Too', 'Late')])), 422, 'flight_closed');
    } finally {
      t.clock.set(saved);
    }
  });
});

describe.each(DB_TARGETS)('hold expiry across a restart (%s)', (target) => {
  it('a new instance on the same database sees the hold expired and sweeps it', async () => {
    const { config, drop } = await durableDatabase(target, { HOLD_MINUTES: String(HOLD), ACCESS_TOKEN_MINUTES: '120' });
    const start = new Date();
    try {
      const before = await openInstance(config, { now: start, seedDays: 8 });
      const user = await before.services.auth.createUser({
        email: 'restart@example.com',
        password: 'correct horse battery',
        firstName: 'Re',
        lastName: 'Start',
        role: 'traveller',
      });
      const token = (await before.services.auth.issue(user)).accessToken;
      const date = new Date(start.getTime() + 5 * 86_400_000).toISOString().slice(0, 10);
      const flight = (
        await before.http
          .get('/api/v1/flights/search')
          .query({ origin: 'LHR', destination: 'CDG', departureDate: date, nonStop: true })
      ).body.outbound[0].segments[0].flightId as number;
      const held = await before.http
        .post('/api/v1/bookings')
        .set(bearer(token))
        .send(bookingBody([flight], [pax('Ada', 'Lovelace', '1985-12-10', { [flight]: '14C' })]));
      expect(held.status).toBe(201);
      await before.close();

      // The server comes back after the hold ran out: nothing swept it meanwhile.
      const after = await openInstance(config, { now: new Date(start.getTime() + (HOLD + 5) * MINUTE) });
      try {
        const view = await after.http.get(`/api/v1/bookings/${held.body.pnr}`).set(bearer(token));
        expect(view.status).toBe(200);
        expect(view.body.status).toBe('expired');
        const map = await after.http.get(`/api/v1/flights/${flight}/seatmap`).query({ cabin: 'economy' });
        const seat = map.body.cabins[0].rows
          .flatMap((r: { seats: { designator: string; available: boolean }[] }) => r.seats)
          .find((s: { designator: string }) => s.designator === '14C');
        expect(seat.available).toBe(true);
        expect(await after.services.sweeper.sweep()).toBe(1);
        const rows = (await after.services.db.dataSource.query('SELECT status FROM bookings WHERE pnr = ?', [
          held.body.pnr,
        ])) as { status: string }[];
        expect(rows[0]!.status).toBe('expired');
        expect(await after.services.sweeper.sweep()).toBe(0);
      } finally {
        await after.close();
      }
    } finally {
      await drop();
    }
  }, 60_000);
});
