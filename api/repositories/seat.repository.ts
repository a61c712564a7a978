import type { Db } from '../db/db';
import { inGroupTransaction } from '../db/mysql-batch';
import { FlightEntity, SeatEntity } from '../db/entities';
import type { SeatRow } from '../domain/records';
import type { SeatState } from '../domain/types';
import { SEAT_CLAIM } from './hold-rows';
import { affectedRows, placeholders, seatTakeable, seatTaken, setColumns, timeParam } from './sql';

export interface SeatClaim {
  bookingId: number;
  passengerId: number;
  /** 'held' with an expiry for a new booking; 'booked' for a seat change on a paid booking. */
  state: Extract<SeatState, 'held' | 'booked'>;
  holdExpiresAt: Date | null;
}

/** Seat rows per INSERT when a flight's seats are created (the largest aircraft has fewer). */
const SEATS_PER_INSERT = 500;
const seatValues = (n: number) => Array.from({ length: n }, () => "(?, ?, ?, 'free')").join(', ');

/**
 * Seats of flights. Each seat is one row (unique per flight and designator) created on the flight's
 * first use; it is claimed only by an atomic conditional UPDATE, so two bookings can never hold it.
 */
export class SeatRepository {
  constructor(private readonly db: Db) {}

  /** Creates a flight's seat rows once. Concurrent callers block on the flight row until the winner commits. */
  async ensureSeats(flightId: number, seats: { designator: string; cabin: string }[]): Promise<void> {
    if (await this.ensureSeatsInOneRoundTrip(flightId, seats)) return;
    await this.db.transaction(() =>
      this.db.run(async (em) => {
        const won = await em
          .createQueryBuilder()
          .update(FlightEntity)
          .set({ seatsReady: true })
          .where('id = :flightId AND seats_ready = :no', { flightId, no: false })
          .execute();
        if (!won.affected) return;
        // Plain SQL (see ./sql): TypeORM's insert builder spends time quadratic in the number of values.
        const ignore = this.db.kind === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
        for (let i = 0; i < seats.length; i += SEATS_PER_INSERT) {
          const chunk = seats.slice(i, i + SEATS_PER_INSERT);
          await em.query(
            `${ignore} INTO seats (flight_id, designator, cabin, state) VALUES ${seatValues(chunk.length)}`,
            chunk.flatMap((s) => [flightId, s.designator, s.cabin]),
          );
        }
      }),
    );
  }

  /**
   * MySQL with batch sessions, outside a caller's transaction: the same transaction as one round trip instead of
   * four (a booking's first hold on new flights creates seats for each). The flight row is marked first, so a
   * concurrent caller blocks on it until this one commits; its INSERT IGNORE then adds nothing. False when it did
   * not run, or when the server refused it (rolled back): the caller then takes the ordinary path, which retries.
   */
  private async ensureSeatsInOneRoundTrip(
    flightId: number,
    seats: { designator: string; cabin: string }[],
  ): Promise<boolean> {
    const sessions = this.db.batches;
    if (!sessions || this.db.inTransaction || seats.length === 0 || seats.length > SEATS_PER_INSERT) return false;
    return inGroupTransaction(
      sessions,
      async (tx) => {
        await tx.commit(
          [
            'START TRANSACTION',
            'UPDATE flights SET seats_ready = 1, updated_at = CURRENT_TIMESTAMP WHERE id = ? AND seats_ready = 0',
            `INSERT IGNORE INTO seats (flight_id, designator, cabin, state) VALUES ${seatValues(seats.length)}`,
          ],
          [flightId, ...seats.flatMap((seat) => [flightId, seat.designator, seat.cabin])],
        );
        return true;
      },
      () => false,
    );
  }

  forBooking(bookingId: number): Promise<SeatRow[]> {
    return this.db.run((em) =>
      em.getRepository(SeatEntity).find({ where: { bookingId }, order: { flightId: 'ASC', designator: 'ASC' } }),
    );
  }

  /**
   * Locks a flight's row until the transaction ends, so transactions seating lap infants' holders on it run one
   * after another: each then reads the others' committed seats (READ COMMITTED) before checking the oxygen-mask
   * rule. SQLite runs one transaction at a time already.
   */
  async lockForLapInfants(flightId: number): Promise<void> {
    if (this.db.kind !== 'mysql') return;
    await this.db.run((em) => em.query('SELECT id FROM flights WHERE id = ? FOR UPDATE', [flightId]));
  }

  /**
   * Designators of a flight's taken seats whose passenger holds a lap infant (one spare oxygen mask per block of
   * seats), except those of `exceptPassengerId` (a passenger moving away from their seat). Plain SQL (see ./sql).
   */
  async lapInfantSeats(flightId: number, now: Date, exceptPassengerId: number | null = null): Promise<string[]> {
    const rows = (await this.db.run((em) =>
      em.query(
        `SELECT s.designator FROM seats s JOIN passengers p ON p.id = s.passenger_id ` +
          `WHERE s.flight_id = ? AND p.holds_infant = ? AND p.id <> ? AND ${seatTaken('s')}`,
        [flightId, true, exceptPassengerId ?? -1, timeParam(this.db.kind, now)],
      ),
    )) as { designator: string }[];
    return rows.map((r) => r.designator);
  }

  /** Designators of the flight's seats taken now (booked, or held by a hold that has not run out). Plain SQL. */
  async taken(flightId: number, now: Date): Promise<string[]> {
    const rows = (await this.db.run((em) =>
      em.query(`SELECT designator FROM seats WHERE flight_id = ? AND ${seatTaken()}`, [
        flightId,
        timeParam(this.db.kind, now),
      ]),
    )) as { designator: string }[];
    return rows.map((r) => r.designator);
  }

