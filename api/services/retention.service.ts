import type { Logger } from '../logger';
import type { OpsRepository } from '../repositories/ops.repository';
import type { Clock } from './clock';

const DAY_MS = 86_400_000;

/** One kind of personal data, kept `days` after its last use (0: forever), and how to purge it. */
export interface RetentionRule {
  kind: string;
  days: number;
  purge(cutoff: Date): Promise<number>;
}

export interface RetentionDeps {
  rules: RetentionRule[];
  /** The shared counters that elect one instance per interval (ops.hit). */
  ops: Pick<OpsRepository, 'hit'>;
  clock: Clock;
  log: Pick<Logger, 'info' | 'warn'>;
  intervalMs: number;
  /** Hears how many rows of each kind went (metrics). */
  onPurged?: (kind: string, rows: number) => void;
}

/** The lease key: the first instance to count a hit in the current window runs the purge. */
const LEASE_KEY = 'worker:retention';

/**
 * Purges personal data past its retention, one kind at a time. Every instance schedules it, but only
 * one per interval runs it: the first to count a hit on a shared counter whose window is slightly
 * shorter than the interval (the same atomic UPDATE that makes rate limits hold across instances).
 */
export class RetentionService {
  constructor(private readonly d: RetentionDeps) {}

  /** Runs the purge if this instance won this interval; null when another instance has it. */
  async runIfElected(): Promise<Record<string, number> | null> {
    const window = Math.max(1_000, Math.floor(this.d.intervalMs * 0.9));
    const lease = await this.d.ops.hit(LEASE_KEY, window, this.d.clock.now());
    if (lease.hits !== 1) return null;
    return this.purgeAll();
  }

  async purgeAll(): Promise<Record<string, number>> {
    const now = this.d.clock.now().getTime();
    const purged: Record<string, number> = {};
    for (const rule of this.d.rules) {
      if (rule.days <= 0) continue;
      try {
        const rows = await rule.purge(new Date(now - rule.days * DAY_MS));
        purged[rule.kind] = rows;
        if (rows) this.d.onPurged?.(rule.kind, rows);
      } catch (err) {
        this.d.log.warn(`retention: purging ${rule.kind} failed`, { err });
      }
    }
    const total = Object.values(purged).reduce((a, b) => a + b, 0);
    if (total) this.d.log.info(`retention: purged ${total} row(s)`, { purged });
    return purged;
  }
}
