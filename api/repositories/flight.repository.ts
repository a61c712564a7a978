import { Brackets } from 'typeorm';
import { Batcher } from '../db/batcher';
import type { Db } from '../db/db';
import { FlightEntity } from '../db/entities';
import type { FlightRow } from '../domain/records';
import type { FlightStatus } from '../domain/types';
import { FLIGHT_COLUMNS, flightRow, placeholders, type RawFlight, seatTaken, timeParam } from './sql';

export type NewFlight = Omit<FlightRow, 'id' | 'createdAt' | 'updatedAt' | 'seatsReady' | 'status'> & {
  status?: FlightStatus;
};

export interface FlightListQuery {
  origin?: string;
  destination?: string;
  date?: string;
  airline?: string;
  flightNumber?: number;
  status?: FlightStatus;
  offset: number;
  limit: number;
}

type FlightsWithTaken = { flights: FlightRow[]; taken: Map<number, Map<string, number>> };

/** Flights: the schedule that search reads and admins edit. */
export class FlightRepository {
  /**
   * On MySQL, concurrent price checks of seat holds share one query (see Batcher): a round trip costs
   * the app and the server more than reading a few more flights. SQLite reads in-process, so there
   * every call simply runs.
   */
  private readonly priceChecks: Batcher<{ ids: number[]; now: Date }, FlightsWithTaken> | null;
  /** On MySQL, flights by id asked for at the same time (chat turns of different conversations) share one query. */
  private readonly byId: Batcher<number, FlightRow | null> | null;

  constructor(private readonly db: Db) {
    this.priceChecks =
      db.kind === 'mysql' ? new Batcher((items) => this.readTogether(items), { maxBatch: 64, maxConcurrent: 4 }) : null;
    this.byId =
      db.kind === 'mysql'
        ? new Batcher(
            async (ids) => {
              const found = new Map((await this.findByIds([...new Set(ids)])).map((f) => [f.id, f]));
              // Each caller gets its own row object.
              return ids.map((id) => {
                const f = found.get(id);
                return f ? { ...f } : null;
              });
            },
            { maxBatch: 64, maxConcurrent: 2 },
          )
        : null;
  }

  /** Plain SQL: read on most chat turns (fares, seat maps, reviews), where the ORM's builder cost more than the query. */
  async findById(id: number): Promise<FlightRow | null> {
    // Inside a transaction the read must use the transaction's connection (and see its writes).
    if (this.byId && !this.db.inTransaction) return this.byId.submit(id);
    return (await this.select('f.id = ?', [id]))[0] ?? null;
  }

