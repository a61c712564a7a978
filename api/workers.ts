import type { ApiServices } from './container';

/**
 * Background work every instance runs: the hold sweeper, the domain-event dispatcher, the mail
 * outbox and the refund retry. Each claims its rows atomically, so instances never double up.
 */
export function startWorkers(s: ApiServices): () => void {
  s.sweeper.start(s.config.SWEEP_SECONDS);
  s.events.start();
  s.mail.start();
  const refundTimer = setInterval(
    () => void s.refunds.retryUnsent().catch((err: unknown) => s.log.warn('refund retry failed', { err })),
    60_000,
  );
  refundTimer.unref();
  return () => {
    s.sweeper.stop();
    s.events.stop();
    s.mail.stop();
    clearInterval(refundTimer);
  };
}
