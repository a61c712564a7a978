import type { FlightRow } from '../domain/records';
import { flightInputProblem } from '../domain/admin-bounds';
import type { BookingStatus } from '../domain/types';
import { conflict, forbidden, notFound, validationError } from '../errors';
import { blockMinutes } from '../domain/geo';
import { currencyForCountry } from '../domain/money';
import { baseFareFor } from '../domain/schedule';
import { localDate, localTime, localToInstant } from '../domain/time';
import type { BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import { type Actor, actorRole, actorUserId, isAdmin, isStaff } from './actor';
import type { BookingViews } from './booking-views';
import type { BookingView } from './booking-view';
import { type Clock, systemClock } from './clock';
import type { DeadLetter, DomainEvents } from './domain-events';
import { segmentView, type SegmentView } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';

export interface FlightInput {
  airline: string;
  flightNumber: number;
  origin: string;
  destination: string;
  /** Local date and time of departure at the origin. */
  departureDate: string;
  departureTime: string;
  aircraft: string;
  durationMinutes?: number;
  baseFare?: number;
}

export interface FlightPatch {
  departureDate?: string;
  departureTime?: string;
  durationMinutes?: number;
  aircraft?: string;
  baseFare?: number;
}

export interface AdminServiceDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  opsRepo: OpsRepository;
  bookingViews: BookingViews;
  /** Dead-lettered domain-event deliveries, for admins to read and requeue. */
  events: Pick<DomainEvents, 'deadLetters' | 'requeue'>;
  clock?: Clock;
}

/** Back-office operations: admins manage the schedule; agents and admins read and search bookings. */
export class AdminService {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly opsRepo: OpsRepository;
  private readonly bookingViews: BookingViews;
  private readonly events: Pick<DomainEvents, 'deadLetters' | 'requeue'>;
  private readonly clock: Clock;

  constructor(deps: AdminServiceDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.bookingRepo = deps.bookingRepo;
    this.opsRepo = deps.opsRepo;
    this.bookingViews = deps.bookingViews;
    this.events = deps.events;
    this.clock = deps.clock ?? systemClock;
  }

  /** Event deliveries that failed every attempt (newest first): what a subscriber could not do, and why. */
  deadLetters(actor: Actor, limit: number): Promise<DeadLetter[]> {
    requireOperator(actor);
    return this.events.deadLetters(limit);
  }

  /** Puts a dead letter back in the queue with fresh attempts (after fixing its cause); false if there is none. */
  async retryDeadLetter(actor: Actor, deliveryId: number): Promise<{ id: number; requeued: boolean }> {
    requireOperator(actor);
    return { id: deliveryId, requeued: await this.events.requeue(deliveryId) };
  }

  /** Refuses values outside sane ranges with 422 naming the field (see domain/admin-bounds.ts). */
  private checkBounds(input: { baseFare?: number; departureDate?: string; durationMinutes?: number }): void {
    const problem = flightInputProblem(input, this.clock.now().toISOString().slice(0, 10));
    if (problem) throw validationError('out_of_range', `${problem.field} ${problem.message}.`, problem);
  }

  async createFlight(actor: Actor, input: FlightInput): Promise<SegmentView> {
    requireAdmin(actor);
    this.checkBounds(input);
    const airline = this.ref.airline(input.airline);
    const from = this.ref.airport(input.origin);
    const to = this.ref.airport(input.destination);
    if (!airline) throw validationError('unknown_airline', `Unknown airline ${input.airline}.`);
    if (!from || !to)
      throw validationError('unknown_airport', `Unknown airport ${!from ? input.origin : input.destination}.`);
    if (from.code === to.code) throw validationError('same_origin_destination', 'Origin and destination must differ.');
    if (!this.ref.aircraft(input.aircraft))
      throw validationError('unknown_aircraft', `Unknown aircraft type ${input.aircraft}.`);
    const departureAt = localToInstant(input.departureDate, input.departureTime, from.timeZone);
    if (departureAt.getTime() <= this.clock.now().getTime())
      throw validationError('departure_in_past', 'The departure is in the past.');
    const durationMinutes = input.durationMinutes ?? blockMinutes(from, to);
    const currency = currencyForCountry(from.country);
    const flight = await this.flightRepo
      .insert({
        airlineCode: airline.code,
        flightNumber: input.flightNumber,
        origin: from.code,
        destination: to.code,
        departureAt,
        arrivalAt: new Date(departureAt.getTime() + durationMinutes * 60_000),
        departureDate: input.departureDate,
        durationMinutes,
        aircraftCode: input.aircraft,
        baseFare: input.baseFare ?? baseFareFor(from, to, currency),
        currency,
      })
      .catch((err: unknown) => {
        if (String((err as Error).message).match(/duplicate|unique/i))
          throw conflict(
            'flight_exists',
            `${airline.code}${input.flightNumber} already flies on ${input.departureDate}.`,
          );
        throw err;
      });
    await this.audit(actor, 'flight.created', String(flight.id), null, { ...input });
    return segmentView(this.ref, flight);
  }

