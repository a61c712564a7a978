import { validationError } from '../errors';
import type { ConsoleReportsRepository, BookingExportRow } from '../repositories/console-reports.repository';
import type { ReportWindow } from '../repositories/report.repository';
import type { Actor } from './actor';
import type { Clock } from './clock';
import type { ConsoleAccess } from './console-access';
import type { ReferenceDataService } from './reference-data.service';
import type { ReportRollupService } from './report-rollup.service';

const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;
const DAY_MS = 86_400_000;

export type ReportName = 'revenue' | 'funnel' | 'load-factor' | 'support' | 'ratings';
export const REPORT_NAMES: readonly ReportName[] = ['revenue', 'funnel', 'load-factor', 'support', 'ratings'];

/** How a column is shown: money is in minor units of the row's `currency`; percent is a 0–1 ratio. */
export type ColumnKind = 'text' | 'int' | 'money' | 'percent' | 'seconds';
export type ReportCell = string | number | null;

export interface ReportTable {
  report: ReportName;
  from: string;
  to: string;
  columns: { key: string; label: string; kind: ColumnKind }[];
  rows: Record<string, ReportCell>[];
  /** A bar per row: `y` by `x` (and `series`). */
  chart?: { x: string; y: string; series?: string };
}

export interface ReportQuery {
  from?: string;
  to?: string;
  channel?: string;
}

export interface ConsoleReportsServiceDeps {
  access: ConsoleAccess;
  reportsRepo: ConsoleReportsRepository;
  ref: ReferenceDataService;
  clock: Clock;
  /** Brings the per-day summaries that revenue, funnel and load factor read up to date. */
  rollup: Pick<ReportRollupService, 'catchUp'>;
}

/** The reports read from the per-day summaries (the others read raw rows of their window). */
const SUMMARISED: ReadonlySet<ReportName> = new Set(['revenue', 'funnel', 'load-factor']);

/**
 * The console's reports over a range of UTC days (at most a year), optionally for one channel: bookings and
 * revenue per day and currency, the booking funnel per channel, load factor by route, support case times and
 * ratings. Agents and admins read them; each also downloads as CSV.
 */
export class ConsoleReportsService {
  constructor(private readonly deps: ConsoleReportsServiceDeps) {}

  async report(actor: Actor, name: ReportName, q: ReportQuery): Promise<ReportTable> {
    await this.deps.access.staff(actor);
    const { from, to, window } = this.range(q);
    const base = { report: name, from, to };
    // What changed since the last roll-up pass (usually nothing, or today) is summarised first: exact numbers.
    if (SUMMARISED.has(name)) await this.deps.rollup.catchUp();
    switch (name) {
      case 'revenue':
        return { ...base, ...(await this.revenue(window, q.channel)) };
      case 'funnel':
        return { ...base, ...(await this.funnel(window, q.channel)) };
      case 'load-factor':
        return { ...base, ...(await this.loadFactor(window)) };
      case 'support':
        return { ...base, ...(await this.support(window, q.channel)) };
      case 'ratings':
        return { ...base, ...(await this.ratings(window)) };
    }
  }

  /** Every booking in the range, for the CSV export (checked first; the rows come a page at a time). */
  async bookings(actor: Actor, q: ReportQuery): Promise<AsyncGenerator<BookingExportRow>> {
    await this.deps.access.staff(actor);
    return this.deps.reportsRepo.bookings(this.range(q).window, q.channel);
  }

  private async revenue(w: ReportWindow, channel?: string) {
    const rows = (await this.deps.reportsRepo.revenuePerDay(w, channel)).map((r) => ({
      ...r,
      net: r.paid - r.refunded,
    }));
    return {
      columns: [
        { key: 'day', label: 'Day (UTC)', kind: 'text' as const },
        { key: 'currency', label: 'Currency', kind: 'text' as const },
        { key: 'bookings', label: 'Bookings', kind: 'int' as const },
        { key: 'paid', label: 'Paid', kind: 'money' as const },
        { key: 'refunded', label: 'Refunded', kind: 'money' as const },
        { key: 'net', label: 'Net', kind: 'money' as const },
      ],
      rows,
      chart: { x: 'day', y: 'bookings' },
    };
  }

  /** Conversations → searches → seats held → paid, per channel (and cancelled, held bookings later undone). */
  private async funnel(w: ReportWindow, channel?: string) {
    const [booked, conversations, searches] = await Promise.all([
      this.deps.reportsRepo.funnel(w, channel),
      this.deps.reportsRepo.conversationsPerChannel(w, channel),
      this.deps.reportsRepo.searchesPerChannel(w, channel),
    ]);
    const channels = new Set([...booked.map((b) => b.channel), ...conversations.keys(), ...searches.keys()]);
    const rows = [...channels].sort().map((ch) => {
      const b = booked.find((r) => r.channel === ch) ?? { held: 0, paid: 0, cancelled: 0 };
      const c = conversations.get(ch) ?? 0;
      const s = searches.get(ch) ?? 0;
      return {
        channel: ch,
        conversations: c,
        searches: s,
        held: b.held,
        paid: b.paid,
        cancelled: b.cancelled,
        conversationToPaid: c ? b.paid / c : null,
        paidShare: b.held ? b.paid / b.held : null,
      };
    });
    return {
      columns: [
        { key: 'channel', label: 'Channel', kind: 'text' as const },
        { key: 'conversations', label: 'Conversations', kind: 'int' as const },
        { key: 'searches', label: 'Searches', kind: 'int' as const },
        { key: 'held', label: 'Seats held', kind: 'int' as const },
        { key: 'paid', label: 'Paid', kind: 'int' as const },
        { key: 'cancelled', label: 'Cancelled', kind: 'int' as const },
        { key: 'conversationToPaid', label: 'Conversation → paid', kind: 'percent' as const },
        { key: 'paidShare', label: 'Held → paid', kind: 'percent' as const },
      ],
      rows,
      chart: { x: 'channel', y: 'paid' },
    };
  }

