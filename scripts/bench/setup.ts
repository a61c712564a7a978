/**
 * Benchmark preparation in the parent process: a fresh database, the ≥100k-flight inventory, the
 * search workloads, the seat pool for holds, users with tokens, and the SQL checks afterwards.
 */
import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import type { ApiServices } from '../../api/container';
import { mysqlServerOptions, parseMysqlUrl } from '../../api/db/data-source';
import type { FlightRow } from '../../api/domain/records';
import { addDays } from '../../api/domain/time';
import type { Cabin } from '../../api/domain/types';
import { ROUTES } from '../../api/seed/data/routes';
import { seededRandom } from '../../api/seed/schedule-generator';
import type { SearchQuery } from '../../api/services/search.service';

export type DbKind = 'sqlite' | 'mysql';

/** Drops the MySQL database or deletes the SQLite file (and its WAL) so every run starts empty. */
export async function freshDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
    return;
  }
  const p = parseMysqlUrl(url);
  if (!/^[\w$]+$/.test(p.database)) throw new Error(`refusing to drop a database with an unusual name: ${p.database}`);
  const admin = new DataSource(mysqlServerOptions(url));
  await admin.initialize();
  try {
    await admin.query(`DROP DATABASE IF EXISTS \`${p.database}\``);
  } finally {
    await admin.destroy();
  }
}

export async function serverVersion(s: ApiServices): Promise<string> {
  const sql = s.db.kind === 'mysql' ? 'SELECT VERSION() AS v' : 'SELECT sqlite_version() AS v';
  const rows = await s.db.run((em) => em.query(sql) as Promise<{ v: string }[]>);
  return `${s.db.kind === 'mysql' ? 'MySQL/MariaDB' : 'SQLite'} ${rows[0]?.v ?? '?'}`;
}

const baseSearch = (origin: string, destination: string, departureDate: string): SearchQuery => ({
  origin,
  destination,
  departureDate,
  adults: 1,
  children: 0,
  infants: 0,
  cabin: 'economy',
  flexDays: 0,
  nonStop: false,
  sort: 'price',
  limit: 20,
  page: 1,
});

export interface SearchWorkloads {
  nonstopRoutes: [string, string][];
  connectingRoutes: [string, string][];
  /** Request paths, already shuffled. */
  nonstop: string[];
  connecting: string[];
  flex: string[];
}

const NONSTOP_CANDIDATES: [string, string][] = [
  ['LHR', 'JFK'],
  ['JFK', 'LHR'],
  ['LHR', 'CDG'],
  ['SEA', 'ORD'],
  ['ATL', 'MIA'],
  ['SFO', 'SEA'],
  ['LHR', 'DXB'],
  ['ORD', 'ATL'],
];

function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function searchPath(q: Record<string, string | number | boolean>): string {
  return `/api/v1/flights/search?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`;
}

/**
 * The three search workloads over `dateSpan` days from tomorrow, each rotating through routes and
 * dates: (a) nonstop single-date queries on busy direct routes, (b) queries between airports with no
 * direct flight (answered by one-stop connections), (c) flexDays=3 on the routes of (a), connections
 * included. Routes are checked against the seeded schedule through the search service itself.
 */
