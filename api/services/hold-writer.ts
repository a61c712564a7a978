import { isUniqueViolation } from '../db/db';
import type { Db } from '../db/db';
import type { BookingSegmentRow, FlightRow, PassengerRow } from '../domain/records';
import { generatePnr } from '../domain/pnr';
import type { Cabin } from '../domain/types';
import { type NewBooking, type BookingRepository, heldBookingRow } from '../repositories/booking.repository';
import type { HoldBatchRepository, HoldPlan } from '../repositories/hold-batch.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { BookingViewSource, HeldSeat } from './booking-view';
import type { ReferenceDataService } from './reference-data.service';
import { maskBlock } from '../domain/seat-safety';
import { lapInfantBlocks, pickSeats, SeatAssigner, seatUnavailable, type SeatRequest } from './seat-assigner';

/** A priced, validated hold: everything but the PNR and the row ids. */
export interface HoldRequest {
  booking: Omit<NewBooking, 'pnr'> & { holdExpiresAt: Date };
  /** The service's clock. */
  at: Date;
  /** In travel order, with their flights and cabins. */
  segments: (Omit<BookingSegmentRow, 'id' | 'bookingId'> & { flight: FlightRow; cabin: Cabin })[];
  passengers: Omit<PassengerRow, 'id' | 'bookingId'>[];
  /** Seats the passengers chose: passenger index, flight id, designator. */
  chosen: { passenger: number; flightId: number; designator: string }[];
}

export interface WrittenHold {
  agg: BookingViewSource;
  seats: HeldSeat[];
}

export interface HoldWriterDeps {
  db: Db;
  ref: ReferenceDataService;
  bookingRepo: BookingRepository;
  seatRepo: SeatRepository;
  /** Grouped writes (MySQL), or null to write each hold in a transaction of its own. */
  holdBatchRepo: HoldBatchRepository | null;
}

/**
 * Writes a priced hold: the booking, its segments and passengers, and exactly one seat per seated
 * passenger on every flight, or nothing. When the database offers grouped writes (MySQL), the hold
 * joins a group commit (HoldBatchRepository) with its chosen seats and seats picked for the others;
 * otherwise, or when a picked seat is gone by then or the group fails as a whole, it is written in a
 * transaction of its own, where the SeatAssigner picks seats (and retries lost ones) itself.
 */
export class HoldWriter {
  private readonly db: Db;
  private readonly ref: ReferenceDataService;
  private readonly bookingRepo: BookingRepository;
  private readonly seatRepo: SeatRepository;
  private readonly holdBatchRepo: HoldBatchRepository | null;
  private readonly assigner: SeatAssigner;

  constructor(deps: HoldWriterDeps) {
    this.db = deps.db;
    this.ref = deps.ref;
    this.bookingRepo = deps.bookingRepo;
    this.seatRepo = deps.seatRepo;
    this.holdBatchRepo = deps.holdBatchRepo;
    this.assigner = new SeatAssigner(deps.seatRepo);
  }

  async write(req: HoldRequest): Promise<WrittenHold> {
    // Lap infants' holders take the one-hold path, where the flight is locked for the oxygen-mask rule.
    const batchable = this.holdBatchRepo && !req.passengers.some((p) => p.holdsInfant);
    const planned = batchable ? await this.planSeats(req) : null;
    for (let attempt = 0; ; attempt++) {
      const pnr = generatePnr();
      if (planned && attempt === 0) {
        const outcome = await this.holdBatchRepo!.hold(this.plan(req, pnr, planned.seats));
        if (outcome.kind === 'held')
          return this.written(req, pnr, outcome.bookingId, outcome.passengerIds, planned.seats);
        if (outcome.kind === 'seat_unavailable' && !planned.assigned.has(`${outcome.flightId}:${outcome.designator}`))
          throw seatUnavailable(req.segments.find((s) => s.flightId === outcome.flightId)!.flight, outcome.designator);
        // A seat picked for the traveller went to someone else meanwhile, or the group failed as a whole
        // (nothing written): this hold goes on its own below, where the assigner picks again.
        continue;
      }
      try {
        return await this.db.transaction(() => this.writeOne(req, pnr));
      } catch (err) {
        if (attempt < 4 && isUniqueViolation(err)) continue; // PNR collision: draw another
        throw err;
      }
    }
  }

  /** One hold in its own transaction (the enclosing `db.transaction`). */
  private async writeOne(req: HoldRequest, pnr: string): Promise<WrittenHold> {
    const booking = await this.bookingRepo.insert({ ...req.booking, pnr }, req.at);
    const bookingId = booking.id;
    await this.bookingRepo.insertSegments(req.segments.map((s) => segmentRow(s, bookingId)));
    const passengerIds = await this.bookingRepo.insertPassengers(req.passengers.map((p) => ({ ...p, bookingId })));
    const seats: HeldSeat[] = [];
    // Flights in id order so that concurrent multi-flight bookings lock seats in the same order.
    const order = [...req.segments].sort((a, b) => a.flightId - b.flightId);
    for (const s of order) {
      const requests: SeatRequest[] = [];
      req.passengers.forEach((p, i) => {
        if (p.type === 'INF') return;
        requests.push({
          passengerId: passengerIds[i]!,
          type: p.type,
          holdsInfant: p.holdsInfant,
          specialAssistance: p.specialAssistance,
          position: i,
          designator: req.chosen.find((c) => c.flightId === s.flightId && c.passenger === i)?.designator,
        });
      });
      const hold = { state: 'held' as const, holdExpiresAt: req.booking.holdExpiresAt };
      const assigned = await this.assigner.claim(
        s.flight,
        s.cabin,
        this.ref.aircraft(s.flight.aircraftCode)!.seats,
        bookingId,
        requests,
        hold,
        req.at,
      );
      for (const [passengerId, designator] of assigned)
        seats.push({ flightId: s.flightId, designator, bookingId, passengerId });
    }
    return this.written(req, pnr, bookingId, passengerIds, null, seats);
  }

