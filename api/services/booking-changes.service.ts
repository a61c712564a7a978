import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import { conflict } from '../errors';
import type { SeatChangeMove } from '../domain/records';
import { breakdownAfterMoves, seatChangeMoney } from '../domain/seat-change-rules';
import type { BookingStatus, Money } from '../domain/types';
import type { BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import type { SeatChangeRepository } from '../repositories/seat-change.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import { type Actor, actorRole, actorUserId, isStaff } from './actor';
import type { BookingAccess } from './booking-access';
import { totals } from './booking.service';
import type { BookingView } from './booking-view';
import { effectiveStatus } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { MailService } from './mail.service';
import type { PaymentLink, PaymentService } from './payment.service';
import type { ReferenceDataService } from './reference-data.service';
import type { RefundService } from './refund.service';
import { assertOneLapInfantPerBlock } from './seat-assigner';
import type { SeatChangeSettlement } from './seat-change-settlement';
import { CLOSE_MS, type Plan, type PlanItem, type SeatChange, SeatChangePlanner } from './seat-change-plan';

export type { SeatChange } from './seat-change-plan';

/** What a seat change would cost or give back (POST /bookings/{pnr}/seats/quote). */
export interface SeatChangeQuote {
  bookingStatus: BookingStatus;
  /** To pay before the seats move (paid bookings). */
  due: Money;
  /** Given back when the seats move, under the fare's rules. */
  refund: Money;
  /** Differences the fare keeps (cheaper seats on fares that do not refund seat charges). */
  kept: Money;
  seats: {
    passenger: number;
    flightId: number;
    from: string | null;
    to: string;
    price: Money;
    paid: Money;
    refundable: boolean;
  }[];
}

/** The booking after a seat change; on a paid booking also what the change cost, gave back or waits for. */
export interface SeatChangeOutcome extends BookingView {
  seatChange?: {
    /** "applied": the seats moved; "awaiting_payment": the new seats are held until the difference is paid. */
    status: 'applied' | 'awaiting_payment';
    due: Money;
    refund: Money;
    kept: Money;
    payment: PaymentLink | null;
  };
}

const bySeat = (a: PlanItem, b: PlanItem) =>
  a.change.flightId - b.change.flightId || a.designator.localeCompare(b.designator);

const seatTaken = (i: PlanItem) =>
  conflict('seat_unavailable', `Seat ${i.designator} is no longer available. Please choose another seat.`, {
    ...i.change,
    designator: i.designator,
  });

export interface BookingChangesServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  seatChangeRepo: SeatChangeRepository;
  opsRepo: OpsRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  payments: PaymentService;
  refunds: RefundService;
  settlement: SeatChangeSettlement;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
  /** How long the new seats of a change waiting for its difference are held. */
  holdMinutes: number;
}

/**
 * Changes to existing bookings: seats (with the difference paid or refunded on paid bookings), and releasing a hold.
 * Refunding cancellations live with payments.
 */
export class BookingChangesService {
  private readonly db: Db;
  private readonly seatRepo: SeatRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly seatChangeRepo: SeatChangeRepository;
  private readonly opsRepo: OpsRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly bookingViews: BookingViews;
  private readonly payments: PaymentService;
  private readonly refunds: RefundService;
  private readonly settlement: SeatChangeSettlement;
  private readonly mail: MailService;
  private readonly events: DomainEvents;
  private readonly clock: Clock;
  private readonly holdMinutes: number;
  private readonly planner: SeatChangePlanner;
  private readonly ref: ReferenceDataService;

  constructor(deps: BookingChangesServiceDeps) {
    this.db = deps.db;
    this.seatRepo = deps.seatRepo;
    this.bookingRepo = deps.bookingRepo;
    this.seatChangeRepo = deps.seatChangeRepo;
    this.opsRepo = deps.opsRepo;
    this.bookingAccess = deps.bookingAccess;
    this.bookingViews = deps.bookingViews;
    this.payments = deps.payments;
    this.refunds = deps.refunds;
    this.settlement = deps.settlement;
    this.mail = deps.mail;
    this.events = deps.events;
    this.clock = deps.clock;
    this.holdMinutes = deps.holdMinutes;
    this.planner = new SeatChangePlanner(deps);
    this.ref = deps.ref;
  }