  async updateFlight(actor: Actor, id: number, patch: FlightPatch): Promise<SegmentView> {
    requireAdmin(actor);
    this.checkBounds(patch);
    const f = await this.mustFind(id);
    if (f.status !== 'scheduled') throw conflict('flight_cancelled', `A ${f.status} flight cannot be changed.`);
    if (patch.aircraft && patch.aircraft !== f.aircraftCode) {
      if (!this.ref.aircraft(patch.aircraft))
        throw validationError('unknown_aircraft', `Unknown aircraft type ${patch.aircraft}.`);
      if (f.seatsReady)
        throw conflict(
          'aircraft_change_not_allowed',
          'Seats on this flight are already sold; swap the aircraft through a schedule change.',
        );
    }
    const zone = this.ref.airport(f.origin)?.timeZone ?? 'UTC';
    const date = patch.departureDate ?? f.departureDate;
    const time = patch.departureTime ?? localTime(f.departureAt, zone);
    const departureAt = localToInstant(date, time, zone);
    const durationMinutes = patch.durationMinutes ?? f.durationMinutes;
    await this.flightRepo.update(id, {
      departureAt,
      arrivalAt: new Date(departureAt.getTime() + durationMinutes * 60_000),
      departureDate: localDate(departureAt, zone),
      durationMinutes,
      ...(patch.aircraft ? { aircraftCode: patch.aircraft } : {}),
      ...(patch.baseFare ? { baseFare: patch.baseFare } : {}),
    });
    await this.audit(actor, 'flight.updated', String(id), null, { ...patch });
    return segmentView(this.ref, await this.mustFind(id));
  }

  /**
   * Takes a flight nobody holds or has booked off the schedule (it is no longer sold). A flight with travellers
   * is cancelled instead (DisruptionService, the one door for delays and cancellations), so that what follows for
   * them happens.
   */
  async retireFlight(actor: Actor, id: number, reason: string): Promise<SegmentView> {
    requireAdmin(actor);
    const f = await this.mustFind(id);
    if (f.status !== 'scheduled') throw conflict('flight_cancelled', `This flight is already ${f.status}.`);
    const [rows] = await this.bookingRepo.search({ flightId: id, offset: 0, limit: 10_000 });
    const live = rows.filter((b) => b.status === 'held' || b.status === 'confirmed').length;
    if (live)
      throw conflict('flight_has_bookings', `${live} booking(s) are on this flight; cancel it instead.`, { live });
    await this.flightRepo.update(id, { status: 'retired' });
    await this.audit(actor, 'flight.retired', String(id), reason, {});
    return segmentView(this.ref, { ...f, status: 'retired' });
  }

  async listFlights(
    actor: Actor,
    q: Parameters<FlightRepository['list']>[0],
  ): Promise<{ items: SegmentView[]; total: number }> {
    requireAdmin(actor);
    const [rows, total] = await this.flightRepo.list(q);
    return { items: rows.map((f) => segmentView(this.ref, f)), total };
  }

  async searchBookings(
    actor: Actor,
    q: {
      status?: BookingStatus;
      pnr?: string;
      lastName?: string;
      email?: string;
      flightId?: number;
      offset: number;
      limit: number;
    },
  ): Promise<{ items: BookingView[]; total: number }> {
    if (!isStaff(actor)) throw forbidden('forbidden', 'Only agents and admins can search bookings.');
    const [rows, total] = await this.bookingRepo.search({ ...q, pnr: q.pnr?.toUpperCase() });
    const aggs = await this.bookingRepo.loadMany(rows);
    return { items: await Promise.all(aggs.map((a) => this.bookingViews.render(a, false))), total };
  }

  private async mustFind(id: number): Promise<FlightRow> {
    const f = await this.flightRepo.findById(id);
    if (!f) throw notFound('flight_not_found', `There is no flight with id ${id}.`);
    return f;
  }

  private audit(actor: Actor, action: string, entityId: string, reason: string | null, data: Record<string, unknown>) {
    return this.opsRepo.audit({
      actorUserId: actorUserId(actor),
      actorRole: actorRole(actor),
      action,
      entityType: 'flight',
      entityId,
      reason,
      data,
    });
  }
}

function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('forbidden', 'Only admins can change the schedule.');
}

function requireOperator(actor: Actor): void {
  if (!isAdmin(actor)) throw forbidden('forbidden', 'Only admins can read and retry failed event deliveries.');
}
