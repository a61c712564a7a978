import type { Db } from '../db/db';
import { badRequest, conflict, validationError } from '../errors';
import type { FareFamily } from '../domain/fares';
import { seatPrice } from '../domain/pricing';
import type { FlightRow, PassengerRow } from '../domain/records';
import { normaliseDesignator } from '../domain/seat-layout';
import { exitRowRefusal, maskBlock, seatSafetyError } from '../domain/seat-safety';
import type { Cabin } from '../domain/types';
import type { BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
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
import type { ReferenceDataService } from './reference-data.service';
import { lapInfantBlocks } from './seat-assigner';

export interface SeatChange {
  /** Passenger index in the booking (0-based). */
  passenger: number;
  flightId: number;
  designator: string;
}

export interface BookingChangesServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  opsRepo: OpsRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  events: DomainEvents;
  clock: Clock;
}

/** Changes to existing bookings: seats, and releasing a hold. Refunding cancellations live with payments. */
export class BookingChangesService {
  private readonly db: Db;
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly opsRepo: OpsRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly bookingViews: BookingViews;
  private readonly events: DomainEvents;
  private readonly clock: Clock;

  constructor(deps: BookingChangesServiceDeps) {
    this.db = deps.db;
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.bookingRepo = deps.bookingRepo;
    this.opsRepo = deps.opsRepo;
    this.bookingAccess = deps.bookingAccess;
    this.bookingViews = deps.bookingViews;
    this.events = deps.events;
    this.clock = deps.clock;
  }

  /**
   * Moves passengers to other seats, all or none. On a held booking the seat charges are re-priced; on
   * a paid booking a seat may not cost more than the one it replaces (that would need a new payment).
   */
  async changeSeats(pnr: string, actor: Actor, changes: SeatChange[], lastName?: string): Promise<BookingView> {
    const { agg, access } = await this.bookingAccess.load(pnr, actor, { lastName });
    const now = this.clock.now();
    const status = effectiveStatus(agg.booking.status, agg.booking.holdExpiresAt, now);
    if (status !== 'held' && status !== 'confirmed')
      throw conflict('booking_not_changeable', `This booking is ${status}; its seats cannot be changed.`);
    if (changes.length === 0) throw badRequest('invalid_request', 'Say which seats to change.');
    const flights = new Map(
      (await this.flightRepo.findByIds(agg.segments.map((s) => s.flightId))).map((f) => [f.id, f]),
    );
    const current = await this.seatRepo.forBooking(agg.booking.id);
    const breakdown = structuredClone(agg.booking.breakdown);
    const plan = changes.map((c) => {
      const seg = agg.segments.find((s) => s.flightId === c.flightId);
      const pax = agg.passengers.find((p) => p.position === c.passenger);
      const flight = flights.get(c.flightId);
      const designator = normaliseDesignator(c.designator);
      if (!seg || !flight)
        throw validationError('invalid_seat', `Flight ${c.flightId} is not part of this booking.`, c);
      if (!pax) throw validationError('invalid_seat', `There is no passenger ${c.passenger} on this booking.`, c);
      if (pax.type === 'INF') throw validationError('invalid_seat', 'Infants travel on a lap and take no seat.', c);
      if (flight.departureAt.getTime() - 45 * 60_000 <= now.getTime())
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
      const price = seatPrice(def.tier, seg.cabin as Cabin, seg.fareFamily as FareFamily, agg.booking.currency);
      const paidIdx = breakdown.seats.findIndex((s) => s.flightId === c.flightId && s.passenger === c.passenger);
      const paid = paidIdx >= 0 ? breakdown.seats[paidIdx]!.amount : 0;
      if (status === 'confirmed' && price > paid)
        throw validationError(
          'seat_change_requires_payment',
          `Seat ${designator} costs more than the seat already paid for; choose a seat of the same or a lower price.`,
          c,
        );
      const old = current.find((s) => s.flightId === c.flightId && s.passengerId === pax.id);
      if (status === 'held') {
        if (paidIdx >= 0) breakdown.seats.splice(paidIdx, 1);
        breakdown.seats.push({
          flightId: c.flightId,
          passenger: c.passenger,
          designator: designator!,
          tier: def.tier,
          amount: price,
        });
      }
      return { change: c, pax, designator: designator!, old };
    });
    await this.checkLapInfantBlocks(plan, flights, now);
    const targets = plan.map((p) => `${p.change.flightId}:${p.designator}`);
    if (new Set(targets).size !== targets.length)
      throw validationError('invalid_seat', 'The same seat is chosen twice.');
    // One seat per passenger and flight: a second move of the same passenger would leave them holding two seats.
    const movedPassengers = plan.map((p) => `${p.change.flightId}:${p.change.passenger}`);
    if (new Set(movedPassengers).size !== movedPassengers.length)
      throw validationError('invalid_seat', 'Each passenger can move to only one seat per flight in a request.');
    totals(breakdown);

    await this.db.transaction(async () => {
      // Free the old seats first, so passengers can swap seats with each other in one request.
      const movers = plan.filter((p) => p.old?.designator !== p.designator);
      await this.seatRepo.release(
        agg.booking.id,
        movers.flatMap((p) => (p.old ? [p.old.id] : [])),
      );
      for (const p of movers.sort(
        (a, b) => a.change.flightId - b.change.flightId || a.designator.localeCompare(b.designator),
      )) {
        const won = await this.seatRepo.claim(
          p.change.flightId,
          p.designator,
          {
            bookingId: agg.booking.id,
            passengerId: p.pax.id,
            state: status === 'confirmed' ? 'booked' : 'held',
            holdExpiresAt: status === 'held' ? agg.booking.holdExpiresAt : null,
          },
          now,
        );
        if (!won)
          throw conflict(
            'seat_unavailable',
            `Seat ${p.designator} is no longer available. Please choose another seat.`,
            p.change,
          );
      }
      if (status === 'held') await this.bookingRepo.update(agg.booking.id, { breakdown, totalAmount: breakdown.total });
      // Payment links opened for the old total close (subscribers expire them), so none can confirm an underpaid booking.
      if (status === 'held' && breakdown.total !== agg.booking.totalAmount)
        await this.events.publish({
          type: 'booking.repriced',
          bookingId: agg.booking.id,
          pnr: agg.booking.pnr,
          total: breakdown.total,
          currency: breakdown.currency,
        });
      if (isStaff(actor))
        await this.opsRepo.audit({
          actorUserId: actorUserId(actor),
          actorRole: actorRole(actor),
          action: 'booking.seats_changed',
          entityType: 'booking',
          entityId: agg.booking.pnr,
          reason: null,
          data: { changes: plan.map((p) => ({ ...p.change, from: p.old?.designator ?? null })) },
        });
    });
    return this.bookingViews.render((await this.bookingRepo.findById(agg.booking.id))!, access === 'masked');
  }

  /**
   * At most one lap infant per block of seats: a passenger holding one may not move into a block where another
   * traveller's (or this party's) lap infant already sits. Their own current seat does not count.
   */
  private async checkLapInfantBlocks(
    plan: { change: SeatChange; pax: PassengerRow; designator: string }[],
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
