import type { Db } from '../db/db';
import { timeParam } from './sql';

/** The source tables whose changes the report roll-up follows. */
export type RollupSource = 'bookings' | 'payments' | 'refunds' | 'conversations' | 'seats' | 'flights';

const DAY_MS = 86_400_000;
const LOCK = ' FOR UPDATE';
/** A DATETIME as text on SQLite, a Date on MySQL. */
const instant = (v: string | Date): Date => (v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`));
const dayOf = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v).slice(0, 10);

/**
 * Change feeds: per source, the key a changed row is summarised under (its UTC day; for seats and flights the
 * flight) and the rows stamped at or after `?`, found through an index on the stamp. Every write of these tables
 * moves the stamp (TypeORM's update date, or CURRENT_TIMESTAMP in the plain SQL that claims seats).
 */
const FEEDS: Record<RollupSource, { key: string; rows: string }> = {
  bookings: { key: 'SUBSTR(created_at, 1, 10)', rows: 'bookings WHERE updated_at >= ?' },
  payments: { key: 'SUBSTR(paid_at, 1, 10)', rows: 'payments WHERE updated_at >= ? AND paid_at IS NOT NULL' },
  refunds: { key: 'SUBSTR(updated_at, 1, 10)', rows: 'refunds WHERE updated_at >= ?' },
  conversations: { key: 'SUBSTR(created_at, 1, 10)', rows: 'conversation_refs WHERE created_at >= ?' },
  seats: { key: 'flight_id', rows: 'seats WHERE updated_at >= ?' },
  flights: { key: 'id', rows: 'flights WHERE updated_at >= ?' },
};

/** Per-day summary tables recomputed from the raw rows of one UTC day (DELETE the day, INSERT … SELECT it). */
const DAY_SUMMARIES = {
  bookings: [
    'DELETE FROM report_booking_days WHERE day = ?',
    `INSERT INTO report_booking_days (day, channel, bookings, confirmed, cancelled)
     SELECT ?, COALESCE(channel, ''), COUNT(*), SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END),
            SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END)
       FROM bookings WHERE created_at >= ? AND created_at < ? GROUP BY COALESCE(channel, '')`,
  ],
  // One day's bookings created, payments received and refunds that succeeded, per channel and currency; then
  // the day's all-channel rows ('*') from those.
  revenue: [
    'DELETE FROM report_revenue_days WHERE day = ?',
    `INSERT INTO report_revenue_days (channel, day, currency, bookings, paid, refunded)
     SELECT x.channel, ?, x.currency, SUM(x.bookings), SUM(x.paid), SUM(x.refunded) FROM (
       SELECT COALESCE(channel, '') AS channel, currency, 1 AS bookings, 0 AS paid, 0 AS refunded FROM bookings
        WHERE created_at >= ? AND created_at < ?
       UNION ALL
       SELECT COALESCE(b.channel, ''), p.currency, 0, p.amount, 0
         FROM payments p LEFT JOIN bookings b ON b.id = p.booking_id
        WHERE p.status IN ('succeeded', 'refunded') AND p.paid_at >= ? AND p.paid_at < ?
       UNION ALL
       SELECT COALESCE(b.channel, ''), r.currency, 0, 0, r.amount
         FROM refunds r LEFT JOIN bookings b ON b.id = r.booking_id
        WHERE r.status = 'succeeded' AND r.updated_at >= ? AND r.updated_at < ?
     ) x GROUP BY x.channel, x.currency`,
    `INSERT INTO report_revenue_days (channel, day, currency, bookings, paid, refunded)
     SELECT '*', day, currency, SUM(bookings), SUM(paid), SUM(refunded) FROM report_revenue_days
      WHERE day = ? GROUP BY day, currency`,
  ],
  conversations: [
    'DELETE FROM report_conversation_days WHERE day = ?',
    `INSERT INTO report_conversation_days (day, channel, conversations)
     SELECT ?, channel_id, COUNT(*) FROM conversation_refs WHERE created_at >= ? AND created_at < ?
      GROUP BY channel_id`,
  ],
  routes: [
    'DELETE FROM report_route_days WHERE day = ?',
    // Booked seats per flight through idx_seats_flight_state, for the few hundred flights of one day.
    `INSERT INTO report_route_days (day, origin, destination, aircraft_code, flights, booked)
     SELECT ?, x.origin, x.destination, x.aircraft_code, COUNT(*), SUM(x.booked)
       FROM (SELECT f.origin, f.destination, f.aircraft_code,
                    (SELECT COUNT(*) FROM seats s WHERE s.flight_id = f.id AND s.state = 'booked') AS booked
               FROM flights f WHERE f.departure_at >= ? AND f.departure_at < ? AND f.status = 'scheduled') x
      GROUP BY x.origin, x.destination, x.aircraft_code`,
  ],
} as const;
export type DaySummary = keyof typeof DAY_SUMMARIES;

/** Monthly summaries, recomputed from their daily ones for one UTC month. */
const MONTH_SUMMARIES = {
  bookings: [
    'DELETE FROM report_booking_months WHERE month = ?',
    `INSERT INTO report_booking_months (month, channel, bookings, confirmed, cancelled)
     SELECT ?, channel, SUM(bookings), SUM(confirmed), SUM(cancelled) FROM report_booking_days
      WHERE day >= ? AND day <= ? GROUP BY channel`,
  ],
  routes: [
    'DELETE FROM report_route_months WHERE month = ?',
    `INSERT INTO report_route_months (month, origin, destination, aircraft_code, flights, booked)
     SELECT ?, origin, destination, aircraft_code, SUM(flights), SUM(booked) FROM report_route_days
      WHERE day >= ? AND day <= ? GROUP BY origin, destination, aircraft_code`,
  ],
} as const;
export type MonthSummary = keyof typeof MONTH_SUMMARIES;

/** How many flight ids go in one IN (…) list. */
const CHUNK = 500;

/**
 * The report roll-up's SQL: change feeds, the per-day recomputation and its marks. Written once for SQLite and
 * MySQL (`?` placeholders, instants bound with timeParam).
 */
export class ReportRollupRepository {
  constructor(private readonly db: Db) {}

  /**
   * Where the next scan starts, locked until the transaction ends (MySQL; SQLite has one writer). No mark yet (just
   * migrated): from the beginning.
   */
  async lockMark(): Promise<Date> {
    const rows = await this.query<{ scanned_from: string | Date | null }>(
      `SELECT scanned_from FROM report_rollup_marks WHERE source = 'reports'${this.db.kind === 'mysql' ? LOCK : ''}`,
      [],
    );
    return rows[0]?.scanned_from ? instant(rows[0].scanned_from) : new Date(0);
  }

  async setMark(scannedFrom: Date): Promise<void> {
    await this.query("UPDATE report_rollup_marks SET scanned_from = ? WHERE source = 'reports'", [
      timeParam(this.db.kind, scannedFrom),
    ]);
  }

  /** The database's clock, which stamps most changes (`updated_at`). */
  async databaseNow(): Promise<Date> {
    const sql =
      this.db.kind === 'mysql'
        ? 'SELECT CURRENT_TIMESTAMP(3) AS now'
        : "SELECT strftime('%Y-%m-%d %H:%M:%f', 'now') AS now";
    const rows = await this.query<{ now: string | Date }>(sql, []);
    return instant(rows[0]!.now);
  }

  /** Per source, the keys (UTC days, or flight ids) touched by rows stamped at or after `since`: one round trip. */
  async changedSince(since: Date): Promise<Map<RollupSource, string[]>> {
    const sources = Object.keys(FEEDS) as RollupSource[];
    const sql = sources
      .map((s) => `SELECT DISTINCT '${s}' AS s, ${FEEDS[s].key} AS k FROM ${FEEDS[s].rows}`)
      .join(' UNION ALL ');
    const at = timeParam(this.db.kind, since);
    const rows = await this.query<{ s: RollupSource; k: string | number | Date }>(
      sql,
      sources.map(() => at),
    );
    const keys = new Map<RollupSource, string[]>(sources.map((s) => [s, []]));
    // Flight ids come back as numbers, or as text from the UNION on some servers; days as text.
    for (const r of rows) keys.get(r.s)!.push(r.s === 'seats' || r.s === 'flights' ? String(r.k) : dayOf(String(r.k)));
    return keys;
  }

  /** The UTC departure days of these flights now, and the days they were last counted under (then records now). */
  async flightDays(flightIds: number[]): Promise<Set<string>> {
    const days = new Set<string>();
    for (let i = 0; i < flightIds.length; i += CHUNK) {
      const ids = flightIds.slice(i, i + CHUNK);
      const list = ids.map(() => '?').join(', ');
      const before = await this.query<{ day: string }>(
        `SELECT day FROM report_flight_days WHERE flight_id IN (${list})`,
        ids,
      );
      const now = await this.query<{ id: number; departure_at: string | Date }>(
        `SELECT id, departure_at FROM flights WHERE id IN (${list})`,
        ids,
      );
      for (const r of before) days.add(r.day);
      await this.query(`DELETE FROM report_flight_days WHERE flight_id IN (${list})`, ids);
      if (!now.length) continue;
      const rows = now.map((r) => [Number(r.id), dayOf(r.departure_at)] as const);
      for (const [, day] of rows) days.add(day);
      await this.query(
        `INSERT INTO report_flight_days (flight_id, day) VALUES ${rows.map(() => '(?, ?)').join(', ')}`,
        rows.flat(),
      );
    }
    return days;
  }

  /**
   * Recomputes one summary for one UTC day from the raw rows (idempotent: the same rows give the same day). Each
   * statement binds the day, then the day's [start, end) window once for every raw table it reads.
   */
  async recomputeDay(summary: DaySummary, day: string): Promise<void> {
    const start = timeParam(this.db.kind, new Date(`${day}T00:00:00Z`));
    const end = timeParam(this.db.kind, new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS));
    for (const sql of DAY_SUMMARIES[summary]) {
      const windows = (sql.match(/ >= \?/g) ?? []).length;
      await this.query(sql, [day, ...Array.from({ length: windows }, () => [start, end]).flat()]);
    }
  }

  /** Recomputes one monthly summary ('YYYY-MM') from its daily rows (after those were recomputed). */
  async recomputeMonth(summary: MonthSummary, month: string): Promise<void> {
    const [clear, fill] = MONTH_SUMMARIES[summary];
    await this.query(clear, [month]);
    await this.query(fill, [month, `${month}-01`, `${month}-31`]);
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}
