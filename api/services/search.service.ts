import type { SearchCounter } from './search-counter';
import type { FlightRow } from '../domain/records';
import { validationError } from '../errors';
import { CABIN_LABEL, FAMILY_LABEL, type FareConditions, fareConditions, type FareFamily } from '../domain/fares';
import { blockMinutes } from '../domain/geo';
import { currencyForCountry, isKnownCurrency } from '../domain/money';
import { MAX_SEATED_PASSENGERS } from '../domain/passengers';
import { addDays, daysBetween, localTime, todayIn, toLocalIso } from '../domain/time';
import type { Cabin, Money } from '../domain/types';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import { CLOSE_MINUTES } from './booking.service';
import type { Clock } from './clock';
import type { FamilyTotal, FareQuoter, Party, TakenCounts } from './fare-quote';
import { segmentView, type SegmentView } from './flight-view';
import type { Place, ReferenceDataService } from './reference-data.service';

export type SortKey = 'price' | 'duration' | 'departure' | 'arrival';

/** The zone where each calendar day ends last (UTC−12). */
const LAST_ZONE_OF_THE_DAY = 'Etc/GMT+12';

export interface SearchQuery extends Party {
  origin: string;
  destination: string;
  departureDate: string;
  returnDate?: string;
  cabin: Cabin;
  flexDays: number;
  nonStop: boolean;
  /** Highest total price for the party, in minor units of the result currency. */
  maxPrice?: number;
  airlines?: string[];
  /** Local "HH:MM" window for the first departure. */
  departAfter?: string;
  departBefore?: string;
  sort: SortKey;
  limit: number;
  page: number;
  /** Price in this currency instead of the origin country's (the return leg of a trip searched apart). */
  currency?: string;
}

export interface OfferFare {
  fareFamily: FareFamily;
  name: string;
  cabin: Cabin;
  /** Total for the whole party, taxes included. */
  price: Money;
  taxes: Money;
  conditions: FareConditions;
  seatsLeft: number;
}

export interface Offer {
  id: string;
  segments: SegmentView[];
  stops: number;
  layovers: { airport: string; minutes: number }[];
  durationMinutes: number;
  departureTime: string;
  arrivalTime: string;
  fares: OfferFare[];
  lowestPrice: Money;
}

export interface CalendarDay {
  date: string;
  lowestPrice: Money | null;
}

export interface SearchResult {
  currency: string;
  passengers: Party;
  cabin: Cabin;
  outbound: Offer[];
  inbound?: Offer[];
  calendar?: { outbound: CalendarDay[]; inbound?: CalendarDay[] };
  paging: { page: number; limit: number; totalOutbound: number; totalInbound?: number };
}

/** Minimum connection time and longest layover offered for one-stop journeys (same airport). */
export const MIN_CONNECTION_MINUTES = 60;
export const MAX_LAYOVER_MINUTES = 6 * 60;
const MAX_DAYS_AHEAD = 361;

export interface SearchServiceDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  quoter: FareQuoter;
  clock: Clock;
  /** The currency of origins whose country has none we sell in (default USD). */
  fallbackCurrency?: string;
  /** Counts searches per channel for the funnel report (in memory; none in tests that leave it out). */
  counter?: Pick<SearchCounter, 'count'>;
}

/** Finds nonstop and one-stop journeys, prices every fare family for the party and pages the result. */
export class SearchService {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly quoter: FareQuoter;
  private readonly clock: Clock;
  private readonly fallbackCurrency: string;
  private readonly counter: Pick<SearchCounter, 'count'> | undefined;

  constructor(deps: SearchServiceDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.quoter = deps.quoter;
    this.clock = deps.clock;
    this.fallbackCurrency = deps.fallbackCurrency ?? 'USD';
    this.counter = deps.counter;
  }

