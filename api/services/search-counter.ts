import type { SearchCountRepository } from '../repositories/search-count.repository';
import type { Clock } from './clock';

/**
 * Counts flight searches per channel for the conversation funnel. Searches are the hottest path: each is
 * counted in memory and the counts are added to the database every few seconds (the workers) and at shutdown,
 * one statement per day and channel, so no search waits on or contends for a counter row. A crash loses at most
 * the last few seconds of counts: the funnel is a statistic, not a ledger.
 */
export class SearchCounter {
  private pending = new Map<string, number>();

  constructor(
    private readonly repo: SearchCountRepository,
    private readonly clock: Clock,
  ) {}

  count(channel: string): void {
    const key = `${this.clock.now().toISOString().slice(0, 10)}|${channel || 'api'}`;
    this.pending.set(key, (this.pending.get(key) ?? 0) + 1);
  }

  /** Writes what was counted since the last flush (put back if the database refuses, for the next one). */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, n] of batch) {
      const [day, channel] = key.split('|') as [string, string];
      try {
        await this.repo.add(day, channel, n);
      } catch (err) {
        this.pending.set(key, (this.pending.get(key) ?? 0) + n);
        throw err;
      }
    }
  }
}