  /**
   * What a seat change would cost or give back on a paid booking (nothing moves): the difference to pay, the
   * refund under the fare's rules, and what the fare keeps. On a held booking the new seats just re-price the hold.
   */
  async quoteSeatChange(pnr: string, actor: Actor, changes: SeatChange[], lastName?: string): Promise<SeatChangeQuote> {
    const p = await this.planner.plan(pnr, actor, changes, lastName);
    const money = seatChangeMoney(p.items.map((i) => ({ family: i.family, paid: i.paid, price: i.price })));
    const m = (amount: number): Money => ({ amount, currency: p.agg.booking.currency });
    return {
      bookingStatus: p.status,
      due: m(p.status === 'confirmed' ? money.due : 0),
      refund: m(p.status === 'confirmed' ? money.refund : 0),
      kept: m(p.status === 'confirmed' ? money.kept : 0),
      seats: p.items.map((i, n) => ({
        passenger: i.change.passenger,
        flightId: i.change.flightId,
        from: i.old?.designator ?? null,
        to: i.designator,
        price: m(i.price),
        paid: m(i.paid),
        refundable: p.status === 'confirmed' && money.moves[n]!.refund > 0,
      })),
    };
  }

  /**
   * Moves passengers to other seats, all or none. On a held booking the seat charges are re-priced. On a paid booking
   * a change that costs more waits for the difference: the new seats are held and a payment link is made, and the
   * passengers keep their seats until it is paid (`seatChange.status` "awaiting_payment"). Otherwise the seats move
   * now and a cheaper seat's difference is refunded under the fare's rules. `timeZone` is the traveller's, for the
   * payment page.
   */
  async changeSeats(
    pnr: string,
    actor: Actor,
    changes: SeatChange[],
    lastName?: string,
    opts: { timeZone?: string } = {},
  ): Promise<SeatChangeOutcome> {
    const p = await this.planner.plan(pnr, actor, changes, lastName);
    const { agg, access } = p;
    if (p.status === 'held') {
      const breakdown = structuredClone(agg.booking.breakdown);
      for (const i of p.items) {
        breakdown.seats = breakdown.seats.filter(
          (s) => !(s.flightId === i.change.flightId && s.passenger === i.change.passenger),
        );
        breakdown.seats.push({
          flightId: i.change.flightId,
          passenger: i.change.passenger,
          designator: i.designator,
          tier: i.tier,
          amount: i.price,
        });
      }
      totals(breakdown);
      await this.db.transaction(async () => {
        await this.moveNow(p, 'held');
        await this.bookingRepo.update(agg.booking.id, { breakdown, totalAmount: breakdown.total });
        // Payment links opened for the old total close (subscribers expire them), so none can confirm an underpaid
        // booking.
        if (breakdown.total !== agg.booking.totalAmount)
          await this.events.publish({
            type: 'booking.repriced',
            bookingId: agg.booking.id,
            pnr: agg.booking.pnr,
            total: breakdown.total,
            currency: breakdown.currency,
          });
        await this.auditStaff(actor, p);
      });
      return this.render(agg.booking.id, access);
    }
    // A passenger asked for the seat they already have: nothing to move or pay for them.
    const movers = { ...p, items: p.items.filter((i) => i.old?.designator !== i.designator) };
    if (movers.items.length === 0) return this.render(agg.booking.id, access);
    const money = seatChangeMoney(movers.items.map((i) => ({ family: i.family, paid: i.paid, price: i.price })));
    const moves: SeatChangeMove[] = movers.items.map((i, n) => ({
      flightId: i.change.flightId,
      passenger: i.change.passenger,
      passengerId: i.pax.id,
      from: i.old?.designator ?? null,
      to: i.designator,
      tier: i.tier,
      amount: money.moves[n]!.amount,
    }));
    const m = (amount: number): Money => ({ amount, currency: agg.booking.currency });
    if (money.due > 0) return this.awaitPayment(actor, movers, moves, m(money.due), opts.timeZone);
    const key = `seat-change:${randomUUID()}`;
    await this.db.transaction(async () => {
      // A newer request replaces one still waiting for its payment (its held seats are freed, its link closed).
      await this.settlement.supersedePending(agg.booking.id);
      await this.moveNow(p, 'booked');
      const breakdown = breakdownAfterMoves(agg.booking.breakdown, moves);
      // Priced and refunded against the booking as read: a change that raced this one wins, this one is refused.
      const b = agg.booking;
      const patch = { breakdown, totalAmount: breakdown.total };
      if (!(await this.bookingRepo.transition(b.id, ['confirmed'], 'confirmed', patch, b.version)))
        throw conflict('booking_changed', 'This booking changed meanwhile; please look at it again.');
      if (money.refund > 0)
        await this.refunds.requestAcross({
          booking: agg.booking,
          amount: money.refund,
          reason: 'seat_change',
          idempotencyKey: key,
        });
      // The mail and its e-ticket show what the one who changed the seats may see (masked for a last name).
      await this.mail.enqueueSeatChange(
        agg.booking.pnr,
        agg.booking.contactEmail,
        { key, moves, charged: m(0), refund: m(money.refund), kept: m(money.kept) },
        access,
      );
      await this.events.publish({
        type: 'booking.seats_changed',
        bookingId: agg.booking.id,
        pnr: agg.booking.pnr,
        seats: moves.map((x) => x.to),
        charged: 0,
        refund: money.refund,
        currency: agg.booking.currency,
        byPayment: false,
      });
      await this.auditStaff(actor, p, { status: 'applied', due: m(0), refund: m(money.refund), kept: m(money.kept) });
    });
    const view = await this.render(agg.booking.id, access);
    return {
      ...view,
      seatChange: { status: 'applied', due: m(0), refund: m(money.refund), kept: m(money.kept), payment: null },
    };
  }

