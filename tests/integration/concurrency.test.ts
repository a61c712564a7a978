import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * No overbooking: the hot-seat race and the whole-cabin rush, over real HTTP against the same
 * database. On MySQL the requests run through a connection pool, as several app instances would.
 */
describe.each(DB_TARGETS)('no overbooking (%s)', (target) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14, poolSize: 30 });
    token = await t.token();
  }, 60_000);
  afterAll(() => t.close());

  const date = () => new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  async function flight(origin: string, destination: string): Promise<{ id: number }> {
    const r = await t.http.get('/api/v1/flights/search').query({ origin, destination, departureDate: date(), nonStop: 'true' });
    return { id: r.body.outbound[0].segments[0].flightId };
  }
  const book = (flightId: number, seat?: string, cabin = 'economy') =>
    t.http
      .post('/api/v1/bookings')
      .set('Authorization', `Bearer ${token}`)
      .send({
        flights: [{ flightId, cabin, fareFamily: cabin === 'economy' ? 'basic' : 'flex' }],
        passengers: [{ firstName: 'Race', lastName: 'Runner', dateOfBirth: '1980-05-05', ...(seat ? { seats: { [flightId]: seat } } : {}) }],
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
