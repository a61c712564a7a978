import type { BookingRow, PaymentRow } from '../domain/records';
import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import { type PaymentProvider, PaymentRejectedError } from '../vendors/payments/payment-provider';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';

export interface RefundServiceDeps {
  db: Db;
  paymentRepo: PaymentRepository;
  bookingRepo: BookingRepository;
  provider: PaymentProvider;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
}

/**
 * Refunds: recorded (pending) in the transaction that decides them, sent to the provider after it
 * commits, with an idempotency key so a retry never refunds twice, and followed to the end
 * (pending → succeeded or failed) from the provider's answer or its later webhook.
 */
export class RefundService {
  private readonly db: Db;
  private readonly paymentRepo: PaymentRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly provider: PaymentProvider;
  private readonly mail: MailService;
  private readonly events: DomainEvents;
  private readonly clock: Clock;
  private readonly log: Logger;

  constructor(deps: RefundServiceDeps) {
    this.db = deps.db;
    this.paymentRepo = deps.paymentRepo;
    this.bookingRepo = deps.bookingRepo;
    this.provider = deps.provider;
    this.mail = deps.mail;
    this.events = deps.events;
    this.clock = deps.clock;
    this.log = deps.log;
  }

  /** Records a refund to make; the provider is asked once the surrounding transaction commits. */
  async request(r: {
    booking: BookingRow;
    payment: PaymentRow;
    amount: number;
    reason: string;
    idempotencyKey: string;
  }): Promise<number | null> {
    if (r.amount <= 0) return null;
    const id = await this.paymentRepo.insertRefund({
      bookingId: r.booking.id,
      paymentId: r.payment.id,
      provider: r.payment.provider,
      amount: r.amount,
      currency: r.payment.currency,
      status: 'pending',
      reason: r.reason.slice(0, 255),
      idempotencyKey: r.idempotencyKey,
    });
    if (id !== null)
      this.db.afterCommit(
        () => void this.send(id).catch((err: unknown) => this.log.error(`sending refund ${id} failed`, { err })),
      );
    return id;
  }

  /**
   * Refunds `amount` of a booking over the payments it kept (the booking's payment, then differences paid for seat
   * changes), newest first, each up to what is left of it after earlier refunds: a provider never refunds more than
   * a payment took. The part on the booking's first payment keeps `idempotencyKey` as it is. Returns what was
   * recorded (less than asked only when the payments do not cover it).
   */
  async requestAcross(r: { booking: BookingRow; amount: number; reason: string; idempotencyKey: string }) {
    const kept = (await this.paymentRepo.forBooking(r.booking.id)).filter((p) => p.status === 'succeeded');
    const refunds = (await this.paymentRepo.refundsForBooking(r.booking.id)).filter((x) => x.status !== 'failed');
    let left = r.amount;
    for (const p of [...kept].reverse()) {
      if (left <= 0) break;
      const room = p.amount - refunds.filter((x) => x.paymentId === p.id).reduce((s, x) => s + x.amount, 0);
      const part = Math.min(left, room);
      if (part <= 0) continue;
      const key = p.id === kept[0]!.id ? r.idempotencyKey : `${r.idempotencyKey}:${p.id}`;
      await this.request({ booking: r.booking, payment: p, amount: part, reason: r.reason, idempotencyKey: key });
      left -= part;
    }
    return r.amount - left;
  }

  /** Asks the provider for a recorded refund. Safe to repeat: the idempotency key makes it one refund. */
  async send(refundId: number): Promise<void> {
    const refund = await this.paymentRepo.findRefund(refundId);
    if (!refund || refund.status !== 'pending' || refund.providerRefundId) return;
    const payment = await this.paymentRepo.findPayment(refund.paymentId);
    if (!payment?.paymentIntentId)
      return this.settle(refundId, 'failed', 'The original payment has no provider reference.');
    try {
      const r = await this.provider.refund({
        paymentIntentId: payment.paymentIntentId,
        amount: refund.amount,
        currency: refund.currency,
        idempotencyKey: `refund:${refund.idempotencyKey}`,
        refundId: refund.id,
        bookingId: refund.bookingId,
      });
      await this.paymentRepo.updateRefund(refundId, { providerRefundId: r.providerRefundId });
      if (r.status !== 'pending') await this.settle(refundId, r.status, r.failureReason);
    } catch (err) {
      if (err instanceof PaymentRejectedError) return this.settle(refundId, 'failed', err.message);
      throw err; // transient: the retry loop asks again with the same key
    }
  }

  /**
   * A provider's later word on a refund (webhook). False when the refund is not ours. The webhook can
   * overtake the provider's answer to our request (no provider id stored yet): then it is matched by
   * our refund id, which the request put in the provider's metadata.
   */
  async onProviderUpdate(
    providerRefundId: string,
    status: 'pending' | 'succeeded' | 'failed',
    failureReason: string | null,
    refundId: number | null = null,
  ): Promise<boolean> {
    let refund = await this.paymentRepo.findRefundByProviderId(providerRefundId);
    if (!refund && refundId !== null) {
      const ours = await this.paymentRepo.findRefund(refundId);
      if (ours && ours.providerRefundId === null) {
        await this.paymentRepo.updateRefund(ours.id, { providerRefundId });
        refund = ours;
      }
    }
    if (!refund) return false;
    if (status !== 'pending') await this.settle(refund.id, status, failureReason);
    return true;
  }

  private async settle(refundId: number, status: 'succeeded' | 'failed', failureReason: string | null): Promise<void> {
    await this.db.transaction(async () => {
      if (!(await this.paymentRepo.settleRefund(refundId, status, failureReason?.slice(0, 255) ?? null))) return;
      const refund = (await this.paymentRepo.findRefund(refundId))!;
      const agg = await this.bookingRepo.findById(refund.bookingId);
      const pnr = agg?.booking.pnr ?? '';
      const money = { amount: refund.amount, currency: refund.currency };
      if (status === 'succeeded') {
        await this.events.publish({ type: 'refund.succeeded', bookingId: refund.bookingId, pnr, refundId, ...money });
        if (agg) await this.mail.enqueueRefundUpdate(pnr, agg.booking.contactEmail, refundId, money, true);
      } else {
        this.log.error(`refund ${refundId} for ${pnr} failed: ${failureReason ?? 'unknown reason'}`);
        await this.events.publish({
          type: 'refund.failed',
          bookingId: refund.bookingId,
          pnr,
          refundId,
          ...money,
          reason: failureReason ?? 'unknown',
        });
        if (agg) await this.mail.enqueueRefundUpdate(pnr, agg.booking.contactEmail, refundId, money, false);
      }
    });
  }

  /** Sends refunds recorded but never sent (a crash between commit and the provider call). */
  async retryUnsent(): Promise<void> {
    const cutoff = new Date(this.clock.now().getTime() - 60_000);
    for (const r of await this.paymentRepo.unsentRefunds(cutoff))
      await this.send(r.id).catch((err: unknown) => this.log.warn(`refund ${r.id} retry failed`, { err }));
  }

  async forBooking(bookingId: number) {
    return this.paymentRepo.refundsForBooking(bookingId);
  }
}