  /**
   * A dearer change on a paid booking: the new seats are held until the hold ends and a link for the difference is
   * made; nothing else changes until it is paid (PaymentService → SeatChangeSettlement).
   */
  private async awaitPayment(
    actor: Actor,
    p: Plan,
    moves: SeatChangeMove[],
    due: Money,
    timeZone: string | undefined,
  ): Promise<SeatChangeOutcome> {
    const { agg, now } = p;
    const closes = Math.min(...p.items.map((i) => i.flight.departureAt.getTime() - CLOSE_MS));
    const expiresAt = new Date(Math.min(now.getTime() + this.holdMinutes * 60_000, closes));
    const changeId = await this.db.transaction(async () => {
      await this.settlement.supersedePending(agg.booking.id);
      await this.withLapInfantRule(p, async () => {
        for (const i of [...p.items].sort(bySeat)) {
          const won = await this.seatRepo.claim(
            i.change.flightId,
            i.designator,
            { bookingId: agg.booking.id, passengerId: i.pax.id, state: 'held', holdExpiresAt: expiresAt },
            now,
          );
          if (!won) throw seatTaken(i);
        }
      });
      const none: Money = { amount: 0, currency: due.currency };
      await this.auditStaff(actor, p, { status: 'awaiting_payment', due, refund: none, kept: none });
      return this.seatChangeRepo.insert({
        bookingId: agg.booking.id,
        moves,
        amount: due.amount,
        currency: due.currency,
        masked: p.access === 'masked',
        expiresAt,
      });
    });
    const change = (await this.seatChangeRepo.find(changeId))!;
    const link = await this.payments.createSeatChangeLink(change, agg.booking, timeZone);
    await this.db.transaction(() =>
      this.mail.enqueueSeatChangeLink(agg.booking.pnr, agg.booking.contactEmail, change, link),
    );
    const view = await this.render(agg.booking.id, p.access);
    const none: Money = { amount: 0, currency: due.currency };
    return {
      ...view,
      seatChange: { status: 'awaiting_payment', due, refund: none, kept: none, payment: link },
    };
  }

