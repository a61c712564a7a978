import type { DisruptionRow, OfferedSeat, StoredOffer } from '../domain/disruption';
import { replacementJourneys } from '../domain/disruption';
import type { FlightRow, PassengerRow } from '../domain/records';
import type { Cabin } from '../domain/types';
import { addDays, localDate } from '../domain/time';
import { isDomainError } from '../errors';
import type { BookingAggregate } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { PaymentRepository } from '../repositories/payment.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { ReferenceDataService } from './reference-data.service';
import { SeatAssigner, type SeatRequest } from './seat-assigner';
import { MAX_LAYOVER_MINUTES, MIN_CONNECTION_MINUTES } from './search.service';

/** Replacement flights leave at least this long from now, so that the traveller can make them. */
const LEAD_MINUTES = 60;

/** Flights that may replace a disrupted one, read once per disruption and pass. */
export interface ReplacementFlights {
  firstLegs: FlightRow[];
  secondLegs: FlightRow[];
}

export interface DisruptionOffersDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  paymentRepo: PaymentRepository;
}

/**
 * Works out what a disrupted booking is offered and holds the seats of its rebooking offers: the next flights on the
 * same route (direct, or one connection) on the local day of the disrupted departure or the next, each with a seat
 * for every seated passenger claimed by the SeatAssigner (its atomic conditional updates and its rules: a party
 * together, children, lap infants' holders and passengers needing assistance — WCHR — out of exit rows, one lap
 * infant per block). A journey the party no longer fits in is skipped. Runs inside the telling transaction.
 */
export class DisruptionOffers {
  private readonly assigner: SeatAssigner;

  constructor(private readonly deps: DisruptionOffersDeps) {
    this.assigner = new SeatAssigner(deps.seatRepo);
  }

  /** The flights that could replace the disrupted one (seat rows created), for `offersFor`. */
  async candidates(d: DisruptionRow, flight: FlightRow, now: Date): Promise<ReplacementFlights> {
    const zone = this.deps.ref.airport(flight.origin)?.timeZone ?? 'UTC';
    const day = localDate(d.oldDepartureAt, zone);
    const earliest = now.getTime() + LEAD_MINUTES * 60_000;
    const firstLegs = (await this.deps.flightRepo.departuresOn([flight.origin], [day, addDays(day, 1)])).filter(
      (f) => f.id !== flight.id && f.departureAt.getTime() >= earliest,
    );
    const hubs = [...new Set(firstLegs.map((f) => f.destination).filter((h) => h !== flight.destination))];
    const arrivals = firstLegs.map((f) => f.arrivalAt.getTime());
    const secondLegs =
      hubs.length === 0
        ? []
        : await this.deps.flightRepo.departuresBetween(
            hubs,
            [flight.destination],
            new Date(Math.min(...arrivals) + MIN_CONNECTION_MINUTES * 60_000),
            new Date(Math.max(...arrivals) + MAX_LAYOVER_MINUTES * 60_000),
          );
    for (const f of [...firstLegs, ...secondLegs]) {
      const aircraft = this.deps.ref.aircraft(f.aircraftCode);
      if (!f.seatsReady && aircraft) await this.deps.seatRepo.ensureSeats(f.id, aircraft.seats);
    }
    return { firstLegs, secondLegs: secondLegs.filter((f) => f.id !== flight.id) };
  }

  /**
   * The booking's offers, holding the seats of up to `rebookOptions` journeys until `expiresAt`. `accept` comes
   * first for a delay; `refund` (everything paid) last.
   */
  async offersFor(
    d: DisruptionRow,
    flight: FlightRow,
    agg: BookingAggregate,
    flights: ReplacementFlights,
    opts: { now: Date; expiresAt: Date; rebookOptions: number },
  ): Promise<StoredOffer[]> {
    const currency = agg.booking.currency;
    const offers: StoredOffer[] = [];
    if (d.kind === 'delayed')
      offers.push({ id: 'accept', kind: 'accept', flightIds: [], seats: [], amount: 0, currency });
    const segment = agg.segments.find((s) => s.flightId === flight.id);
    if (segment) {
      const window = await this.window(agg, flight, opts.now);
      const journeys = replacementJourneys(
        { ...flight, departureAt: d.oldDepartureAt, arrivalAt: d.oldArrivalAt },
        flights.firstLegs,
        flights.secondLegs,
        window,
      );
      for (const j of journeys) {
        if (offers.filter((o) => o.kind === 'rebook').length >= opts.rebookOptions) break;
        const seats = await this.hold(agg, j.legs, segment.cabin as Cabin, opts.expiresAt, opts.now);
        if (!seats) continue;
        const n = offers.filter((o) => o.kind === 'rebook').length + 1;
        offers.push({
          id: `rebook-${n}`,
          kind: 'rebook',
          flightIds: j.legs.map((f) => f.id),
          seats,
          amount: 0,
          currency,
        });
      }
    }
    const paid = await this.netPaid(agg.booking.id);
    offers.push({ id: 'refund', kind: 'refund', flightIds: [], seats: [], amount: paid, currency });
    return offers;
  }

