import { notFound, validationError } from '../errors';
import { type FareFamily, isFareFamily } from '../domain/fares';
import { isKnownCurrency } from '../domain/money';
import { seatPrice } from '../domain/pricing';
import { columnPositions, type SeatDefinition } from '../domain/seat-layout';
import { maskBlock, SEAT_REFUSAL_TEXT, type SeatOccupant, type SeatRefusal, seatRefusal } from '../domain/seat-safety';
import type { Cabin, Money, SeatFeature, SeatPosition, SeatTier } from '../domain/types';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Clock } from './clock';
import type { FareQuoter } from './fare-quote';
import { flightNumber } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';

export interface SeatView {
  designator: string;
  row: number;
  column: string;
  cabin: Cabin;
  position: SeatPosition;
  features: SeatFeature[];
  tier: SeatTier;
  price: Money;
  available: boolean;
  /** Why the seat cannot be had by the passenger the map is for (seat safety rules), when it is free otherwise. */
  unavailableReason?: { code: SeatRefusal; message: string };
}

export interface CabinMap {
  cabin: Cabin;
  /** Seat letters left to right; null marks an aisle. */
  columns: (string | null)[];
  rows: { row: number; seats: SeatView[] }[];
  seatsAvailable: number;
}

export interface SeatMap {
  flightId: number;
  flightNumber: string;
  aircraft: { code: string; name: string };
  fareFamily: FareFamily;
  currency: string;
  cabins: CabinMap[];
}

export interface SeatMapServiceDeps {
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  quoter: FareQuoter;
  clock: Clock;
}

/** Seat maps: the aircraft's layout with each seat's tier, price for the fare family and availability now. */
export class SeatMapService {
  private readonly ref: ReferenceDataService;
  private readonly flightRepo: FlightRepository;
  private readonly seatRepo: SeatRepository;
  private readonly quoter: FareQuoter;
  private readonly clock: Clock;

  constructor(deps: SeatMapServiceDeps) {
    this.ref = deps.ref;
    this.flightRepo = deps.flightRepo;
    this.seatRepo = deps.seatRepo;
    this.quoter = deps.quoter;
    this.clock = deps.clock;
  }

  async seatMap(
    flightId: number,
    opts: { fareFamily?: string; currency?: string; cabin?: Cabin; forPassenger?: SeatOccupant } = {},
  ): Promise<SeatMap> {
    const flight = await this.flightRepo.findById(flightId);
    if (!flight) throw notFound('flight_not_found', `There is no flight with id ${flightId}.`);
    const aircraft = this.ref.aircraft(flight.aircraftCode);
    if (!aircraft) throw notFound('aircraft_not_found', `Flight ${flightId} has no known aircraft layout.`);
    const fareFamily = opts.fareFamily ?? 'standard';
    if (!isFareFamily(fareFamily))
      throw validationError('invalid_fare_family', 'fareFamily must be basic, standard or flex.');
    const currency = opts.currency ?? this.quoter.currencyFor(flight);
    if (!isKnownCurrency(currency)) throw validationError('invalid_currency', `We do not sell in ${currency}.`);
    const now = this.clock.now();
    // Seat rows exist only once a flight has been booked; before that every seat is free.
    // Only the taken ones are read (a handful of rows, not the whole aircraft's).
    const unavailable = new Set(flight.seatsReady ? await this.seatRepo.taken(flight.id, now) : []);
    const infantHolders = new Set(
      opts.forPassenger?.holdsInfant && flight.seatsReady ? await this.seatRepo.lapInfantSeats(flight.id, now) : [],
    );
    // Blocks of seats that already have a lap infant (one spare oxygen mask each), for a passenger holding one.
    const who = opts.forPassenger;
    const infantBlocks = new Set<string>();
    for (const d of infantHolders) {
      const def = aircraft.byDesignator.get(d);
      if (def) infantBlocks.add(maskBlock(def));
    }
    const cabins: CabinMap[] = [];
    for (const layout of aircraft.row.cabins) {
      if (opts.cabin && layout.cabin !== opts.cabin) continue;
      let map = cabins.find((c) => c.cabin === layout.cabin);
      if (!map) {
        map = { cabin: layout.cabin, columns: columnsWithAisles(layout.columns), rows: [], seatsAvailable: 0 };
        cabins.push(map);
      }
      const inCabin = aircraft.seats.filter(
        (s) => s.cabin === layout.cabin && s.row >= layout.firstRow && s.row <= layout.lastRow,
      );
      for (const s of inCabin) {
        const view = this.seatView(s, fareFamily, currency, !unavailable.has(s.designator));
        const refusal = who && view.available ? seatRefusal(s, who, infantBlocks) : null;
        if (refusal) {
          view.available = false;
          view.unavailableReason = { code: refusal, message: SEAT_REFUSAL_TEXT[refusal] };
        }
        if (view.available) map.seatsAvailable++;
        const row = map.rows.find((r) => r.row === s.row);
        if (row) row.seats.push(view);
        else map.rows.push({ row: s.row, seats: [view] });
      }
    }
    return {
      flightId: flight.id,
      flightNumber: flightNumber(flight),
      aircraft: { code: aircraft.row.code, name: aircraft.row.name },
      fareFamily,
      currency,
      cabins,
    };
  }

  private seatView(s: SeatDefinition, family: FareFamily, currency: string, available: boolean): SeatView {
    return {
      designator: s.designator,
      row: s.row,
      column: s.column,
      cabin: s.cabin,
      position: s.position,
      features: s.features,
      tier: s.tier,
      price: { amount: seatPrice(s.tier, s.cabin, family, currency), currency },
      available,
    };
  }
}

function columnsWithAisles(columns: string): (string | null)[] {
  const letters = new Set(columnPositions(columns).map((c) => c.column));
  return [...columns].map((ch) => (letters.has(ch) ? ch : null));
}
