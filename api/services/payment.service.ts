import type { BookingRow, PaymentRow, SeatChangeRow } from '../domain/records';
import type { BagOrderRow } from '../repositories/bag-order.repository';
import type { Db } from '../db/db';
import { conflict, DomainError } from '../errors';
import { isValidZone, toLocalIso } from '../domain/time';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { PaymentEvent, PaymentProvider } from '../vendors/payments/payment-provider';
import type { Actor } from './actor';
import type { BagSettlement } from './bag-settlement';
import type { BookingAccess } from './booking-access';
import { effectiveStatus } from './booking-view';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';
import type { ReferenceDataService } from './reference-data.service';
import type { RefundService } from './refund.service';
import type { SeatChangeSettlement } from './seat-change-settlement';
import type { TicketingService } from './ticketing.service';

const RENEWAL_ACTOR: Actor = { kind: 'system', name: 'payment-renewal' };

/** A payment made for a held booking's earlier price: it cannot pay the booking as it is now. */
export function isStale(p: Pick<PaymentRow, 'amount' | 'currency'>, b: BookingRow): boolean {
  if (b.status !== 'held' && b.status !== 'expired') return false;
  return p.amount !== b.totalAmount || p.currency !== b.currency;
}

/** A payment still "creating" after this long was abandoned (its request died); it no longer blocks new links. */
const CREATING_STALE_MS = 60_000;

export interface PaymentLink {
  url: string;
  /** When the hold, and with it the link, ends. */
  expiresAt: string;
  amount: { amount: number; currency: string };
}

export interface PaymentServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  paymentRepo: PaymentRepository;
  seatRepo: SeatRepository;
  bookingAccess: BookingAccess;
  provider: PaymentProvider;
  ticketing: TicketingService;
  refunds: RefundService;
  /** Applies a seat change whose difference was paid (or says why it cannot be). */
  seatChanges: SeatChangeSettlement;
  /** Adds checked bags whose payment arrived (or says why they cannot be). */
  bagOrders: BagSettlement;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
  /** Where the provider sends the traveller back to after paying. */
  publicUrl: string;
}

/**
 * Payment links and what payment providers report. Every outcome (Stripe webhook or sandbox page)
 * goes through `handleEvent`, once per provider event id, in one transaction with its effects:
 * a paid held booking is confirmed and ticketed; money for a booking that cannot be honoured (seats
 * gone after the hold ended, booking cancelled, paid twice) is refunded automatically.
 */
export class PaymentService {
  private readonly db: Db;
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly paymentRepo: PaymentRepository;
  private readonly seatRepo: SeatRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly provider: PaymentProvider;
  private readonly ticketing: TicketingService;
  private readonly refunds: RefundService;
  private readonly seatChanges: SeatChangeSettlement;
  private readonly bagOrders: BagSettlement;
  private readonly mail: MailService;
  private readonly events: DomainEvents;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly publicUrl: string;

  constructor(deps: PaymentServiceDeps) {
    this.db = deps.db;
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.bookingRepo = deps.bookingRepo;
    this.paymentRepo = deps.paymentRepo;
    this.seatRepo = deps.seatRepo;
    this.bookingAccess = deps.bookingAccess;
    this.provider = deps.provider;
    this.ticketing = deps.ticketing;
    this.refunds = deps.refunds;
    this.seatChanges = deps.seatChanges;
    this.bagOrders = deps.bagOrders;
    this.mail = deps.mail;
    this.events = deps.events;
    this.clock = deps.clock;
    this.log = deps.log;
    this.publicUrl = deps.publicUrl;
  }

  get providerName(): string {
    return this.provider.name;
  }

