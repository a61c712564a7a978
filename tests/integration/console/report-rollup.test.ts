import type { Db } from '../../../api/db/db';
import { ConsoleReportsRepository } from '../../../api/repositories/console-reports.repository';
import { ReportRollupRepository } from '../../../api/repositories/report-rollup.repository';
import { timeParam } from '../../../api/repositories/sql';
import { ReportRollupService } from '../../../api/services/report-rollup.service';
import type { Actor } from '../../../api/services/actor';
import { buildConsoleServices } from '../../../api/services/console-services';
import {
  ConsoleReportsService,
  type ReportName,
  type ReportQuery,
} from '../../../api/services/console-reports.service';
import { RawConsoleReportsRepository } from '../../helpers/raw-console-reports';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

const DAY_MS = 86_400_000;
const CHANNELS = ['webchat', 'sms', null, 'slack'] as const;
const CURRENCIES = ['EUR', 'GBP', 'USD'] as const;
const SUMMARISED: ReportName[] = ['revenue', 'funnel', 'load-factor'];

/**
 * The revenue, funnel and load-factor reports read per-day summaries that the report roll-up keeps; they must give
 * the numbers the raw rows give (RawConsoleReportsRepository: the queries they replaced), after a backfill, after
 * the changes that move old days (a cancellation, a refund, seats booked and freed, a flight retimed across
 * midnight or cancelled), and however many passes run, at once or not.
 */