export async function searchWorkloads(s: ApiServices, today: string, dateSpan: number): Promise<SearchWorkloads> {
  const probe = addDays(today, 7);
  const nonstopRoutes: [string, string][] = [];
  for (const [o, d] of NONSTOP_CANDIDATES) {
    const r = await s.search.search({ ...baseSearch(o, d, probe), nonStop: true });
    if (r.paging.totalOutbound > 0) nonstopRoutes.push([o, d]);
  }
  if (nonstopRoutes.length === 0)
    throw new Error('no nonstop route of the demo schedule was found in the benchmark database');

  // Connecting: SEA→ATL first, then pairs of demo airports with no direct flight but one-stop journeys.
  const airports = [...new Set(ROUTES.flatMap((r) => [r.from, r.to]))].sort();
  const rnd = seededRandom(7);
  const candidates: [string, string][] = [
    ['SEA', 'ATL'],
    ...shuffle(
      airports.flatMap((a) => airports.filter((b) => b !== a).map((b): [string, string] => [a, b])),
      rnd,
    ),
  ];
  const connectingRoutes: [string, string][] = [];
  for (const [o, d] of candidates.slice(0, 400)) {
    if (connectingRoutes.length >= 6) break;
    if (!s.ref.place(o) || !s.ref.place(d)) continue;
    const r = await s.search.search({ ...baseSearch(o, d, probe), limit: 100 });
    if (r.paging.totalOutbound >= 3 && r.outbound.every((offer) => offer.stops > 0)) connectingRoutes.push([o, d]);
  }
  if (connectingRoutes.length === 0) throw new Error('found no airport pair that needs a connection');

  const dates = Array.from({ length: dateSpan }, (_, i) => addDays(today, i + 1));
  const flexDates = dates.filter((d) => d >= addDays(today, 4));
  const mk = (routes: [string, string][], ds: string[], extra: Record<string, string | number | boolean>) =>
    shuffle(
      routes.flatMap(([o, d]) =>
        ds.map((date) => searchPath({ origin: o, destination: d, departureDate: date, ...extra })),
      ),
      rnd,
    );
  return {
    nonstopRoutes,
    connectingRoutes,
    nonstop: mk(nonstopRoutes, dates, { nonStop: true }),
    connecting: mk(connectingRoutes, dates, {}),
    flex: mk(nonstopRoutes, flexDates, { flexDays: 3 }),
  };
}

export interface SeatTask {
  flightId: number;
  designator: string;
}

/**
 * Economy seats of `flightCount` flights spread over the schedule (days 3 … 3 + span), with their
 * seat rows created up front (as the first booking of each flight would), in a shuffled order so
 * that concurrent holds land on different flights. `exclude` keeps the race flight out.
 */
export async function seatPool(
  s: ApiServices,
  today: string,
  span: number,
  flightCount: number,
  exclude: number,
): Promise<{ tasks: SeatTask[]; flights: number; seatRows: number; ms: number }> {
  const started = Date.now();
  const rows = await s.db.run(
    (em) =>
      em.query('SELECT id FROM flights WHERE departure_date >= ? AND departure_date <= ? AND id <> ? ORDER BY id', [
        addDays(today, 3),
        addDays(today, 3 + span),
        exclude,
      ]) as Promise<{ id: number | string }[]>,
  );
  if (rows.length === 0) throw new Error('no flights to hold seats on');
  const step = Math.max(1, Math.floor(rows.length / flightCount));
  const ids = rows
    .filter((_, i) => i % step === 0)
    .slice(0, flightCount)
    .map((r) => Number(r.id));
  const flights = await s.repos.flights.findByIds(ids);
  let seatRows = 0;
  const tasks: SeatTask[] = [];
  for (const f of flights) {
    await s.bookings.ensureSeats(f);
    const layout = s.ref.aircraft(f.aircraftCode)!.seats;
    seatRows += layout.length;
    for (const seat of layout)
      if (seat.cabin === 'economy') tasks.push({ flightId: f.id, designator: seat.designator });
  }
  return { tasks: shuffle(tasks, seededRandom(11)), flights: flights.length, seatRows, ms: Date.now() - started };
}

/** A flight a week out on a busy route, for the hot-seat race, and one of its economy seats. */
export async function raceTarget(s: ApiServices, today: string): Promise<{ flight: FlightRow; designator: string }> {
  const flights = await s.repos.flights.departuresOn(['LHR'], [addDays(today, 7)], ['CDG']);
  const flight =
    flights.sort((a, b) => a.id - b.id)[0] ??
    (await s.repos.flights.departuresOn(['JFK', 'LHR', 'ATL', 'ORD'], [addDays(today, 7)]))[0];
  if (!flight) throw new Error('no flight for the hot-seat race');
  await s.bookings.ensureSeats(flight);
  const economy = s.ref
    .aircraft(flight.aircraftCode)!
    .seats.filter((x) => x.cabin === 'economy' && x.tier === 'standard');
  return { flight, designator: economy[Math.floor(economy.length / 2)]!.designator };
}

/** `count` travellers (no password: argon2 is not what is measured) and an access token for each. */
export async function benchUsers(s: ApiServices, count: number): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = await s.auth.createUser({
      email: `bench${i}@bench.jetway.example`,
      password: null,
      firstName: 'Bench',
      lastName: 'Traveller',
      role: 'traveller',
      verified: true,
    });
    tokens.push((await s.auth.issue(user)).accessToken);
  }
  return tokens;
}

