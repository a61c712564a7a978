import { DomainError } from '../../../api/errors';
import { AppMetrics } from '../../../api/observability/metrics';
import { countHoldOutcomes, countPaymentOutcomes } from '../../../api/observability/outcome-metrics';
import type { EventHandler } from '../../../api/services/domain-events';
import type { BookingService } from '../../../api/services/booking.service';

const value = async (metrics: AppMetrics, name: string, outcome: string) =>
  (await metrics.registry.getSingleMetric(name)!.get()).values.find((v) => v.labels.outcome === outcome)?.value ?? 0;

it('counts holds as held or by the error code that refused them', async () => {
  const metrics = new AppMetrics();
  let refuse = false;
  const bookings = {
    createHold: async () => {
      if (refuse) throw new DomainError('conflict', 'seat_unavailable', 'taken', { flightId: 1, designator: '1A' });
      return { pnr: 'ABC123' };
    },
  } as unknown as Pick<BookingService, 'createHold'>;
  countHoldOutcomes(bookings, metrics);
  await bookings.createHold({ kind: 'guest' } as never, {} as never);
  refuse = true;
  await expect(bookings.createHold({ kind: 'guest' } as never, {} as never)).rejects.toThrow('taken');
  expect(await value(metrics, 'jetway_holds_total', 'held')).toBe(1);
  expect(await value(metrics, 'jetway_holds_total', 'seat_unavailable')).toBe(1);
});

it('counts payment outcomes from the domain events, ignoring the others', async () => {
  const metrics = new AppMetrics();
  let handler: EventHandler | undefined;
  const once = { eventId: 1, attempt: 1, once: (_s: string, w: () => Promise<void>) => w(), done: () => false };
  countPaymentOutcomes({ subscribe: (_type, _name, h) => (handler = h) }, metrics);
  await handler!({ type: 'booking.confirmed', bookingId: 1, pnr: 'A' }, once);
  await handler!({ type: 'booking.payment_failed', bookingId: 2, pnr: 'B', reason: 'declined' }, once);
  await handler!({ type: 'booking.expired', bookingId: 3, pnr: 'C' }, once);
  expect(await value(metrics, 'jetway_payments_total', 'paid')).toBe(1);
  expect(await value(metrics, 'jetway_payments_total', 'failed')).toBe(1);
  expect((await metrics.registry.getSingleMetric('jetway_payments_total')!.get()).values).toHaveLength(2);
});
