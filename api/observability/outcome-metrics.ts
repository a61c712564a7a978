import { DomainError } from '../errors';
import type { BookingService } from '../services/booking.service';
import type { DomainEvent, DomainEvents } from '../services/domain-events';
import type { AppMetrics } from './metrics';

/** Domain events that are payment outcomes, as jetway_payments_total's `outcome` label. */
const PAYMENT_OUTCOMES: Partial<Record<DomainEvent['type'], string>> = {
  'booking.confirmed': 'paid',
  'booking.payment_failed': 'failed',
  'payment.refunded_unbooked': 'refunded_unbooked',
  'refund.succeeded': 'refund_succeeded',
  'refund.failed': 'refund_failed',
};

/**
 * Payments are counted from the domain events the payment code already publishes: each event is
 * dispatched once across all instances, so the cluster-wide sum is exact.
 */
export function countPaymentOutcomes(events: Pick<DomainEvents, 'subscribe'>, metrics: AppMetrics): void {
  events.subscribe('*', 'payment-metrics', async (event) => {
    const outcome = PAYMENT_OUTCOMES[event.type];
    if (outcome) metrics.payments.inc({ outcome });
  });
}

/** Counts each subscriber's delivery attempts of domain events: delivered, retried, dead_lettered. */
export function countEventDeliveries(events: Pick<DomainEvents, 'observe'>, metrics: AppMetrics): void {
  events.observe((outcome, subscriber) => metrics.eventDeliveries.inc({ subscriber, outcome }));
}

/**
 * Counts seat holds by outcome around the one use case that places them (HTTP API and chat alike):
 * `held`, or the error code that refused the hold (`seat_unavailable`, `flight_departed`…), or `error`.
 */
export function countHoldOutcomes(bookings: Pick<BookingService, 'createHold'>, metrics: AppMetrics): void {
  const createHold = bookings.createHold.bind(bookings);
  bookings.createHold = async (...args) => {
    try {
      const view = await createHold(...args);
      metrics.holds.inc({ outcome: 'held' });
      return view;
    } catch (err) {
      metrics.holds.inc({ outcome: err instanceof DomainError ? err.code : 'error' });
      throw err;
    }
  };
}
