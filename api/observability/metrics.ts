import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One outbox's queue: rows waiting and how long the oldest has waited. */
export interface OutboxBacklog {
  outbox: string;
  pending: number;
  oldestAgeSeconds: number;
}

/** Connections of the database pool: taken by a query or transaction, and callers waiting for one. */
export interface PoolUsage {
  inUse: number;
  waiting: number;
}

/** Values read when Prometheus scrapes (so nothing polls between scrapes). */
export interface ScrapeSources {
  outboxes(): Promise<OutboxBacklog[]>;
  openSockets(): number;
  pool(): PoolUsage;
  /** Transactions retried after a conflict (deadlock, lock timeout, certification failure) since start. */
  conflictRetries(): number;
}

const SECONDS_HTTP = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SECONDS_TURN = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15];

/**
 * jetway's Prometheus metrics (names documented in README "Metrics"). Counters and histograms are fed
 * by the code paths they describe; gauges read their sources at scrape time. Node's own metrics
 * (event-loop delay, heap, GC, CPU) come from prom-client's defaults.
 */
export class AppMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'jetway_http_request_duration_seconds',
    help: 'HTTP request duration by method, matched route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: SECONDS_HTTP,
    registers: [this.registry],
  });
  readonly chatTurns = new Counter({
    name: 'jetway_chat_turns_total',
    help: 'Chat turns by channel and outcome (ok or error)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly chatTurnDuration = new Histogram({
    name: 'jetway_chat_turn_duration_seconds',
    help: 'Chat turn duration by channel',
    labelNames: ['channel'] as const,
    buckets: SECONDS_TURN,
    registers: [this.registry],
  });
  readonly nluFallbacks = new Counter({
    name: 'jetway_nlu_fallbacks_total',
    help: 'Utterances the language model failed on (timeout or error), understood by the offline recognizer',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly holds = new Counter({
    name: 'jetway_holds_total',
    help: 'Seat holds requested, by outcome (held, or the error code that refused them)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly payments = new Counter({
    name: 'jetway_payments_total',
    help: 'Payment outcomes: paid, failed, refunded_unbooked, refund_succeeded, refund_failed',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly eventDeliveries = new Counter({
    name: 'jetway_event_deliveries_total',
    help: 'Domain-event delivery attempts by subscriber and outcome (delivered, retried, dead_lettered)',
    labelNames: ['subscriber', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly retentionPurged = new Counter({
    name: 'jetway_retention_purged_total',
    help: 'Rows removed by the retention worker, by kind of data',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Registers the gauges that read `sources` at each scrape. */
  observe(sources: ScrapeSources): void {
    const registers = [this.registry];
    const outboxes = oncePerScrape(() => sources.outboxes());
    new Gauge({
      name: 'jetway_outbox_backlog',
      help: 'Rows waiting in each outbox (mail, events)',
      labelNames: ['outbox'] as const,
      registers,
      async collect() {
        for (const o of await outboxes()) this.set({ outbox: o.outbox }, o.pending);
      },
    });
    new Gauge({
      name: 'jetway_outbox_oldest_age_seconds',
      help: 'Age of the oldest row waiting in each outbox (0 when empty)',
      labelNames: ['outbox'] as const,
      registers,
      async collect() {
        for (const o of await outboxes()) this.set({ outbox: o.outbox }, o.oldestAgeSeconds);
      },
    });
    new Gauge({
      name: 'jetway_directline_open_sockets',
      help: 'Direct Line WebSocket streams open on this instance',
      registers,
      collect() {
        this.set(sources.openSockets());
      },
    });
    new Gauge({
      name: 'jetway_db_pool_connections_in_use',
      help: 'Database connections taken by a query or transaction',
      registers,
      collect() {
        this.set(sources.pool().inUse);
      },
    });
    new Gauge({
      name: 'jetway_db_pool_waiting',
      help: 'Callers waiting for a database connection',
      registers,
      collect() {
        this.set(sources.pool().waiting);
      },
    });
    let counted = 0;
    new Counter({
      name: 'jetway_db_conflict_retries_total',
      help: 'Transactions retried after losing a conflict (deadlock, lock timeout, certification failure)',
      registers,
      collect() {
        const now = sources.conflictRetries();
        if (now > counted) this.inc(now - counted);
        counted = now;
      },
    });
  }

  /** Prometheus text exposition of every metric. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Two gauges read the outboxes: one query per scrape serves both. */
function oncePerScrape<T>(read: () => Promise<T>, ttlMs = 1000): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > ttlMs) cached = { at: now, value: read() };
    return cached.value;
  };
}