describe.each(DB_TARGETS)('console reports from per-day summaries (%s)', (target) => {
  let t: TestApp;
  let db: Db;
  let actor: Actor;
  let summarised: ConsoleReportsService;
  let raw: ConsoleReportsService;
  let rollup: ReportRollupService;
  let today: string;
  let n = 0;
  const at = (ms: number) => timeParam(db.kind, new Date(ms));
  const sql = (q: string, params: unknown[] = []) => db.run((em) => em.query(q, params) as Promise<unknown[]>);

  /** A booking created at `created` (ms) with its payment (and refund when cancelled), written as the app would. */
  async function booking(created: number, status: 'confirmed' | 'cancelled' | 'expired'): Promise<number> {
    n++;
    const channel = CHANNELS[n % CHANNELS.length]!;
    const currency = CURRENCIES[n % CURRENCIES.length]!;
    const amount = 10_000 + n * 37;
    const paidAt = status === 'expired' ? null : created + 5 * 60_000;
    const cancelledAt = status === 'cancelled' ? created + 2 * DAY_MS : null;
    const pnr = `R${String(n).padStart(5, '0')}`.replace(/0/g, 'Z');
    await sql(
      `INSERT INTO bookings (pnr, status, currency, total_amount, breakdown, contact_email, channel, created_at,
        updated_at, confirmed_at, cancelled_at) VALUES (?, ?, ?, ?, '{}', ?, ?, ?, ?, ?, ?)`,
      [
        pnr,
        status,
        currency,
        amount,
        `r${n}@example.com`,
        channel,
        at(created),
        at(Date.now()),
        paidAt && at(paidAt),
        cancelledAt && at(cancelledAt),
      ],
    );
    const [{ id }] = (await sql('SELECT id FROM bookings WHERE pnr = ?', [pnr])) as { id: number }[];
    if (paidAt) await payment(Number(id), amount, currency, paidAt, status === 'cancelled' ? 'refunded' : 'succeeded');
    if (cancelledAt) await refund(Number(id), amount, currency, cancelledAt);
    if (channel)
      await sql(
        'INSERT INTO conversation_refs (conversation_key, channel_id, reference, created_at, updated_at) ' +
          'VALUES (?, ?, ?, ?, ?)',
        [`${channel}:rollup-${n}`, channel, '{}', at(created), at(created)],
      );
    return Number(id);
  }
  async function payment(bookingId: number, amount: number, currency: string, paidAt: number, status: string) {
    await sql(
      `INSERT INTO payments (booking_id, provider, amount, currency, status, expires_at, idempotency_key, paid_at,
        created_at, updated_at) VALUES (?, 'sandbox', ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        bookingId,
        amount,
        currency,
        status,
        at(paidAt),
        `rollup-pay-${bookingId}-${paidAt}`,
        at(paidAt),
        at(paidAt),
        at(Date.now()),
      ],
    );
  }
  async function refund(bookingId: number, amount: number, currency: string, when: number) {
    const [{ id }] = (await sql('SELECT id FROM payments WHERE booking_id = ?', [bookingId])) as { id: number }[];
    await sql(
      `INSERT INTO refunds (booking_id, payment_id, provider, amount, currency, status, reason, idempotency_key,
        created_at, updated_at) VALUES (?, ?, 'sandbox', ?, ?, 'succeeded', 'booking_cancelled', ?, ?, ?)`,
      [bookingId, id, amount, currency, `rollup-refund-${bookingId}-${when}`, at(when), at(when)],
    );
  }
  async function bookSeats(flightId: number, count: number, from = 0): Promise<void> {
    for (let i = from; i < from + count; i++)
      await sql(
        "INSERT INTO seats (flight_id, designator, cabin, state, updated_at) VALUES (?, ?, 'economy', 'booked', ?)",
        [flightId, `${30 + Math.floor(i / 6)}${'ABCDEF'[i % 6]}`, at(Date.now())],
      );
  }

  const queries = (): ReportQuery[] => {
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
    return [
      { from: day(-70), to: day(10) },
      { from: day(-70), to: day(10), channel: 'webchat' },
      { from: day(-70), to: day(10), channel: 'api' },
      { from: day(-3), to: day(2) },
      { from: `${today.slice(0, 7)}-01`, to: day(0) },
      { from: day(1), to: day(6) },
    ];
  };
  async function expectSameAsRaw(): Promise<void> {
    for (const name of SUMMARISED)
      for (const q of queries()) {
        const [fromSummaries, fromRows] = [await summarised.report(actor, name, q), await raw.report(actor, name, q)];
        expect({ name, q, rows: fromSummaries.rows }).toEqual({ name, q, rows: fromRows.rows });
      }
  }

  beforeAll(async () => {
    t = await createTestApp({ target, days: 8 });
    db = t.services.db;
    today = t.clock.now().toISOString().slice(0, 10);
    const admin = await t.services.auth.createUser({
      email: 'rollup.admin@example.com',
      password: 'correct horse battery staple',
      firstName: 'Roll',
      lastName: 'Up',
      role: 'admin',
    });
    actor = { kind: 'user', userId: admin.id, role: 'admin' };
    const c = buildConsoleServices(t.services);
    // This test stamps every row itself, on the machine's clock: no margin needed, and passes stay short.
    rollup = new ReportRollupService({ db, repo: new ReportRollupRepository(db), marginMs: 0 });
    summarised = new ConsoleReportsService({
      access: c.access,
      reportsRepo: new ConsoleReportsRepository(db),
      ref: t.services.ref,
      clock: t.clock,
      rollup,
    });
    raw = new ConsoleReportsService({
      access: c.access,
      reportsRepo: new RawConsoleReportsRepository(db),
      ref: t.services.ref,
      clock: t.clock,
      rollup: { catchUp: async () => ({ recomputed: 0 }) },
    });
    // 60 days of bookings across two month ends, at every hour of the day.
    const now = t.clock.now().getTime();
    for (let i = 0; i < 90; i++)
      await booking(
        now - (i % 60) * DAY_MS - ((i * 7) % 24) * 3_600_000,
        (['confirmed', 'cancelled', 'expired'] as const)[i % 3]!,
      );
    const flights = (await sql('SELECT id FROM flights ORDER BY departure_at, id')) as { id: number }[];
    for (const [i, f] of flights.slice(0, 40).entries()) await bookSeats(Number(f.id), 1 + (i % 5));
  }, 120_000);
  afterAll(() => t.close());

  it('backfills every day on the first pass and gives the raw numbers', async () => {
    const pass = await rollup.catchUp();
    expect(pass.recomputed).toBeGreaterThan(60);
    await expectSameAsRaw();
  });

  it('follows changes that move old days: cancellations, refunds, seats, retimed and cancelled flights', async () => {
    const now = Date.now();
    const old = (await sql("SELECT id FROM bookings WHERE status = 'confirmed' ORDER BY id"))[5] as { id: number };
    await sql("UPDATE bookings SET status = 'cancelled', cancelled_at = ?, updated_at = ? WHERE id = ?", [
      at(now),
      at(now),
      old.id,
    ]);
    await sql("UPDATE payments SET status = 'refunded', updated_at = ? WHERE booking_id = ?", [at(now), old.id]);
    const [{ amount, currency }] = (await sql('SELECT amount, currency FROM payments WHERE booking_id = ?', [
      old.id,
    ])) as { amount: number; currency: string }[];
    await refund(Number(old.id), Number(amount), currency, now);
    await booking(now, 'confirmed');
    const flights = (await sql('SELECT id, departure_at FROM flights ORDER BY departure_at, id')) as {
      id: number;
      departure_at: string | Date;
    }[];
    await bookSeats(Number(flights[0]!.id), 3, 20);
    await sql("UPDATE seats SET state = 'free', updated_at = ? WHERE flight_id = ? AND designator = '30A'", [
      at(now),
      flights[1]!.id,
    ]);
    // Retimed a day later (its old day must lose it) and cancelled (it stops counting).
    const moved = flights[2]!;
    const departure =
      moved.departure_at instanceof Date ? moved.departure_at : new Date(`${moved.departure_at.replace(' ', 'T')}Z`);
    await sql('UPDATE flights SET departure_at = ?, updated_at = ? WHERE id = ?', [
      at(departure.getTime() + DAY_MS),
      at(now),
      moved.id,
    ]);
    await sql("UPDATE flights SET status = 'cancelled', updated_at = ? WHERE id = ?", [at(now), flights[3]!.id]);
    await expectSameAsRaw();
  });

  it('gives the same summaries however many passes run, one after another or at once', async () => {
    const snapshot = async () => ({
      revenue: await sql('SELECT * FROM report_revenue_days ORDER BY channel, day, currency'),
      bookings: await sql('SELECT * FROM report_booking_days ORDER BY day, channel'),
      months: await sql('SELECT * FROM report_route_months ORDER BY month, origin, destination, aircraft_code'),
    });
    await rollup.catchUp();
    const before = await snapshot();
    await Promise.all([1, 2, 3].map(() => rollup.catchUp()));
    await rollup.catchUp();
    expect(await snapshot()).toEqual(before);
    await expectSameAsRaw();
  });
});