  /**
   * Designators of seats in a cabin that can be claimed now. Plain SQL (see ./sql): read by every hold that picks
   * seats.
   */
  async takeable(flightId: number, cabin: string, now: Date): Promise<string[]> {
    const rows = (await this.db.run((em) =>
      em.query(`SELECT designator FROM seats WHERE flight_id = ? AND cabin = ? AND ${seatTakeable()}`, [
        flightId,
        cabin,
        timeParam(this.db.kind, now),
      ]),
    )) as { designator: string }[];
    return rows.map((r) => r.designator);
  }

  /**
   * Taken (booked, or held and unexpired) seats per flight and cabin. Plain SQL (see ./sql): read on every search and
   * hold.
   */
  async takenCounts(flightIds: number[], now: Date): Promise<Map<number, Map<string, number>>> {
    const out = new Map<number, Map<string, number>>();
    if (flightIds.length === 0) return out;
    const rows = await this.db.run(
      (em) =>
        em.query(
          `SELECT flight_id AS flightId, cabin, COUNT(*) AS taken FROM seats
            WHERE flight_id IN (${placeholders(flightIds.length)}) AND ${seatTaken()}
            GROUP BY flight_id, cabin`,
          [...flightIds, timeParam(this.db.kind, now)],
        ) as Promise<{ flightId: number | string; cabin: string; taken: number | string }[]>,
    );
    for (const r of rows) {
      const id = Number(r.flightId);
      let cabins = out.get(id);
      if (!cabins) out.set(id, (cabins = new Map()));
      cabins.set(r.cabin, Number(r.taken));
    }
    return out;
  }

  /**
   * Atomically claims one seat if it is takeable now. True when this caller won it. Plain SQL (see
   * ./sql): one per seat of every hold. What it sets is SEAT_CLAIM (./hold-rows), as grouped holds set it.
   */
  async claim(flightId: number, designator: string, claim: SeatClaim, now: Date): Promise<boolean> {
    const kind = this.db.kind;
    const set = setColumns(SEAT_CLAIM, claim, kind);
    // SQLite reports the rows an UPDATE changed only through RETURNING (TypeORM's em.query gives the last insert id).
    const sql =
      `UPDATE ${SEAT_CLAIM.table} SET ${set.sql} WHERE flight_id = ? AND designator = ? AND ${seatTakeable()}` +
      `${kind === 'sqlite' ? ' RETURNING id' : ''}`;
    const result: unknown = await this.db.run((em) =>
      em.query(sql, [...set.params, flightId, designator, timeParam(kind, now)]),
    );
    return affectedRows(result) === 1;
  }

  /** Frees seats a booking holds or owns (all of them, or only the given seat ids). */
  async release(bookingId: number, seatIds?: number[]): Promise<number> {
    const r = await this.db.run((em) => {
      const q = em
        .createQueryBuilder()
        .update(SeatEntity)
        .set({ state: 'free', bookingId: null, passengerId: null, holdExpiresAt: null })
        .where('booking_id = :bookingId', { bookingId });
      if (seatIds) q.andWhere('id IN (:...seatIds)', { seatIds: seatIds.length ? seatIds : [-1] });
      return q.execute();
    });
    return r.affected ?? 0;
  }

  /**
   * Turns one seat a booking holds for a passenger (a seat change waiting for its payment) into a booked seat, even
   * after its hold ended as long as nobody else took it. True when it did.
   */
  async bookHeldSeat(bookingId: number, passengerId: number, flightId: number, designator: string): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(SeatEntity)
        .set({ state: 'booked', holdExpiresAt: null })
        .where(
          'flight_id = :flightId AND designator = :designator AND booking_id = :bookingId AND ' +
            "passenger_id = :passengerId AND state = 'held'",
          { flightId, designator, bookingId, passengerId },
        )
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Frees the seats a booking holds (not those it has booked) among the given flight and designator pairs. */
  async releaseHeld(bookingId: number, seats: { flightId: number; designator: string }[]): Promise<void> {
    for (const s of seats)
      await this.db.run((em) =>
        em
          .createQueryBuilder()
          .update(SeatEntity)
          .set({ state: 'free', bookingId: null, passengerId: null, holdExpiresAt: null })
          .where("flight_id = :flightId AND designator = :designator AND booking_id = :bookingId AND state = 'held'", {
            flightId: s.flightId,
            designator: s.designator,
            bookingId,
          })
          .execute(),
      );
  }

  /** Moves a booking's held seats to a new expiry or to booked (on payment). Returns rows changed. */
  async setStateForBooking(
    bookingId: number,
    state: Extract<SeatState, 'held' | 'booked'>,
    holdExpiresAt: Date | null,
  ): Promise<number> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(SeatEntity)
        .set({ state, holdExpiresAt })
        .where("booking_id = :bookingId AND state = 'held'", { bookingId })
        .execute(),
    );
    return r.affected ?? 0;
  }

  /** Undoes `setStateForBooking(…, 'booked')` when not every seat could be kept: back to an (expired) hold. */
  async revertBooked(bookingId: number, holdExpiresAt: Date | null): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(SeatEntity)
        .set({ state: 'held', holdExpiresAt })
        .where("booking_id = :bookingId AND state = 'booked'", { bookingId })
        .execute(),
    );
  }
}
