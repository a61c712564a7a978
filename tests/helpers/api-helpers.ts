/**
 * Small helpers shared by the integration tests: dates relative to the test clock, search and booking
 * shortcuts, the error-shape assertion and row counts straight from the database.
 */
import { DateTime } from 'luxon';
import type { Response } from 'supertest';
import type { TestApp } from './test-app';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** The UTC calendar date `days` after the test clock's now. */
export function dateAhead(t: TestApp, days: number): string {
  return new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10);
}

/** The local calendar date in `zone`, `days` after the test clock's now. */
export function localDateAhead(t: TestApp, days: number, zone: string): string {
  return DateTime.fromJSDate(t.clock.now(), { zone }).plus({ days }).toISODate()!;
}

/** A birth date that makes someone exactly `years` old on `onDate`, shifted by `days` (+1 = a day younger). */
export function birthDate(onDate: string, years: number, days = 0): string {
  return DateTime.fromISO(onDate, { zone: 'UTC' }).minus({ years }).plus({ days }).toISODate()!;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface SegmentJson {
  flightId: number;
  flightNumber: string;
  airline: { code: string; name: string };
  origin: { code: string; timeZone: string };
  destination: { code: string; timeZone: string };
  departureTime: string;
  arrivalTime: string;
  departureUtc: string;
  arrivalUtc: string;
  durationMinutes: number;
  aircraft: { code: string; name: string };
}
export interface FareJson {
  fareFamily: string;
  cabin: string;
  price: { amount: number; currency: string };
  taxes: { amount: number; currency: string };
  conditions: Record<string, unknown>;
  seatsLeft: number;
}
export interface OfferJson {
  id: string;
  segments: SegmentJson[];
  stops: number;
  layovers: { airport: string; minutes: number }[];
  durationMinutes: number;
  departureTime: string;
  arrivalTime: string;
  fares: FareJson[];
  lowestPrice: { amount: number; currency: string };
}

export function search(t: TestApp, query: Record<string, string | number | boolean>): Promise<Response> {
  return t.http.get('/api/v1/flights/search').query(query);
}

/** The nonstop offers of a route on the date `days` ahead (must exist). */
export async function nonstopOffers(
  t: TestApp,
  origin: string,
  destination: string,
  days = 7,
  extra: Record<string, string | number> = {},
): Promise<OfferJson[]> {
  const r = await search(t, {
    origin,
    destination,
    departureDate: dateAhead(t, days),
    nonStop: true,
    limit: 100,
    ...extra,
  });
  if (r.status !== 200 || r.body.outbound.length === 0)
    throw new Error(`no nonstop ${origin}-${destination}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.outbound as OfferJson[];
}

/** The id of a nonstop flight on a route, `days` ahead (the `index`-th by departure). */
export async function nonstopFlight(
  t: TestApp,
  origin: string,
  destination: string,
  days = 7,
  index = 0,
): Promise<number> {
  const offers = await nonstopOffers(t, origin, destination, days, { sort: 'departure' });
  return offers[Math.min(index, offers.length - 1)]!.segments[0]!.flightId;
}

export interface PassengerInput {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  seats?: Record<string, string>;
}

export const pax = (
  firstName: string,
  lastName: string,
  dateOfBirth = '1985-06-15',
  seats?: Record<string, string>,
): PassengerInput => ({
  firstName,
  lastName,
  dateOfBirth,
  ...(seats ? { seats } : {}),
});

export function bookingBody(
  flights: number[] | { flightId: number; cabin?: string; fareFamily?: string }[],
  passengers: PassengerInput[],
  opts: { cabin?: string; fareFamily?: string; contact?: { email: string; phone?: string } } = {},
) {
  return {
    flights: flights.map((f) =>
      typeof f === 'number'
        ? { flightId: f, cabin: opts.cabin ?? 'economy', fareFamily: opts.fareFamily ?? 'standard' }
        : {
            flightId: f.flightId,
            cabin: f.cabin ?? opts.cabin ?? 'economy',
            fareFamily: f.fareFamily ?? opts.fareFamily ?? 'standard',
          },
    ),
    passengers,
    contact: opts.contact ?? { email: 'traveller@example.com', phone: '+44 20 7946 0123' },
  };
}

export function book(t: TestApp, token: string, body: unknown): Promise<Response> {
  return t.http
    .post('/api/v1/bookings')
    .set(bearer(token))
    .send(body as object);
}

/** Asserts the one error shape: the status, a stable snake_case code and a message a person can read. */
export function expectError(res: Response, status: number, code?: string): void {
  const summary = `${res.status} ${JSON.stringify(res.body)}`;
  expect({ status: res.status, summary }).toEqual({ status, summary });
  expect(res.body.error).toEqual(
    expect.objectContaining({ code: expect.stringMatching(/^[a-z][a-z0-9_]*$/), message: expect.any(String) }),
  );
  expect(res.body.error.message.trim().length).toBeGreaterThan(5);
  if (code) expect(res.body.error.code).toBe(code);
}

/** Rows in a table (optionally filtered by a SQL condition with `?` parameters), read with plain SQL. */
export async function countRows(t: TestApp, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const rows: { n: number | string }[] = await t.services.db.dataSource.query(
    `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`,
    params,
  );
  return Number(rows[0]!.n);
}

/** Seats of a flight that are not free according to the seat table (held or booked, expired or not). */
export function claimedSeats(t: TestApp, flightId: number): Promise<number> {
  return countRows(t, 'seats', "flight_id = ? AND state <> 'free'", [flightId]);
}

export interface SeatJson {
  designator: string;
  row: number;
  column: string;
  cabin: string;
  position: string;
  features: string[];
  tier: string;
  price: { amount: number; currency: string };
  available: boolean;
}

/** Every seat of a flight's seat map, flattened. */
export async function seatMapSeats(
  t: TestApp,
  flightId: number,
  query: Record<string, string> = {},
): Promise<SeatJson[]> {
  const r = await t.http.get(`/api/v1/flights/${flightId}/seatmap`).query(query);
  if (r.status !== 200) throw new Error(`seat map ${flightId}: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body.cabins as { rows: { seats: SeatJson[] }[] }[]).flatMap((c) => c.rows.flatMap((row) => row.seats));
}

export async function seatAvailable(t: TestApp, flightId: number, designator: string): Promise<boolean> {
  const seat = (await seatMapSeats(t, flightId)).find((s) => s.designator === designator);
  if (!seat) throw new Error(`no seat ${designator} on flight ${flightId}`);
  return seat.available;
}
