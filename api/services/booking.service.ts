import type { BookingRow, FlightRow } from '../domain/records';
import type { Cabin, PassengerType, PriceBreakdown } from '../domain/types';
import type { Db } from '../db/db';
import { notFound, unauthenticated, validationError } from '../errors';
import { CABIN_FAMILIES, type FareFamily } from '../domain/fares';
import { classifyParty } from '../domain/passengers';
import { seatPrice } from '../domain/pricing';
import { normaliseDesignator } from '../domain/seat-layout';
import { lapHolders, maskBlock, seatRefusal, seatSafetyError } from '../domain/seat-safety';
import { localDate } from '../domain/time';
import type { BookingRepository } from '../repositories/booking.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { HoldBatchRepository } from '../repositories/hold-batch.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Actor } from './actor';
import type { BookingAccess } from './booking-access';
import { buildBookingView, type BookingDraftView, type BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { FareQuoter, TakenCounts } from './fare-quote';
import { flightNumber } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';
import { HoldWriter } from './hold-writer';
import { lapInfantBlocks } from './seat-assigner';
import { type FlightPlace, tripLegs } from './trip-legs';

export interface CreateBookingInput {
  /** In travel order; `direction` is inferred when absent (search results say which is which). */
  flights: ({ flightId: number; cabin: Cabin; fareFamily: FareFamily } & FlightPlace)[];
  passengers: {
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    seats?: Record<string, string>;
    /** Asked for special assistance (kept out of exit rows). */
    specialAssistance?: boolean;
    /** For a lap infant: the index of the adult whose lap it travels on (else the first adult not holding one). */
    lapOf?: number;
  }[];
  contact: { email: string; phone?: string };
  channel?: string;
}

/** The booking row a draft is priced as (nothing of it is stored). */
const DRAFT_ROW: Omit<
  BookingRow,
  'currency' | 'totalAmount' | 'breakdown' | 'contactEmail' | 'contactPhone' | 'createdAt' | 'updatedAt'
> = {
  id: 0,
  pnr: '',
  userId: null,
  status: 'held',
  holdExpiresAt: null,
  channel: null,
  version: 0,
  confirmedAt: null,
  cancelledAt: null,
};

/** Flights close for booking this long before departure. */
export const CLOSE_MINUTES = 45;
/** A connection within a journey must leave at most this long after the previous arrival. */
const MAX_CONNECTION_HOURS = 24;

export interface BookingServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  /** Groups concurrent holds into shared transactions (MySQL); null writes each hold on its own. */
  holdBatchRepo: HoldBatchRepository | null;
  quoter: FareQuoter;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  clock: Clock;
  holdMinutes: number;
}

/** Holds seats and creates bookings; reads bookings for the people allowed to see them. */
export class BookingService {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly quoter: FareQuoter;
  private readonly bookingAccess: BookingAccess;
  private readonly bookingViews: BookingViews;
  private readonly clock: Clock;
  private readonly holdMinutes: number;
  private readonly holds: HoldWriter;

  constructor(deps: BookingServiceDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.bookingRepo = deps.bookingRepo;
    this.quoter = deps.quoter;
    this.bookingAccess = deps.bookingAccess;
    this.bookingViews = deps.bookingViews;
    this.clock = deps.clock;
    this.holdMinutes = deps.holdMinutes;
    this.holds = new HoldWriter({
      db: deps.db,
      ref: deps.ref,
      bookingRepo: deps.bookingRepo,
      seatRepo: deps.seatRepo,
      holdBatchRepo: deps.holdBatchRepo,
    });
  }

  /** Creates a held booking: every seated passenger gets exactly one seat on every flight, or nothing is written. */
  async createHold(actor: Actor, input: CreateBookingInput): Promise<BookingView> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in to book.');
    const now = this.clock.now();
    const { flights, directions, legs, types, holders, requested, currency, breakdown } = await this.price(input, now);
    const first = flights[0]!;
    await Promise.all(flights.map((f) => this.ensureSeats(f)));
    const closes = new Date(first.departureAt.getTime() - CLOSE_MINUTES * 60_000);
    const holdExpiresAt = new Date(Math.min(now.getTime() + this.holdMinutes * 60_000, closes.getTime()));