  /** Plain SQL (see ./sql): read on every search and every seat hold. */
  findByIds(ids: number[]): Promise<FlightRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.select(`f.id IN (${placeholders(ids.length)})`, ids);
  }

  /**
   * Flights by id with their taken seats per cabin (booked, or held and unexpired at `now`), in one
   * round trip: a seat hold prices the flights it checks. Same values as `findByIds` and
   * `SeatRepository.takenCounts`.
   */
  findByIdsWithTaken(ids: number[], now: Date): Promise<FlightsWithTaken> {
    if (ids.length === 0) return Promise.resolve({ flights: [], taken: new Map() });
    // Inside a transaction the read must use the transaction's connection.
    if (this.priceChecks && !this.db.inTransaction) return this.priceChecks.submit({ ids, now });
    return this.readWithTaken(ids, now);
  }

  /**
   * One read for a group of price checks, at the latest of their clocks (they arrived in the same
   * moment; a hold expiring in between counts as expired for all), split back per caller.
   */
  private async readTogether(items: { ids: number[]; now: Date }[]): Promise<FlightsWithTaken[]> {
    if (items.length === 1) return [await this.readWithTaken(items[0]!.ids, items[0]!.now)];
    const all = await this.readWithTaken(
      [...new Set(items.flatMap((i) => i.ids))],
      new Date(Math.max(...items.map((i) => i.now.getTime()))),
    );
    const byId = new Map(all.flights.map((f) => [f.id, f]));
    return items.map(({ ids }) => ({
      flights: ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : [])),
      taken: new Map(ids.flatMap((id) => (all.taken.has(id) ? [[id, all.taken.get(id)!] as const] : []))),
    }));
  }

  private async readWithTaken(ids: number[], now: Date): Promise<FlightsWithTaken> {
    const taken = new Map<number, Map<string, number>>();
    if (ids.length === 0) return { flights: [], taken };
    const list = placeholders(ids.length);
    const rows = await this.db.run(
      (em) =>
        em.query(
          `SELECT ${FLIGHT_COLUMNS}, t.cabin AS takenCabin, t.taken AS takenSeats
             FROM flights f
             LEFT JOIN (SELECT flight_id, cabin, COUNT(*) AS taken FROM seats
                         WHERE flight_id IN (${list}) AND ${seatTaken()}
                         GROUP BY flight_id, cabin) t ON t.flight_id = f.id
            WHERE f.id IN (${list})`,
          [...ids, timeParam(this.db.kind, now), ...ids],
        ) as Promise<(RawFlight & { takenCabin: string | null; takenSeats: number | string | null })[]>,
    );
    const flights = new Map<number, FlightRow>();
    for (const r of rows) {
      if (!flights.has(r.id)) flights.set(r.id, flightRow(r));
      if (r.takenCabin === null) continue;
      let cabins = taken.get(r.id);
      if (!cabins) taken.set(r.id, (cabins = new Map()));
      cabins.set(r.takenCabin, Number(r.takenSeats));
    }
    return { flights: [...flights.values()], taken };
  }

  /** Scheduled departures from any of `origins` on local dates `dates`, optionally to `destinations` only. */
  departuresOn(origins: string[], dates: string[], destinations?: string[]): Promise<FlightRow[]> {
    let where =
      `f.origin IN (` +
      `${placeholders(origins.length)}) AND f.departure_date IN (` +
      `${placeholders(dates.length)}) AND f.status = 'scheduled'`;
    const params: unknown[] = [...origins, ...dates];
    if (destinations) {
      where += ` AND f.destination IN (${placeholders(destinations.length)})`;
      params.push(...destinations);
    }
    return this.select(where, params);
  }

  /** Scheduled departures from `origins` to `destinations` leaving within [from, to]: second legs of connections. */
  departuresBetween(origins: string[], destinations: string[], from: Date, to: Date): Promise<FlightRow[]> {
    if (origins.length === 0) return Promise.resolve([]);
    return this.select(
      `f.origin IN (` +
        `${placeholders(origins.length)}) AND f.destination IN (` +
        `${placeholders(destinations.length)}) AND f.departure_at >= ? AND f.departure_at <= ? ` +
        "AND f.status = 'scheduled'",
      [...origins, ...destinations, timeParam(this.db.kind, from), timeParam(this.db.kind, to)],
    );
  }

  private async select(where: string, params: unknown[]): Promise<FlightRow[]> {
    const rows = await this.db.run(
      (em) => em.query(`SELECT ${FLIGHT_COLUMNS} FROM flights f WHERE ${where}`, params) as Promise<RawFlight[]>,
    );
    return rows.map(flightRow);
  }

  async insertMany(rows: NewFlight[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.run((em) =>
      em.createQueryBuilder().insert().into(FlightEntity).values(rows).orIgnore().updateEntity(false).execute(),
    );
  }

  async insert(row: NewFlight): Promise<FlightRow> {
    const id = await this.db.run(async (em) => {
      const r = await em.createQueryBuilder().insert().into(FlightEntity).values(row).execute();
      return Number(r.identifiers[0]?.id);
    });
    const created = await this.findById(id);
    if (!created) throw new Error(`Flight ${id} vanished after insert`);
    return created;
  }

  async update(id: number, patch: Partial<NewFlight & { status: FlightStatus }>): Promise<void> {
    await this.db.run((em) => em.getRepository(FlightEntity).update({ id }, patch));
  }

  /** Keys "AA100|2026-12-01" of flights already scheduled between two local dates (seeding skips them). */
  async existingKeys(fromDate: string, toDate: string): Promise<Set<string>> {
    const rows = await this.db.run((em) =>
      em
        .getRepository(FlightEntity)
        .createQueryBuilder('f')
        .select(['f.airlineCode AS a', 'f.flightNumber AS n', 'f.departureDate AS d'])
        .where('f.departureDate >= :fromDate AND f.departureDate <= :toDate', { fromDate, toDate })
        .getRawMany<{ a: string; n: number; d: string }>(),
    );
    return new Set(rows.map((r) => `${r.a}${r.n}|${r.d}`));
  }

  /** Flights per local departure date in a range. */
  async countsByDate(fromDate: string, toDate: string): Promise<Map<string, number>> {
    const rows = await this.db.run((em) =>
      em
        .getRepository(FlightEntity)
        .createQueryBuilder('f')
        .select(['f.departureDate AS d', 'COUNT(*) AS n'])
        .where('f.departureDate >= :fromDate AND f.departureDate <= :toDate', { fromDate, toDate })
        .groupBy('f.departureDate')
        .getRawMany<{ d: string; n: number | string }>(),
    );
    return new Map(rows.map((r) => [r.d, Number(r.n)]));
  }

  count(): Promise<number> {
    return this.db.run((em) => em.getRepository(FlightEntity).count());
  }

  list(q: FlightListQuery): Promise<[FlightRow[], number]> {
    return this.db.run((em) => {
      const qb = em.getRepository(FlightEntity).createQueryBuilder('f');
      qb.where(new Brackets((w) => w.where('1 = 1')));
      if (q.origin) qb.andWhere('f.origin = :origin', { origin: q.origin });
      if (q.destination) qb.andWhere('f.destination = :destination', { destination: q.destination });
      if (q.date) qb.andWhere('f.departureDate = :date', { date: q.date });
      if (q.airline) qb.andWhere('f.airlineCode = :airline', { airline: q.airline });
      if (q.flightNumber) qb.andWhere('f.flightNumber = :n', { n: q.flightNumber });
      if (q.status) qb.andWhere('f.status = :status', { status: q.status });
      return qb
        .orderBy('f.departureAt', 'ASC')
        .addOrderBy('f.id', 'ASC')
        .skip(q.offset)
        .take(q.limit)
        .getManyAndCount();
    });
  }
}
