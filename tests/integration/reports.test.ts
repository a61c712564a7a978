import {
  bearer,
  birthDate,
  book,
  bookingBody,
  dateAhead,
  expectError,
  localDateAhead,
  type OfferJson,
  pax,
  search,
} from '../helpers/api-helpers';
import { bookingOf, type Held, holdBooking, requestLink, waitFor } from '../helpers/payment-flow';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * The back-office summary report over HTTP on a real database: bookings made through the API and the
 * sandbox payment page (one left held, two paid in different currencies, one paid then cancelled with
 * its refund followed to the end), ratings and support cases from the services the chat uses; then
 * counts, per-currency money, who may read it, range validation and an empty range.
 */
describe.each(DB_TARGETS)('summary report (%s)', (target) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let traveller: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14 });
    [admin, agent, traveller] = await Promise.all([t.token('admin'), t.token('agent'), t.token('traveller')]);
  }, 60_000);
  afterAll(() => t.close());

  const report = (token: string | undefined, query: Record<string, string> = {}) => {
    const req = t.http.get('/api/v1/admin/reports/summary').query(query);
    return token ? req.set(bearer(token)) : req;
  };
  /** Around the test clock's today: bookings use that clock, database-stamped rows the wall clock. */
  const around = () => ({ from: dateAhead(t, -1), to: dateAhead(t, 1) });

  /** Pays a held booking on the sandbox page, as a traveller's browser would post it. */
  const payInSandbox = async (held: Held) => {
    const link = await requestLink(t, held);
    expect(link.status).toBe(200);
    const paid = await t.http
      .post(new URL(link.body.url as string).pathname)
      .type('form')
      .send({ card: '4242 4242 4242 4242', action: 'pay' });
    expect(paid.status).toBe(200);
  };

  describe('with bookings, payments, a refund, ratings and cases', () => {
    let gbpPaid: Held;
    let usdPaid: Held;
    let cancelled: Held;
    let refunded: number;
    beforeAll(async () => {
      // Held, one-stop SEA→ATL from the SMS channel: counts as a journey, not as two legs.
      const date = localDateAhead(t, 9, 'America/Los_Angeles');
      const offer = (
        (await search(t, { origin: 'SEA', destination: 'ATL', departureDate: date })).body.outbound as OfferJson[]
      ).find((o) => o.stops === 1)!;
      const held = await book(t, traveller, {
        ...bookingBody(
          offer.segments.map((s) => s.flightId),
          [pax('Alan', 'Turing'), pax('Joan', 'Clarke')],
        ),
        channel: 'sms',
      });
      expect(held.status).toBe(201);

      // Paid in GBP: an adult and a lap infant (two passengers, one seat).
      const travel = dateAhead(t, 10);
      gbpPaid = await holdBooking(t, {
        token: traveller,
        passengers: [pax('Ada', 'Lovelace'), pax('Baby', 'Lovelace', birthDate(travel, 1))],
      });
      await payInSandbox(gbpPaid);
      // Paid in USD (a journey from New York is sold in dollars).
      usdPaid = await holdBooking(t, { token: traveller, origin: 'JFK', destination: 'LHR' });
      await payInSandbox(usdPaid);
      // Paid in GBP, then cancelled (Flex within 24 hours: all of it back); the sandbox refunds after commit.
      cancelled = await holdBooking(t, { token: traveller, fareFamily: 'flex', passengers: [pax('Grace', 'Hopper')] });
      await payInSandbox(cancelled);
      const quote = await t.http.get(`/api/v1/bookings/${cancelled.pnr}/cancellation-quote`).set(cancelled.auth);
      expect(
        (
          await t.http
            .post(`/api/v1/bookings/${cancelled.pnr}/cancel`)
            .set(cancelled.auth)
            .send({ quoteId: quote.body.id })
        ).status,
      ).toBe(200);
      const refund = await waitFor(
        async () => (await bookingOf(t, cancelled)).refunds.find((r) => r.status === 'succeeded'),
        'the refund',
      );
      refunded = refund.amount.amount;

      await t.services.support.recordFeedback({
        conversationKey: 'dl:1',
        userId: null,
        kind: 'booking',
        subject: `booking:${gbpPaid.pnr}`,
        rating: 5,
        comment: 'Smooth.',
      });
      await t.services.support.recordFeedback({
        conversationKey: 'dl:2',
        userId: null,
        kind: 'case',
        subject: 'case:1',
        rating: 2,
      });
      const opened = await t.services.support.open({
        conversationKey: 'dl:1',
        channelId: 'directline',
        userId: null,
        kind: 'handoff',
        reason: 'not_understood',
      });
      await t.services.support.open({
        conversationKey: 'sms:1',
        channelId: 'sms',
        userId: null,
        kind: 'complaint',
        reason: 'refund_delay',
      });
      await t.services.support.resolve(opened.case.id, { kind: 'system', name: 'test' });
    }, 60_000);

    it('counts bookings, money per currency, passengers, seats, routes, ratings and cases', async () => {
      const r = await report(admin, around());
      expect(r.status).toBe(200);
      expect(refunded).toBe(cancelled.total);
      expect(r.body).toEqual({
        ...around(),
        bookings: {
          created: 4,
          byStatus: { held: 1, confirmed: 2, cancelled: 1, expired: 0 },
          byChannel: { sms: 1, api: 3 },
        },
        revenue: [
          {
            currency: 'GBP',
            paid: gbpPaid.total + cancelled.total,
            refunded,
            net: gbpPaid.total + cancelled.total - refunded,
          },
          { currency: 'USD', paid: usdPaid.total, refunded: 0, net: usdPaid.total },
        ],
        passengers: 3,
        seatsSold: 2,
        topRoutes: [
          { origin: 'LHR', destination: 'JFK', bookings: 2 },
          { origin: 'JFK', destination: 'LHR', bookings: 1 },
          { origin: 'SEA', destination: 'ATL', bookings: 1 },
        ],
        ratings: { count: 2, average: 3.5, byScore: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 }, withComment: 1 },
        support: {
          opened: 2,
          byStatus: { queued: 1, agent: 0, bot: 0, resolved: 1 },
          byReason: { not_understood: 1, refund_delay: 1 },
        },
      });
      expect(gbpPaid.currency).toBe('GBP');
      expect(usdPaid.currency).toBe('USD');
    });

    it('agents read the same report as admins', async () => {
      const [a, b] = await Promise.all([report(admin, around()), report(agent, around())]);
      expect(b.status).toBe(200);
      expect(b.body).toEqual(a.body);
    });

    it("defaults to the last 30 days up to today by the service's clock", async () => {
      const r = await report(admin);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ from: dateAhead(t, -29), to: dateAhead(t, 0), bookings: { created: 4 } });
      expect((await report(admin, { to: dateAhead(t, 0) })).body.from).toBe(dateAhead(t, -29));
      expect((await report(admin, { from: dateAhead(t, -2) })).body).toMatchObject({
        from: dateAhead(t, -2),
        to: dateAhead(t, 0),
      });
    });

    it('an empty range answers zeros (average null), not missing fields', async () => {
      const r = await report(admin, { from: '2001-01-01', to: '2001-12-31' });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        from: '2001-01-01',
        to: '2001-12-31',
        bookings: { created: 0, byStatus: { held: 0, confirmed: 0, cancelled: 0, expired: 0 }, byChannel: {} },
        revenue: [],
        passengers: 0,
        seatsSold: 0,
        topRoutes: [],
        ratings: { count: 0, average: null, byScore: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, withComment: 0 },
        support: { opened: 0, byStatus: { queued: 0, agent: 0, bot: 0, resolved: 0 }, byReason: {} },
      });
    });
  });

  it('travellers may not read reports (403); anonymous callers must sign in (401)', async () => {
    expectError(await report(traveller), 403, 'forbidden');
    expectError(await report(undefined), 401, 'sign_in_required');
  });

  it.each([
    ['`from` after `to`', { from: '2026-03-02', to: '2026-03-01' }, 422, 'invalid_range'],
    ['a date that does not exist', { from: '2026-02-30', to: '2026-03-01' }, 422, 'invalid_date'],
    ['a date that is not a date', { to: 'yesterday' }, 422, 'invalid_date'],
    ['a date with a time', { from: '2026-03-01T00:00:00Z' }, 422, 'invalid_date'],
    ['more than 366 days', { from: '2025-01-01', to: '2026-01-02' }, 422, 'range_too_long'],
    ['an unknown parameter', { from: '2026-03-01', currency: 'GBP' }, 400, 'invalid_request'],
  ])('refuses %s', async (_what, query, status, code) => {
    expectError(await report(admin, query), status, code);
  });

  it('accepts exactly 366 days (a leap year)', async () => {
    const r = await report(agent, { from: '2024-01-01', to: '2024-12-31' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('dates are whole UTC days: the last millisecond of `to` is in, midnight after it is not', async () => {
    const saved = t.clock.now();
    const day = dateAhead(t, 3);
    const next = dateAhead(t, 4);
    try {
      // Tokens are checked against the clock too: each booking is made with one issued at its instant.
      t.clock.set(new Date(`${day}T23:59:59.999Z`));
      await holdBooking(t, { token: await t.token(), days: 5 });
      t.clock.set(new Date(`${next}T00:00:00.000Z`));
      await holdBooking(t, { token: await t.token(), days: 5 });
    } finally {
      t.clock.set(saved);
    }
    const created = async (from: string, to: string) => (await report(admin, { from, to })).body.bookings.created;
    expect(await created(day, day)).toBe(1);
    expect(await created(next, next)).toBe(1);
    expect(await created(day, next)).toBe(2);
  });

  it('reads each table through an index on its date window (migration ReportIndexes)', async () => {
    const expected: [string, string][] = [
      ['bookings', 'idx_bookings_created'],
      ['payments', 'idx_payments_status_paid'],
      ['refunds', 'idx_refunds_status_updated'],
      ['feedback', 'idx_feedback_created'],
      ['support_cases', 'idx_cases_created'],
    ];
    const q = (sql: string, params: unknown[] = []) =>
      t.services.db.run((em) => em.query(sql, params) as Promise<Record<string, string>[]>);
    for (const [table, index] of expected) {
      const found =
        target === 'mysql'
          ? await q(
              'SELECT DISTINCT index_name AS name FROM information_schema.statistics ' +
                'WHERE table_schema = DATABASE() AND table_name = ? AND index_name = ?',
              [table, index],
            )
          : await q("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name = ?", [
              table,
              index,
            ]);
      expect(found).toHaveLength(1);
    }
    if (target === 'sqlite') {
      // SQLite's planner has no statistics to talk it out of an index: the window is a seek on it.
      const plan = await q(
        'EXPLAIN QUERY PLAN SELECT status, channel, COUNT(*) FROM bookings ' +
          "WHERE created_at >= '2026-01-01' AND created_at < '2026-02-01' GROUP " +
          'BY status, channel',
      );
      expect(plan.map((r) => r.detail).join(' | ')).toContain('idx_bookings_created');
    }
  });

  it('is in the OpenAPI document with its query parameters', async () => {
    const doc = (await t.http.get('/api/v1/openapi.json')).body;
    const op = doc.paths['/admin/reports/summary'].get;
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['from', 'to']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '401', '403', '422']));
  });
});
