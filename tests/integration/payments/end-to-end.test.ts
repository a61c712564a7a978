import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * The whole paid journey over HTTP on a real database: search → hold → payment link → sandbox payment
 * (a plain form POST) → confirmed with tickets → the PDF carries the PNR → the confirmation mail with
 * the PDF is in the outbox → cancellation quote → cancel → refund succeeded, seats free again.
 */
describe.each(DB_TARGETS)('paid booking end to end (%s)', (target) => {
  let t: TestApp;
  let outbox: string;
  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'jetway-outbox-'));
    t = await createTestApp({ target, env: { DATA_DIR: outbox } });
  }, 60_000);
  afterAll(() => t.close());

  it('books, pays in the sandbox, tickets, mails, cancels and refunds', async () => {
    const token = await t.token();
    const auth = { Authorization: `Bearer ${token}` };
    const date = new Date(t.clock.now().getTime() + 12 * 86_400_000).toISOString().slice(0, 10);
    const search = await t.http
      .get('/api/v1/flights/search')
      .query({ origin: 'LHR', destination: 'JFK', departureDate: date, nonStop: 'true' });
    const flightId = search.body.outbound[0].segments[0].flightId;
    const held = await t.http
      .post('/api/v1/bookings')
      .set(auth)
      .send({
        flights: [{ flightId, cabin: 'economy', fareFamily: 'flex' }],
        passengers: [
          { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1986-12-09', seats: { [flightId]: '31A' } },
        ],
        contact: { email: 'grace@example.com' },
      });
    expect(held.status).toBe(201);
    const pnr = held.body.pnr as string;

    const link = await t.http.post(`/api/v1/bookings/${pnr}/payment-link`).set(auth).send({});
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/\/pay\/sandbox\/sbx_cs_/);
    const again = await t.http.post(`/api/v1/bookings/${pnr}/payment-link`).set(auth).send({});
    expect(again.body.url).toBe(link.body.url); // a double click gets the same link

    const path = new URL(link.body.url).pathname;
    const pageRes = await t.http.get(path);
    expect(pageRes.status).toBe(200);
    expect(pageRes.text).toContain('SANDBOX');
    const declined = await t.http.post(path).type('form').send({ card: '4000 0000 0000 0002', action: 'pay' });
    expect(declined.status).toBe(402);
    expect((await t.http.get(`/api/v1/bookings/${pnr}`).set(auth)).body.status).toBe('held');
    const paid = await t.http.post(path).type('form').send({ card: '4242 4242 4242 4242', action: 'pay' });
    expect(paid.status).toBe(200);
    expect(paid.text).toContain('Payment received');

    const confirmed = await t.http.get(`/api/v1/bookings/${pnr}`).set(auth);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmed.body.passengers[0].ticketNumber).toMatch(/^\d{13}$/);
    expect(confirmed.body.payment).toMatchObject({ provider: 'sandbox', amount: confirmed.body.price.total });

    const pdf = await t.http
      .get(`/api/v1/bookings/${pnr}/tickets.pdf`)
      .set(auth)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(pnr);

    await t.services.events.dispatchPending();
    await t.services.mail.sendDue();
    const mails = readdirSync(join(outbox, 'outbox')).map((f) => readFileSync(join(outbox, 'outbox', f), 'utf8'));
    const confirmation = mails.find((m) => m.includes(`Booking ${pnr} confirmed`));
    expect(confirmation).toBeDefined();
    expect(confirmation).toContain('application/pdf');

    const quote = await t.http.get(`/api/v1/bookings/${pnr}/cancellation-quote`).set(auth);
    expect(quote.status).toBe(200);
    expect(quote.body.refund.amount).toBe(confirmed.body.price.total.amount); // Flex within 24 h: everything back
    const cancelled = await t.http.post(`/api/v1/bookings/${pnr}/cancel`).set(auth).send({ quoteId: quote.body.id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const twice = await t.http.post(`/api/v1/bookings/${pnr}/cancel`).set(auth).send({ quoteId: quote.body.id });
    expect(twice.status).toBe(409);

    // The sandbox refunds right after the cancellation commits; follow it to its end.
    let after = await t.http.get(`/api/v1/bookings/${pnr}`).set(auth);
    for (let i = 0; i < 50 && after.body.refunds[0]?.status !== 'succeeded'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      after = await t.http.get(`/api/v1/bookings/${pnr}`).set(auth);
    }
    expect(after.body.refunds).toEqual([
      expect.objectContaining({ status: 'succeeded', amount: confirmed.body.price.total }),
    ]);
    const map = await t.http.get(`/api/v1/flights/${flightId}/seatmap`);
    const seat = map.body.cabins
      .flatMap((c: { rows: { seats: { designator: string; available: boolean }[] }[] }) =>
        c.rows.flatMap((r) => r.seats),
      )
      .find((x: { designator: string }) => x.designator === '31A');
    expect(seat.available).toBe(true);
  }, 60_000);

  it('answers the Stripe webhook in the error shape when Stripe is not configured', async () => {
    const res = await t.http
      .post('/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .set('Stripe-Signature', 't=1,v1=x')
      .send('{"id":"evt_1"}');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'stripe_not_configured', message: expect.any(String) } });
  });
});
