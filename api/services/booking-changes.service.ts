import type { Db } from '../db/db';
import { badRequest, conflict, validationError } from '../errors';
import type { FareFamily } from '../domain/fares';
import { seatPrice } from '../domain/pricing';
import type { FlightRow, PassengerRow, SeatChangeMove, SeatRow } from '../domain/records';
import { breakdownAfterMoves, seatChangeMoney } from '../domain/seat-change-rules';
import { normaliseDesignator } from '../domain/seat-layout';
import { exitRowRefusal, maskBlock, seatSafetyError } from '../domain/seat-safety';
import type { BookingStatus, Cabin, Money } from '../domain/types';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
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
import { flightNumber } from './flight-view';
import type { MailService } from './mail.service';
import type { PaymentLink, PaymentService } from './payment.service';
import type { ReferenceDataService } from './reference-data.service';
import type { RefundService } from './refund.service';
import { lapInfantBlocks } from './seat-assigner';
import type { SeatChangeSettlement } from './seat-change-settlement';

/** Seats can no longer change this close to departure. */
const CLOSE_MS = 45 * 60_000;

export interface SeatChange {
  /** Passenger index in the booking (0-based). */
  passenger: number;
  flightId: number;
  designator: string;
}

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

interface PlanItem {
  change: SeatChange;
  pax: PassengerRow;
  flight: FlightRow;
  designator: string;
  tier: string;
  family: FareFamily;
  /** The new seat's price, and what was paid for the seat it replaces. */
  price: number;
  paid: number;
  old: SeatRow | undefined;
}

interface Plan {
  agg: BookingAggregate;
  access: string;
  status: BookingStatus;
  now: Date;
  items: PlanItem[];
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
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
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

  constructor(deps: BookingChangesServiceDeps) {
    this.db = deps.db;
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
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
  }

