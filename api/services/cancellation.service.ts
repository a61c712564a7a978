import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { conflict, DomainError, forbidden, notFound, validationError } from '../errors';
import { cancellationOutcome } from '../domain/cancellation-rules';
import type { FareFamily } from '../domain/fares';
import type { Money } from '../domain/types';
import type { BagOrderRepository } from '../repositories/bag-order.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import { type Actor, actorRole, actorUserId, isStaff } from './actor';
import type { BookingAccess } from './booking-access';
import { type BookingView, effectiveStatus } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';
import type { RefundService } from './refund.service';

const QUOTE_MINUTES = 15;

export interface CancellationQuote {
  id: string;
  refund: Money;
  fee: Money;
  currency: string;
  expiresAt: string;
  rule: string;
  waived: boolean;
}

export interface CancellationServiceDeps {
  db: Db;
  bookingRepo: BookingRepository;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  paymentRepo: PaymentRepository;
  /** Extra checked bags paid for (optional: without it no bag is refunded beyond what the rules give back). */
  bagOrderRepo?: Pick<BagOrderRepository, 'forBooking'>;
  opsRepo: OpsRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  refunds: RefundService;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
}

/**
 * Cancelling paid bookings: a quote first (what the fare rules refund now), then a cancellation that
 * spends the quote exactly once, releases the seats, records the refund and tells the traveller.
 * Agents and admins may waive the fee, with a reason, in the audit log.
 */
export class CancellationService {
  private readonly db: Db;
  private readonly bookingRepo: BookingRepository;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly paymentRepo: PaymentRepository;
  private readonly bagOrderRepo: Pick<BagOrderRepository, 'forBooking'> | undefined;
  private readonly opsRepo: OpsRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly bookingViews: BookingViews;
  private readonly refunds: RefundService;
  private readonly mail: MailService;
  private readonly events: DomainEvents;
  private readonly clock: Clock;

  constructor(deps: CancellationServiceDeps) {
    this.db = deps.db;
    this.bookingRepo = deps.bookingRepo;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.paymentRepo = deps.paymentRepo;
    this.bagOrderRepo = deps.bagOrderRepo;
    this.opsRepo = deps.opsRepo;
    this.bookingAccess = deps.bookingAccess;
    this.bookingViews = deps.bookingViews;
    this.refunds = deps.refunds;
    this.mail = deps.mail;
    this.events = deps.events;
    this.clock = deps.clock;
  }

