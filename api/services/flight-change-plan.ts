import { conflict, validationError } from '../errors';
import { fareConditions, type FareFamily } from '../domain/fares';
import {
  breakdownAfterFlightChange,
  type ChargeLine,
  type FlightChangeMoney,
  flightChangeMoney,
} from '../domain/flight-change-rules';
import { taxesFor } from '../domain/pricing';
import type { BookingSegmentRow, FlightChangePlan, FlightRow } from '../domain/records';
import { localDate } from '../domain/time';
import type { Cabin, PassengerType, PriceBreakdown } from '../domain/types';
import type { BookingAggregate } from '../repositories/booking.repository';
import type { CheckInRepository } from '../repositories/check-in.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { Actor } from './actor';
import type { BookingAccess, BookingAccessLevel } from './booking-access';
import { effectiveStatus } from './booking-view';
import type { Clock } from './clock';
import type { FareQuoter } from './fare-quote';
import { flightNumber } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';
import { CLOSE_MS } from './seat-change-plan';

/** A change of dates or flights as asked for: the flights of one direction of the journey, replaced by others. */
export interface FlightChangeRequest {
  direction: 'outbound' | 'inbound';
  /** The new flights of that direction, in travel order (same route: same first origin and last destination). */
  flightIds: number[];
}

/** A request checked against the booking and priced under its fare rules (nothing is written). */
export interface CheckedFlightChange {
  agg: BookingAggregate;
  access: BookingAccessLevel;
  now: Date;
  family: FareFamily;
  cabin: Cabin;
  leaving: FlightRow[];
  joining: FlightRow[];
  money: FlightChangeMoney;
  plan: FlightChangePlan;
}

export interface FlightChangePlannerDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingAccess: BookingAccess;
  quoter: FareQuoter;
  clock: Clock;
  /** Passengers checked in on a flight cannot be moved off it here (their boarding passes are issued). */
  checkIns: Pick<CheckInRepository, 'forBooking'>;
}

const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);

/**
 * Checks a change of flights before anything moves: access, a paid booking, a fare that may change, new flights that
 * fly the same route in the same cabin and fit the rest of the journey; prices it (fares.ts, flight-change-rules.ts)
 * and works out the booking's segments and price after it.
 */
export class FlightChangePlanner {
  constructor(private readonly deps: FlightChangePlannerDeps) {}

  async check(pnr: string, actor: Actor, req: FlightChangeRequest, lastName?: string): Promise<CheckedFlightChange> {
    const { agg, access } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const now = this.deps.clock.now();
    const b = agg.booking;
    const status = effectiveStatus(b.status, b.holdExpiresAt, now);
    if (status !== 'confirmed')
      throw conflict(
        'booking_not_changeable',
        status === 'held'
          ? 'This booking is not paid yet: release the hold and book the flights you want instead.'
          : `This booking is ${status}; its flights cannot be changed.`,
      );
    const segs = [...agg.segments].sort((x, y) => x.position - y.position);
    const mine = segs.filter((s) => s.direction === req.direction);
    if (mine.length === 0)
      throw validationError('invalid_itinerary', `This booking has no ${req.direction} flight to change.`);
    // A multi-city trip's legs all go "outbound": replacing them as one journey would drop the stops between.
    if (new Set(mine.map((s) => s.leg)).size > 1)
      throw conflict(
        'booking_not_changeable',
        'This trip has several legs, and changing them is not available here yet. Please ask an agent.',
      );
    const family = mine[0]!.fareFamily as FareFamily;
    const cabin = mine[0]!.cabin as Cabin;
    const fee = fareConditions(cabin, family, b.currency).changeFee;
    if (!fee)
      throw validationError(
        'fare_not_changeable',
        `The ${family} fare on this booking cannot be changed. Cancelling follows the fare's rules.`,
        { fareFamily: family },
      );
    const ids = [...segs.map((s) => s.flightId), ...req.flightIds];
    const { flights, taken } = await this.deps.flightRepo.findByIdsWithTaken([...new Set(ids)], now);
    const byId = new Map(flights.map((f) => [f.id, f]));
    const leaving = mine.map((s) => byId.get(s.flightId)!);
    if (leaving.some((f) => f.departureAt.getTime() - CLOSE_MS <= now.getTime()))
      throw conflict('flight_closed', 'This flight has closed or departed, so it can no longer be changed.');
    const joining = this.checkNewFlights(req, byId, leaving, segs, cabin, now);
    const leavingIds = new Set(leaving.map((f) => f.id));
    if ((await this.deps.checkIns.forBooking(b.id)).some((c) => leavingIds.has(c.flightId)))
      throw conflict(
        'booking_not_changeable',
        'A passenger is already checked in on this flight, so it can no longer be changed here. Please ask an agent.',
      );

    const types = agg.passengers.map((p) => p.type);
    const party = {
      adults: types.filter((t) => t === 'ADT').length,
      children: types.filter((t) => t === 'CHD').length,
      infants: types.filter((t) => t === 'INF').length,
    };
    const zone = this.deps.ref.airport(joining[0]!.origin)?.timeZone ?? 'UTC';
    const today = localDate(now, zone);
    const fares: PriceBreakdown['fares'] = [];
    const taxesAdded: ChargeLine[] = [];
    for (const f of joining) {
      const q = this.deps.quoter.quote([f], cabin, family, party, b.currency, today, taken);
      fares.push(...q.fares.map((x) => ({ ...x, flightId: f.id })));
      taxesAdded.push(...q.taxes);
    }
    const taxesLeft = leaving.flatMap((f) => this.taxes(f, types, b.currency));
    const paidFares = sum(b.breakdown.fares.filter((f) => leavingIds.has(f.flightId))) + sum(taxesLeft);
    const paidSeats = sum(b.breakdown.seats.filter((s) => leavingIds.has(s.flightId)));
    const verdict = flightChangeMoney({
      family,
      feePerPassenger: fee.amount,
      seatedPassengers: types.filter((t) => t !== 'INF').length,
      boughtAt: b.confirmedAt ?? b.createdAt,
      now,
      paidFares,
      newFares: sum(fares) + sum(taxesAdded),
      paidSeats,
    });
    if (!verdict.allowed)
      throw validationError('fare_not_changeable', `The ${family} fare cannot be changed.`, { fareFamily: family });
    const { allowed: _allowed, ...money } = verdict;
    const segments = this.segmentsAfter(segs, req.direction, joining, cabin, family);
    const positions = new Map(segments.map((s) => [s.flightId, s.position]));
    const breakdown = breakdownAfterFlightChange(b.breakdown, {
      leaving: [...leavingIds],
      fares,
      seats: [],
      taxesLeft,
      taxesAdded,
      positions,
      fee: money.fee,
    });
    return {
      agg,
      access,
      now,
      family,
      cabin,
      leaving,
      joining,
      money,
      plan: {
        direction: req.direction,
        fromFlightIds: leaving.map((f) => f.id),
        toFlightIds: joining.map((f) => f.id),
        segments,
        breakdown,
        bookingVersion: b.version,
        fareDifference: money.fareDifference,
        fee: money.fee,
        feeWaived: money.feeWaived,
        seatCredit: money.seatCredit,
        refund: money.refund,
        kept: money.kept,
      },
    };
  }

