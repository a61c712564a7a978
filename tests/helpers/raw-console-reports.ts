import type { Db } from '../../api/db/db';
import {
  ConsoleReportsRepository,
  type FunnelRow,
  type RevenueDay,
  type RouteLoadRow,
} from '../../api/repositories/console-reports.repository';
import type { ReportWindow } from '../../api/repositories/report.repository';
import { timeParam } from '../../api/repositories/sql';

type Numeric = number | string | null;
const num = (v: Numeric): number => (v === null ? 0 : Number(v));
const day = (v: string | Date): string => (v instanceof Date ? v.toISOString() : v).slice(0, 10);

/**
 * The console reports as they were computed before the per-day summaries: the raw rows of the window, grouped on
 * every request (the SQL of ConsoleReportsRepository before ReportRollups). Tests hold the summaries to it.
 */
export class RawConsoleReportsRepository extends ConsoleReportsRepository {
  constructor(private readonly rawDb: Db) {
    super(rawDb);
  }

  override async revenuePerDay(w: ReportWindow, channel?: string): Promise<RevenueDay[]> {
    const join = (alias: string) => (channel ? `JOIN bookings b ON b.id = ${alias}.booking_id` : '');
    const only = channel ? 'AND b.channel = ?' : '';
    const params = [...this.window(w), ...(channel ? [channel] : [])];
    const [created, paid, refunded] = await Promise.all([
      this.sum(
        `SELECT SUBSTR(created_at, 1, 10) AS d, currency, COUNT(*) AS n FROM bookings
          WHERE created_at >= ? AND created_at < ?${channel ? ' AND channel = ?' : ''}
          GROUP BY SUBSTR(created_at, 1, 10), currency`,
        params,
      ),
      this.sum(
        `SELECT SUBSTR(p.paid_at, 1, 10) AS d, p.currency, SUM(p.amount) AS n FROM payments p ${join('p')}
          WHERE p.status IN ('succeeded', 'refunded') AND p.paid_at >= ? AND p.paid_at < ? ${only}
          GROUP BY SUBSTR(p.paid_at, 1, 10), p.currency`,
        params,
      ),
      this.sum(
        `SELECT SUBSTR(r.updated_at, 1, 10) AS d, r.currency, SUM(r.amount) AS n FROM refunds r ${join('r')}
          WHERE r.status = 'succeeded' AND r.updated_at >= ? AND r.updated_at < ? ${only}
          GROUP BY SUBSTR(r.updated_at, 1, 10), r.currency`,
        params,
      ),
    ]);
    const lines = new Map<string, RevenueDay>();
    const line = (d: string, currency: string): RevenueDay => {
      const key = `${d}|${currency}`;
      if (!lines.has(key)) lines.set(key, { day: d, currency, bookings: 0, paid: 0, refunded: 0 });
      return lines.get(key)!;
    };
    for (const r of created) line(r.d, r.currency).bookings = r.n;
    for (const r of paid) line(r.d, r.currency).paid = r.n;
    for (const r of refunded) line(r.d, r.currency).refunded = r.n;
    return [...lines.values()].sort((a, b) => a.day.localeCompare(b.day) || a.currency.localeCompare(b.currency));
  }

  override async funnel(w: ReportWindow, channel?: string): Promise<FunnelRow[]> {
    const rows = await this.raw<{ channel: string | null; held: Numeric; paid: Numeric; cancelled: Numeric }>(
      `SELECT channel, COUNT(*) AS held, SUM(CASE WHEN confirmed_at IS NOT NULL THEN 1 ELSE 0 END) AS paid,
              SUM(CASE WHEN status = 'cancelled' THEN 1 ELSE 0 END) AS cancelled
         FROM bookings WHERE created_at >= ? AND created_at < ?${channel ? ' AND channel = ?' : ''}
        GROUP BY channel ORDER BY channel`,
      [...this.window(w), ...(channel ? [channel] : [])],
    );
    return rows.map((r) => ({
      channel: r.channel ?? 'api',
      held: num(r.held),
      paid: num(r.paid),
      cancelled: num(r.cancelled),
    }));
  }

  override async conversationsPerChannel(w: ReportWindow, channel?: string): Promise<Map<string, number>> {
    const rows = await this.raw<{ channel_id: string; n: Numeric }>(
      `SELECT channel_id, COUNT(*) AS n FROM conversation_refs WHERE created_at >= ? AND created_at < ?
        ${channel ? 'AND channel_id = ?' : ''} GROUP BY channel_id`,
      [...this.window(w), ...(channel ? [channel] : [])],
    );
    return new Map(rows.map((r) => [r.channel_id, num(r.n)]));
  }

  override async loadByRoute(w: ReportWindow): Promise<RouteLoadRow[]> {
    const rows = await this.raw<{ origin: string; destination: string; aircraft_code: string; n: Numeric; b: Numeric }>(
      `SELECT f.origin, f.destination, f.aircraft_code, COUNT(*) AS n, SUM(COALESCE(s.booked, 0)) AS b
         FROM flights f
         LEFT JOIN (SELECT flight_id, COUNT(*) AS booked FROM seats WHERE state = 'booked' GROUP BY flight_id) s
           ON s.flight_id = f.id
        WHERE f.departure_at >= ? AND f.departure_at < ? AND f.status = 'scheduled'
        GROUP BY f.origin, f.destination, f.aircraft_code`,
      this.window(w),
    );
    return rows.map((r) => ({
      origin: r.origin,
      destination: r.destination,
      aircraftCode: r.aircraft_code,
      flights: num(r.n),
      booked: num(r.b),
    }));
  }

  private async sum(sql: string, params: unknown[]): Promise<{ d: string; currency: string; n: number }[]> {
    const rows = await this.raw<{ d: string | Date; currency: string; n: Numeric }>(sql, params);
    return rows.map((r) => ({ d: day(r.d), currency: r.currency, n: num(r.n) }));
  }

  private window(w: ReportWindow): (Date | string)[] {
    return [timeParam(this.rawDb.kind, w.start), timeParam(this.rawDb.kind, w.end)];
  }

  private raw<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.rawDb.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}