  /**
   * A link to pay a held booking. Repeated requests (double clicks) get the same open link. `timeZone` (the
   * traveller's, when known) lets the sandbox page show the hold's end in local time.
   */
  async createLink(pnr: string, actor: Actor, lastName?: string, timeZone?: string): Promise<PaymentLink> {
    const { booking: b } = await this.bookingAccess.loadBooking(pnr, actor, { lastName });
    const now = this.clock.now();
    const status = effectiveStatus(b.status, b.holdExpiresAt, now);
    if (status === 'confirmed') throw conflict('already_paid', 'This booking is already paid.');
    if (status === 'expired')
      throw conflict(
        'hold_expired',
        'The hold on this booking has ended, so it can no longer be paid. Please search again.',
      );
    if (status === 'cancelled') throw conflict('booking_cancelled', 'This booking is cancelled.');
    const expiresAt = b.holdExpiresAt!;
    const link = (p: PaymentRow): PaymentLink => ({
      url: p.url!,
      expiresAt: expiresAt.toISOString(),
      amount: { amount: p.amount, currency: p.currency },
    });

    // Differences paid for seat changes, and bags, are links of their own, never the booking's.
    const existing = (await this.paymentRepo.forBooking(b.id)).filter((p) => !p.seatChangeId && !p.bagOrderId);
    const open = existing.find(
      (p) => p.status === 'open' && p.url && p.amount === b.totalAmount && p.currency === b.currency,
    );
    if (open) return link(open);
    // A request that is still creating its session (the first of a double click) is waited for, not
    // raced with a second session; one stuck longer than a provider call can take is left behind.
    const inFlight = existing.find(
      (p) =>
        p.status === 'creating' &&
        p.amount === b.totalAmount &&
        p.currency === b.currency &&
        p.createdAt.getTime() > now.getTime() - CREATING_STALE_MS,
    );
    if (inFlight) return link(await this.waitForLink(inFlight.idempotencyKey));
    return this.openCheckout({
      booking: b,
      amount: b.totalAmount,
      expiresAt,
      key: `checkout:${b.id}:${existing.length + 1}`,
      description: `Flight booking ${b.pnr}`,
      seatChangeId: null,
      timeZone,
    });
  }

  /**
   * A link to pay the difference of a seat change on a paid booking, open until the new seats' hold ends. Repeated
   * requests get the same open link.
   */
  async createSeatChangeLink(change: SeatChangeRow, b: BookingRow, timeZone?: string): Promise<PaymentLink> {
    const existing = (await this.paymentRepo.forBooking(b.id)).filter((p) => p.seatChangeId === change.id);
    const open = existing.find((p) => p.status === 'open' && p.url);
    if (open)
      return {
        url: open.url!,
        expiresAt: change.expiresAt.toISOString(),
        amount: { amount: open.amount, currency: open.currency },
      };
    return this.openCheckout({
      booking: b,
      amount: change.amount,
      expiresAt: change.expiresAt,
      key: `seatchange:${change.id}:${existing.length + 1}`,
      // The traveller reads this on the card page and statement: name what the difference is for.
      description: `${change.kind === 'flights' ? 'Flight change' : 'Seat change'} on booking ${b.pnr}`,
      seatChangeId: change.id,
      timeZone,
    });
  }

  /** A link to pay for checked bags added to a paid booking, open until the order ends. Repeats get the same link. */
  async createBagOrderLink(order: BagOrderRow, b: BookingRow, timeZone?: string): Promise<PaymentLink> {
    const existing = (await this.paymentRepo.forBooking(b.id)).filter((p) => p.bagOrderId === order.id);
    const open = existing.find((p) => p.status === 'open' && p.url);
    if (open)
      return {
        url: open.url!,
        expiresAt: order.expiresAt.toISOString(),
        amount: { amount: open.amount, currency: open.currency },
      };
    return this.openCheckout({
      booking: b,
      amount: order.amount,
      expiresAt: order.expiresAt,
      key: `bags:${order.id}:${existing.length + 1}`,
      description: `Checked bags on booking ${b.pnr}`,
      seatChangeId: null,
      bagOrderId: order.id,
      timeZone,
    });
  }

  /** Records a payment and opens its provider session (a hosted payment page). */
  private async openCheckout(o: {
    booking: BookingRow;
    amount: number;
    expiresAt: Date;
    key: string;
    description: string;
    seatChangeId: number | null;
    bagOrderId?: number;
    timeZone?: string;
  }): Promise<PaymentLink> {
    const b = o.booking;
    const link = (p: PaymentRow): PaymentLink => ({
      url: p.url!,
      expiresAt: o.expiresAt.toISOString(),
      amount: { amount: p.amount, currency: p.currency },
    });
    const paymentId = await this.paymentRepo.insertPayment({
      bookingId: b.id,
      provider: this.provider.name,
      amount: o.amount,
      currency: b.currency,
      expiresAt: o.expiresAt,
      idempotencyKey: o.key,
      seatChangeId: o.seatChangeId,
      bagOrderId: o.bagOrderId ?? null,
    });
    if (paymentId === null) return link(await this.waitForLink(o.key));
    try {
      const session = await this.provider.createCheckout({
        paymentId,
        bookingId: b.id,
        amount: o.amount,
        currency: b.currency,
        description: o.description,
        expiresAt: o.expiresAt,
        successUrl: `${this.publicUrl}/pay/done?booking=${b.pnr}`,
        cancelUrl: `${this.publicUrl}/pay/cancelled?booking=${b.pnr}`,
        idempotencyKey: o.key,
        timeZone: o.timeZone && isValidZone(o.timeZone) ? o.timeZone : undefined,
      });
      await this.paymentRepo.transitionPayment(paymentId, ['creating'], 'open', {
        sessionId: session.sessionId,
        url: session.url,
      });
      return {
        url: session.url,
        expiresAt: o.expiresAt.toISOString(),
        amount: { amount: o.amount, currency: b.currency },
      };
    } catch (err) {
      await this.paymentRepo.transitionPayment(paymentId, ['creating'], 'failed', { failureReason: 'provider_error' });
      this.log.error('creating a checkout session failed', { err, bookingId: b.id });
      throw new DomainError(
        'unavailable',
        'payment_provider_unavailable',
        'We could not open the payment page just now. Please try again in a minute.',
      );
    }
  }