  /** The new flights: known, sold, open, with the cabin, on the same route, connecting, fitting the other direction. */
  private checkNewFlights(
    req: FlightChangeRequest,
    byId: Map<number, FlightRow>,
    leaving: FlightRow[],
    segs: BookingSegmentRow[],
    cabin: Cabin,
    now: Date,
  ): FlightRow[] {
    if (req.flightIds.length === 0 || req.flightIds.length > 4 || new Set(req.flightIds).size !== req.flightIds.length)
      throw validationError('invalid_flights', 'Choose one to four different flights for the new journey.');
    const joining = req.flightIds.map((id) => {
      const f = byId.get(id);
      if (!f) throw validationError('flight_not_found', `There is no flight with id ${id}.`, { flightId: id });
      if (f.status !== 'scheduled')
        throw validationError('flight_cancelled', `${flightNumber(f)} on ${f.departureDate} is cancelled.`, {
          flightId: f.id,
        });
      if (f.departureAt.getTime() - CLOSE_MS <= now.getTime())
        throw validationError('flight_closed', `${flightNumber(f)} on ${f.departureDate} has closed for booking.`, {
          flightId: f.id,
        });
      if ((this.deps.ref.aircraft(f.aircraftCode)?.capacity[cabin] ?? 0) === 0)
        throw validationError('cabin_not_available', `${flightNumber(f)} has no ${cabin.replace('_', ' ')} cabin.`, {
          flightId: f.id,
        });
      return f;
    });
    const place = (code: string) => this.deps.ref.airport(code)?.metroCode ?? code;
    const first = joining[0]!;
    const last = joining[joining.length - 1]!;
    if (
      place(first.origin) !== place(leaving[0]!.origin) ||
      place(last.destination) !== place(leaving[leaving.length - 1]!.destination)
    )
      throw validationError('invalid_itinerary', 'The new flights must fly the same route as the ones they replace.');
    for (let i = 1; i < joining.length; i++)
      if (joining[i]!.origin !== joining[i - 1]!.destination || joining[i]!.departureAt <= joining[i - 1]!.arrivalAt)
        throw validationError('invalid_itinerary', 'The new flights do not connect.');
    if (joining.every((f, i) => f.id === leaving[i]?.id) && joining.length === leaving.length)
      throw validationError('invalid_itinerary', 'The booking is already on these flights.');
    // The rest of the journey stays: an outbound must land before the return leaves, a return leave after it lands.
    const others = segs.filter((s) => s.direction !== req.direction).map((s) => byId.get(s.flightId)!);
    const fits =
      others.length === 0 ||
      (req.direction === 'outbound'
        ? last.arrivalAt < others[0]!.departureAt
        : others[others.length - 1]!.arrivalAt < first.departureAt);
    if (!fits)
      throw validationError(
        'invalid_itinerary',
        req.direction === 'outbound'
          ? 'The new flight would land after your return flight leaves.'
          : 'The new return flight would leave before your outbound flight lands.',
      );
    return joining;
  }

  /** Every segment after the change, in travel order: the other direction's kept, this direction's replaced. */
  private segmentsAfter(
    segs: BookingSegmentRow[],
    direction: 'outbound' | 'inbound',
    joining: FlightRow[],
    cabin: Cabin,
    family: FareFamily,
  ): FlightChangePlan['segments'] {
    // A return trip's legs are its directions: 0 outbound, 1 the way back.
    const leg = direction === 'outbound' ? 0 : 1;
    const fresh = joining.map((f) => ({ flightId: f.id, cabin, fareFamily: family, direction, leg }));
    const kept = segs.filter((s) => s.direction !== direction);
    const ordered = direction === 'outbound' ? [...fresh, ...kept] : [...kept, ...fresh];
    return ordered.map((s, position) => ({
      position,
      flightId: s.flightId,
      cabin: s.cabin,
      fareFamily: s.fareFamily,
      direction: s.direction,
      leg: s.leg,
    }));
  }

  private taxes(f: FlightRow, types: PassengerType[], currency: string): ChargeLine[] {
    const country = this.deps.ref.airport(f.origin)?.country ?? 'US';
    return types.flatMap((t) => taxesFor(country, t, currency));
  }
}
