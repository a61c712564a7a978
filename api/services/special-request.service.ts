import type { Db } from '../db/db';
import type { FlightRow } from '../domain/records';
import { exitRowRefusal, seatSafetyError } from '../domain/seat-safety';
import {
  duplicateKind,
  isSsrCode,
  requestKey,
  requestRefusal,
  SSR_CODES,
  type SpecialRequestAsk,
  type SpecialRequestKind,
  type SsrCode,
  ssrKind,
} from '../domain/special-requests';
import { conflict, validationError } from '../errors';
import type { BookingAggregate } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { SpecialRequestRepository, SpecialRequestRow } from '../repositories/special-request.repository';
import type { Actor } from './actor';
import type { BookingAccess } from './booking-access';
import { effectiveStatus } from './booking-view';
import type { Clock } from './clock';
import { flightNumber } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';

/** A special request as travellers, agents and the ticket see it. */
export interface SpecialRequestView {
  /** Passenger index in the booking. */
  passenger: number;
  flightId: number;
  code: SsrCode;
  kind: SpecialRequestKind;
  label: string;
}

export interface SpecialRequestsResult {
  pnr: string;
  requests: SpecialRequestView[];
}

export interface SpecialRequestServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  bookingAccess: BookingAccess;
  requestRepo: SpecialRequestRepository;
  seatRepo: SeatRepository;
  flightRepo: FlightRepository;
  clock: Clock;
  /** Pets that may travel in the cabin of one flight (PETS_IN_CABIN_PER_FLIGHT). */
  petsPerFlight: number;
}

/** Stored requests as views, by passenger index (requests of passengers no longer on the booking are left out). */
export function requestViews(agg: Pick<BookingAggregate, 'passengers'>, rows: SpecialRequestRow[]) {
  const index = new Map(agg.passengers.map((p) => [p.id, p.position]));
  return rows
    .filter((r) => index.has(r.passengerId) && isSsrCode(r.code))
    .map((r): SpecialRequestView => ({
      passenger: index.get(r.passengerId)!,
      flightId: r.flightId,
      code: r.code,
      kind: ssrKind(r.code),
      label: SSR_CODES[r.code].label,
    }));
}

/**
 * Special requests of a booking (meals, wheelchair, pet in the cabin), read and replaced as a whole. Rules: a pet
 * travels in the cabin only while the flight has a place left (counted under a lock of the flight), and a
 * passenger with wheelchair assistance never sits in an exit row (the seat safety rule for special assistance,
 * which from then on also keeps seat changes out of exit rows).
 */
export class SpecialRequestService {
  constructor(private readonly d: SpecialRequestServiceDeps) {}

  async list(pnr: string, actor: Actor, lastName?: string): Promise<SpecialRequestsResult> {
    const { agg } = await this.d.bookingAccess.load(pnr, actor, { lastName });
    return { pnr: agg.booking.pnr, requests: requestViews(agg, await this.d.requestRepo.forBooking(agg.booking.id)) };
  }

