/**
 * A year of traffic for the console's report benchmark: flights for every day of the year before --end, then
 * N bookings spread over that year (paid, cancelled with a refund, or expired holds), with their payments, seats,
 * conversations, searches, support cases and ratings. Rows go in by multi-row INSERTs, a batch per transaction.
 */
import type { Db } from '../api/db/db';
import { buildRepositories } from '../api/container';
import { isIsoDate } from '../api/domain/time';
import { Seeder } from '../api/seed/seeder';
import { timeParam } from '../api/repositories/sql';
import {
  connect,
  describeDatabase,
  EXIT,
  formatDuration,
  intFlag,
  parseCli,
  runScript,
  scriptConfig,
  UsageError,
} from './lib/cli';

const HELP = `
Usage: npm run seed:volume -- [--bookings N] [--end YYYY-MM-DD]

Loads a year of synthetic traffic into DATABASE_URL (migrating it first) for the console's report benchmark:
the demo schedule for the 366 days up to --end, N bookings created over that year (default 200000), and the
payments, refunds, seats, conversations, searches, support cases and ratings that go with them. Use an empty
database: rows are added, never replaced.

Example:
  DATABASE_URL=mysql://root@127.0.0.1:3306/jetway_volume npm run seed:volume -- --bookings 200000
`;

const DAY_MS = 86_400_000;
const BATCH = 1000;
const PNR_LETTERS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CHANNELS: [string | null, number][] = [
  ['webchat', 0.5],
  ['sms', 0.15],
  ['slack', 0.05],
  [null, 0.3],
];

/** A small deterministic generator, so two runs load the same data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pnrOf(n: number): string {
  let out = '';
  let v = n + 1_000_000;
  for (let i = 0; i < 6; i++) {
    out = PNR_LETTERS[v % PNR_LETTERS.length] + out;
    v = Math.floor(v / PNR_LETTERS.length);
  }
  return out;
}

/** Inserts rows in batches; each batch is one statement in its own transaction. */
class BulkInsert {
  private rows: unknown[][] = [];
  count = 0;
  constructor(
    private readonly db: Db,
    private readonly table: string,
    private readonly columns: string[],
  ) {}

  async add(row: unknown[]): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    const one = `(${this.columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${rows.map(() => one).join(', ')}`;
    await this.db.transaction(() => this.db.run((em) => em.query(sql, rows.flat())));
    this.count += rows.length;
  }
}

