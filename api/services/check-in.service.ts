import {
  type CheckInPhase,
  type CheckInWindowSettings,
  checkInPhase,
  checkInWindow,
  documentProblems,
  keptDocument,
  type TravelDocumentInput,
} from '../domain/check-in';
import type { DocumentProblemRef } from '../errors/catalogue';
import { conflict, notFound, validationError } from '../errors';
import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { CheckInRepository } from '../repositories/check-in.repository';
import type { Actor } from './actor';
import type { BookingAccess } from './booking-access';
import type { BoardingPassRef, BoardingPassService, BoardingPassView } from './boarding-pass.service';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { MailService } from './mail.service';

export interface CheckInFlight {
  flightId: number;
  flightNumber: string;
  from: string;
  to: string;
  departureTime: string;
  opensAt: string;
  closesAt: string;
  phase: CheckInPhase;
  passengers: { index: number; name: string; checkedIn: boolean }[];
}

/** Where check-in stands for a booking: each flight's window and who is checked in, and the passes issued. */
export interface CheckInStatus {
  pnr: string;
  bookingStatus: BookingView['status'];
  flights: CheckInFlight[];
  boardingPasses: BoardingPassView[];
}

export interface CheckInRequest {
  /** The flight to check in on; by default the booking's first flight whose check-in is open. */
  flightId?: number;
  passengers: (TravelDocumentInput & { passenger: number })[];
}

export interface CheckInServiceDeps {
  db: Db;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  checkInRepo: CheckInRepository;
  passes: BoardingPassService;
  mail: Pick<MailService, 'enqueueBoardingPass'>;
  window: CheckInWindowSettings;
  clock: Clock;
  log: Logger;
}

type Flight = BookingView['flights'][number];

/**
 * Online check-in: a paid booking's passengers are checked in on a flight while its window is open
 * (CHECKIN_OPENS_HOURS before departure until CHECKIN_CLOSES_MINUTES before), each with a valid
 * passport, and get a boarding pass (PDF and barcode image by signed link, and by email). Of the
 * passport only the last 4 characters of the number, the nationality and the expiry are kept.
 */
export class CheckInService {
  constructor(private readonly deps: CheckInServiceDeps) {}

  async status(pnr: string, actor: Actor, lastName?: string): Promise<CheckInStatus> {
    const { agg } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const booking = await this.deps.bookingViews.render(agg, false);
    const checkIns = await this.deps.checkInRepo.forBooking(agg.booking.id);
    const idOf = (index: number) => agg.passengers.find((p) => p.position === index)?.id;
    const now = this.deps.clock.now();
    return {
      pnr: booking.pnr,
      bookingStatus: booking.status,
      flights: booking.flights.map((f) => {
        const w = checkInWindow(new Date(f.departureUtc), this.deps.window);
        return {
          flightId: f.flightId,
          flightNumber: f.flightNumber,
          from: f.origin.code,
          to: f.destination.code,
          departureTime: f.departureTime,
          opensAt: w.opensAt.toISOString(),
          closesAt: w.closesAt.toISOString(),
          phase: checkInPhase(now, new Date(f.departureUtc), this.deps.window),
          passengers: booking.passengers.map((p) => ({
            index: p.index,
            name: `${p.firstName} ${p.lastName}`,
            checkedIn: checkIns.some((c) => c.flightId === f.flightId && c.passengerId === idOf(p.index)),
          })),
        };
      }),
      boardingPasses: checkIns.length > 0 ? await this.deps.passes.passesFor(booking.pnr) : [],
    };
  }

