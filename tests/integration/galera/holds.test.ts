import { ManualClock } from '../../../api/services/clock';
import { describeOnGalera, galeraDatabase, type GaleraDatabase, holdIntegrityProblems } from '../../helpers/galera';
import { type Instance, openInstance } from '../../helpers/instances';

/**
 * No overbooking on a multi-primary cluster: two app instances on two different Galera nodes race for one
 * seat and for a whole cabin, round after round; after the races every node is checked in SQL.
 * Conflicting writes from the two nodes are found at commit (certification) and retried by the losing
 * instance. The grouped multi-statement hold path must not run here (see api/db/topology.ts).
 */
describeOnGalera('seat holds on a Galera cluster, two instances on two nodes', () => {
  const ROUNDS = 20;
  let cluster: GaleraDatabase;
  let a: Instance;
  let b: Instance;
  let token: string;
  const acknowledged: string[] = [];

  beforeAll(async () => {
    cluster = await galeraDatabase();
    const clock = new ManualClock(new Date());
    a = await openInstance(cluster.configs[0]!, { clock, poolSize: 16, seedDays: 3 });
    b = await openInstance(cluster.configs[1]!, { clock, poolSize: 16 });
    const user = await a.services.auth.createUser({
      email: 'racer@example.com',
      password: 'correct horse battery staple',
      firstName: 'Race',
      lastName: 'Runner',
      role: 'traveller',
    });
    token = (await a.services.auth.issue(user)).accessToken;
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await cluster?.drop();
  });

  const EUROPE = ['CDG', 'AMS', 'FRA', 'MAD', 'FCO', 'EDI'];

  /** Nonstop flights from Heathrow over the next two days, as instance B (on the second node) finds them. */
  async function flights(): Promise<number[]> {
    const ids: number[] = [];
    for (const days of [1, 2])
      for (const destination of EUROPE) {
        const departureDate = new Date(a.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
        const r = await b.http
          .get('/api/v1/flights/search')
          .query({ origin: 'LHR', destination, departureDate, nonStop: 'true', sort: 'departure' });
        for (const o of r.body.outbound as { segments: { flightId: number }[] }[]) ids.push(o.segments[0]!.flightId);
      }
    return ids;
  }

  const book = (i: number, flightId: number, cabin: string, seat?: string) =>
    (i % 2 === 0 ? a : b).http
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

  it('runs the one-hold-per-transaction path on both instances (no grouped writes under wsrep)', () => {
    expect(a.services.db.topology).toBe('galera');
    expect(a.services.db.batches).toBeNull();
    expect(b.services.db.batches).toBeNull();
  });

  it(`${ROUNDS} rounds of a one-seat race split over both nodes: exactly one 201 per round, no 5xx`, async () => {
    const ids = await flights();
    expect(ids.length).toBeGreaterThanOrEqual(ROUNDS);
    for (const id of ids.slice(0, ROUNDS)) {
      const results = await Promise.all(Array.from({ length: 16 }, (_, i) => book(i, id, 'economy', '12C')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status !== 201).every((r) => r.body.error?.code === 'seat_unavailable')).toBe(
        true,
      );
      acknowledged.push(...results.filter((r) => r.status === 201).map((r) => r.body.pnr as string));
    }
  }, 600_000);

  it(`${ROUNDS} rounds of a whole-cabin rush (2× the seats) over both nodes: exactly the free seats win`, async () => {
    const ids = await flights();
    let rounds = 0;
    for (const id of ids) {
      if (rounds === ROUNDS) break;
      const map = await a.http.get(`/api/v1/flights/${id}/seatmap`).query({ cabin: 'business' });
      const free = map.body.cabins?.[0]?.seatsAvailable as number | undefined;
      if (!free || free > 24) continue; // small cabins only: a rush, not a load test
      rounds++;
      const results = await Promise.all(Array.from({ length: free * 2 }, (_, i) => book(i, id, 'business')));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => s === 201)).toHaveLength(free);
      expect(statuses.filter((s) => s === 409)).toHaveLength(free);
      acknowledged.push(...results.filter((r) => r.status === 201).map((r) => r.body.pnr as string));
      const after = await b.http.get(`/api/v1/flights/${id}/seatmap`).query({ cabin: 'business' });
      expect(after.body.cabins[0].seatsAvailable).toBe(0);
    }
    expect(rounds).toBe(ROUNDS);
  }, 600_000);

  it('every node agrees in SQL: no seat twice, no booking without seats, no 201 without its row', async () => {
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const url of cluster.urls) expect(await holdIntegrityProblems(url, acknowledged)).toEqual([]);
  }, 60_000);
});
