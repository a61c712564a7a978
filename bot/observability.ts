import type { ApiServices } from '../api/container';
import { conflictRetries, poolUsage } from '../api/db/pool-stats';
import type { InFlight } from '../api/lifecycle/in-flight';
import type { AppMetrics } from '../api/observability/metrics';
import type { Tracing } from '../api/observability/tracing';
import { countEventDeliveries, countHoldOutcomes, countPaymentOutcomes } from '../api/observability/outcome-metrics';
import { OutboxStatsRepository } from '../api/repositories/outbox-stats.repository';
import type { BotRuntime } from './runtime';
import { observeTurns } from './turn-observer';

/** jetway_nlu_fallbacks_total's reason: a timeout, or any other failure of the model. */
export function fallbackReason(message: string): 'timeout' | 'error' {
  return /time(d)?\s?out|abort/i.test(message) ? 'timeout' : 'error';
}

/**
 * Connects the metrics to what they measure: seat holds and payments (services), chat turns (the bot,
 * which also counts them as work in flight for shutdown), and the scrape-time gauges (outboxes, Direct
 * Line sockets, the database pool, conflict retries).
 */
export function instrument(
  s: ApiServices,
  runtime: BotRuntime,
  metrics: AppMetrics,
  inFlight: InFlight,
  tracing?: Tracing,
): void {
  countHoldOutcomes(s.bookings, metrics);
  countPaymentOutcomes(s.events, metrics);
  countEventDeliveries(s.events, metrics);
  observeTurns(runtime.bot, metrics, inFlight, tracing);
  const outboxStats = new OutboxStatsRepository(s.db);
  metrics.observe({
    async outboxes() {
      const now = s.clock.now().getTime();
      return (await outboxStats.queues()).map((q) => ({
        outbox: q.outbox,
        pending: q.pending,
        oldestAgeSeconds: q.oldestCreatedAt ? Math.max(0, (now - q.oldestCreatedAt.getTime()) / 1000) : 0,
      }));
    },
    openSockets: () => runtime.directLine.openSockets(),
    pool: () => poolUsage(s.db),
    conflictRetries: () => conflictRetries(s.db),
  });
}
