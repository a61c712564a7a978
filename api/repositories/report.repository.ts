import type { Db } from '../db/db';
import { timeParam } from './sql';

/** A half-open window of instants, [start, end): a whole number of UTC days. */
export interface ReportWindow {
  start: Date;
  end: Date;
}

export interface BookingCountRow {
  status: string;
  channel: string | null;
  count: number;
}

export interface CurrencyTotalRow {
  currency: string;
  amount: number;
}

export interface RouteCountRow {
  origin: string;
  destination: string;
  bookings: number;
}

export interface RatingCountRow {
  rating: number;
  count: number;
  withComment: number;
}

export interface CaseCountRow {
  status: string;
  reason: string;
  count: number;
}

/** COUNT and SUM come back as numbers on SQLite but as strings (BIGINT/DECIMAL) on MySQL; SUM of no rows is NULL. */
type Numeric = number | string | null;
const num = (v: Numeric): number => (v === null ? 0 : Number(v));

/**
 * Aggregates for the back-office summary report. Plain SQL written once for SQLite and MySQL (see
 * ./sql): `?` placeholders, unquoted snake_case columns, instants bound with timeParam. Every query
 * filters one table's timestamp to the window; what each count means is decided by ReportService.
 */
export class ReportRepository {
  constructor(private readonly db: Db) {}

  /** Bookings created in the window, by current status and channel. */
  async bookingCounts(w: ReportWindow): Promise<BookingCountRow[]> {
    const rows = await this.query<{ status: string; channel: string | null; n: Numeric }>(
      `SELECT status, channel, COUNT(*) AS n FROM bookings
        WHERE created_at >= ? AND created_at < ?
        GROUP BY status, channel`,
      this.bounds(w),
    );
    return rows.map((r) => ({ status: r.status, channel: r.channel, count: num(r.n) }));
  }

  /**
   * Passengers and booked seats of the window's bookings that are confirmed now. Seats are read from
   * the seat table (one row per seat and flight, the source of truth against overbooking), so a lap
   * infant counts as a passenger but not as a seat.
   */
  async sold(w: ReportWindow): Promise<{ passengers: number; seats: number }> {
    const inWindow = "b.status = 'confirmed' AND b.created_at >= ? AND b.created_at < ?";
    const rows = await this.query<{ passengers: Numeric; seats: Numeric }>(
      `SELECT
         (SELECT COUNT(*) FROM passengers p JOIN bookings b ON b.id = p.booking_id WHERE ${inWindow}) AS passengers,
         (SELECT COUNT(*) FROM seats s JOIN bookings b ON b.id = s.booking_id
           WHERE s.state = 'booked' AND ${inWindow}) AS seats`,
      [...this.bounds(w), ...this.bounds(w)],
    );
    return { passengers: num(rows[0]?.passengers ?? 0), seats: num(rows[0]?.seats ?? 0) };
  }

  /**
   * Money taken in the window, per currency: payments by the instant they were paid. A payment later
   * marked "refunded" (money that arrived for a booking we could not honour) was still taken; its
   * refund is counted by refundedByCurrency.
   */
  async paidByCurrency(w: ReportWindow): Promise<CurrencyTotalRow[]> {
    const rows = await this.query<{ currency: string; total: Numeric }>(
      `SELECT currency, SUM(amount) AS total FROM payments
        WHERE status IN ('succeeded', 'refunded') AND paid_at >= ? AND paid_at < ?
        GROUP BY currency`,
      this.bounds(w),
    );
    return rows.map((r) => ({ currency: r.currency, amount: num(r.total) }));
  }

  /**
   * Money given back in the window, per currency: succeeded refunds by `updated_at`. There is no
   * separate settlement stamp; a refund's last write is its settlement (final states stay final, see
   * PaymentRepository.settleRefund), so `updated_at` is when it succeeded. Pending refunds have not
   * moved money yet and are left out.
   */
  async refundedByCurrency(w: ReportWindow): Promise<CurrencyTotalRow[]> {
    const rows = await this.query<{ currency: string; total: Numeric }>(
      `SELECT currency, SUM(amount) AS total FROM refunds
        WHERE status = 'succeeded' AND updated_at >= ? AND updated_at < ?
        GROUP BY currency`,
      this.bounds(w),
    );
    return rows.map((r) => ({ currency: r.currency, amount: num(r.total) }));
  }

  /**
   * The busiest journeys among bookings created in the window: the origin of the first outbound
   * flight to the destination of the last one, so a connection counts once as LHR→JFK rather than as
   * two legs, and a round trip counts under its outbound direction.
   */
  async topRoutes(w: ReportWindow, limit: number): Promise<RouteCountRow[]> {
    const rows = await this.query<{ origin: string; destination: string; n: Numeric }>(
      `SELECT fo.origin AS origin, fd.destination AS destination, COUNT(*) AS n
         FROM bookings b
         JOIN booking_segments so ON so.booking_id = b.id
          AND so.position = (SELECT MIN(x.position) FROM booking_segments x
                              WHERE x.booking_id = b.id AND x.direction = 'outbound')
         JOIN flights fo ON fo.id = so.flight_id
         JOIN booking_segments sd ON sd.booking_id = b.id
          AND sd.position = (SELECT MAX(y.position) FROM booking_segments y
                              WHERE y.booking_id = b.id AND y.direction = 'outbound')
         JOIN flights fd ON fd.id = sd.flight_id
        WHERE b.created_at >= ? AND b.created_at < ?
        GROUP BY fo.origin, fd.destination
        ORDER BY n DESC, origin, destination
        LIMIT ?`,
      [...this.bounds(w), limit],
    );
    return rows.map((r) => ({ origin: r.origin, destination: r.destination, bookings: num(r.n) }));
  }

  /** Travellers' 1–5 ratings (of bookings and of support cases) given in the window, by score. */
  async ratingCounts(w: ReportWindow): Promise<RatingCountRow[]> {
    const rows = await this.query<{ rating: Numeric; n: Numeric; commented: Numeric }>(
      `SELECT rating, COUNT(*) AS n, SUM(CASE WHEN comment IS NOT NULL AND comment <> '' THEN 1 ELSE 0 END) AS commented
         FROM feedback
        WHERE created_at >= ? AND created_at < ?
        GROUP BY rating`,
      this.bounds(w),
    );
    return rows.map((r) => ({ rating: num(r.rating), count: num(r.n), withComment: num(r.commented) }));
  }

  /** Support cases opened in the window, by current status and reason. */
  async caseCounts(w: ReportWindow): Promise<CaseCountRow[]> {
    const rows = await this.query<{ status: string; reason: string; n: Numeric }>(
      `SELECT status, reason, COUNT(*) AS n FROM support_cases
        WHERE created_at >= ? AND created_at < ?
        GROUP BY status, reason`,
      this.bounds(w),
    );
    return rows.map((r) => ({ status: r.status, reason: r.reason, count: num(r.n) }));
  }

  private bounds(w: ReportWindow): (Date | string)[] {
    return [timeParam(this.db.kind, w.start), timeParam(this.db.kind, w.end)];
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}