  /** `channel`: where the search came from (the chat's channel; 'api' over HTTP), counted for the funnel. */
  async search(q: SearchQuery, channel = 'api'): Promise<SearchResult> {
    const { origin, destination, today } = this.validate(q);
    this.counter?.count(channel);
    if (q.currency && !isKnownCurrency(q.currency))
      throw validationError('invalid_currency', `We do not sell in ${q.currency}.`, { field: 'currency' });
    const currency = q.currency ?? currencyForCountry(origin.country, this.fallbackCurrency);
    const party: Party = { adults: q.adults, children: q.children, infants: q.infants };
    const out = await this.direction(q, origin, destination, q.departureDate, today, currency, party);
    const result: SearchResult = {
      currency,
      passengers: party,
      cabin: q.cabin,
      outbound: out.page,
      paging: { page: q.page, limit: q.limit, totalOutbound: out.total },
    };
    if (q.flexDays > 0) result.calendar = { outbound: out.calendar };
    if (q.returnDate) {
      const back = await this.direction(q, destination, origin, q.returnDate, today, currency, party);
      result.inbound = back.page;
      result.paging.totalInbound = back.total;
      if (result.calendar) result.calendar.inbound = back.calendar;
    }
    return result;
  }

  private validate(q: SearchQuery): { origin: Place; destination: Place; today: string } {
    const origin = this.ref.place(q.origin);
    const destination = this.ref.place(q.destination);
    if (!origin)
      throw validationError('unknown_airport', `We don't know an airport or city with the code "${q.origin}".`, {
        field: 'origin',
      });
    if (!destination)
      throw validationError('unknown_airport', `We don't know an airport or city with the code "${q.destination}".`, {
        field: 'destination',
      });
    if (origin.airports.some((a) => destination.airports.includes(a)))
      throw validationError('same_origin_destination', 'Origin and destination must be different places.');
    const zone = this.ref.airport(origin.airports[0]!)?.timeZone ?? 'UTC';
    const today = todayIn(zone, this.clock.now());
    // A date is past only once it has ended everywhere: a traveller's "today" may already be tomorrow at the origin
    // (New York in the evening, Kuala Lumpur the next morning). Its flights have left and are not offered.
    if (q.departureDate < todayIn(LAST_ZONE_OF_THE_DAY, this.clock.now()))
      throw validationError('departure_in_past', `The departure date ${q.departureDate} is in the past.`, { today });
    if (daysBetween(today, q.departureDate) > MAX_DAYS_AHEAD)
      throw validationError('date_too_far', 'Flights can be booked up to a year ahead.', { field: 'departureDate' });
    if (q.returnDate && q.returnDate < q.departureDate)
      throw validationError('return_before_departure', 'The return date must be on or after the departure date.');
    if (q.adults < 1) throw validationError('adult_required', 'At least one adult must travel.');
    if (q.adults + q.children > MAX_SEATED_PASSENGERS)
      throw validationError('too_many_passengers', `At most ${MAX_SEATED_PASSENGERS} seated passengers per booking.`);
    if (q.infants > q.adults) throw validationError('too_many_infants', 'Each infant on a lap needs its own adult.');
    if (q.departAfter && q.departBefore && q.departAfter >= q.departBefore)
      throw validationError('invalid_time_window', 'departAfter must be earlier than departBefore.');
    return { origin, destination, today };
  }

