import type { AircraftTypeRow, AirlineRow, AirportRow, MetroRow } from '../domain/records';
import { cabinCapacity, expandLayout, type SeatDefinition } from '../domain/seat-layout';
import type { Cabin } from '../domain/types';
import type { ReferenceRepository } from '../repositories/reference.repository';

export interface Place {
  code: string;
  kind: 'airport' | 'metro';
  name: string;
  city: string;
  country: string;
  /** Airports the place stands for: itself, or every airport of a metro. */
  airports: string[];
}

export interface AircraftInfo {
  row: AircraftTypeRow;
  seats: SeatDefinition[];
  byDesignator: Map<string, SeatDefinition>;
  capacity: Partial<Record<Cabin, number>>;
}

/**
 * Airports, metros, airlines and aircraft, held in memory: they change only when the inventory is
 * seeded, and search reads them on every request.
 */
export class ReferenceDataService {
  private airportsByCode = new Map<string, AirportRow>();
  private metrosByCode = new Map<string, MetroRow>();
  private airlinesByCode = new Map<string, AirlineRow>();
  private aircraftByCode = new Map<string, AircraftInfo>();
  /** Airport codes of each metro, in code order: every search asks (LON, NYC …), so worked out once per load. */
  private metroAirports = new Map<string, string[]>();

  constructor(private readonly repo: ReferenceRepository) {}

  async load(): Promise<void> {
    const [airports, metros, airlines, aircraft] = await Promise.all([
      this.repo.airports(),
      this.repo.metros(),
      this.repo.airlines(),
      this.repo.aircraftTypes(),
    ]);
    this.airportsByCode = new Map(airports.map((a) => [a.code, a]));
    this.metrosByCode = new Map(metros.map((m) => [m.code, m]));
    this.metroAirports = new Map(
      metros.map((m) => [m.code, airports.filter((a) => a.metroCode === m.code).map((a) => a.code)]),
    );
    this.airlinesByCode = new Map(airlines.map((a) => [a.code, a]));
    this.aircraftByCode = new Map(
      aircraft.map((row) => {
        const seats = expandLayout(row);
        return [
          row.code,
          { row, seats, byDesignator: new Map(seats.map((s) => [s.designator, s])), capacity: cabinCapacity(row) },
        ];
      }),
    );
  }

  allAirports(): AirportRow[] {
    return [...this.airportsByCode.values()];
  }
  allMetros(): MetroRow[] {
    return [...this.metrosByCode.values()];
  }
  allAirlines(): AirlineRow[] {
    return [...this.airlinesByCode.values()];
  }

  airport(code: string): AirportRow | undefined {
    return this.airportsByCode.get(code.toUpperCase());
  }
  airline(code: string): AirlineRow | undefined {
    return this.airlinesByCode.get(code.toUpperCase());
  }
  aircraft(code: string): AircraftInfo | undefined {
    return this.aircraftByCode.get(code);
  }

  /** An airport or metro code as a place, or undefined when unknown. */
  place(code: string): Place | undefined {
    const c = code.trim().toUpperCase();
    const metro = this.metrosByCode.get(c);
    if (metro) {
      // A copy: callers own the place they are given.
      const airports = [...(this.metroAirports.get(metro.code) ?? [])];
      return { code: c, kind: 'metro', name: metro.name, city: metro.city, country: metro.country, airports };
    }
    const a = this.airportsByCode.get(c);
    if (!a) return undefined;
    return { code: c, kind: 'airport', name: a.name, city: a.city, country: a.country, airports: [a.code] };
  }

  /** Airports and metros whose code, city, name or alias starts with `query` (metros first). */
  searchPlaces(query: string, limit = 10): Place[] {
    const q = query.trim().toLowerCase();
    if (!q) return [];
    const words = (s: string) => s.toLowerCase().split(/[\s/,()-]+/);
    const matches = (code: string, fields: string[]) =>
      code.toLowerCase() === q ||
      code.toLowerCase().startsWith(q) ||
      fields.some((f) => f.toLowerCase().startsWith(q) || words(f).some((w) => w.startsWith(q)));
    const exact: Place[] = [];
    const rest: Place[] = [];
    for (const m of this.metrosByCode.values()) {
      if (matches(m.code, [m.city, m.name, ...m.aliases]))
        (m.code.toLowerCase() === q ? exact : rest).push(this.place(m.code)!);
    }
    for (const a of this.airportsByCode.values()) {
      if (matches(a.code, [a.city, a.name, ...a.aliases]))
        (a.code.toLowerCase() === q ? exact : rest).push(this.place(a.code)!);
    }
    rest.sort((x, y) =>
      x.kind === y.kind ? x.city.localeCompare(y.city) || x.code.localeCompare(y.code) : x.kind === 'metro' ? -1 : 1,
    );
    return [...exact, ...rest].slice(0, limit);
  }
}
