import { type Instance, openInstance } from '../helpers/instances';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

// These races prove that no seat is sold twice, not how long a burst waits: on a loaded CI machine a burst of a
// whole cabin can wait for a pooled connection longer than production's fast-503 bound, so the wait is widened here.
const RACE_ENV = { DATABASE_TIMEOUT_MS: '30000' };

/**
 * No overbooking: the hot-seat race and the whole-cabin rush, over real HTTP against the same
 * database. On MySQL the requests run through a connection pool, as several app instances would.
 */
describe.each(DB_TARGETS)('no overbooking (%s)', (target) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14, poolSize: 30, env: RACE_ENV });
    token = await t.token();
  }, 60_000);
  afterAll(() => t.close());

  const date = () => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  async function flight(origin: string, destination: string): Promise<{ id: number }> {
    const r = await t.http
      .get('/api/v1/flights/search')
      .query({ origin, destination, departureDate: date(), nonStop: 'true' });
    return { id: r.body.outbound[0].segments[0].flightId };
  }
  const book = (flightId: number, seat?: string, cabin = 'economy') =>
    t.http
      .post('/api/v1/bookings')
      .set('Authorization', `Bearer ${token}`)
      .send({
        flights: [{ flightId, cabin, fareFamily: cabin === 'economy' ? 'basic' : 'flex' }],
        passengers: [
          {
            firstName: 'Race',
            lastName: 'Runner',
            dateOfBirth: '1980-05-05',
            ...(seat ? { seats: { [flightId]: seat } } : {}),
          },
        ],
        contact: { email: 'race@example.com' },
      });

  it('200 concurrent requests for one seat: exactly one wins, the rest 409, no 5xx', async () => {
    const { id } = await flight('LHR', 'CDG');
    const results = await Promise.all(Array.from({ length: 200 }, () => book(id, '15C')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'seat_unavailable')).toBe(true);
  }, 120_000);

  it('3x a cabin of concurrent bookings without seat choice: exactly the free seats win', async () => {
    const { id } = await flight('LHR', 'JFK');
    const map = await t.http.get(`/api/v1/flights/${id}/seatmap`).query({ cabin: 'business' });
    const free = map.body.cabins[0].seatsAvailable as number;
    expect(free).toBeGreaterThan(0);
    const results = await Promise.all(Array.from({ length: free * 3 }, () => book(id, undefined, 'business')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(free);
    expect(statuses.filter((s) => s === 409)).toHaveLength(free * 2);
    const after = await t.http.get(`/api/v1/flights/${id}/seatmap`).query({ cabin: 'business' });
    expect(after.body.cabins[0].seatsAvailable).toBe(0);
  }, 120_000);
});

/**
 * Two independent app instances (two DataSources with their own pools, two service graphs) on the same
 * MySQL database, as behind a load balancer. MySQL only: SQLite is one process's file. On runs without
 * TEST_MYSQL_URL the list below is empty and no such cases exist.
 */
const MYSQL_TARGETS = DB_TARGETS.filter((target) => target === 'mysql');
if (MYSQL_TARGETS.length > 0) {
  describe.each(MYSQL_TARGETS)('no overbooking across two app instances (%s)', () => {
    let t: TestApp;
    let other: Instance;
    let token: string;
    beforeAll(async () => {
      t = await createTestApp({ target: 'mysql', days: 14, poolSize: 30, env: RACE_ENV });
      // Same configuration (database, JWT secret) and the same clock: a second server of one deployment.
      other = await openInstance(t.services.config, { clock: t.clock, poolSize: 30 });
      token = await t.token();
    }, 60_000);
    afterAll(async () => {
      await other.close();
      await t.close();
    });

    const date = () => new Date(t.clock.now().getTime() + 8 * 86_400_000).toISOString().slice(0, 10);
    const servers = () => [t.http, other.http];
    async function flight(origin: string, destination: string): Promise<number> {
      const r = await other.http
        .get('/api/v1/flights/search')
        .query({ origin, destination, departureDate: date(), nonStop: true, sort: 'departure' });
      return r.body.outbound[0].segments[0].flightId;
    }
    const book = (i: number, flightId: number, seat?: string, cabin = 'economy') =>
      servers()
        .at(i % 2)!
        .post('/api/v1/bookings')
        .set('Authorization', `Bearer ${token}`)
        .send({
          flights: [{ flightId, cabin, fareFamily: cabin === 'economy' ? 'basic' : 'flex' }],
          passengers: [
            {
              firstName: 'Race',
              lastName: `Runner`,
              dateOfBirth: '1980-05-05',
              ...(seat ? { seats: { [flightId]: seat } } : {}),
            },
          ],
          contact: { email: 'race@example.com' },
        });
    const count = async (sql: string, params: unknown[]) =>
      Number(((await t.services.db.dataSource.query(sql, params)) as { n: string }[])[0]!.n);
    const available = async (flightId: number, cabin: string) =>
      Promise.all(
        servers().map(
          async (s) =>
            (await s.get(`/api/v1/flights/${flightId}/seatmap`).query({ cabin })).body.cabins[0]
              .seatsAvailable as number,
        ),
      );

    it('240 requests for one seat split over both instances: exactly one wins, no 5xx', async () => {
      const id = await flight('LHR', 'CDG');
      const results = await Promise.all(Array.from({ length: 240 }, (_, i) => book(i, id, '15C')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(
        results
          .filter((r) => r.status !== 201)
          .every((r) => r.status === 409 && r.body.error.code === 'seat_unavailable'),
      ).toBe(true);
      expect(await count("SELECT COUNT(*) AS n FROM seats WHERE flight_id = ? AND state <> 'free'", [id])).toBe(1);
      expect(
        await count(
          'SELECT COUNT(*) AS n FROM bookings b JOIN booking_segments s ON s.booking_id = b.id WHERE s.flight_id = ?',
          [id],
        ),
      ).toBe(1);
      expect(await available(id, 'economy')).toEqual([155, 155]);
    }, 120_000);

    it('3× a cabin of bookings over both instances: exactly the free seats win, then none are left', async () => {
      const id = await flight('LHR', 'JFK');
      const [free] = await available(id, 'business');
      expect(free).toBe(36);
      const results = await Promise.all(
        Array.from({ length: free! * 3 }, (_, i) => book(i, id, undefined, 'business')),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(free!);
      expect(statuses.filter((s) => s === 409)).toHaveLength(free! * 2);
      expect(await available(id, 'business')).toEqual([0, 0]);
      const held = (await t.services.db.dataSource.query(
        "SELECT booking_id FROM seats WHERE flight_id = ? AND cabin = 'business' AND state = 'held'",
        [id],
      )) as { booking_id: number }[];
      expect(held).toHaveLength(free!);
      expect(new Set(held.map((r) => r.booking_id)).size).toBe(free); // one seat per booking, no seat twice
    }, 120_000);
  });
}