  /**
   * Offers for one direction on `date`, plus the cheapest price on each date of the flexible window.
   * Every journey found is priced (sorting, paging and the calendar need its lowest price), but an
   * offer's views (segments with local times, fare names and conditions) are built only for the page
   * returned: with flexDays most journeys only ever feed the calendar.
   */
  private async direction(
    q: SearchQuery,
    from: Place,
    to: Place,
    date: string,
    today: string,
    currency: string,
    party: Party,
  ) {
    const dates: string[] = [];
    for (let d = -q.flexDays; d <= q.flexDays; d++) {
      const day = addDays(date, d);
      if (day >= today) dates.push(day);
    }
    const journeys = (await this.journeys(from, to, dates, q.nonStop)).filter((j) => this.passesFilters(j, q));
    const taken = await this.seatRepo.takenCounts([...new Set(journeys.flat().map((f) => f.id))], this.clock.now());
    const priced: PricedJourney[] = [];
    for (const j of journeys) {
      const p = this.price(j, q.cabin, party, currency, today, taken);
      if (p !== null && (q.maxPrice === undefined || p.lowestPrice <= q.maxPrice)) priced.push(p);
    }
    const calendar: CalendarDay[] = dates.map((d) => {
      let lowest = Number.POSITIVE_INFINITY;
      for (const p of priced) if (p.departureTime.startsWith(d) && p.lowestPrice < lowest) lowest = p.lowestPrice;
      return { date: d, lowestPrice: Number.isFinite(lowest) ? { amount: lowest, currency } : null };
    });
    const onDate = priced.filter((p) => p.departureTime.startsWith(date)).sort(comparator(q.sort));
    const start = (q.page - 1) * q.limit;
    return {
      page: onDate.slice(start, start + q.limit).map((p) => this.offer(p, q.cabin, currency)),
      total: onDate.length,
      calendar,
    };
  }

  /** Nonstop flights and same-airport one-stop connections departing on any of `dates` (local). */
  private async journeys(from: Place, to: Place, dates: string[], nonStop: boolean): Promise<FlightRow[][]> {
    if (dates.length === 0) return [];
    // Flights that have left or closed for booking (today's earlier departures) cannot be sold.
    const closesAfter = this.clock.now().getTime() + CLOSE_MINUTES * 60_000;
    const open = (f: FlightRow) => f.departureAt.getTime() > closesAfter;
    if (nonStop)
      return (await this.flightRepo.departuresOn(from.airports, dates, to.airports)).filter(open).map((f) => [f]);
    const firstLegs = (await this.flightRepo.departuresOn(from.airports, dates)).filter(open);
    const direct = firstLegs.filter((f) => to.airports.includes(f.destination)).map((f) => [f]);
    const feeders = firstLegs.filter(
      (f) => !to.airports.includes(f.destination) && !from.airports.includes(f.destination),
    );
    if (feeders.length === 0) return direct;
    const earliest = Math.min(...feeders.map((f) => f.arrivalAt.getTime())) + MIN_CONNECTION_MINUTES * 60_000;
    const latest = Math.max(...feeders.map((f) => f.arrivalAt.getTime())) + MAX_LAYOVER_MINUTES * 60_000;
    const hubs = [...new Set(feeders.map((f) => f.destination))];
    const secondLegs = await this.flightRepo.departuresBetween(hubs, to.airports, new Date(earliest), new Date(latest));
    const byHub = new Map<string, FlightRow[]>();
    for (const f of secondLegs) {
      const legs = byHub.get(f.origin);
      if (legs) legs.push(f);
      else byHub.set(f.origin, [f]);
    }
    const connecting: FlightRow[][] = [];
    for (const first of feeders) {
      const limit = this.maxElapsedMinutes(first.origin, to.airports[0]!);
      for (const second of byHub.get(first.destination) ?? []) {
        const layover = (second.departureAt.getTime() - first.arrivalAt.getTime()) / 60_000;
        if (layover < MIN_CONNECTION_MINUTES || layover > MAX_LAYOVER_MINUTES) continue;
        if ((second.arrivalAt.getTime() - first.departureAt.getTime()) / 60_000 > limit) continue;
        connecting.push([first, second]);
      }
    }
    return [...direct, ...connecting];
  }

  /** Connections much longer than flying direct are detours nobody wants (e.g. London–New York via Dubai). */
  private maxElapsedMinutes(originCode: string, destinationCode: string): number {
    const o = this.ref.airport(originCode);
    const d = this.ref.airport(destinationCode);
    return o && d ? blockMinutes(o, d) * 1.6 + 240 : Number.POSITIVE_INFINITY;
  }

