import type { Db } from '../db/db';
import type {
  DaySummary,
  MonthSummary,
  ReportRollupRepository,
  RollupSource,
} from '../repositories/report-rollup.repository';

/**
 * How long after its stamp a change may still become visible: a transaction committing late (statements time out
 * after 5 s), second-precision stamps, the clocks of app instances and database nodes apart. Each scan starts this
 * long before the previous one began, so what changed in that last minute is recomputed again by the next pass.
 */
export const MARGIN_MS = 60_000;

/** The least move of the scan mark worth a write. */
const MARK_STEP_MS = 30_000;

/** Which per-day summaries a change of each source's rows can move. */
const SUMMARIES_OF: Record<Exclude<RollupSource, 'seats' | 'flights'>, DaySummary[]> = {
  bookings: ['bookings', 'revenue'],
  payments: ['revenue'],
  refunds: ['revenue'],
  conversations: ['conversations'],
};

export interface RollupPass {
  /** The (summary, day) pairs recomputed (their months follow). */
  recomputed: number;
}

export interface ReportRollupDeps {
  db: Db;
  repo: ReportRollupRepository;
  /** MARGIN_MS unless a test writes every stamp itself. */
  marginMs?: number;
}

/**
 * Keeps the console reports' per-day summaries (migration ReportRollups) equal to what the raw rows say, by
 * recomputing whole days (and the months they fall in). A pass, in one transaction that first locks the scan mark:
 * the change feeds give the days (and flights) touched by rows stamped since the mark; each of those days is
 * recomputed from the raw rows (DELETE the day, INSERT … SELECT it); the mark moves to a margin before the pass.
 *
 * Why recompute rather than count in the writes: a day recomputed from the rows is right whatever wrote them (the
 * hold, payment, refund, cancellation, seat change, disruption and schedule paths, today's and tomorrow's), a pass
 * can run any number of times with the same result, and no booking transaction waits on a hot counter row. On a
 * multi-primary cluster (Galera) two passes on two nodes that write the same rows (a day, the mark) conflict at
 * certification and one is retried by Db.transaction with fresh reads; a pass that read a day just before another
 * node changed it is corrected by the next pass, which still sees that change inside its margin. Nothing is lost,
 * nothing is counted twice. The reports run a pass before reading (usually nothing, or today, to recompute), and
 * every instance runs one every minute so that pass stays short.
 */
export class ReportRollupService {
  constructor(private readonly d: ReportRollupDeps) {}

  async catchUp(): Promise<RollupPass> {
    return this.d.db.transaction(async () => {
      const repo = this.d.repo;
      const since = await repo.lockMark();
      const startedAt = await repo.databaseNow();
      // Each (summary, day) once, however many of its sources changed.
      const days = new Set<`${DaySummary}|${string}`>();
      const changed = await repo.changedSince(since);
      for (const [source, summaries] of Object.entries(SUMMARIES_OF) as [RollupSource, DaySummary[]][])
        for (const day of changed.get(source)!) for (const summary of summaries) days.add(`${summary}|${day}`);
      const flightIds = new Set([...changed.get('seats')!, ...changed.get('flights')!]);
      if (flightIds.size)
        for (const day of await repo.flightDays([...flightIds].map(Number))) days.add(`routes|${day}`);
      const months = new Set<`${MonthSummary}|${string}`>();
      for (const key of days) {
        const [summary, day] = key.split('|') as [DaySummary, string];
        await repo.recomputeDay(summary, day);
        if (summary === 'bookings' || summary === 'routes') months.add(`${summary}|${day.slice(0, 7)}`);
      }
      for (const key of months) {
        const [summary, month] = key.split('|') as [MonthSummary, string];
        await repo.recomputeMonth(summary, month);
      }
      // Moved in steps, so that passes finding nothing new mostly write nothing (no certification conflicts).
      const next = new Date(startedAt.getTime() - (this.d.marginMs ?? MARGIN_MS));
      if (next.getTime() - since.getTime() >= MARK_STEP_MS) await repo.setMark(next);
      return { recomputed: days.size };
    });
  }
}