  async quote(
    pnr: string,
    actor: Actor,
    opts: { lastName?: string; waiveFee?: boolean; reason?: string } = {},
  ): Promise<CancellationQuote> {
    const { agg } = await this.bookingAccess.load(pnr, actor, { lastName: opts.lastName });
    if (opts.waiveFee && !isStaff(actor))
      throw forbidden('forbidden', 'Only agents and admins can waive a cancellation fee.');
    if (opts.waiveFee && (!opts.reason || opts.reason.trim().length < 3))
      throw validationError('reason_required', 'Say why the fee is waived.');
    const b = agg.booking;
    const now = this.clock.now();
    const status = effectiveStatus(b.status, b.holdExpiresAt, now);
    let outcome = { refund: 0, fee: 0, rule: 'Unpaid booking: nothing to refund; the held seats are released.' };
    if (status === 'confirmed') {
      const flights = await this.flightRepo.findByIds(agg.segments.map((s) => s.flightId));
      const firstDeparture = new Date(Math.min(...flights.map((f) => f.departureAt.getTime())));
      if (firstDeparture <= now)
        throw conflict(
          'flight_departed',
          'The journey has started; it can no longer be cancelled here. Please contact support.',
        );
      outcome = cancellationOutcome({
        paid: (await this.netPaid(b.id)) ?? b.totalAmount,
        currency: b.currency,
        breakdown: b.breakdown,
        families: agg.segments.map((s) => s.fareFamily as FareFamily),
        feePassengers: agg.passengers.filter((p) => p.type !== 'INF').length,
        bookedAt: b.confirmedAt ?? b.createdAt,
        firstDeparture,
        now,
        waived: !!opts.waiveFee,
        bags: await this.paidBags(agg),
      });
    } else if (status !== 'held') throw conflict('booking_not_cancellable', `This booking is already ${status}.`);
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + QUOTE_MINUTES * 60_000);
    await this.paymentRepo.insertQuote({
      id,
      bookingId: b.id,
      bookingVersion: b.version,
      refundAmount: outcome.refund,
      feeAmount: outcome.fee,
      currency: b.currency,
      rule: outcome.rule,
      waived: !!opts.waiveFee,
      reason: opts.reason?.trim() ?? null,
      createdByUserId: actorUserId(actor),
      expiresAt,
    });
    const m = (amount: number) => ({ amount, currency: b.currency });
    return {
      id,
      refund: m(outcome.refund),
      fee: m(outcome.fee),
      currency: b.currency,
      expiresAt: expiresAt.toISOString(),
      rule: outcome.rule,
      waived: !!opts.waiveFee,
    };
  }

  /**
   * What the traveller has paid for the booking and not had back: its payment and any seat-change differences, less
   * refunds already made or on their way (cheaper seats). Null when no payment is recorded.
   */
  private async netPaid(bookingId: number): Promise<number | null> {
    const kept = (await this.paymentRepo.forBooking(bookingId)).filter((p) => p.status === 'succeeded');
    if (kept.length === 0) return null;
    const ids = new Set(kept.map((p) => p.id));
    const back = (await this.paymentRepo.refundsForBooking(bookingId))
      .filter((r) => r.status !== 'failed' && ids.has(r.paymentId))
      .reduce((s, r) => s + r.amount, 0);
    return kept.reduce((s, p) => s + p.amount, 0) - back;
  }

  /** Extra bags paid for (applied orders), by the position of their flight's segment. */
  private async paidBags(agg: BookingAggregate): Promise<{ segment: number; amount: number }[]> {
    const orders = (await this.bagOrderRepo?.forBooking(agg.booking.id)) ?? [];
    return orders
      .filter((o) => o.status === 'applied')
      .flatMap((o) => o.items)
      .map((i) => ({ segment: agg.segments.findIndex((s) => s.flightId === i.flightId), amount: i.amount }))
      .filter((i) => i.segment >= 0);
  }

  /** Confirms a quote: exactly one of several concurrent cancellations wins; the rest get 409. */
  async cancel(
    pnr: string,
    actor: Actor,
    quoteId: string,
    lastName?: string,
  ): Promise<BookingView & { refund: Money }> {
    const { agg, access } = await this.bookingAccess.load(pnr, actor, { lastName });
    const b = agg.booking;
    const now = this.clock.now();
    const quote = await this.paymentRepo.findQuote(quoteId);
    if (!quote || quote.bookingId !== b.id)
      throw notFound('quote_not_found', 'That cancellation quote does not belong to this booking.');
    if (quote.usedAt) throw conflict('quote_used', 'This booking is already being cancelled.');
    if (quote.expiresAt <= now)
      throw new DomainError('gone', 'quote_expired', 'The cancellation quote has expired. Ask for a new one.');
    if (quote.waived && !isStaff(actor))
      throw forbidden('forbidden', 'Only agents and admins can use a fee-waived quote.');
    await this.db.transaction(async () => {
      if (!(await this.paymentRepo.useQuote(quote.id, now)))
        throw conflict('quote_used', 'This booking is already being cancelled.');
      const from = quote.refundAmount > 0 || b.status === 'confirmed' ? (['confirmed'] as const) : (['held'] as const);
      if (
        !(await this.bookingRepo.transition(
          b.id,
          [...from],
          'cancelled',
          { cancelledAt: now, holdExpiresAt: null },
          quote.bookingVersion,
        ))
      )
        throw conflict('booking_changed', 'The booking changed since the quote was made. Ask for a new quote.');
      await this.seatRepo.release(b.id);
      // Over every payment the booking kept (a seat change's difference is a payment of its own).
      if (quote.refundAmount > 0)
        await this.refunds.requestAcross({
          booking: b,
          amount: quote.refundAmount,
          reason: quote.waived ? 'cancellation_fee_waived' : 'cancellation',
          idempotencyKey: `cancel:${quote.id}`,
        });
      if (isStaff(actor) || quote.waived)
        await this.opsRepo.audit({
          actorUserId: actorUserId(actor),
          actorRole: actorRole(actor),
          action: quote.waived ? 'booking.cancelled_fee_waived' : 'booking.cancelled',
          entityType: 'booking',
          entityId: b.pnr,
          reason: quote.reason,
          data: { quoteId: quote.id, refund: quote.refundAmount, fee: quote.feeAmount, currency: quote.currency },
        });
      if (b.status === 'confirmed')
        await this.mail.enqueueCancellation(
          b.pnr,
          b.contactEmail,
          { amount: quote.refundAmount, currency: quote.currency },
          quote.rule,
          access,
        );
      await this.events.publish({
        type: 'booking.cancelled',
        bookingId: b.id,
        pnr: b.pnr,
        refundAmount: quote.refundAmount,
        currency: quote.currency,
      });
    });
    const view = await this.bookingViews.render((await this.bookingRepo.findById(b.id))!, access === 'masked');
    return { ...view, refund: { amount: quote.refundAmount, currency: quote.currency } };
  }
}