  private passesFilters(journey: FlightRow[], q: SearchQuery): boolean {
    if (q.airlines?.length && !journey.every((f) => q.airlines!.includes(f.airlineCode))) return false;
    if (q.departAfter || q.departBefore) {
      const first = journey[0]!;
      const local = localTime(first.departureAt, this.ref.airport(first.origin)?.timeZone ?? 'UTC');
      if (q.departAfter && local < q.departAfter) return false;
      if (q.departBefore && local > q.departBefore) return false;
    }
    return true;
  }

  /** A journey's price in every fare family that has seats for the party; null when none has. */
  private price(
    journey: FlightRow[],
    cabin: Cabin,
    party: Party,
    currency: string,
    today: string,
    taken: TakenCounts,
  ): PricedJourney | null {
    const seated = party.adults + party.children;
    const fares = this.quoter
      .familyTotals(journey, cabin, party, currency, today, taken)
      .filter((f) => f.seatsLeft >= seated);
    if (fares.length === 0) return null;
    const first = journey[0]!;
    const last = journey[journey.length - 1]!;
    return {
      journey,
      fares,
      id: journey.map((f) => f.id).join('-'),
      stops: journey.length - 1,
      durationMinutes: (last.arrivalAt.getTime() - first.departureAt.getTime()) / 60_000,
      departureMs: first.departureAt.getTime(),
      arrivalMs: last.arrivalAt.getTime(),
      // The offer's first local departure time: which date of the calendar the journey belongs to.
      departureTime: toLocalIso(first.departureAt, this.ref.airport(first.origin)?.timeZone ?? 'UTC'),
      lowestPrice: Math.min(...fares.map((f) => f.total)),
    };
  }

  /** The offer as the API shows it. */
  private offer(p: PricedJourney, cabin: Cabin, currency: string): Offer {
    const { journey } = p;
    const segments = journey.map((f) => segmentView(this.ref, f));
    return {
      id: p.id,
      segments,
      stops: p.stops,
      layovers: journey.slice(1).map((f, i) => ({
        airport: f.origin,
        minutes: (f.departureAt.getTime() - journey[i]!.arrivalAt.getTime()) / 60_000,
      })),
      durationMinutes: p.durationMinutes,
      departureTime: segments[0]!.departureTime,
      arrivalTime: segments[segments.length - 1]!.arrivalTime,
      fares: p.fares.map((f) => ({
        fareFamily: f.fareFamily,
        name: `${CABIN_LABEL[cabin]} ${FAMILY_LABEL[f.fareFamily]}`,
        cabin,
        price: { amount: f.total, currency },
        taxes: { amount: f.taxTotal, currency },
        conditions: fareConditions(cabin, f.fareFamily, currency),
        seatsLeft: f.seatsLeft,
      })),
      lowestPrice: { amount: p.lowestPrice, currency },
    };
  }
}

/** A journey priced for the party, with what sorting and paging need, before its offer is built. */
interface PricedJourney {
  journey: FlightRow[];
  /** Fare families with seats for the party, cheapest family first. */
  fares: FamilyTotal[];
  id: string;
  stops: number;
  durationMinutes: number;
  departureMs: number;
  arrivalMs: number;
  /** Local departure time at the origin with its offset, as the offer shows it. */
  departureTime: string;
  lowestPrice: number;
}

function comparator(sort: SortKey): (a: PricedJourney, b: PricedJourney) => number {
  const keys: Record<SortKey, (p: PricedJourney) => number> = {
    price: (p) => p.lowestPrice,
    duration: (p) => p.durationMinutes,
    departure: (p) => p.departureMs,
    arrival: (p) => p.arrivalMs,
  };
  const primary = keys[sort];
  return (a, b) =>
    primary(a) - primary(b) ||
    a.stops - b.stops ||
    a.lowestPrice - b.lowestPrice ||
    a.departureMs - b.departureMs ||
    a.id.localeCompare(b.id);
}
