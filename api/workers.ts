import type { ApiServices } from './container';

/** The background workers of one instance: stop their timers, then wait for running passes. */
export interface Workers {
  /** Stops scheduling new passes (idempotent). */
  stop(): void;
  /** Stops, then resolves once the passes already running have finished. */
  drain(): Promise<void>;
}

/** Extra periodic work the composition root adds (e.g. the retention purge), run and drained alike. */
export interface PeriodicWork {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

/**
 * Background work every instance runs: the hold sweeper, the domain-event dispatcher, the mail
 * outbox and the refund retry. Each claims its rows atomically, so instances never double up.
 * Shutdown calls `drain()`: no new pass starts, and the ones running finish.
 */
export function startWorkers(s: ApiServices, more: PeriodicWork[] = []): Workers {
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  const every = (work: PeriodicWork, runNow: boolean) => {
    const pass = () => {
      if (stopped) return;
      const p = work
        .run()
        .catch((err: unknown) => s.log.warn(`${work.name} failed`, { err }))
        .finally(() => running.delete(p));
      running.add(p);
    };
    if (runNow) pass();
    const timer = setInterval(pass, work.intervalMs);
    timer.unref();
    timers.push(timer);
  };
  every({ name: 'hold sweep', intervalMs: s.config.SWEEP_SECONDS * 1000, run: () => s.sweeper.sweep() }, true);
  every({ name: 'refund retry', intervalMs: 60_000, run: () => s.refunds.retryUnsent() }, false);
  // Check-in open / hold ending: each reminder is claimed by a unique row, so instances never send one twice.
  every({ name: 'reminders', intervalMs: s.config.REMINDER_SECONDS * 1000, run: () => s.reminders.runDue() }, true);
  // Disrupted flights: each booking is told once (a unique row per disruption and booking), whichever instance.
  const disruptionMs = s.config.DISRUPTION_SECONDS * 1000;
  every({ name: 'disruptions', intervalMs: disruptionMs, run: () => s.disruptions.notifyDue() }, true);
  every({ name: 'search counts', intervalMs: 10_000, run: () => s.searchCounter.flush() }, false);
  // Idempotent: instances that run a pass at once are serialised by its mark row (or retried on a cluster).
  every({ name: 'report roll-up', intervalMs: 60_000, run: () => s.reportRollup.catchUp() }, false);
  for (const work of more) every(work, false);
  s.events.start();
  s.mail.start();

  const stop = () => {
    stopped = true;
    for (const t of timers) clearInterval(t);
    s.events.stop();
    s.mail.stop();
  };
  return {
    stop,
    async drain() {
      stop();
      // dispatchPending/sendDue join the pass in progress (or run one last short pass of what is due).
      await Promise.allSettled([...running, s.events.dispatchPending(), s.mail.sendDue(), s.searchCounter.flush()]);
    },
  };
}