async function main(): Promise<number> {
  const args = parseCli(HELP, { bookings: { type: 'string' }, end: { type: 'string' } });
  const total = intFlag('bookings', args.bookings, 1, 5_000_000) ?? 200_000;
  const end = args.end ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(end)) throw new UsageError(`--end must be a date like 2026-12-01 (got "${end}")`);
  const config = scriptConfig();
  const db = await connect(config, { migrate: true });
  const started = Date.now();
  try {
    const t = (d: Date) => timeParam(db.kind, d);
    const repos = buildRepositories(db);
    const seeder = new Seeder(repos.reference, repos.flights, repos.faq);
    await seeder.seedReference();
    const first = new Date(Date.parse(`${end}T00:00:00Z`) - 365 * DAY_MS);
    await seeder.seedSchedule({ today: first.toISOString().slice(0, 10), days: 366 });
    const flights = (await db.run((em) =>
      em.query('SELECT id, departure_at, currency FROM flights WHERE departure_at >= ? ORDER BY id', [t(first)]),
    )) as { id: number; departure_at: Date | string; currency: string }[];
    if (!flights.length) throw new Error('no flights were scheduled');
    const [{ n: known }] = (await db.run((em) => em.query('SELECT COALESCE(MAX(id), 0) AS n FROM bookings'))) as {
      n: number | string;
    }[];
    console.log(`${describeDatabase(config.DATABASE_URL)}: ${flights.length} flights; adding ${total} bookings`);

    const rnd = random(20261206);
    const bookings = new BulkInsert(db, 'bookings', [
      'id',
      'pnr',
      'status',
      'currency',
      'total_amount',
      'breakdown',
      'contact_email',
      'channel',
      'created_at',
      'updated_at',
      'confirmed_at',
      'cancelled_at',
    ]);
    const segments = new BulkInsert(db, 'booking_segments', [
      'booking_id',
      'position',
      'flight_id',
      'cabin',
      'fare_family',
      'direction',
    ]);
    const passengers = new BulkInsert(db, 'passengers', [
      'id',
      'booking_id',
      'position',
      'first_name',
      'last_name',
      'date_of_birth',
      'type',
    ]);
    const seats = new BulkInsert(db, 'seats', [
      'flight_id',
      'designator',
      'cabin',
      'state',
      'booking_id',
      'passenger_id',
    ]);
    const payments = new BulkInsert(db, 'payments', [
      'id',
      'booking_id',
      'provider',
      'amount',
      'currency',
      'status',
      'expires_at',
      'idempotency_key',
      'paid_at',
      'created_at',
    ]);
    const refunds = new BulkInsert(db, 'refunds', [
      'booking_id',
      'payment_id',
      'provider',
      'amount',
      'currency',
      'status',
      'reason',
      'idempotency_key',
      'created_at',
      'updated_at',
    ]);
    const conversations = new BulkInsert(db, 'conversation_refs', [
      'conversation_key',
      'channel_id',
      'reference',
      'created_at',
      'updated_at',
    ]);
    const cases = new BulkInsert(db, 'support_cases', [
      'conversation_key',
      'channel_id',
      'kind',
      'reason',
      'status',
      'created_at',
      'assigned_at',
      'resolved_at',
      'updated_at',
    ]);
    const feedback = new BulkInsert(db, 'feedback', [
      'conversation_key',
      'kind',
      'subject',
      'rating',
      'comment',
      'created_at',
    ]);
    const searches = new Map<string, number>();
    const seatCount = new Map<number, number>();
    const span = Date.parse(`${end}T00:00:00Z`) + DAY_MS - first.getTime();
    const base = Number(known);
    for (let i = 0; i < total; i++) {
      const id = base + i + 1;
      const flight = flights[Math.floor(rnd() * flights.length)]!;
      const created = new Date(first.getTime() + Math.floor(rnd() * span));
      const r = rnd();
      const status = r < 0.7 ? 'confirmed' : r < 0.8 ? 'cancelled' : 'expired';
      let c = rnd();
      const channel = CHANNELS.find(([, share]) => (c -= share) < 0)?.[0] ?? null;
      const amount = 8_000 + Math.floor(rnd() * 52_000);
      const paidAt = status === 'expired' ? null : new Date(created.getTime() + 5 * 60_000);
      const cancelledAt = status === 'cancelled' ? new Date(created.getTime() + 3 * DAY_MS) : null;
      const breakdown = JSON.stringify({ currency: flight.currency, total: amount, fares: [], seats: [], taxes: [] });
      await bookings.add([
        id,
        pnrOf(id),
        status,
        flight.currency,
        amount,
        breakdown,
        `traveller${id}@example.com`,
        channel,
        t(created),
        t(cancelledAt ?? paidAt ?? created),
        paidAt && t(paidAt),
        cancelledAt && t(cancelledAt),
      ]);
      await segments.add([id, 0, flight.id, 'economy', 'standard', 'outbound']);
      await passengers.add([id, id, 0, 'Traveller', `Number${id}`, '1990-01-01', 'ADT']);
      if (status === 'confirmed') {
        const n = seatCount.get(flight.id) ?? 0;
        seatCount.set(flight.id, n + 1);
        const designator = `${40 + Math.floor(n / 6)}${'ABCDEF'[n % 6]}`;
        await seats.add([flight.id, designator, 'economy', 'booked', id, id]);
      }
      if (paidAt) {
        await payments.add([
          id,
          id,
          'sandbox',
          amount,
          flight.currency,
          status === 'cancelled' ? 'refunded' : 'succeeded',
          t(new Date(created.getTime() + 30 * 60_000)),
          `volume-pay-${id}`,
          t(paidAt),
          t(created),
        ]);
        if (cancelledAt)
          await refunds.add([
            id,
            id,
            'sandbox',
            amount,
            flight.currency,
            'succeeded',
            'booking_cancelled',
            `volume-refund-${id}`,
            t(cancelledAt),
            t(cancelledAt),
          ]);
      }
      // About two conversations and five searches for every booking made in the chat.
      const chatChannel = channel ?? 'api';
      const day = created.toISOString().slice(0, 10);
      searches.set(`${day}|${chatChannel}`, (searches.get(`${day}|${chatChannel}`) ?? 0) + 5);
      if (channel)
        for (let k = 0; k < 2; k++)
          await conversations.add([`${channel}:volume-${id}-${k}`, channel, '{}', t(created), t(created)]);
      if (i % 40 === 0) {
        const assigned = new Date(created.getTime() + Math.floor(rnd() * 3_600_000));
        await cases.add([
          `${chatChannel}:volume-${id}-0`,
          chatChannel,
          'handoff',
          'asked_for_person',
          'resolved',
          t(created),
          t(assigned),
          t(new Date(assigned.getTime() + 1_800_000)),
          t(assigned),
        ]);
      }
      if (i % 20 === 0)
        await feedback.add([
          `${chatChannel}:volume-${id}-0`,
          'booking',
          pnrOf(id),
          1 + Math.floor(rnd() * 5),
          rnd() < 0.3 ? 'Quick and easy.' : null,
          t(new Date(created.getTime() + 10 * 60_000)),
        ]);
      if ((i + 1) % 20_000 === 0) console.log(`  ${i + 1} bookings (${formatDuration(Date.now() - started)})`);
    }
    for (const b of [bookings, segments, passengers, seats, payments, refunds, conversations, cases, feedback])
      await b.flush();
    const counters = new BulkInsert(db, 'search_counts', ['day', 'channel', 'searches']);
    for (const [key, n] of searches) {
      const [day, channel] = key.split('|') as [string, string];
      await counters.add([day, channel, n]);
    }
    await counters.flush();
    console.log(
      `added ${bookings.count} bookings, ${payments.count} payments, ${refunds.count} refunds, ` +
        `${seats.count} seats, ${conversations.count} conversations, ${cases.count} cases, ` +
        `${feedback.count} ratings in ${formatDuration(Date.now() - started)}`,
    );
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

runScript('seed:volume', main);
