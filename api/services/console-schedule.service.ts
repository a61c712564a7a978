import { localDate, toLocalIso } from '../domain/time';
import { notFound } from '../errors';
import type { ConsoleReportsRepository } from '../repositories/console-reports.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { Actor } from './actor';
import type { AdminService, FlightInput } from './admin.service';
import type { ConsoleAccess } from './console-access';
import type { DisruptionService } from './disruption.service';
import type { ConsoleAuditService, RequestOrigin } from './console-audit.service';
import type { ReferenceDataService } from './reference-data.service';

export interface ScheduledFlight {
  flightId: number;
  flightNumber: string;
  origin: string;
  destination: string;
  /** Local at the origin, with offset. */
  departureTime: string;
  aircraft: string;
  status: string;
  seatsSold: number;
  capacity: number;
  loadFactor: number;
}

/** A disruption an admin records: a later departure, or a cancellation. */
export type Disruption =
  | { kind: 'delayed'; departureTime: string; departureDate?: string; reason: string }
  | { kind: 'cancelled'; reason: string };

/** A new time for a flight (local at the origin): any direction, unlike a delay; with a reason for the log. */
export interface Retiming {
  departureDate?: string;
  departureTime: string;
  durationMinutes?: number;
  reason: string;
}

export interface ConsoleScheduleServiceDeps {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  admin: AdminService;
  /** Delays and cancellations, and what follows for the travellers on the flight. */
  disruptions: Pick<DisruptionService, 'disrupt'>;
  flightRepo: FlightRepository;
  reportsRepo: ConsoleReportsRepository;
  ref: ReferenceDataService;
}

/**
 * The schedule for admins: flights by route and date with their load factor, and one door for disruptions
 * (delay or cancel) that goes through the DisruptionService. What happens to the travellers on a disrupted
 * flight is decided behind that door, never here or in a page.
 */
export class ConsoleScheduleService {
  constructor(private readonly deps: ConsoleScheduleServiceDeps) {}

  async flights(actor: Actor, q: { date: string; origin?: string; destination?: string }): Promise<ScheduledFlight[]> {
    await this.deps.access.admin(actor);
    const rows = await this.deps.reportsRepo.flightsOn({ ...q, limit: 300 });
    return rows.map((f) => {
      const capacity = Object.values(this.deps.ref.aircraft(f.aircraftCode)?.capacity ?? {}).reduce((a, n) => a + n, 0);
      const zone = this.deps.ref.airport(f.origin)?.timeZone ?? 'UTC';
      return {
        flightId: f.id,
        flightNumber: `${f.airlineCode}${f.flightNumber}`,
        origin: f.origin,
        destination: f.destination,
        departureTime: toLocalIso(f.departureAt, zone),
        aircraft: f.aircraftCode,
        status: f.status,
        seatsSold: f.booked,
        capacity,
        loadFactor: capacity ? f.booked / capacity : 0,
      };
    });
  }

  /**
   * Delays or cancels a flight through the one disruption service, which tells every traveller on it and makes
   * their offers (the same door as the admin API).
   */
  async disrupt(actor: Actor, origin: RequestOrigin, flightId: number, d: Disruption): Promise<ScheduledFlight> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: `flight.${d.kind}`, entityType: 'flight', entityId: String(flightId), reason: d.reason };
    await this.deps.audit.audited<unknown>(admin, origin, subject, async () => {
      const before = await this.deps.flightRepo.findById(flightId);
      if (!before) throw notFound('flight_not_found', `There is no flight with id ${flightId}.`);
      const zone = this.deps.ref.airport(before.origin)?.timeZone ?? 'UTC';
      const was = { status: before.status, departure: toLocalIso(before.departureAt, zone) };
      const out = await this.deps.disruptions.disrupt(admin.actor, flightId, d);
      const after = { status: out.flight.status, departure: out.flight.departureTime };
      return {
        result: out,
        before: was,
        after,
        data: { disruptionId: out.disruptionId, affected: out.affectedBookings },
      };
    });
    return this.line(actor, flightId);
  }

  /** Adds a flight to the schedule (AdminService checks the airline, airports, aircraft and times). */
  async add(actor: Actor, origin: RequestOrigin, input: FlightInput): Promise<ScheduledFlight> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'flight.added', entityType: 'flight', entityId: `${input.airline}${input.flightNumber}` };
    const added = await this.deps.audit.audited(admin, origin, subject, async () => {
      const out = await this.deps.admin.createFlight(admin.actor, input);
      return { result: out, before: null, after: { ...input }, data: { flightId: out.flightId } };
    });
    return this.line(actor, added.flightId);
  }

  /** Changes a flight's times (earlier or later; the travellers on it are another issue's service). */
  async retime(actor: Actor, origin: RequestOrigin, flightId: number, t: Retiming): Promise<ScheduledFlight> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'flight.retimed', entityType: 'flight', entityId: String(flightId), reason: t.reason };
    await this.deps.audit.audited(admin, origin, subject, async () => {
      const before = await this.deps.flightRepo.findById(flightId);
      if (!before) throw notFound('flight_not_found', `There is no flight with id ${flightId}.`);
      const zone = this.deps.ref.airport(before.origin)?.timeZone ?? 'UTC';
      const out = await this.deps.admin.updateFlight(admin.actor, flightId, {
        departureDate: t.departureDate ?? localDate(before.departureAt, zone),
        departureTime: t.departureTime,
        ...(t.durationMinutes ? { durationMinutes: t.durationMinutes } : {}),
      });
      return {
        result: out,
        before: { departure: toLocalIso(before.departureAt, zone), durationMinutes: before.durationMinutes },
        after: { departure: out.departureTime, durationMinutes: t.durationMinutes ?? before.durationMinutes },
      };
    });
    return this.line(actor, flightId);
  }

  /** Takes a flight nobody is booked on off the schedule. */
  async retire(actor: Actor, origin: RequestOrigin, flightId: number, reason: string): Promise<ScheduledFlight> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'flight.retired', entityType: 'flight', entityId: String(flightId), reason };
    await this.deps.audit.audited(admin, origin, subject, async () => {
      const out = await this.deps.admin.retireFlight(admin.actor, flightId, reason);
      return { result: out, before: { status: 'scheduled' }, after: { status: 'retired' } };
    });
    return this.line(actor, flightId);
  }

  private async line(actor: Actor, flightId: number): Promise<ScheduledFlight> {
    const flight = (await this.deps.flightRepo.findById(flightId))!;
    const on = { date: flight.departureDate, origin: flight.origin, destination: flight.destination };
    return (await this.flights(actor, on)).find((f) => f.flightId === flightId)!;
  }
}