  /** Frees the old seats and claims the new ones, all or none (inside the caller's transaction). */
  private async moveNow(p: Plan, state: 'held' | 'booked'): Promise<void> {
    const b = p.agg.booking;
    // Free the old seats first, so passengers can swap seats with each other in one request.
    const movers = p.items.filter((i) => i.old?.designator !== i.designator);
    await this.withLapInfantRule(p, async () => {
      await this.seatRepo.release(
        b.id,
        movers.flatMap((i) => (i.old ? [i.old.id] : [])),
      );
      await this.claimAll(p, movers, state);
    });
  }

  private async claimAll(p: Plan, movers: PlanItem[], state: 'held' | 'booked'): Promise<void> {
    const b = p.agg.booking;
    for (const i of movers.sort(bySeat)) {
      const won = await this.seatRepo.claim(
        i.change.flightId,
        i.designator,
        {
          bookingId: b.id,
          passengerId: i.pax.id,
          state,
          holdExpiresAt: state === 'held' ? b.holdExpiresAt : null,
        },
        p.now,
      );
      if (!won) throw seatTaken(i);
    }
  }

  /**
   * Claims seats with the oxygen-mask rule held under races: flights where a lap infant's holder moves are locked
   * first (in id order), and the rule is checked again once the seats are claimed.
   */
  private async withLapInfantRule(p: Plan, claim: () => Promise<void>): Promise<void> {
    const holders = p.items.filter((i) => i.pax.holdsInfant && i.old?.designator !== i.designator);
    const flights = [...new Set(holders.map((i) => i.change.flightId))].sort((a, b) => a - b);
    for (const f of flights) await this.seatRepo.lockForLapInfants(f);
    await claim();
    for (const f of flights) {
      const mine = holders.filter((i) => i.change.flightId === f);
      await assertOneLapInfantPerBlock(
        this.seatRepo,
        f,
        this.ref.aircraft(mine[0]!.flight.aircraftCode)!.byDesignator,
        p.now,
        mine.map((i) => ({ passenger: i.change.passenger, designator: i.designator })),
        mine.flatMap((i) => (i.old ? [i.old.designator] : [])),
      );
    }
  }

  /** A staff member's change, with its money side when the booking is paid (what is due, or refunded and kept). */
  private async auditStaff(actor: Actor, p: Plan, seatChange?: Record<string, unknown>): Promise<void> {
    if (isStaff(actor))
      await this.opsRepo.audit({
        actorUserId: actorUserId(actor),
        actorRole: actorRole(actor),
        action: 'booking.seats_changed',
        entityType: 'booking',
        entityId: p.agg.booking.pnr,
        reason: null,
        data: {
          changes: p.items.map((i) => ({ ...i.change, from: i.old?.designator ?? null })),
          ...(seatChange ? { seatChange } : {}),
        },
      });
  }

  private async render(bookingId: number, access: string): Promise<BookingView> {
    return this.bookingViews.render((await this.bookingRepo.findById(bookingId))!, access === 'masked');
  }

  /** Releases a held booking's seats. Paid bookings are cancelled through a refund quote instead. */
  async cancelHold(pnr: string, actor: Actor, lastName?: string): Promise<BookingView> {
    const { agg, access } = await this.bookingAccess.load(pnr, actor, { lastName });
    const status = effectiveStatus(agg.booking.status, agg.booking.holdExpiresAt, this.clock.now());
    if (status === 'confirmed')
      throw conflict('cancellation_quote_required', 'This booking is paid: ask for a cancellation quote first.');
    if (status !== 'held') throw conflict('booking_not_cancellable', `This booking is already ${status}.`);
    await this.db.transaction(async () => {
      const moved = await this.bookingRepo.transition(agg.booking.id, ['held'], 'cancelled', {
        cancelledAt: this.clock.now(),
        holdExpiresAt: null,
      });
      if (!moved) throw conflict('booking_changed', 'This booking changed meanwhile; please look at it again.');
      await this.seatRepo.release(agg.booking.id);
      // Subscribers close its open payment pages, so nobody pays for a released hold.
      await this.events.publish({
        type: 'booking.cancelled',
        bookingId: agg.booking.id,
        pnr: agg.booking.pnr,
        refundAmount: 0,
        currency: agg.booking.currency,
      });
    });
    return this.bookingViews.render((await this.bookingRepo.findById(agg.booking.id))!, access === 'masked');
  }
}