  /** Replaces the booking's special requests with `asks`: new ones are added, missing ones removed. */
  async replace(
    pnr: string,
    actor: Actor,
    asks: { passenger: number; flightId: number; code: string }[],
    lastName?: string,
  ): Promise<SpecialRequestsResult> {
    const { agg } = await this.d.bookingAccess.load(pnr, actor, { lastName });
    const now = this.d.clock.now();
    const status = effectiveStatus(agg.booking.status, agg.booking.holdExpiresAt, now);
    if (status !== 'held' && status !== 'confirmed')
      throw conflict('booking_not_changeable', `This booking is ${status}; its special requests cannot change.`);
    const checked = this.check(agg, asks);
    const stored = await this.d.requestRepo.forBooking(agg.booking.id);
    const storedViews = requestViews(agg, stored);
    const wanted = new Set(checked.map(requestKey));
    const have = new Set(storedViews.map(requestKey));
    const added = checked.filter((a) => !have.has(requestKey(a)));
    const removed = stored.filter((_, i) => !wanted.has(requestKey(storedViews[i]!)));
    const flights = await this.flightsOf(agg);
    for (const flightId of new Set([...added.map((a) => a.flightId), ...removed.map((r) => r.flightId)])) {
      const f = flights.get(flightId)!;
      if (f.departureAt <= now)
        throw conflict('flight_closed', `${flightNumber(f)} has departed; its special requests cannot change.`, {
          flightId,
        });
    }
    await this.refuseExitRowWheelchairs(agg, added, flights);
    const passengerId = (index: number) => agg.passengers.find((p) => p.position === index)!.id;
    await this.d.db.transaction(async () => {
      await this.d.requestRepo.delete(removed.map((r) => r.id));
      const petFlights = [...new Set(added.filter((a) => a.code === 'PETC').map((a) => a.flightId))].sort(
        (x, y) => x - y,
      );
      for (const flightId of petFlights) {
        await this.d.requestRepo.lockFlight(flightId);
        const adding = added.filter((a) => a.code === 'PETC' && a.flightId === flightId).length;
        if ((await this.d.requestRepo.petsOn(flightId, now)) + adding > this.d.petsPerFlight)
          throw conflict(
            'pet_cabin_full',
            `${flightNumber(flights.get(flightId)!)} already has ${this.d.petsPerFlight} pets in the cabin.`,
            { flightId },
          );
      }
      for (const a of added) {
        const row = { bookingId: agg.booking.id, passengerId: passengerId(a.passenger), flightId: a.flightId };
        if (!(await this.d.requestRepo.insert({ ...row, kind: ssrKind(a.code), code: a.code })))
          throw conflict('booking_changed', 'The special requests changed meanwhile; look at them again.');
        if (ssrKind(a.code) === 'wheelchair') await this.d.requestRepo.markSpecialAssistance(row.passengerId);
      }
    });
    return this.list(pnr, actor, lastName);
  }

  /** Checks each ask against the booking: the code, the passenger, the flight, one of each kind. */
  private check(agg: BookingAggregate, asks: { passenger: number; flightId: number; code: string }[]) {
    const out: SpecialRequestAsk[] = asks.map((a) => {
      const refuse = (message: string) => validationError('invalid_special_request', message, a);
      if (!isSsrCode(a.code)) throw refuse(`${a.code} is not a special request we offer.`);
      const pax = agg.passengers.find((p) => p.position === a.passenger);
      if (!pax)
        throw validationError('unknown_passenger', `There is no passenger ${a.passenger}.`, {
          passenger: a.passenger,
        });
      if (!agg.segments.some((s) => s.flightId === a.flightId))
        throw refuse(`Flight ${a.flightId} is not part of this booking.`);
      const why = requestRefusal(a.code, pax.type);
      if (why) throw refuse(why);
      return { passenger: a.passenger, flightId: a.flightId, code: a.code };
    });
    const twice = duplicateKind(out);
    if (twice)
      throw validationError(
        'invalid_special_request',
        `Passenger ${twice.passenger} can have one ${ssrKind(twice.code)} request per flight.`,
        twice,
      );
    return out;
  }

  private async flightsOf(agg: BookingAggregate): Promise<Map<number, FlightRow>> {
    const rows = await this.d.flightRepo.findByIds(agg.segments.map((s) => s.flightId));
    return new Map(rows.map((f) => [f.id, f]));
  }

  /** A passenger who gets wheelchair assistance on a flight may not keep an exit-row seat on it. */
  private async refuseExitRowWheelchairs(
    agg: BookingAggregate,
    added: SpecialRequestAsk[],
    flights: Map<number, FlightRow>,
  ): Promise<void> {
    const wheelchairs = added.filter((a) => ssrKind(a.code) === 'wheelchair');
    if (wheelchairs.length === 0) return;
    const seats = await this.d.seatRepo.forBooking(agg.booking.id);
    for (const w of wheelchairs) {
      const pax = agg.passengers.find((p) => p.position === w.passenger)!;
      const flight = flights.get(w.flightId)!;
      const layout = this.d.ref.aircraft(flight.aircraftCode);
      for (const seat of seats.filter((s) => s.passengerId === pax.id && s.flightId === w.flightId)) {
        const def = layout?.byDesignator.get(seat.designator);
        const who = { type: 'ADT' as const, holdsInfant: false, specialAssistance: true };
        if (def && exitRowRefusal(def, who))
          throw seatSafetyError('exit_row_special_assistance', {
            passenger: w.passenger,
            flightId: w.flightId,
            designator: seat.designator,
          });
      }
    }
  }
}