  private async loadFactor(w: ReportWindow) {
    const byRoute = new Map<
      string,
      { origin: string; destination: string; flights: number; booked: number; seats: number }
    >();
    for (const r of await this.deps.reportsRepo.loadByRoute(w)) {
      const capacity = Object.values(this.deps.ref.aircraft(r.aircraftCode)?.capacity ?? {}).reduce((a, n) => a + n, 0);
      const key = `${r.origin}-${r.destination}`;
      const line = byRoute.get(key) ?? {
        origin: r.origin,
        destination: r.destination,
        flights: 0,
        booked: 0,
        seats: 0,
      };
      line.flights += r.flights;
      line.booked += r.booked;
      line.seats += capacity * r.flights;
      byRoute.set(key, line);
    }
    const rows = [...byRoute.values()]
      .map((r) => ({ route: `${r.origin}-${r.destination}`, ...r, loadFactor: r.seats ? r.booked / r.seats : null }))
      .sort((a, b) => (b.loadFactor ?? 0) - (a.loadFactor ?? 0) || a.route.localeCompare(b.route));
    return {
      columns: [
        { key: 'route', label: 'Route', kind: 'text' as const },
        { key: 'flights', label: 'Flights', kind: 'int' as const },
        { key: 'booked', label: 'Seats booked', kind: 'int' as const },
        { key: 'seats', label: 'Seats flown', kind: 'int' as const },
        { key: 'loadFactor', label: 'Load factor', kind: 'percent' as const },
      ],
      rows,
    };
  }

  private async support(w: ReportWindow, channel?: string) {
    const cases = await this.deps.reportsRepo.caseTimes(w, channel);
    const byDay = new Map<string, { opened: number; closed: number; reply: number[]; close: number[] }>();
    for (const c of cases) {
      const day = c.createdAt.toISOString().slice(0, 10);
      const d = byDay.get(day) ?? { opened: 0, closed: 0, reply: [], close: [] };
      d.opened++;
      if (c.assignedAt) d.reply.push((c.assignedAt.getTime() - c.createdAt.getTime()) / 1000);
      if (c.resolvedAt) {
        d.closed++;
        d.close.push((c.resolvedAt.getTime() - c.createdAt.getTime()) / 1000);
      }
      byDay.set(day, d);
    }
    const rows = [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, d]) => ({
        day,
        opened: d.opened,
        closed: d.closed,
        medianFirstReply: median(d.reply),
        medianClose: median(d.close),
      }));
    return {
      columns: [
        { key: 'day', label: 'Day opened (UTC)', kind: 'text' as const },
        { key: 'opened', label: 'Opened', kind: 'int' as const },
        { key: 'closed', label: 'Closed since', kind: 'int' as const },
        { key: 'medianFirstReply', label: 'Median time to an agent', kind: 'seconds' as const },
        { key: 'medianClose', label: 'Median time to close', kind: 'seconds' as const },
      ],
      rows,
      chart: { x: 'day', y: 'opened' },
    };
  }

  private async ratings(w: ReportWindow) {
    const [counts, comments] = await Promise.all([
      this.deps.reportsRepo.ratings(w),
      this.deps.reportsRepo.comments(w, 100),
    ]);
    const rows: Record<string, ReportCell>[] = counts.map((c) => ({
      kind: c.kind,
      rating: c.rating,
      count: c.count,
      comment: null,
      at: null,
    }));
    for (const c of comments)
      rows.push({ kind: c.kind, rating: c.rating, count: null, comment: c.comment, at: c.at.toISOString() });
    return {
      columns: [
        { key: 'kind', label: 'About', kind: 'text' as const },
        { key: 'rating', label: 'Rating', kind: 'int' as const },
        { key: 'count', label: 'Count', kind: 'int' as const },
        { key: 'comment', label: 'Comment', kind: 'text' as const },
        { key: 'at', label: 'When', kind: 'text' as const },
      ],
      rows,
    };
  }

  private range(q: ReportQuery): { from: string; to: string; window: ReportWindow } {
    const to = q.to ?? this.deps.clock.now().toISOString().slice(0, 10);
    const from =
      q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS).toISOString().slice(0, 10);
    if (from > to) throw validationError('invalid_range', '`from` must not be after `to`.', { from, to });
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    const days = Math.round((end.getTime() - start.getTime()) / DAY_MS);
    if (days > MAX_DAYS)
      throw validationError('range_too_long', `A report covers at most ${MAX_DAYS} days; this range has ${days}.`, {
        days,
        maxDays: MAX_DAYS,
      });
    return { from, to, window: { start, end } };
  }
}

function median(ns: number[]): number | null {
  if (!ns.length) return null;
  const s = [...ns].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return Math.round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}