  /**
   * Seats for every seated passenger (or those given) on every leg, all or none: a journey the party does not fit in (sold out, or
   * no seat the rules allow) gives back what it claimed. Null then.
   */
  async hold(
    agg: BookingAggregate,
    legs: FlightRow[],
    cabin: Cabin,
    expiresAt: Date | null,
    now: Date,
    state: 'held' | 'booked' = 'held',
    seated: PassengerRow[] = agg.passengers.filter((p) => p.type !== 'INF'),
  ): Promise<OfferedSeat[] | null> {
    const seats: OfferedSeat[] = [];
    try {
      for (const leg of [...legs].sort((a, b) => a.id - b.id)) {
        const layout = this.deps.ref.aircraft(leg.aircraftCode)?.seats;
        if (!layout) throw new Error(`no layout for ${leg.aircraftCode}`);
        const hold = { state, holdExpiresAt: state === 'held' ? expiresAt : null };
        const assigned = await this.assigner.claim(leg, cabin, layout, agg.booking.id, requests(seated), hold, now);
        for (const p of seated)
          seats.push({ passenger: p.position, passengerId: p.id, flightId: leg.id, designator: assigned.get(p.id)! });
      }
      return seats;
    } catch (err) {
      if (seats.length > 0) await this.deps.seatRepo.releaseHeld(agg.booking.id, seats);
      if (isDomainError(err) || (err instanceof Error && err.message.startsWith('no layout'))) return null;
      throw err;
    }
  }

  /**
   * When a replacement may leave and must arrive: after the booking's previous flight in the same direction lands
   * (plus a connection), before its next one leaves (less a connection).
   */
  private async window(agg: BookingAggregate, flight: FlightRow, now: Date) {
    const segs = [...agg.segments].sort((a, b) => a.position - b.position);
    const i = segs.findIndex((s) => s.flightId === flight.id);
    const prev = segs[i - 1]?.direction === segs[i]!.direction ? segs[i - 1] : undefined;
    const next = segs[i + 1]?.direction === segs[i]!.direction ? segs[i + 1] : undefined;
    const around = await this.deps.flightRepo.findByIds(
      [prev?.flightId, next?.flightId].filter((x) => x !== undefined),
    );
    const prevFlight = around.find((f) => f.id === prev?.flightId);
    const nextFlight = around.find((f) => f.id === next?.flightId);
    const gap = MIN_CONNECTION_MINUTES * 60_000;
    const earliest = Math.max(now.getTime() + LEAD_MINUTES * 60_000, (prevFlight?.arrivalAt.getTime() ?? 0) + gap);
    return {
      earliest: new Date(earliest),
      latestArrival: nextFlight ? new Date(nextFlight.departureAt.getTime() - gap) : null,
      minLayover: MIN_CONNECTION_MINUTES,
      maxLayover: MAX_LAYOVER_MINUTES,
    };
  }

  /** What the booking's payments took, less what was refunded (what a full refund gives back). */
  async netPaid(bookingId: number): Promise<number> {
    const paid = (await this.deps.paymentRepo.forBooking(bookingId)).filter((p) => p.status === 'succeeded');
    const ids = new Set(paid.map((p) => p.id));
    const back = (await this.deps.paymentRepo.refundsForBooking(bookingId)).filter(
      (r) => r.status !== 'failed' && ids.has(r.paymentId),
    );
    return paid.reduce((s, p) => s + p.amount, 0) - back.reduce((s, r) => s + r.amount, 0);
  }
}

function requests(seated: PassengerRow[]): SeatRequest[] {
  return seated.map((p) => ({
    passengerId: p.id,
    type: p.type,
    holdsInfant: p.holdsInfant,
    specialAssistance: p.specialAssistance,
    position: p.position,
  }));
}