export function holdBody(task: SeatTask): string {
  return JSON.stringify({
    flights: [{ flightId: task.flightId, cabin: 'economy', fareFamily: 'basic' }],
    passengers: [
      {
        firstName: 'Bench',
        lastName: 'Traveller',
        dateOfBirth: '1985-04-12',
        seats: { [task.flightId]: task.designator },
      },
    ],
    contact: { email: 'bench@bench.jetway.example' },
    channel: 'bench',
  });
}

export interface Integrity {
  /** Seats beyond capacity, a passenger seated twice on a flight, or a seat row twice: must be 0. */
  overbookedSeats: number;
  overCapacityCabins: number;
  passengersSeatedTwice: number;
  duplicateSeatRows: number;
  /** Booked passengers without their seat on a flight of their booking (a hold must seat everyone). */
  unseatedPassengers: number;
  /** Seats claimed for a passenger of another booking, or for none. */
  mismatchedClaims: number;
  takenSeats: number;
  heldBookings: number;
}

const rowsOf = <T>(s: ApiServices, sql: string) => s.db.run((em) => em.query(sql) as Promise<T[]>);

/** The SQL checks after the run: no cabin over capacity, no passenger with two seats on one flight. */
export async function verifyIntegrity(s: ApiServices): Promise<Integrity> {
  const taken = await rowsOf<{ flightId: number; aircraft: string; cabin: string; n: number | string }>(
    s,
    `SELECT s.flight_id AS flightId, f.aircraft_code AS aircraft, s.cabin AS cabin, COUNT(*) AS n
       FROM seats s JOIN flights f ON f.id = s.flight_id
      WHERE s.state IN ('held', 'booked') GROUP BY s.flight_id, f.aircraft_code, s.cabin`,
  );
  let overCapacityCabins = 0;
  let beyond = 0;
  let takenSeats = 0;
  for (const r of taken) {
    const capacity = s.ref.aircraft(r.aircraft)?.capacity[r.cabin as Cabin] ?? 0;
    takenSeats += Number(r.n);
    if (Number(r.n) > capacity) {
      overCapacityCabins++;
      beyond += Number(r.n) - capacity;
    }
  }
  const twice = await rowsOf<{ n: number | string }>(
    s,
    `SELECT COALESCE(SUM(c - 1), 0) AS n FROM (SELECT COUNT(*) AS c FROM seats
       WHERE passenger_id IS NOT NULL AND state <> 'free'
       GROUP BY flight_id, passenger_id HAVING COUNT(*) > 1) t`,
  );
  const dupRows = await rowsOf<{ n: number | string }>(
    s,
    'SELECT COALESCE(SUM(c - 1), 0) AS n FROM (SELECT COUNT(*) AS c FROM ' +
      'seats GROUP BY flight_id, designator HAVING COUNT(*) > 1) t',
  );
  const unseated = await rowsOf<{ n: number | string }>(
    s,
    `SELECT COUNT(*) AS n FROM passengers p
       JOIN bookings b ON b.id = p.booking_id AND b.status = 'held'
       JOIN booking_segments bs ON bs.booking_id = p.booking_id
       LEFT JOIN seats st ON st.flight_id = bs.flight_id AND st.passenger_id = p.id AND st.state <> 'free'
      WHERE p.type <> 'INF' AND st.id IS NULL`,
  );
  const mismatched = await rowsOf<{ n: number | string }>(
    s,
    `SELECT COUNT(*) AS n FROM seats st LEFT JOIN passengers p ON p.id = st.passenger_id
      WHERE st.state <> 'free' AND (p.id IS NULL OR p.booking_id <> st.booking_id)`,
  );
  const held = await rowsOf<{ n: number | string }>(s, "SELECT COUNT(*) AS n FROM bookings WHERE status = 'held'");
  const passengersSeatedTwice = Number(twice[0]?.n ?? 0);
  const duplicateSeatRows = Number(dupRows[0]?.n ?? 0);
  return {
    overbookedSeats: beyond + passengersSeatedTwice + duplicateSeatRows,
    overCapacityCabins,
    passengersSeatedTwice,
    duplicateSeatRows,
    unseatedPassengers: Number(unseated[0]?.n ?? 0),
    mismatchedClaims: Number(mismatched[0]?.n ?? 0),
    takenSeats,
    heldBookings: Number(held[0]?.n ?? 0),
  };
}
