import type { NewFlight } from '../repositories/flight.repository';
import { blockMinutes } from '../domain/geo';
import { currencyForCountry } from '../domain/money';
import { baseFareFor } from '../domain/schedule';
import { addDays, localToInstant, weekday } from '../domain/time';
import type { AirportRecord, RouteRecord } from '../domain/types';

/**
 * Turns route templates into dated flights. The i-th departure of a route flies as number + 2i and
 * its return as number + 2i + 1; block times come from the great-circle distance.
 */
export function flightsForDate(routes: RouteRecord[], airports: Map<string, AirportRecord>, date: string): NewFlight[] {
  const out: NewFlight[] = [];
  for (const r of routes) {
    if (r.days && !r.days.includes(weekday(date))) continue;
    const from = airports.get(r.from);
    const to = airports.get(r.to);
    if (!from || !to) continue;
    r.outboundTimes.forEach((time, i) =>
      out.push(flight(r.airline, r.number + 2 * i, from, to, r.aircraft, date, time)),
    );
    const back = r.returnTimes.length ? r.returnTimes : r.outboundTimes;
    r.outboundTimes.forEach((_, i) =>
      out.push(flight(r.airline, r.number + 2 * i + 1, to, from, r.aircraft, date, back[i % back.length]!)),
    );
  }
  return out;
}

function flight(
  airline: string,
  number: number,
  from: AirportRecord,
  to: AirportRecord,
  aircraft: string,
  date: string,
  time: string,
): NewFlight {
  const departureAt = localToInstant(date, time, from.timeZone);
  const durationMinutes = blockMinutes(from, to);
  const currency = currencyForCountry(from.country);
  return {
    airlineCode: airline,
    flightNumber: number,
    origin: from.code,
    destination: to.code,
    departureAt,
    arrivalAt: new Date(departureAt.getTime() + durationMinutes * 60_000),
    departureDate: date,
    durationMinutes,
    aircraftCode: aircraft,
    baseFare: baseFareFor(from, to, currency),
    currency,
  };
}

/** How many flights the routes schedule on a date (both directions). */
export function expectedFlightsOn(routes: RouteRecord[], date: string): number {
  const day = weekday(date);
  return routes.reduce((n, r) => n + (r.days && !r.days.includes(day) ? 0 : r.outboundTimes.length * 2), 0);
}

/** Every date from `start` for `days` days. */
export function dateRange(start: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(start, i));
}

/** A small deterministic generator (mulberry32): benchmark inventories are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Extra routes between the demo airports so a schedule of `days` days holds about `targetFlights`
 * flights (for benchmarks). Airlines, aircraft and times are drawn from a seeded generator.
 */
export function syntheticRoutes(
  base: RouteRecord[],
  airports: AirportRecord[],
  airlines: string[],
  targetFlights: number,
  days: number,
): RouteRecord[] {
  // Routes flown on some weekdays only count for their share of the week; rounding down leaves a
  // little over the target rather than under it.
  const perDay = base.reduce((s, r) => s + r.outboundTimes.length * 2 * ((r.days?.length ?? 7) / 7), 0);
  let needed = Math.ceil(targetFlights / days) - Math.floor(perDay);
  const rnd = seededRandom(42);
  const out: RouteRecord[] = [];
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let number = 3000;
  while (needed > 0 && number < 9990) {
    const from = pick(airports);
    const to = pick(airports);
    if (from.code === to.code) continue;
    const km = blockMinutes(from, to);
    const aircraft = km > 360 ? pick(['789', '77W', '359']) : pick(['320', '73H', 'E75']);
    const departures = Math.min(needed / 2 > 3 ? 3 : 1, Math.ceil(needed / 2));
    const times = Array.from(
      { length: departures },
      () => `${String(6 + Math.floor(rnd() * 16)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}`,
    ).sort();
    out.push({
      airline: pick(airlines),
      number,
      from: from.code,
      to: to.code,
      aircraft,
      outboundTimes: times,
      returnTimes: [...times].reverse(),
    });
    number += 2 * departures;
    needed -= departures * 2;
  }
  return out;
}