  /** The request that lost the race for an idempotency key waits for the winner's link. */
  private async waitForLink(key: string): Promise<PaymentRow> {
    for (let i = 0; i < 40; i++) {
      const p = await this.paymentRepo.findByIdempotencyKey(key);
      if (p?.url && p.status === 'open') return p;
      if (p && p.status !== 'creating') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw conflict('payment_in_progress', 'A payment link is being prepared; please try again.');
  }

  /** Applies one provider event exactly once. Returns what happened, for the webhook's answer. */
  async handleEvent(event: PaymentEvent): Promise<'processed' | 'duplicate' | 'ignored'> {
    const outcome = await this.db.transaction(async () => {
      if (!(await this.paymentRepo.recordEvent(event.id, event.provider, event.kind))) return 'duplicate' as const;
      switch (event.kind) {
        case 'checkout_completed':
          if (!event.paid)
            return this.withPayment(
              event.sessionId,
              async (p) =>
                void (await this.paymentRepo.updatePayment(p.id, { paymentIntentId: event.paymentIntentId })),
            );
          return this.withPayment(event.sessionId, (p) =>
            this.onPaid(p, event.paymentIntentId, event.amount, event.currency),
          );
        case 'checkout_async_succeeded':
          return this.withPayment(event.sessionId, (p) =>
            this.onPaid(p, event.paymentIntentId, event.amount, event.currency),
          );
        case 'checkout_async_failed':
          return this.withPayment(event.sessionId, (p) => this.onFailed(p, event.reason, true));
        case 'payment_failed': {
          const p = event.paymentId
            ? await this.paymentRepo.findPayment(event.paymentId)
            : event.sessionId
              ? await this.paymentRepo.findBySession(event.sessionId)
              : null;
          if (!p) return 'ignored' as const;
          await this.onFailed(p, event.reason, false);
          return 'processed' as const;
        }
        case 'checkout_expired':
          return this.withPayment(
            event.sessionId,
            async (p) => void (await this.paymentRepo.transitionPayment(p.id, ['open', 'creating'], 'expired')),
          );
        case 'refund_updated':
          return (await this.refunds.onProviderUpdate(
            event.providerRefundId,
            event.status,
            event.failureReason,
            event.refundId ?? null,
          ))
            ? ('processed' as const)
            : ('ignored' as const);
      }
    });
    if (outcome === 'ignored') this.log.warn(`payment event ${event.id} (${event.kind}) matched nothing we know`);
    return outcome;
  }

  private async withPayment(sessionId: string, fn: (p: PaymentRow) => Promise<void>): Promise<'processed' | 'ignored'> {
    const p = await this.paymentRepo.findBySession(sessionId);
    if (!p) return 'ignored';
    await fn(p);
    return 'processed';
  }

  private async onPaid(p: PaymentRow, paymentIntentId: string | null, amount: number, currency: string): Promise<void> {
    const now = this.clock.now();
    if (
      !(await this.paymentRepo.transitionPayment(p.id, ['creating', 'open', 'expired', 'failed'], 'succeeded', {
        paymentIntentId,
        paidAt: now,
      }))
    )
      return;
    const agg = await this.bookingRepo.findById(p.bookingId);
    if (!agg) throw new Error(`Payment ${p.id} for missing booking ${p.bookingId}`);
    const b = agg.booking;
    const paid = { ...p, paymentIntentId, status: 'succeeded' as const };
    if (amount !== p.amount || currency !== p.currency) return this.refundUnbooked(b, paid, amount, 'amount_mismatch');
    // The difference of a seat change: the swap happens now, or the money goes back (change replaced, hold over).
    if (p.seatChangeId) {
      const refused = await this.seatChanges.onPaid(p.seatChangeId, paid, agg);
      return refused ? this.refundUnbooked(b, paid, p.amount, refused) : undefined;
    }
    // Checked bags: they count now, or the money goes back (order replaced or ended, booking cancelled).
    if (p.bagOrderId) {
      const refused = await this.bagOrders.onPaid(p.bagOrderId, paid, agg);
      return refused ? this.refundUnbooked(b, paid, p.amount, refused) : undefined;
    }
    if (b.status === 'confirmed') return this.refundUnbooked(b, paid, p.amount, 'duplicate_payment');
    if (b.status === 'cancelled') return this.refundUnbooked(b, paid, p.amount, 'booking_cancelled');
    // The link was made for another price (the booking changed after it was opened): never confirm an underpaid
    // (or overpaid) booking; the money goes back and the traveller gets a link for what is due now.
    if (isStale(p, b)) return this.refundUnbooked(b, paid, p.amount, 'price_changed');
    // Held, or expired: take the same seats again while nobody else has them (expired holds keep their rows).
    const expected = agg.passengers.filter((x) => x.type !== 'INF').length * agg.segments.length;
    const kept = await this.seatRepo.setStateForBooking(b.id, 'booked', null);
    if (kept !== expected) {
      if (kept > 0) await this.seatRepo.revertBooked(b.id, b.holdExpiresAt);
      if (b.status === 'held') await this.bookingRepo.transition(b.id, ['held'], 'expired');
      return this.refundUnbooked(b, paid, p.amount, 'seats_no_longer_available');
    }
    if (
      !(await this.bookingRepo.transition(b.id, ['held', 'expired'], 'confirmed', {
        confirmedAt: now,
        holdExpiresAt: null,
      }))
    )
      throw new Error(`Booking ${b.pnr} changed while being confirmed`);
    await this.ticketing.issueTickets(agg);
    await this.mail.enqueueConfirmation(b.pnr, b.contactEmail);
    await this.events.publish({ type: 'booking.confirmed', bookingId: b.id, pnr: b.pnr });
    // Any other open link for this booking must not take money too.
    for (const other of await this.paymentRepo.forBooking(b.id))
      if (other.id !== p.id && other.status === 'open' && other.sessionId) {
        await this.paymentRepo.transitionPayment(other.id, ['open'], 'expired');
        this.db.afterCommit(
          () =>
            void this.provider
              .expireCheckout(other.sessionId!)
              .catch((err: unknown) => this.log.warn('expiring a session failed', { err })),
        );
      }
  }

  /** Money arrived for a booking we cannot honour: give it back and tell the traveller. */
  private async refundUnbooked(b: BookingRow, p: PaymentRow, amount: number, reason: string): Promise<void> {
    this.log.warn(`refunding payment ${p.id} of booking ${b.pnr}: ${reason}`);
    // Not the booking's payment: marked so that receipts and cancellations use the one it kept.
    await this.paymentRepo.transitionPayment(p.id, ['succeeded'], 'refunded');
    await this.refunds.request({ booking: b, payment: p, amount, reason, idempotencyKey: `auto:${p.id}` });
    await this.mail.enqueuePaymentReturned(b.pnr, b.contactEmail, { amount, currency: p.currency }, reason, p.id);
    await this.events.publish({
      type: 'payment.refunded_unbooked',
      bookingId: b.id,
      pnr: b.pnr,
      amount,
      currency: p.currency,
      reason,
    });
  }

  private async onFailed(p: PaymentRow, reason: string, final: boolean): Promise<void> {
    if (final)
      await this.paymentRepo.transitionPayment(p.id, ['open', 'creating'], 'failed', {
        failureReason: reason.slice(0, 255),
      });
    const agg = await this.bookingRepo.findById(p.bookingId);
    if (agg && agg.booking.status === 'held')
      await this.events.publish({
        type: 'booking.payment_failed',
        bookingId: agg.booking.id,
        pnr: agg.booking.pnr,
        reason,
      });
  }

  /** A seat change that was replaced, expired or cancelled closes its payment pages. */
  async closeSeatChangeSessions(bookingId: number, seatChangeId: number): Promise<void> {
    await this.closeSessions(bookingId, (p) => p.seatChangeId === seatChangeId);
  }

  /** Bags that were replaced, expired or cancelled close their payment pages. */
  async closeBagOrderSessions(bookingId: number, bagOrderId: number): Promise<void> {
    await this.closeSessions(bookingId, (p) => p.bagOrderId === bagOrderId);
  }

  /** When a hold ends, its open payment pages are closed so that nobody pays for seats that are no longer held. */
  async closeSessionsFor(bookingId: number): Promise<void> {
    await this.closeSessions(bookingId, () => true);
  }

  /**
   * When a booking's price changes, the payment pages opened for the old price are closed (the Stripe session is
   * expired, the sandbox page ends), so that nobody pays a total that is no longer the booking's.
   */
  async closeStaleSessions(bookingId: number): Promise<void> {
    const agg = await this.bookingRepo.findById(bookingId);
    if (!agg) return;
    await this.closeSessions(bookingId, (p) => !p.seatChangeId && !p.bagOrderId && isStale(p, agg.booking));
  }

  private async closeSessions(bookingId: number, which: (p: PaymentRow) => boolean): Promise<void> {
    let failure: unknown;
    for (const p of await this.paymentRepo.forBooking(bookingId)) {
      if (p.status !== 'open' || !p.sessionId || !which(p)) continue;
      try {
        await this.provider.expireCheckout(p.sessionId);
        await this.paymentRepo.transitionPayment(p.id, ['open'], 'expired');
      } catch (err) {
        this.log.warn(`could not expire payment session of payment ${p.id}`, { err });
        failure ??= err;
      }
    }
    // Thrown after trying every session, so the event dispatcher retries the ones left open later.
    if (failure) throw failure;
  }

  /**
   * After a payment for an outdated price was returned, the traveller gets a link for the current total (by mail and
   * in every conversation following the booking), while the hold lasts.
   */
  async renewLink(bookingId: number): Promise<void> {
    const agg = await this.bookingRepo.findById(bookingId);
    if (!agg) return;
    const b = agg.booking;
    if (effectiveStatus(b.status, b.holdExpiresAt, this.clock.now()) !== 'held') return;
    const link = await this.createLink(b.pnr, RENEWAL_ACTOR);
    await this.db.transaction(async () => {
      await this.mail.enqueueRenewedLink(b.pnr, b.contactEmail, link, b.id);
      await this.events.publish({
        type: 'payment.link_renewed',
        bookingId: b.id,
        pnr: b.pnr,
        url: link.url,
        amount: link.amount.amount,
        currency: link.amount.currency,
        expiresAt: link.expiresAt,
      });
    });
  }

  /**
   * What the sandbox page shows for a session, or null when unknown: the payment, its booking, whether the link was
   * made for an earlier price, and when the hold ends in the traveller's time zone (`timeZone` when the page was given
   * a valid one, else the zone of the journey's first departure), as a local ISO time with offset and the zone.
   */
  async sandboxSession(
    sessionId: string,
    timeZone?: string,
  ): Promise<{
    payment: PaymentRow;
    booking: BookingRow;
    stale: boolean;
    holdEnds: { local: string; zone: string } | null;
    /** The seat change this pays the difference of, if any, and whether it can still be paid. */
    seatChange: { row: SeatChangeRow; payable: boolean } | null;
    /** The checked bags this pays for, if any, and whether they can still be paid. */
    bagOrder: { row: BagOrderRow; payable: boolean } | null;
  } | null> {
    const p = await this.paymentRepo.findBySession(sessionId);
    if (!p) return null;
    const agg = await this.bookingRepo.findById(p.bookingId);
    if (!agg) return null;
    const b = agg.booking;
    let zone = timeZone && isValidZone(timeZone) ? timeZone : null;
    if (!zone) {
      const first = [...agg.segments].sort((x, y) => x.position - y.position)[0];
      const flight = first ? await this.flightRepo.findById(first.flightId) : null;
      zone = (flight && this.ref.airport(flight.origin)?.timeZone) || 'UTC';
    }
    const change = p.seatChangeId ? await this.seatChanges.find(p.seatChangeId) : null;
    const order = p.bagOrderId ? await this.bagOrders.find(p.bagOrderId) : null;
    const holdEnd = change ? change.expiresAt : order ? order.expiresAt : b.holdExpiresAt;
    const holdEnds = holdEnd ? { local: toLocalIso(holdEnd, zone), zone } : null;
    return {
      payment: p,
      booking: b,
      stale: !change && !order && ['open', 'expired', 'creating'].includes(p.status) && isStale(p, b),
      holdEnds,
      seatChange: change
        ? {
            row: change,
            payable: change.status === 'pending' && change.expiresAt > this.clock.now() && b.status === 'confirmed',
          }
        : null,
      bagOrder: order
        ? {
            row: order,
            payable: order.status === 'pending' && order.expiresAt > this.clock.now() && b.status === 'confirmed',
          }
        : null,
    };
  }

  /** The successful payment of a booking, if any (receipts, refunds). */
  async succeededPayment(bookingId: number): Promise<PaymentRow | null> {
    const all = await this.paymentRepo.forBooking(bookingId);
    return all.find((p) => p.status === 'succeeded') ?? all.find((p) => p.status === 'refunded') ?? null;
  }
}
