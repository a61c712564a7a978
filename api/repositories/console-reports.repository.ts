import type { Db } from '../db/db';
import { monthSpans } from '../domain/report-spans';
import { timeParam } from './sql';
import type { ReportWindow } from './report.repository';

/** COUNT and SUM come back as numbers on SQLite but as strings on MySQL; SUM of no rows is NULL. */
type Numeric = number | string | null;
const num = (v: Numeric): number => (v === null ? 0 : Number(v));
const at = (v: string | Date | null): Date | null =>
  v === null ? null : v instanceof Date ? v : new Date(`${v.replace(' ', 'T')}Z`);

export interface RevenueDay {
  day: string;
  currency: string;
  bookings: number;
  paid: number;
  refunded: number;
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
 * timeParam). Revenue, funnel and load factor read the per-day summaries the report roll-up keeps
 * (ReportRollupService: a year is a few thousand rows); support, ratings and the exports read the raw rows of
 * one window through the report indexes.
 */
export class ConsoleReportsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Per UTC day and currency: bookings created, money received (by day paid; payments later refunded included,
   * refunds count apart) and refunds that succeeded (by the day they did).
   */
  async revenuePerDay(w: ReportWindow, channel?: string): Promise<RevenueDay[]> {
    const rows = await this.query<{
      day: string;
      currency: string;
      bookings: Numeric;
      paid: Numeric;
      refunded: Numeric;
    }>(
      `SELECT day, currency, bookings, paid, refunded FROM report_revenue_days
        WHERE channel = ? AND day >= ? AND day <= ? ORDER BY day, currency`,
      // '*': the rows of all channels together; bookings without a channel are under ''.
      [channel ?? '*', ...this.days(w)],
    );
    return rows.map((r) => ({
      day: r.day,
      currency: r.currency,
      bookings: num(r.bookings),
      paid: num(r.paid),
      refunded: num(r.refunded),
    }));
  }

  /** Bookings started in the window per channel: how many were held, paid and cancelled. */
  async funnel(w: ReportWindow, channel?: string): Promise<FunnelRow[]> {
    const rows = this.spanned(w, 'report_booking', 'channel, bookings, confirmed, cancelled', channel);
    const sums = await this.query<{ channel: string; held: Numeric; paid: Numeric; cancelled: Numeric }>(
      `SELECT channel, SUM(bookings) AS held, SUM(confirmed) AS paid, SUM(cancelled) AS cancelled
         FROM (${rows.sql}) x GROUP BY channel ORDER BY channel`,
      rows.params,
    );
    return sums.map((r) => ({
      // Bookings made without a channel are summarised under ''.
      channel: r.channel || 'api',
      held: num(r.held),
      paid: num(r.paid),
      cancelled: num(r.cancelled),
    }));
  }

  /** Conversations started in the window per channel (a conversation's reference is saved at its start). */
  async conversationsPerChannel(w: ReportWindow, channel?: string): Promise<Map<string, number>> {
    const rows = await this.query<{ channel: string; n: Numeric }>(
      `SELECT channel, SUM(conversations) AS n FROM report_conversation_days WHERE day >= ? AND day <= ?
        ${channel ? 'AND channel = ?' : ''} GROUP BY channel`,
      [...this.days(w), ...(channel ? [channel] : [])],
    );
    return new Map(rows.map((r) => [r.channel, num(r.n)]));
  }

  /** Flight searches in the window's UTC days per channel (counters: a few rows per day). */
  async searchesPerChannel(w: ReportWindow, channel?: string): Promise<Map<string, number>> {
    const rows = await this.query<{ channel: string; n: Numeric }>(
      `SELECT channel, SUM(searches) AS n FROM search_counts WHERE day >= ? AND day <= ?
        ${channel ? 'AND channel = ?' : ''} GROUP BY channel`,
      [...this.days(w), ...(channel ? [channel] : [])],
    );
    return new Map(rows.map((r) => [r.channel, num(r.n)]));
  }

  /** Flights departing in the window (not cancelled) per route and aircraft, with their booked seats. */
  async loadByRoute(w: ReportWindow): Promise<RouteLoadRow[]> {
    const route = this.spanned(w, 'report_route', 'origin, destination, aircraft_code, flights, booked');
    const rows = await this.query<{
      origin: string;
      destination: string;
      aircraft_code: string;
      n: Numeric;
      booked: Numeric;
    }>(
      `SELECT origin, destination, aircraft_code, SUM(flights) AS n, SUM(booked) AS booked
         FROM (${route.sql}) x GROUP BY origin, destination, aircraft_code`,
      route.params,
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

  /**
   * The rows of a summary over the window: its monthly table (`<prefix>_months`) for the whole months inside it
   * and its daily one (`<prefix>_days`) for the days left at the ends (see monthSpans), as one UNION ALL.
   */
  private spanned(w: ReportWindow, prefix: string, columns: string, channel?: string) {
    const spans = monthSpans(...this.days(w));
    const only = channel ? ' AND channel = ?' : '';
    const parts: string[] = [];
    const params: string[] = [];
    if (spans.days.length) {
      const ranges = spans.days.map(() => '(day >= ? AND day <= ?)').join(' OR ');
      parts.push(`SELECT ${columns} FROM ${prefix}_days WHERE (${ranges})${only}`);
      params.push(...spans.days.flat(), ...(channel ? [channel] : []));
    }
    if (spans.months) {
      parts.push(`SELECT ${columns} FROM ${prefix}_months WHERE month >= ? AND month <= ?${only}`);
      params.push(...spans.months, ...(channel ? [channel] : []));
    }
    return { sql: parts.join(' UNION ALL '), params };
  }

  /** The window's first and last UTC day (windows are whole UTC days). */
  private days(w: ReportWindow): [string, string] {
    return [w.start.toISOString().slice(0, 10), new Date(w.end.getTime() - 1).toISOString().slice(0, 10)];
  }

  private bounds(w: ReportWindow): (Date | string)[] {
    return [timeParam(this.db.kind, w.start), timeParam(this.db.kind, w.end)];
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}