  async checkIn(pnr: string, actor: Actor, req: CheckInRequest, lastName?: string): Promise<CheckInStatus> {
    const { agg } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const booking = await this.deps.bookingViews.render(agg, false);
    if (booking.status === 'cancelled') throw conflict('booking_cancelled', 'The booking is cancelled.');
    if (booking.status !== 'confirmed') throw conflict('check_in_unpaid', 'Only a paid booking can be checked in.');
    const flight = this.flightToCheckIn(booking, req.flightId);
    const lastDay = booking.flights[booking.flights.length - 1]!.arrivalTime.slice(0, 10);
    const problems: DocumentProblemRef[] = [];
    for (const p of req.passengers) {
      if (!booking.passengers.some((x) => x.index === p.passenger))
        throw validationError('unknown_passenger', 'The booking has no such passenger.', { passenger: p.passenger });
      problems.push(...documentProblems(p, lastDay).map((d) => ({ passenger: p.passenger, ...d })));
    }
    if (problems.length > 0)
      throw validationError('invalid_travel_document', 'A travel document cannot be used.', problems);
    const fresh: number[] = [];
    await this.deps.db.transaction(async () => {
      for (const p of req.passengers) {
        const passengerId = agg.passengers.find((x) => x.position === p.passenger)!.id;
        if (await this.insert(agg.booking.id, passengerId, flight.flightId, p)) fresh.push(p.passenger);
      }
      for (const index of fresh)
        await this.deps.mail.enqueueBoardingPass({ pnr: booking.pnr, flightId: flight.flightId, passenger: index });
    });
    // Never the document number: which booking, flight and how many, nothing more.
    this.deps.log.info(`check-in ${booking.pnr} flight ${flight.flightNumber}: ${fresh.length} passenger(s)`);
    return this.status(pnr, actor, lastName);
  }

  /**
   * A boarding pass file for someone allowed to see the booking (owner, staff, a last name) or holding
   * the pass's signed link.
   */
  async passFile(
    ref: BoardingPassRef,
    actor: Actor,
    opts: { lastName?: string; token?: string },
    format: 'pdf' | 'png',
  ): Promise<Buffer> {
    const byLink = !!opts.token && this.deps.passes.verify(ref, opts.token);
    const { agg } = await this.deps.bookingAccess.load(ref.pnr, actor, { lastName: opts.lastName, signedLink: byLink });
    const pass = { ...ref, pnr: agg.booking.pnr };
    return format === 'pdf' ? this.deps.passes.renderPdf(pass) : this.deps.passes.renderPng(pass);
  }

  /** One passenger's check-in with the flight's next sequence; false when already checked in. */
  private async insert(bookingId: number, passengerId: number, flightId: number, doc: TravelDocumentInput) {
    const repo = this.deps.checkInRepo;
    const already = (await repo.forBooking(bookingId)).some(
      (c) => c.passengerId === passengerId && c.flightId === flightId,
    );
    if (already) return false;
    const kept = keptDocument(doc);
    // A sequence taken by a concurrent check-in on the same flight: take the next one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const inserted = await repo.insert({
        bookingId,
        passengerId,
        flightId,
        sequence: await repo.nextSequence(flightId),
        documentLast4: kept.documentLast4,
        nationality: kept.nationality,
        documentExpiry: kept.expiryDate,
        checkedInAt: this.deps.clock.now(),
      });
      if (inserted) return true;
      if ((await repo.forBooking(bookingId)).some((c) => c.passengerId === passengerId && c.flightId === flightId))
        return false;
    }
    throw conflict('booking_changed', 'Check-in sequence contention; try again.');
  }

  /** The flight asked for (it must be open), or the first whose check-in is open. */
  private flightToCheckIn(booking: BookingView, flightId: number | undefined): Flight {
    const now = this.deps.clock.now();
    const phase = (f: Flight) => checkInPhase(now, new Date(f.departureUtc), this.deps.window);
    const flight =
      flightId === undefined
        ? (booking.flights.find((f) => phase(f) === 'open') ??
          booking.flights.find((f) => phase(f) !== 'departed') ??
          booking.flights[booking.flights.length - 1])
        : booking.flights.find((f) => f.flightId === flightId);
    if (!flight) throw notFound('flight_not_found', 'The booking has no such flight.', { flightId: flightId ?? 0 });
    if (flight.status === 'cancelled')
      throw conflict('flight_cancelled', 'The flight is cancelled.', { flightId: flight.flightId });
    const w = checkInWindow(new Date(flight.departureUtc), this.deps.window);
    switch (phase(flight)) {
      case 'departed':
        throw conflict('check_in_flight_departed', 'The flight has departed.', { flightId: flight.flightId });
      case 'not_open':
        throw conflict('check_in_not_open', 'Check-in has not opened yet.', {
          flightId: flight.flightId,
          opensAt: w.opensAt.toISOString(),
        });
      case 'closed':
        throw conflict('check_in_closed', 'Check-in has closed.', {
          flightId: flight.flightId,
          closedAt: w.closesAt.toISOString(),
        });
      case 'open':
        return flight;
    }
  }
}
