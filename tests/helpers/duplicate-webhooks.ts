/**
 * Duplicate payment webhooks landing on two instances at once (a provider retrying, or two load-balancer
 * targets): each booking's checkout.session.completed is delivered twice under its event id and once more
 * under a new id, to both instances at the same moment. Every delivery answers 200 (never a 5xx), and in
 * SQL on every node each payment is applied exactly once: the booking confirmed, one succeeded payment, one
 * confirmation mail. Shared by the single-server and the cluster suites.
 */
import { onNode } from './galera';
import type { Instance } from './instances';
import { drain } from './payment-flow';
import { deliver, type StripeFake, stripeEvent } from './stripe-fake';

const BOOKINGS = 6;

export async function expectDuplicateWebhooksAppliedOnce(
  a: Instance,
  b: Instance,
  fake: StripeFake,
  checkUrls: string[],
): Promise<void> {
  const user = await a.services.auth.createUser({
    email: `dup.${Date.now()}@example.com`,
    password: 'correct horse battery staple',
    firstName: 'Dup',
    lastName: 'Licate',
    role: 'traveller',
  });
  const auth = { Authorization: `Bearer ${(await a.services.auth.issue(user)).accessToken}` };
  const departureDate = new Date(a.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
  const search = await a.http
    .get('/api/v1/flights/search')
    .query({ origin: 'LHR', destination: 'JFK', departureDate, nonStop: 'true' });
  const flightId = search.body.outbound[0].segments[0].flightId as number;

  const pnrs: string[] = [];
  const deliveries: Promise<{ status: number }>[] = [];
  for (let i = 0; i < BOOKINGS; i++) {
    const hold = await a.http
      .post('/api/v1/bookings')
      .set(auth)
      .send({
        flights: [{ flightId, cabin: 'economy', fareFamily: 'standard' }],
        passengers: [{ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' }],
        contact: { email: 'ada@example.com' },
      });
    expect(hold.status).toBe(201);
    const pnr = hold.body.pnr as string;
    pnrs.push(pnr);
    const link = await a.http.post(`/api/v1/bookings/${pnr}/payment-link`).set(auth).send({});
    expect(link.status).toBe(200);
    const bookingId = (await a.services.repos.bookings.findByPnr(pnr))!.booking.id;
    const session = fake.sessionsFor(bookingId).at(-1)!;
    const paid = fake.complete(session.id);
    const event = stripeEvent('checkout.session.completed', paid);
    const again = stripeEvent('checkout.session.completed', paid);
    deliveries.push(deliver(a, event), deliver(b, event), deliver(b, again), deliver(a, again));
  }
  const answers = await Promise.all(deliveries);
  expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
  // Both instances dispatch events and send due mail at once, as their workers would.
  await Promise.all([drain(a), drain(b)]);

  for (const url of checkUrls)
    await onNode(url, async (q) => {
      const bookings = await q(`SELECT status FROM bookings WHERE pnr IN (?)`, [pnrs]);
      expect(bookings.map((r) => r.status)).toEqual(pnrs.map(() => 'confirmed'));
      const payments = await q(
        `SELECT b.pnr, COUNT(*) AS n FROM payments p JOIN bookings b ON b.id = p.booking_id
          WHERE b.pnr IN (?) AND p.status = 'succeeded' GROUP BY b.pnr`,
        [pnrs],
      );
      expect(payments.map((r) => Number(r.n))).toEqual(pnrs.map(() => 1));
      const mails = await q(`SELECT dedupe_key AS k FROM mail_outbox WHERE dedupe_key IN (?)`, [
        pnrs.map((p) => `confirmation:${p}`),
      ]);
      expect(mails).toHaveLength(BOOKINGS);
      const sent = await q(`SELECT COUNT(*) AS n FROM mail_outbox WHERE dedupe_key IN (?) AND status = 'sent'`, [
        pnrs.map((p) => `confirmation:${p}`),
      ]);
      expect(Number(sent[0]!.n)).toBe(BOOKINGS);
    });
}
