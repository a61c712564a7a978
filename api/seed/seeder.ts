import type { AircraftTypeRow, AirlineRow, AirportRow, MetroRow } from '../domain/records';
import type { FlightRepository, NewFlight } from '../repositories/flight.repository';
import type { ReferenceRepository } from '../repositories/reference.repository';
import { addDays } from '../domain/time';
import type { AirportRecord, RouteRecord } from '../domain/types';
import { AIRCRAFT } from './data/aircraft';
import { AIRLINES } from './data/airlines';
import { AIRPORTS, METROS } from './data/airports';
import { ROUTES } from './data/routes';
import { FAQ_ARTICLES } from './data/faq';
import type { FaqRepository } from '../repositories/faq.repository';
import { dateRange, expectedFlightsOn, flightsForDate, syntheticRoutes } from './schedule-generator';

/** Days of schedule the demo keeps ahead of today. */
export const DEMO_DAYS = 120;

export interface SeedProgress {
  start(total: number): void;
  increment(by: number): void;
  stop(): void;
}

const silent: SeedProgress = { start: () => undefined, increment: () => undefined, stop: () => undefined };

/**
 * Loads the demo inventory: reference data, and a schedule from today for `days` days that tops up
 * what is missing, so the demo never goes stale and re-running it is harmless.
 */
export class Seeder {
  constructor(
    private readonly reference: ReferenceRepository,
    private readonly flights: FlightRepository,
    private readonly faq?: FaqRepository,
  ) {}

  async seedReference(): Promise<void> {
    const metros: MetroRow[] = METROS.map((m) => ({
      code: m.code,
      name: m.name,
      city: m.city,
      country: m.country,
      aliases: m.aliases ?? [],
    }));
    const airports: AirportRow[] = AIRPORTS.map((a) => ({
      code: a.code,
      name: a.name,
      city: a.city,
      country: a.country,
      timeZone: a.timeZone,
      latitude: a.latitude,
      longitude: a.longitude,
      metroCode: a.metro ?? null,
      aliases: a.aliases ?? [],
    }));
    const airlines: AirlineRow[] = AIRLINES.map((a) => ({
      code: a.code,
      name: a.name,
      ticketPrefix: a.ticketPrefix,
      aliases: a.aliases ?? [],
    }));
    const aircraft: AircraftTypeRow[] = AIRCRAFT.map((a) => ({ code: a.code, name: a.name, cabins: a.cabins }));
    await this.reference.upsertAll({ metros, airports, airlines, aircraft });
    await this.seedFaq();
  }

  /** Adds the demo help articles that are missing; articles already there (maybe edited by an admin) are kept. */
  async seedFaq(): Promise<number> {
    if (!this.faq) return 0;
    let added = 0;
    for (const a of FAQ_ARTICLES) if (await this.faq.insertIfAbsent(a)) added++;
    return added;
  }

  /** True when the database has no inventory yet (first start). */
  async isEmpty(): Promise<boolean> {
    return (await this.reference.countAirports()) === 0;
  }

  /** Schedules the demo routes (plus synthetic ones up to `targetFlights`) from `today` for `days` days. */
  async seedSchedule(opts: {
    today: string;
    days?: number;
    targetFlights?: number;
    progress?: SeedProgress;
  }): Promise<number> {
    const days = opts.days ?? DEMO_DAYS;
    const airports = new Map<string, AirportRecord>(AIRPORTS.map((a) => [a.code, a]));
    let routes: RouteRecord[] = ROUTES;
    if (opts.targetFlights)
      routes = [
        ...ROUTES,
        ...syntheticRoutes(
          ROUTES,
          AIRPORTS,
          AIRLINES.map((a) => a.code),
          opts.targetFlights,
          days,
        ),
      ];
    const progress = opts.progress ?? silent;
    // Dates already holding every flight of the template are skipped without generating them: a
    // restart then costs one grouped count instead of building the whole schedule again.
    const counts = await this.flights.countsByDate(opts.today, addDays(opts.today, days));
    const dates = dateRange(opts.today, days).filter((d) => (counts.get(d) ?? 0) < expectedFlightsOn(routes, d));
    const existing = dates.length
      ? await this.flights.existingKeys(dates[0]!, dates[dates.length - 1]!)
      : new Set<string>();
    progress.start(dates.length);
    let inserted = 0;
    let batch: NewFlight[] = [];
    const flush = async () => {
      for (let i = 0; i < batch.length; i += 1000) {
        await this.flights.insertMany(batch.slice(i, i + 1000));
        // SQLite's driver is synchronous: without a pause no timer (the start-up lock's renewal) runs meanwhile.
        await new Promise((r) => setImmediate(r));
      }
      inserted += batch.length;
      batch = [];
    };
    for (const date of dates) {
      batch.push(
        ...flightsForDate(routes, airports, date).filter(
          (f) => !existing.has(`${f.airlineCode}${f.flightNumber}|${f.departureDate}`),
        ),
      );
      if (batch.length >= 5000) await flush();
      progress.increment(1);
    }
    await flush();
    progress.stop();
    return inserted;
  }
}