    const { agg, seats } = await this.holds.write({
      booking: {
        userId: actor.userId,
        status: 'held',
        holdExpiresAt,
        currency,
        totalAmount: breakdown.total,
        breakdown,
        contactEmail: input.contact.email.trim().toLowerCase(),
        contactPhone: input.contact.phone?.trim() || null,
        channel: input.channel ?? null,
      },
      at: now,
      segments: input.flights.map((s, i) => ({
        position: i,
        flightId: s.flightId,
        cabin: s.cabin,
        fareFamily: s.fareFamily,
        direction: directions[i]!,
        leg: legs[i]!,
        flight: flights[i]!,
      })),
      passengers: input.passengers.map((p, i) => ({
        position: i,
        firstName: p.firstName.trim(),
        lastName: p.lastName.trim(),
        dateOfBirth: p.dateOfBirth,
        type: types[i]!,
        holdsInfant: holders[i]!,
        specialAssistance: p.specialAssistance ?? false,
        ticketNumber: null,
      })),
      chosen: requested.map((r) => ({ passenger: r.passenger, flightId: r.flight.id, designator: r.designator })),
    });
    // The view is built from the rows just written rather than read back: a new hold is exactly
    // these rows, on the flights priced above, with no payment or refund yet.
    return buildBookingView(this.ref, agg, new Map(flights.map((f) => [f.id, f])), seats, this.clock.now(), false);
  }

  /** A priced booking before anything is held: what the review step shows. */
  async quote(actor: Actor, input: CreateBookingInput): Promise<BookingDraftView> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in to book.');
    const now = this.clock.now();
    const { flights, directions, legs, types, holders, requested, breakdown } = await this.price(input, now);
    const draft = buildBookingView(
      this.ref,
      {
        booking: {
          ...DRAFT_ROW,
          currency: breakdown.currency,
          totalAmount: breakdown.total,
          breakdown,
          contactEmail: input.contact.email,
          contactPhone: input.contact.phone ?? null,
          createdAt: now,
          updatedAt: now,
        },
        segments: input.flights.map((s, i) => ({
          id: i,
          bookingId: 0,
          position: i,
          flightId: s.flightId,
          cabin: s.cabin,
          fareFamily: s.fareFamily,
          direction: directions[i]!,
          leg: legs[i]!,
        })),
        passengers: input.passengers.map((p, i) => ({
          id: -(i + 1),
          bookingId: 0,
          position: i,
          firstName: p.firstName.trim(),
          lastName: p.lastName.trim(),
          dateOfBirth: p.dateOfBirth,
          type: types[i]!,
          holdsInfant: holders[i]!,
          specialAssistance: p.specialAssistance ?? false,
          ticketNumber: null,
        })),
      },
      new Map(flights.map((f) => [f.id, f])),
      requested.map((r, k) => ({
        id: k,
        flightId: r.flight.id,
        designator: r.designator,
        cabin: '',
        state: 'held' as const,
        bookingId: 0,
        passengerId: -(r.passenger + 1),
        holdExpiresAt: null,
        updatedAt: now,
      })),
      now,
      false,
    );
    return { price: draft.price, flights: draft.flights, passengers: draft.passengers, contact: draft.contact };
  }

  /** Validates a booking request and prices it exactly as the hold will (fares, chosen seats, taxes). */
  private async price(input: CreateBookingInput, now: Date) {
    const { flights, taken } = await this.loadFlights(input, now);
    const trip = tripLegs(flights, input.flights);
    const directions = journeyDirections(
      flights,
      trip.givenDirections,
      (code) => this.ref.airport(code)?.metroCode ?? code,
    );
    const legs = trip.legsOf(directions);
    const first = flights[0]!;
    const last = flights[flights.length - 1]!;
    const zoneOf = (f: FlightRow) => this.ref.airport(f.origin)?.timeZone ?? 'UTC';
    // "Today" where the journey starts, as search quotes it (not the UTC date: the price must not change overnight in
    // UTC).
    const today = localDate(now, zoneOf(first));
    const types = classifyParty(input.passengers, first.departureDate, last.departureDate, today);
    const holders = lapHolders(
      types,
      input.passengers.map((p) => p.lapOf),
    );
    if (!holders)
      throw validationError('invalid_passengers', 'Each lap infant travels on the lap of a different adult.', [
        { passenger: 0, field: 'lapOf', message: 'Each lap infant travels on the lap of a different adult.' },
      ]);
    const requested = this.requestedSeats(input, flights, types);
    await this.checkSeatSafety(input, requested, types, holders, now);
    const currency = this.quoter.currencyFor(first);
    const party = { adults: count(types, 'ADT'), children: count(types, 'CHD'), infants: count(types, 'INF') };

    const breakdown: PriceBreakdown = {
      currency,
      fares: [],
      seats: [],
      taxes: [],
      fareTotal: 0,
      seatTotal: 0,
      taxTotal: 0,
      total: 0,
    };
    input.flights.forEach((seg, i) => {
      const q = this.quoter.quote([flights[i]!], seg.cabin, seg.fareFamily, party, currency, today, taken);
      breakdown.fares.push(...q.fares.map((f) => ({ ...f, segment: i })));
      for (const t of q.taxes) {
        const prev = breakdown.taxes.find((x) => x.code === t.code && x.description === t.description);
        if (prev) prev.amount += t.amount;
        else breakdown.taxes.push({ ...t });
      }
    });
    for (const r of requested) {
      const def = this.ref.aircraft(r.flight.aircraftCode)!.byDesignator.get(r.designator)!;
      const seg = input.flights.find((s) => s.flightId === r.flight.id)!;
      breakdown.seats.push({
        flightId: r.flight.id,
        passenger: r.passenger,
        designator: r.designator,
        tier: def.tier,
        amount: seatPrice(def.tier, seg.cabin, seg.fareFamily, currency),
      });
    }
    totals(breakdown);
    return { flights, directions, legs, types, holders, requested, currency, breakdown, today, party };
  }

  /** A booking for someone allowed to see it: its owner or staff in full, anyone with its last name masked. */
  async get(pnr: string, actor: Actor, lastName?: string): Promise<BookingView> {
    const { agg, access } = await this.bookingAccess.load(pnr, actor, { lastName });
    return this.bookingViews.render(agg, access === 'masked');
  }

  async listMine(actor: Actor): Promise<BookingView[]> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in to see your bookings.');
    const rows = await this.bookingRepo.listByUser(actor.userId);
    const aggs = await this.bookingRepo.loadMany(rows);
    return Promise.all(aggs.map((a) => this.bookingViews.render(a, false)));
  }

  /** The booking as a conversation following it may see it (BookingAccess.forWatcher); null when there is none. */
  async viewForWatcher(pnr: string, viewerUserId: number | null): Promise<BookingView | null> {
    const found = await this.bookingAccess.forWatcher(pnr, viewerUserId);
    return found ? this.bookingViews.render(found.agg, found.access === 'masked') : null;
  }

  /** The booking with this exact reference, without an access check: for the bot's own notices and agents. */
  async view(pnr: string, masked: boolean): Promise<BookingView> {
    const agg = await this.bookingRepo.findByPnr(pnr);
    if (!agg) throw notFound('booking_not_found', 'No booking matches that reference.');
    return this.bookingViews.render(agg, masked);
  }

  /** Creates the flight's seat rows on first use (idempotent, safe under concurrency). */
  async ensureSeats(f: FlightRow): Promise<void> {
    if (f.seatsReady) return;
    const aircraft = this.ref.aircraft(f.aircraftCode);
    if (!aircraft)
      throw validationError('aircraft_not_found', `Flight ${flightNumber(f)} has no known aircraft layout.`);
    await this.seatRepo.ensureSeats(f.id, aircraft.seats);
  }

  /** The booking's flights, checked, with their taken seats (read together: one round trip per hold). */
  private async loadFlights(
    input: CreateBookingInput,
    now: Date,
  ): Promise<{ flights: FlightRow[]; taken: TakenCounts }> {
    // Eight: a multi-city trip of four legs with a connection on each.
    if (input.flights.length === 0 || input.flights.length > 8)
      throw validationError('invalid_flights', 'A booking has between 1 and 8 flights.');
    const ids = input.flights.map((f) => f.flightId);
    if (new Set(ids).size !== ids.length) throw validationError('invalid_flights', 'The same flight appears twice.');
    const found = await this.flightRepo.findByIdsWithTaken(ids, now);
    const rows = new Map(found.flights.map((f) => [f.id, f]));
    const flights = input.flights.map((seg) => {
      const f = rows.get(seg.flightId);
      if (!f)
        throw validationError('flight_not_found', `There is no flight with id ${seg.flightId}.`, {
          flightId: seg.flightId,
        });
      if (f.status !== 'scheduled')
        throw validationError('flight_cancelled', `${flightNumber(f)} on ${f.departureDate} is cancelled.`, {
          flightId: f.id,
        });
      if (f.departureAt.getTime() - CLOSE_MINUTES * 60_000 <= now.getTime())
        throw validationError('flight_closed', `${flightNumber(f)} on ${f.departureDate} has closed for booking.`, {
          flightId: f.id,
        });
      if ((this.ref.aircraft(f.aircraftCode)?.capacity[seg.cabin] ?? 0) === 0)
        throw validationError(
          'cabin_not_available',
          `${flightNumber(f)} has no ${seg.cabin.replace('_', ' ')} cabin.`,
          { flightId: f.id },
        );
      if (!CABIN_FAMILIES[seg.cabin].includes(seg.fareFamily))
        throw validationError(
          'fare_family_not_available',
          `The ${seg.fareFamily} fare is not sold in ${seg.cabin.replace('_', ' ')}.`,
          { flightId: f.id },
        );
      return f;
    });
    return { flights, taken: found.taken };
  }

  /**
   * The seat safety rules for chosen seats: exit rows only for adults without a lap infant or a need for assistance;
   * at most one lap infant per block of seats, counting other travellers' taken seats and this party's own choices.
   */
  private async checkSeatSafety(
    input: CreateBookingInput,
    requested: { flight: FlightRow; passenger: number; designator: string }[],
    types: PassengerType[],
    holders: boolean[],
    now: Date,
  ): Promise<void> {
    const blocksByFlight = new Map<number, Set<string>>();
    for (const r of [...requested].sort((a, b) => Number(holders[b.passenger]) - Number(holders[a.passenger]))) {
      const layout = this.ref.aircraft(r.flight.aircraftCode)!.byDesignator;
      const seat = layout.get(r.designator)!;
      let blocks = blocksByFlight.get(r.flight.id);
      if (!blocks && holders[r.passenger]) {
        blocks = r.flight.seatsReady ? await lapInfantBlocks(this.seatRepo, r.flight.id, layout, now) : new Set();
        blocksByFlight.set(r.flight.id, blocks);
      }
      const who = {
        type: types[r.passenger]!,
        holdsInfant: holders[r.passenger]!,
        specialAssistance: input.passengers[r.passenger]!.specialAssistance ?? false,
      };
      const refusal = seatRefusal(seat, who, blocks ?? new Set());
      if (refusal)
        throw seatSafetyError(refusal, { passenger: r.passenger, flightId: r.flight.id, designator: r.designator });
      if (who.holdsInfant) blocks!.add(maskBlock(seat));
    }
  }

  /** Validates chosen seats: flight of this booking, seat of the right cabin, one passenger per seat, no lap infant. */
  private requestedSeats(input: CreateBookingInput, flights: FlightRow[], types: PassengerType[]) {
    const out: { flight: FlightRow; passenger: number; designator: string }[] = [];
    const problems: { passenger: number; flightId: string; message: string }[] = [];
    input.passengers.forEach((p, i) => {
      for (const [flightId, raw] of Object.entries(p.seats ?? {})) {
        const flight = flights.find((f) => String(f.id) === flightId);
        const seg = input.flights.find((s) => String(s.flightId) === flightId);
        const designator = normaliseDesignator(raw);
        const def =
          flight && designator ? this.ref.aircraft(flight.aircraftCode)?.byDesignator.get(designator) : undefined;
        if (!flight || !seg)
          problems.push({ passenger: i, flightId, message: `Flight ${flightId} is not part of this booking.` });
        else if (types[i] === 'INF')
          problems.push({ passenger: i, flightId, message: 'Infants travel on a lap and take no seat.' });
        else if (!def || def.cabin !== seg.cabin)
          problems.push({
            passenger: i,
            flightId,
            message: `There is no seat ${raw} in ${seg.cabin.replace('_', ' ')} on this flight.`,
          });
        else if (out.some((o) => o.flight.id === flight.id && o.designator === designator))
          problems.push({ passenger: i, flightId, message: `Seat ${designator} is chosen for two passengers.` });
        else out.push({ flight, passenger: i, designator: designator! });
      }
    });
    if (problems.length) throw validationError('invalid_seat', problems[0]!.message, problems);
    return out;
  }
}

