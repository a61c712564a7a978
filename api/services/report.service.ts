import type { BookingStatus, CaseStatus } from '../domain/types';
import { forbidden, validationError } from '../errors';
import { addDays, daysBetween, isIsoDate, todayIn } from '../domain/time';
import type { CurrencyTotalRow, ReportRepository, ReportWindow } from '../repositories/report.repository';
import { type Actor, isStaff } from './actor';
import type { Clock } from './clock';

/** "The last 30 days": today and the 29 days before it. */
const DEFAULT_DAYS = 30;
/** A leap year, inclusive of both ends; longer ranges would be slow full-table reads for little use. */
const MAX_DAYS = 366;
const TOP_ROUTES = 10;
const BOOKING_STATUSES: readonly BookingStatus[] = ['held', 'confirmed', 'cancelled', 'expired'];
const CASE_STATUSES: readonly CaseStatus[] = ['queued', 'agent', 'bot', 'resolved'];
const SCORES = ['1', '2', '3', '4', '5'] as const;
/** Bookings carry the chat channel they were made in; one made over the HTTP API without naming one has none. */
const NO_CHANNEL = 'api';

export interface ReportRange {
  /** UTC date YYYY-MM-DD, inclusive. */
  from?: string;
  /** UTC date YYYY-MM-DD, inclusive. */
  to?: string;
}

/** Integer minor units of one currency; currencies are never added together. */
export interface RevenueLine {
  currency: string;
  paid: number;
  refunded: number;
  net: number;
}

export interface SummaryReport {
  from: string;
  to: string;
  bookings: { created: number; byStatus: Record<BookingStatus, number>; byChannel: Record<string, number> };
  revenue: RevenueLine[];
  passengers: number;
  seatsSold: number;
  topRoutes: { origin: string; destination: string; bookings: number }[];
  ratings: {
    count: number;
    average: number | null;
    byScore: Record<(typeof SCORES)[number], number>;
    withComment: number;
  };
  support: { opened: number; byStatus: Record<CaseStatus, number>; byReason: Record<string, number> };
}

/**
 * The back-office summary over a range of UTC days, for agents and admins (read-only).
 *
 * Counting rules (each figure is filtered on one timestamp, so a range never counts a thing twice):
 * - bookings: rows whose `created_at` falls in the range, by their status *now* (a booking made in the
 *   range and cancelled later counts as cancelled) and by channel (none recorded = "api").
 * - revenue, per currency: `paid` sums payments paid in the range (`paid_at`; status succeeded, or
 *   refunded when money arrived for a booking we could not honour); `refunded` sums refunds that
 *   succeeded in the range (settlement time, see ReportRepository.refundedByCurrency), whatever the
 *   date of the payment they return; `net` = paid − refunded and may be negative. Pending and failed
 *   refunds moved no money and are left out.
 * - passengers and seatsSold: of the range's bookings that are confirmed now; seats are the seat rows
 *   they hold as booked (one per seated passenger and flight; lap infants have none).
 * - topRoutes: the range's bookings (any status) by outbound journey origin → destination, top 10.
 * - ratings: feedback rows (booking and support-case ratings alike) given in the range; average to 2
 *   decimals, null when there are none.
 * - support: cases opened in the range, by status now and by reason.
 * Missing categories answer 0, not absent or null, so a dashboard can plot an empty range.
 */
export class ReportService {
  constructor(
    private readonly repo: ReportRepository,
    private readonly clock: Clock,
  ) {}

