import type { Db } from '../db/db';
import { timeParam } from './sql';
import type { ReportWindow } from './report.repository';

/** COUNT and SUM come back as numbers on SQLite but as strings on MySQL; SUM of no rows is NULL. */
type Numeric = number | string | null;
const num = (v: Numeric): number => (v === null ? 0 : Number(v));
/** A DATETIME as text on SQLite, a Date on MySQL: its UTC day. */
const day = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v).slice(0, 10);
const at = (v: string | Date | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`);

export interface DayCurrencyAmount {
  day: string;
  currency: string;
  count: number;
  amount: number;
}
export interface FunnelRow {
  channel: string;
  held: number;
  paid: number;
  cancelled: number;
}
export interface RouteLoadRow {
  origin: string;
  destination: string;
  aircraftCode: string;
  flights: number;
  booked: number;
}
export interface CaseTimesRow {
  channelId: string;
  createdAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
}
export interface FlightLoadRow {
  id: number;
  airlineCode: string;
  flightNumber: number;
  origin: string;
  destination: string;
  departureAt: Date;
  aircraftCode: string;
  status: string;
  booked: number;
}
export interface BookingExportRow {
  id: number;
  pnr: string;
  createdAt: Date;
  status: string;
  channel: string | null;
  currency: string;
  totalAmount: number;
}

/**
 * The console's reports: plain SQL written once for SQLite and MySQL (`?` placeholders, instants bound with
 * timeParam), each reading one window of one table's timestamp through the report indexes.
 */
export class ConsoleReportsRepository {
  constructor(private readonly db: Db) {}

  /** Bookings created per UTC day and currency (count and total). */
  async bookingsPerDay(w: ReportWindow, channel?: string): Promise<DayCurrencyAmount[]> {
    const rows = await this.query<{ d: string | Date; currency: string; n: Numeric; total: Numeric }>(
      `SELECT SUBSTR(created_at, 1, 10) AS d, currency, COUNT(*) AS n, SUM(total_amount) AS total FROM bookings
        WHERE created_at >= ? AND created_at < ?${channel ? ' AND channel = ?' : ''}
        GROUP BY SUBSTR(created_at, 1, 10), currency ORDER BY d, currency`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({ day: day(r.d), currency: r.currency, count: num(r.n), amount: num(r.total) }));
  }

  /** Money received per UTC day of payment and currency (payments later refunded included: refunds count apart). */
  async paidPerDay(w: ReportWindow, channel?: string): Promise<DayCurrencyAmount[]> {
    const rows = await this.query<{ d: string | Date; currency: string; n: Numeric; total: Numeric }>(
      `SELECT SUBSTR(p.paid_at, 1, 10) AS d, p.currency, COUNT(*) AS n, SUM(p.amount) AS total FROM payments p
        ${channel ? 'JOIN bookings b ON b.id = p.booking_id' : ''}
        WHERE p.status IN ('succeeded', 'refunded') AND p.paid_at >= ? AND p.paid_at < ?
        ${channel ? 'AND b.channel = ?' : ''}
        GROUP BY SUBSTR(p.paid_at, 1, 10), p.currency ORDER BY d`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({ day: day(r.d), currency: r.currency, count: num(r.n), amount: num(r.total) }));
  }

  /** Refunds that succeeded per UTC day and currency. */
  async refundedPerDay(w: ReportWindow, channel?: string): Promise<DayCurrencyAmount[]> {
    const rows = await this.query<{ d: string | Date; currency: string; n: Numeric; total: Numeric }>(
      `SELECT SUBSTR(r.updated_at, 1, 10) AS d, r.currency, COUNT(*) AS n, SUM(r.amount) AS total FROM refunds r
        ${channel ? 'JOIN bookings b ON b.id = r.booking_id' : ''}
        WHERE r.status = 'succeeded' AND r.updated_at >= ? AND r.updated_at < ?
        ${channel ? 'AND b.channel = ?' : ''}
        GROUP BY SUBSTR(r.updated_at, 1, 10), r.currency ORDER BY d`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({ day: day(r.d), currency: r.currency, count: num(r.n), amount: num(r.total) }));
  }

  /** Bookings started in the window per channel: how many were held, paid and cancelled. */
  async funnel(w: ReportWindow, channel?: string): Promise<FunnelRow[]> {
    const rows = await this.query<{ channel: string | null; held: Numeric; paid: Numeric; cancelled: Numeric }>(
      `SELECT channel, COUNT(*) AS held,
              SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END) AS paid,
              SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
         FROM bookings WHERE created_at >= ? AND created_at < ?${channel ? ' AND channel = ?' : ''}
        GROUP BY channel ORDER BY channel`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({
      channel: r.channel ?? 'api',
      held: num(r.held),
      paid: num(r.paid),
      cancelled: num(r.cancelled),
    }));
  }

  /** Conversations started in the window per channel (a conversation's reference is saved at its start). */
  async conversationsPerChannel(w: ReportWindow, channel?: string): Promise<Map<string, number>> {
    const rows = await this.query<{ channel_id: string; n: Numeric }>(
      `SELECT channel_id, COUNT(*) AS n FROM conversation_refs WHERE created_at >= ? AND created_at < ?
        ${channel ? 'AND channel_id = ?' : ''} GROUP BY channel_id`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return new Map(rows.map((r) => [r.channel_id, num(r.n)]));
  }

  /** Flight searches in the window's UTC days per channel (counters: a few rows per day). */
  async searchesPerChannel(w: ReportWindow, channel?: string): Promise<Map<string, number>> {
    const last = new Date(w.end.getTime() - 1).toISOString().slice(0, 10);
    const rows = await this.query<{ channel: string; n: Numeric }>(
      `SELECT channel, SUM(searches) AS n FROM search_counts WHERE day >= ? AND day <= ?
        ${channel ? 'AND channel = ?' : ''} GROUP BY channel`,
      [w.start.toISOString().slice(0, 10), last, ...(channel ? [channel] : [])],
    );
    return new Map(rows.map((r) => [r.channel, num(r.n)]));
  }

  /** Flights departing in the window (not cancelled) per route and aircraft, with their booked seats. */
  async loadByRoute(w: ReportWindow): Promise<RouteLoadRow[]> {
    const rows = await this.query<{
      origin: string;
      destination: string;
      aircraft_code: string;
      n: Numeric;
      booked: Numeric;
    }>(
      `SELECT f.origin, f.destination, f.aircraft_code, COUNT(*) AS n, SUM(COALESCE(s.booked, 0)) AS booked
         FROM flights f
         LEFT JOIN (SELECT flight_id, COUNT(*) AS booked FROM seats WHERE state = 'booked' GROUP BY flight_id) s
           ON s.flight_id = f.id
        WHERE f.departure_at >= ? AND f.departure_at < ? AND f.status = 'scheduled'
        GROUP BY f.origin, f.destination, f.aircraft_code`,
      this.bounds(w),
    );
    return rows.map((r) => ({
      origin: r.origin,
      destination: r.destination,
      aircraftCode: r.aircraft_code,
      flights: num(r.n),
      booked: num(r.booked),
    }));
  }

  async caseTimes(w: ReportWindow, channel?: string): Promise<CaseTimesRow[]> {
    const rows = await this.query<{
      channel_id: string;
      created_at: string | Date;
      assigned_at: string | Date | null;
      resolved_at: string | Date | null;
    }>(
      `SELECT channel_id, created_at, assigned_at, resolved_at FROM support_cases
        WHERE created_at >= ? AND created_at < ?${channel ? ' AND channel_id = ?' : ''}`,
      [...this.bounds(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({
      channelId: r.channel_id,
      createdAt: at(r.created_at)!,
      assignedAt: at(r.assigned_at),
      resolvedAt: at(r.resolved_at),
    }));
  }

  async ratings(w: ReportWindow): Promise<{ kind: string; rating: number; count: number }[]> {
    const rows = await this.query<{ kind: string; rating: Numeric; n: Numeric }>(
      `SELECT kind, rating, COUNT(*) AS n FROM feedback WHERE created_at >= ? AND created_at < ?
        GROUP BY kind, rating ORDER BY kind, rating`,
      this.bounds(w),
    );
    return rows.map((r) => ({ kind: r.kind, rating: num(r.rating), count: num(r.n) }));
  }

  async comments(
    w: ReportWindow,
    limit: number,
  ): Promise<{ kind: string; rating: number; comment: string; at: Date }[]> {
    const rows = await this.query<{ kind: string; rating: Numeric; comment: string; created_at: string | Date }>(
      `SELECT kind, rating, comment, created_at FROM feedback
        WHERE created_at >= ? AND created_at < ? AND comment IS NOT NULL ORDER BY id DESC LIMIT ?`,
      [...this.bounds(w), limit],
    );
    return rows.map((r) => ({ kind: r.kind, rating: num(r.rating), comment: r.comment, at: at(r.created_at)! }));
  }

  /** Flights on a local departure date, optionally by route, with their booked seats. */
  async flightsOn(q: { date: string; origin?: string; destination?: string; limit: number }): Promise<FlightLoadRow[]> {
    const rows = await this.query<{
      id: number;
      airline_code: string;
      flight_number: Numeric;
      origin: string;
      destination: string;
      departure_at: string | Date;
      aircraft_code: string;
      status: string;
      booked: Numeric;
    }>(
      `SELECT f.id, f.airline_code, f.flight_number, f.origin, f.destination, f.departure_at, f.aircraft_code,
              f.status, (SELECT COUNT(*) FROM seats s WHERE s.flight_id = f.id AND s.state = 'booked') AS booked
         FROM flights f WHERE f.departure_date = ?
         ${q.origin ? 'AND f.origin = ?' : ''} ${q.destination ? 'AND f.destination = ?' : ''}
        ORDER BY f.departure_at, f.id LIMIT ?`,
      [q.date, ...(q.origin ? [q.origin] : []), ...(q.destination ? [q.destination] : []), q.limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      airlineCode: r.airline_code,
      flightNumber: num(r.flight_number),
      origin: r.origin,
      destination: r.destination,
      departureAt: at(r.departure_at)!,
      aircraftCode: r.aircraft_code,
      status: r.status,
      booked: num(r.booked),
    }));
  }

  /** Every booking created in the window, oldest first, a page at a time (memory stays flat for a year). */
  async *bookings(w: ReportWindow, channel?: string, pageSize = 1000): AsyncGenerator<BookingExportRow> {
    let afterId = 0;
    for (;;) {
      const rows = await this.query<{
        id: number;
        pnr: string;
        created_at: string | Date;
        status: string;
        channel: string | null;
        currency: string;
        total_amount: Numeric;
      }>(
        `SELECT id, pnr, created_at, status, channel, currency, total_amount FROM bookings
          WHERE created_at >= ? AND created_at < ? AND id > ?${channel ? ' AND channel = ?' : ''}
          ORDER BY id LIMIT ?`,
        [...this.bounds(w), afterId, ...(channel ? [channel] : []), pageSize],
      );
      for (const r of rows)
        yield {
          id: Number(r.id),
          pnr: r.pnr,
          createdAt: at(r.created_at)!,
          status: r.status,
          channel: r.channel,
          currency: r.currency,
          totalAmount: num(r.total_amount),
        };
      if (rows.length < pageSize) return;
      afterId = Number(rows[rows.length - 1]!.id);
    }
  }

  private bounds(w: ReportWindow): (Date | string)[] {
    return [timeParam(this.db.kind, w.start), timeParam(this.db.kind, w.end)];
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}
