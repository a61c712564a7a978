import { ManualClock } from '../../../api/services/clock';
import { describeOnGalera, galeraDatabase, type GaleraDatabase, onNode } from '../../helpers/galera';
import { type Instance, openInstance } from '../../helpers/instances';

/**
 * Concurrent payments on a multi-primary cluster: payment links are created through one node and paid at
 * once through the other (a read right after another node's write, and ticket serials issued on both
 * nodes). Every payment answers, none with a 500, and each is applied exactly once on every node.
 */
describeOnGalera('payments on a Galera cluster, two instances on two nodes', () => {
  const BOOKINGS = 24;
  let cluster: GaleraDatabase;
  let a: Instance;
  let b: Instance;
  let auth: { Authorization: string };

  beforeAll(async () => {
    cluster = await galeraDatabase();
    const clock = new ManualClock(new Date());
    a = await openInstance(cluster.configs[0]!, { clock, poolSize: 16, seedDays: 3 });
    b = await openInstance(cluster.configs[1]!, { clock, poolSize: 16 });
    const user = await a.services.auth.createUser({
      email: 'payer@example.com',
      password: 'correct horse battery staple',
      firstName: 'Pay',
      lastName: 'Er',
      role: 'traveller',
    });
    auth = { Authorization: `Bearer ${(await a.services.auth.issue(user)).accessToken}` };
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await cluster?.drop();
  });

  it(`${BOOKINGS} bookings paid at once across nodes: every payment applied exactly once, no 5xx`, async () => {
    const departureDate = new Date(a.clock.now().getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
    const search = await a.http
      .get('/api/v1/flights/search')
      .query({ origin: 'LHR', destination: 'JFK', departureDate, nonStop: 'true' });
    const flightId = search.body.outbound[0].segments[0].flightId as number;
    const holds = await Promise.all(
      Array.from({ length: BOOKINGS }, (_, i) =>
        (i % 2 ? b : a).http
          .post('/api/v1/bookings')
          .set(auth)
          .send({
            flights: [{ flightId, cabin: 'economy', fareFamily: 'standard' }],
            passengers: [
              { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' },
              { firstName: 'Alan', lastName: 'Turing', dateOfBirth: '1982-06-23' },
            ],
            contact: { email: 'ada@example.com' },
          }),
      ),
    );
    expect(holds.map((r) => r.status)).toEqual(holds.map(() => 201));
    const pnrs = holds.map((r) => r.body.pnr as string);

    // Each link is created through one node and paid through the other straight away.
    const paid = await Promise.all(
      pnrs.map(async (pnr, i) => {
        const [make, pay] = i % 2 ? [b, a] : [a, b];
        const link = await make.http.post(`/api/v1/bookings/${pnr}/payment-link`).set(auth).send({});
        expect(link.status).toBe(200);
        return pay.http
          .post(new URL(link.body.url as string).pathname)
          .type('form')
          .send({ card: '4242 4242 4242 4242', action: 'pay' });
      }),
    );
    expect(paid.map((r) => r.status)).toEqual(paid.map(() => 200));

    for (const url of cluster.urls) {
      await onNode(url, async (q) => {
        const bookings = await q(`SELECT pnr, status FROM bookings WHERE pnr IN (?)`, [pnrs]);
        expect(bookings.map((r) => r.status)).toEqual(pnrs.map(() => 'confirmed'));
        const payments = await q(
          `SELECT b.pnr, COUNT(*) AS n FROM payments p JOIN bookings b ON b.id = p.booking_id
            WHERE b.pnr IN (?) AND p.status = 'succeeded' GROUP BY b.pnr`,
          [pnrs],
        );
        expect(payments.map((r) => Number(r.n))).toEqual(pnrs.map(() => 1));
        const tickets = await q(
          `SELECT p.ticket_number AS t FROM passengers p JOIN bookings b ON b.id = p.booking_id WHERE b.pnr IN (?)`,
          [pnrs],
        );
        expect(tickets).toHaveLength(BOOKINGS * 2);
        expect(tickets.every((r) => /^\d{13}$/.test(String(r.t)))).toBe(true);
        expect(new Set(tickets.map((r) => r.t)).size).toBe(BOOKINGS * 2);
      });
    }
  }, 300_000);
});