/**
 * Which flights are outbound and which inbound. Given directions must be outbound then inbound;
 * otherwise the journey is outbound until it stops connecting (a change of airport or a gap over a
 * day) or turns back to the city it started from.
 */
export function journeyDirections(
  flights: FlightRow[],
  given: ('outbound' | 'inbound' | undefined)[],
  city: (code: string) => string,
): ('outbound' | 'inbound')[] {
  const out: ('outbound' | 'inbound')[] = [];
  let direction: 'outbound' | 'inbound' = 'outbound';
  const home = city(flights[0]!.origin);
  flights.forEach((f, i) => {
    const prev = flights[i - 1];
    if (prev && f.departureAt.getTime() < prev.arrivalAt.getTime() + 30 * 60_000)
      throw validationError('invalid_itinerary', `${flightNumber(f)} leaves before ${flightNumber(prev)} has arrived.`);
    let next: 'outbound' | 'inbound' = direction;
    if (given[i]) next = given[i]!;
    else if (prev) {
      const connects =
        f.origin === prev.destination &&
        f.departureAt.getTime() - prev.arrivalAt.getTime() <= MAX_CONNECTION_HOURS * 3_600_000;
      if (!connects || (direction === 'outbound' && city(f.destination) === home)) next = 'inbound';
    }
    if (direction === 'inbound' && next === 'outbound')
      throw validationError('invalid_itinerary', 'Outbound flights must come before inbound ones.');
    if (i === 0 && next === 'inbound') throw validationError('invalid_itinerary', 'The first flight must be outbound.');
    direction = next;
    out.push(direction);
  });
  return out;
}

function count(types: PassengerType[], t: PassengerType): number {
  return types.filter((x) => x === t).length;
}

export function totals(b: PriceBreakdown): void {
  b.fareTotal = b.fares.reduce((s, f) => s + f.amount, 0);
  b.seatTotal = b.seats.reduce((s, f) => s + f.amount, 0);
  b.taxTotal = b.taxes.reduce((s, f) => s + f.amount, 0);
  b.total = b.fareTotal + b.seatTotal + b.taxTotal;
}

export type { BookingRow };