  /**
   * The seats a grouped hold claims: chosen ones as asked, the others picked now among the seats free
   * at this moment, by the assigner's own rules (pickSeats). Null when a cabin cannot seat everyone:
   * the one-hold path then says so (sold out).
   */
  private async planSeats(req: HoldRequest): Promise<PlannedSeats | null> {
    const seats: HoldPlan['seats'] = [];
    const assigned = new Set<string>();
    const perFlight = await Promise.all(
      req.segments.map(async (s) => {
        const waiting: SeatRequest[] = [];
        const chosen: HoldPlan['seats'] = [];
        req.passengers.forEach((p, i) => {
          if (p.type === 'INF') return;
          const c = req.chosen.find((x) => x.flightId === s.flightId && x.passenger === i);
          if (c) chosen.push({ flightId: s.flightId, designator: c.designator, passenger: i });
          else
            waiting.push({
              passengerId: i,
              type: p.type,
              holdsInfant: p.holdsInfant,
              specialAssistance: p.specialAssistance,
            });
        });
        if (waiting.length === 0) return { chosen, picked: [] };
        const layout = new Map(
          this.ref
            .aircraft(s.flight.aircraftCode)!
            .seats.filter((x) => x.cabin === s.cabin)
            .map((x) => [x.designator, x]),
        );
        const taken = new Set(chosen.map((c) => c.designator));
        const free = (await this.seatRepo.takeable(s.flightId, s.cabin, req.at)).filter(
          (d) => !taken.has(d) && layout.has(d),
        );
        // Blocks with a lap infant: other travellers' taken seats and this party's chosen seats of infant holders.
        const infantBlocks = waiting.some((w) => w.holdsInfant)
          ? await lapInfantBlocks(this.seatRepo, s.flightId, layout, req.at)
          : new Set<string>();
        for (const c of chosen)
          if (req.passengers[c.passenger]!.holdsInfant) infantBlocks.add(maskBlock(layout.get(c.designator)!));
        const picks = pickSeats(
          free.map((d) => layout.get(d)!),
          waiting,
          infantBlocks,
        );
        if (picks.length < waiting.length) return null;
        return {
          chosen,
          picked: waiting.map((w, k) => ({
            flightId: s.flightId,
            designator: picks[k]!.designator,
            passenger: w.passengerId,
          })),
        };
      }),
    );
    for (const f of perFlight) {
      if (!f) return null;
      seats.push(...f.chosen, ...f.picked);
      for (const p of f.picked) assigned.add(`${p.flightId}:${p.designator}`);
    }
    return {
      seats: seats.sort((a, b) => a.flightId - b.flightId || a.designator.localeCompare(b.designator)),
      assigned,
    };
  }

  private plan(req: HoldRequest, pnr: string, seats: HoldPlan['seats']): HoldPlan {
    return {
      booking: { ...req.booking, pnr },
      at: req.at,
      segments: req.segments.map(({ position, flightId, cabin, fareFamily, direction, leg }) => ({
        position,
        flightId,
        cabin,
        fareFamily,
        direction,
        leg,
      })),
      passengers: req.passengers,
      seats,
    };
  }

  /** The new hold as the view reads it, from the rows just written (nothing is read back). */
  private written(
    req: HoldRequest,
    pnr: string,
    bookingId: number,
    passengerIds: number[],
    planned: HoldPlan['seats'] | null,
    held?: HeldSeat[],
  ): WrittenHold {
    const seats =
      held ??
      planned!.map((s) => ({
        flightId: s.flightId,
        designator: s.designator,
        bookingId,
        passengerId: passengerIds[s.passenger]!,
      }));
    return {
      agg: {
        booking: heldBookingRow(bookingId, { ...req.booking, pnr }, req.at),
        segments: req.segments.map((s) => segmentRow(s, bookingId)),
        passengers: req.passengers.map((p, i) => ({ id: passengerIds[i]!, bookingId, ...p })),
      },
      seats,
    };
  }
}

function segmentRow(s: HoldRequest['segments'][number], bookingId: number): Omit<BookingSegmentRow, 'id'> {
  return {
    bookingId,
    position: s.position,
    flightId: s.flightId,
    cabin: s.cabin,
    fareFamily: s.fareFamily,
    direction: s.direction,
    leg: s.leg,
  };
}

/** Seats for a group: every seated passenger's seat on every flight, in lock order (flight id, then designator). */
export interface PlannedSeats {
  seats: HoldPlan['seats'];
  /**
   * "flight:designator" of the seats picked for the traveller (not chosen): losing one is not the traveller's problem.
   */
  assigned: Set<string>;
}