  async summary(actor: Actor, range: ReportRange): Promise<SummaryReport> {
    // Agents see the same figures as admins: the report changes nothing (as with booking search).
    if (!isStaff(actor)) throw forbidden('forbidden', 'Only agents and admins can read reports.');
    const { from, to, window } = this.resolve(range);
    const [bookingRows, sold, paid, refunded, topRoutes, ratingRows, caseRows] = await Promise.all([
      this.repo.bookingCounts(window),
      this.repo.sold(window),
      this.repo.paidByCurrency(window),
      this.repo.refundedByCurrency(window),
      this.repo.topRoutes(window, TOP_ROUTES),
      this.repo.ratingCounts(window),
      this.repo.caseCounts(window),
    ]);

    const ratingCount = sum(ratingRows.map((r) => r.count));
    const points = sum(ratingRows.map((r) => r.rating * r.count));
    return {
      from,
      to,
      bookings: {
        created: sum(bookingRows.map((r) => r.count)),
        byStatus: tally(
          BOOKING_STATUSES,
          bookingRows.map((r) => [r.status, r.count]),
        ),
        byChannel: tally(
          [],
          bookingRows.map((r) => [r.channel ?? NO_CHANNEL, r.count]),
        ),
      },
      revenue: revenueLines(paid, refunded),
      passengers: sold.passengers,
      seatsSold: sold.seats,
      topRoutes,
      ratings: {
        count: ratingCount,
        average: ratingCount ? Math.round((points / ratingCount) * 100) / 100 : null,
        byScore: tally(
          SCORES,
          ratingRows.map((r) => [String(r.rating), r.count]),
        ),
        withComment: sum(ratingRows.map((r) => r.withComment)),
      },
      support: {
        opened: sum(caseRows.map((r) => r.count)),
        byStatus: tally(
          CASE_STATUSES,
          caseRows.map((r) => [r.status, r.count]),
        ),
        byReason: tally(
          [],
          caseRows.map((r) => [r.reason, r.count]),
        ),
      },
    };
  }

  /** The inclusive date range asked for, with defaults from the service's clock, as a window of instants. */
  private resolve(range: ReportRange): { from: string; to: string; window: ReportWindow } {
    const to = range.to === undefined ? todayIn('UTC', this.clock.now()) : checkedDay(range.to, 'to');
    const from = range.from === undefined ? addDays(to, -(DEFAULT_DAYS - 1)) : checkedDay(range.from, 'from');
    if (from > to) throw validationError('invalid_range', '`from` must not be after `to`.', { from, to });
    const days = daysBetween(from, to) + 1;
    if (days > MAX_DAYS)
      throw validationError('range_too_long', `A report covers at most ${MAX_DAYS} days; this range has ${days}.`, {
        days,
        maxDays: MAX_DAYS,
      });
    return { from, to, window: { start: midnightUtc(from), end: midnightUtc(addDays(to, 1)) } };
  }
}

/** A YYYY-MM-DD date that exists (2026-02-30 does not), or a coded 422. */
function checkedDay(text: string, field: 'from' | 'to'): string {
  if (!isIsoDate(text))
    throw validationError('invalid_date', `\`${field}\` must be a real UTC date as YYYY-MM-DD.`, {
      field,
      value: text,
    });
  return text;
}

function midnightUtc(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** Paid and refunded totals side by side, one line per currency seen in either, by currency code. */
function revenueLines(paid: CurrencyTotalRow[], refunded: CurrencyTotalRow[]): RevenueLine[] {
  const lines = new Map<string, RevenueLine>();
  const line = (currency: string) =>
    lines.get(currency) ?? lines.set(currency, { currency, paid: 0, refunded: 0, net: 0 }).get(currency)!;
  for (const p of paid) line(p.currency).paid += p.amount;
  for (const r of refunded) line(r.currency).refunded += r.amount;
  return [...lines.values()]
    .map((l) => ({ ...l, net: l.paid - l.refunded }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Counts by key: every key of `known` present (0 when unseen), other keys added as they come. A Map,
 * not a plain object, while counting: channel names come from clients, and "__proto__" or
 * "constructor" must count like any other word.
 */
function tally<K extends string>(
  known: readonly K[],
  entries: [string, number][],
): Record<K, number> & Record<string, number> {
  const counts = new Map<string, number>(known.map((k) => [k, 0]));
  for (const [key, n] of entries) counts.set(key, (counts.get(key) ?? 0) + n);
  return Object.fromEntries(counts) as Record<K, number> & Record<string, number>;
}

function sum(ns: number[]): number {
  return ns.reduce((a, n) => a + n, 0);
}
