import { badRequest, conflict, validationError } from '../errors';
import type { FareFamily } from '../domain/fares';
import { seatPrice } from '../domain/pricing';
import type { FlightRow, PassengerRow, SeatRow } from '../domain/records';
import { normaliseDesignator } from '../domain/seat-layout';
import { exitRowRefusal, maskBlock, seatSafetyError } from '../domain/seat-safety';
import type { BookingStatus, Cabin } from '../domain/types';
import type { BookingAggregate } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Actor } from './actor';
import type { BookingAccess, BookingAccessLevel } from './booking-access';
import { effectiveStatus } from './booking-view';
import type { Clock } from './clock';
import { flightNumber } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';
import { lapInfantBlocks } from './seat-assigner';

/** Seats can no longer change this close to departure. */
export const CLOSE_MS = 45 * 60_000;

export interface SeatChange {
  /** Passenger index in the booking (0-based). */
  passenger: number;
  flightId: number;
  designator: string;
}

/** One checked and priced move of a seat change request. */
export interface PlanItem {
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

/** A seat change request checked against the booking: who asks, the booking's state, each move. */
export interface Plan {
  agg: BookingAggregate;
  access: BookingAccessLevel;
  status: BookingStatus;
  now: Date;
  items: PlanItem[];
}

export interface SeatChangePlannerDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingAccess: BookingAccess;
  clock: Clock;
}

/**
 * Checks a seat change request before anything moves: access, the booking's state, the aircraft, the safety rules
 * (exit rows, one lap infant per block of seats), and prices each move under the booking's fares.
 */
export class SeatChangePlanner {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly bookingAccess: BookingAccess;
  private readonly clock: Clock;

  constructor(deps: SeatChangePlannerDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.bookingAccess = deps.bookingAccess;
    this.clock = deps.clock;
  }

  /** Checks a request against the booking, the aircraft and the safety rules, and prices each move. */
  async plan(pnr: string, actor: Actor, changes: SeatChange[], lastName?: string): Promise<Plan> {
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
}