  /**
   * What a seat change would cost or give back on a paid booking (nothing moves): the difference to pay, the
   * refund under the fare's rules, and what the fare keeps. On a held booking the new seats just re-price the hold.
   */
  async quoteSeatChange(pnr: string, actor: Actor, changes: SeatChange[], lastName?: string): Promise<SeatChangeQuote> {
    const p = await this.plan(pnr, actor, changes, lastName);
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
    const p = await this.plan(pnr, actor, changes, lastName);
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
    const money = seatChangeMoney(p.items.map((i) => ({ family: i.family, paid: i.paid, price: i.price })));
    const moves: SeatChangeMove[] = p.items.map((i, n) => ({
      flightId: i.change.flightId,
      passenger: i.change.passenger,
      passengerId: i.pax.id,
      from: i.old?.designator ?? null,
      to: i.designator,
      tier: i.tier,
      amount: money.moves[n]!.amount,
    }));
    const m = (amount: number): Money => ({ amount, currency: agg.booking.currency });
    if (money.due > 0) return this.awaitPayment(p, moves, m(money.due), opts.timeZone);
    await this.db.transaction(async () => {
      // A newer request replaces one still waiting for its payment (its held seats are freed, its link closed).
      await this.settlement.supersedePending(agg.booking.id);
      await this.moveNow(p, 'booked');
      const breakdown = breakdownAfterMoves(agg.booking.breakdown, moves);
      await this.bookingRepo.update(agg.booking.id, { breakdown, totalAmount: breakdown.total });
      const key = `seat-change:${agg.booking.pnr}:v${agg.booking.version}`;
      if (money.refund > 0)
        await this.refunds.requestAcross({
          booking: agg.booking,
          amount: money.refund,
          reason: 'seat_change',
          idempotencyKey: key,
        });
      await this.mail.enqueueSeatChange(agg.booking.pnr, agg.booking.contactEmail, {
        key,
        moves,
        charged: m(0),
        refund: m(money.refund),
        kept: m(money.kept),
      });
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
      await this.auditStaff(actor, p);
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
      for (const i of [...p.items].sort(bySeat)) {
        const won = await this.seatRepo.claim(
          i.change.flightId,
          i.designator,
          { bookingId: agg.booking.id, passengerId: i.pax.id, state: 'held', holdExpiresAt: expiresAt },
          now,
        );
        if (!won) throw seatTaken(i);
      }
      return this.seatChangeRepo.insert({
        bookingId: agg.booking.id,
        moves,
        amount: due.amount,
        currency: due.currency,
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
    await this.seatRepo.release(
      b.id,
      movers.flatMap((i) => (i.old ? [i.old.id] : [])),
    );
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

  private async auditStaff(actor: Actor, p: Plan): Promise<void> {
    if (isStaff(actor))
      await this.opsRepo.audit({
        actorUserId: actorUserId(actor),
        actorRole: actorRole(actor),
        action: 'booking.seats_changed',
        entityType: 'booking',
        entityId: p.agg.booking.pnr,
        reason: null,
        data: { changes: p.items.map((i) => ({ ...i.change, from: i.old?.designator ?? null })) },
      });
  }

  private async render(bookingId: number, access: string): Promise<BookingView> {
    return this.bookingViews.render((await this.bookingRepo.findById(bookingId))!, access === 'masked');
  }

  /** Checks a request against the booking, the aircraft and the safety rules, and prices each move. */
  private async plan(pnr: string, actor: Actor, changes: SeatChange[], lastName?: string): Promise<Plan> {
    const { agg, access } = await this.bookingAccess.load(pnr, actor, { lastName });
    const now = this.clock.now();
    const status = effectiveStatus(agg.booking.status, agg.booking.holdExpiresAt, now);
    if (status !== 'held' && status !== 'confirmed')
      throw conflict('booking_not_changeable', `This booking is ${status}; its seats cannot be changed.`);
    if (changes.length === 0) throw badRequest('invalid_request', 'Say which seats to change.');
    const flights = new Map(
      (await this.flightRepo.findByIds(agg.segments.map((s) => s.flightId))).map((f) => [f.id, f]),
    );
    // The seats each passenger has now (a paid booking's seats are booked; seats held for a change waiting for its
    // payment are not theirs yet).
    const current = (await this.seatRepo.forBooking(agg.booking.id)).filter(
      (s) => status === 'held' || s.state === 'booked',
    );
    const items = changes.map((c): PlanItem => {
      const seg = agg.segments.find((s) => s.flightId === c.flightId);
      const pax = agg.passengers.find((p) => p.position === c.passenger);
      const flight = flights.get(c.flightId);
      const designator = normaliseDesignator(c.designator);
      if (!seg || !flight)
        throw validationError('invalid_seat', `Flight ${c.flightId} is not part of this booking.`, c);
      if (!pax) throw validationError('invalid_seat', `There is no passenger ${c.passenger} on this booking.`, c);
      if (pax.type === 'INF') throw validationError('invalid_seat', 'Infants travel on a lap and take no seat.', c);
      if (flight.departureAt.getTime() - CLOSE_MS <= now.getTime())
        throw conflict('flight_closed', `${flightNumber(flight)} has closed; seats can no longer change.`);
      const def = designator ? this.ref.aircraft(flight.aircraftCode)?.byDesignator.get(designator) : undefined;
      if (!def || def.cabin !== seg.cabin)
        throw validationError(
          'invalid_seat',
          `There is no seat ${c.designator} in ${seg.cabin.replace('_', ' ')} on ${flightNumber(flight)}.`,
          c,
        );
      const refusal = exitRowRefusal(def, pax);
      if (refusal)
        throw seatSafetyError(refusal, { passenger: c.passenger, flightId: c.flightId, designator: designator! });
      const family = seg.fareFamily as FareFamily;
      const price = seatPrice(def.tier, seg.cabin as Cabin, family, agg.booking.currency);
      const paid =
        agg.booking.breakdown.seats.find((s) => s.flightId === c.flightId && s.passenger === c.passenger)?.amount ?? 0;
      const old = current.find((s) => s.flightId === c.flightId && s.passengerId === pax.id);
      return { change: c, pax, flight, designator: designator!, tier: def.tier, family, price, paid, old };
    });
    await this.checkLapInfantBlocks(items, flights, now);
    const targets = items.map((i) => `${i.change.flightId}:${i.designator}`);
    if (new Set(targets).size !== targets.length)
      throw validationError('invalid_seat', 'The same seat is chosen twice.');
    // One seat per passenger and flight: a second move of the same passenger would leave them holding two seats.
    const movedPassengers = items.map((i) => `${i.change.flightId}:${i.change.passenger}`);
    if (new Set(movedPassengers).size !== movedPassengers.length)
      throw validationError('invalid_seat', 'Each passenger can move to only one seat per flight in a request.');
    return { agg, access, status, now, items };
  }

  /**
   * At most one lap infant per block of seats: a passenger holding one may not move into a block where another
   * traveller's (or this party's) lap infant already sits. Their own current seat does not count.
   */
  private async checkLapInfantBlocks(
    plan: Pick<PlanItem, 'change' | 'pax' | 'designator'>[],
    flights: Map<number, FlightRow>,
    now: Date,
  ): Promise<void> {
    const moving = plan.filter((p) => p.pax.holdsInfant);
    for (const p of moving) {
      const flight = flights.get(p.change.flightId)!;
      const layout = this.ref.aircraft(flight.aircraftCode)!.byDesignator;
      const blocks = await lapInfantBlocks(this.seatRepo, flight.id, layout, now, p.pax.id);
      // Other infant holders of this request take their new blocks too.
      for (const o of moving)
        if (o !== p && o.change.flightId === p.change.flightId) blocks.add(maskBlock(layout.get(o.designator)!));
      if (blocks.has(maskBlock(layout.get(p.designator)!)))
        throw seatSafetyError('lap_infant_oxygen_masks', {
          passenger: p.change.passenger,
          flightId: p.change.flightId,
          designator: p.designator,
        });
    }
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
