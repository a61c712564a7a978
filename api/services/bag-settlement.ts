import type { Db } from '../db/db';
import { MAX_ADDED_BAGS_PER_PASSENGER } from '../domain/baggage';
import type { PaymentRow } from '../domain/records';
import type { Logger } from '../logger';
import type { BagOrderRepository, BagOrderRow } from '../repositories/bag-order.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import { addedBags } from './bags.service';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';

/** Why money paid for bags goes back instead of adding them (also the payment-returned mail's reason). */
export type BagOrderRefusal =
  | 'booking_cancelled'
  | 'duplicate_payment'
  | 'amount_mismatch'
  | 'bag_order_expired'
  | 'bag_order_replaced'
  | 'bag_limit_exceeded';

export interface BagSettlementDeps {
  db: Db;
  bagOrderRepo: BagOrderRepository;
  bookingRepo: BookingRepository;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
}

/**
 * The end of a bag order: paid (the bags count from then on, in the payment's transaction, and the traveller gets
 * the updated e-ticket and receipt), replaced by a newer request, or expired (nothing is added). The same shape as
 * the end of a seat change waiting for its difference (SeatChangeSettlement).
 */
export class BagSettlement {
  constructor(private readonly deps: BagSettlementDeps) {}

  find(id: number): Promise<BagOrderRow | null> {
    return this.deps.bagOrderRepo.find(id);
  }

  /** The order was paid (inside the payment's transaction): adds the bags and returns null, or says why not. */
  async onPaid(orderId: number, p: PaymentRow, agg: BookingAggregate): Promise<BagOrderRefusal | null> {
    const { bagOrderRepo, clock } = this.deps;
    const b = agg.booking;
    const now = clock.now();
    const order = await bagOrderRepo.find(orderId);
    if (!order || order.bookingId !== b.id) return 'bag_order_replaced';
    if (b.status !== 'confirmed') {
      await bagOrderRepo.settle(order.id, 'cancelled', now);
      return 'booking_cancelled';
    }
    if (order.status === 'superseded' || order.status === 'cancelled') return 'bag_order_replaced';
    if (order.status === 'expired') return 'bag_order_expired';
    if (order.status === 'applied') return 'duplicate_payment';
    if (p.amount !== order.amount || p.currency !== order.currency) return 'amount_mismatch';
    if (order.expiresAt <= now) {
      await this.close(order, 'expired');
      return 'bag_order_expired';
    }
    // Checked again when the money arrives: the limit holds even if an older order was applied meanwhile.
    const added = addedBags(await bagOrderRepo.forBooking(b.id));
    if (
      order.items.some(
        (i) => (added.get(`${i.passengerId}:${i.flightId}`) ?? 0) + i.bags > MAX_ADDED_BAGS_PER_PASSENGER,
      )
    ) {
      await this.close(order, 'superseded');
      return 'bag_limit_exceeded';
    }
    if (!(await bagOrderRepo.settle(order.id, 'applied', now))) throw new Error(`Bag order ${order.id} settled twice`);
    const charged = { amount: order.amount, currency: order.currency };
    await this.deps.mail.enqueueBagsAdded(
      b.pnr,
      b.contactEmail,
      { key: `bags:${order.id}`, charged },
      order.masked ? 'masked' : 'full',
    );
    await this.deps.events.publish({
      type: 'booking.bags_added',
      bookingId: b.id,
      pnr: b.pnr,
      bags: order.items.reduce((n, i) => n + i.bags, 0),
      charged: order.amount,
      currency: order.currency,
    });
    return null;
  }

  /** Replaces the booking's pending orders with a newer request (inside its transaction). */
  async supersedePending(bookingId: number): Promise<void> {
    for (const o of await this.deps.bagOrderRepo.pendingFor(bookingId)) await this.close(o, 'superseded');
  }

  /** Ends pending orders whose link is over: their links close and nothing is added. */
  async expireDue(): Promise<number> {
    let n = 0;
    for (const o of await this.deps.bagOrderRepo.expiredPending(this.deps.clock.now(), 200))
      if (await this.deps.db.transaction(() => this.close(o, 'expired'))) n++;
    if (n) this.deps.log.info(`expired ${n} bag order(s) waiting for payment`);
    return n;
  }

  private async close(o: BagOrderRow, why: 'expired' | 'superseded'): Promise<boolean> {
    const agg = await this.deps.bookingRepo.findById(o.bookingId);
    const reason = agg && agg.booking.status !== 'confirmed' ? 'cancelled' : why;
    if (!(await this.deps.bagOrderRepo.settle(o.id, reason, this.deps.clock.now()))) return false;
    // Subscribers close its payment pages.
    await this.deps.events.publish({
      type: 'bag_order.closed',
      bookingId: o.bookingId,
      pnr: agg?.booking.pnr ?? '',
      bagOrderId: o.id,
      reason,
    });
    return true;
  }
}
