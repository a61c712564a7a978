import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import type { SpecialRequestKind, SsrCode } from '../domain/special-requests';
import { placeholders, timeParam } from './sql';

/** A special request as stored: passenger and flight ids (not indexes). */
export interface SpecialRequestRow {
  id: number;
  bookingId: number;
  passengerId: number;
  flightId: number;
  kind: SpecialRequestKind;
  code: SsrCode;
}

const COLUMNS = 'id, booking_id AS bookingId, passenger_id AS passengerId, flight_id AS flightId, kind, code';

/** Special requests, and the pets in the cabin of a flight. Plain SQL, the same on both databases. */
export class SpecialRequestRepository {
  constructor(private readonly db: Db) {}

  async forBooking(bookingId: number): Promise<SpecialRequestRow[]> {
    const rows = await this.db.run(
      (em) =>
        em.query(`SELECT ${COLUMNS} FROM special_requests WHERE booking_id = ? ORDER BY id`, [bookingId]) as Promise<
          SpecialRequestRow[]
        >,
    );
    return rows.map((r) => ({
      ...r,
      id: Number(r.id),
      bookingId: Number(r.bookingId),
      passengerId: Number(r.passengerId),
      flightId: Number(r.flightId),
    }));
  }

  /** Inserts a request; false when the passenger already has one of that kind on the flight. */
  async insert(row: Omit<SpecialRequestRow, 'id'>): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.query(
          'INSERT INTO special_requests (booking_id, passenger_id, flight_id, kind, code) VALUES (?, ?, ?, ?, ?)',
          [row.bookingId, row.passengerId, row.flightId, row.kind, row.code],
        ),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async delete(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db.run((em) => em.query(`DELETE FROM special_requests WHERE id IN (${placeholders(ids.length)})`, ids));
  }

  /**
   * Locks the flight's row until the enclosing transaction ends, so pets on it are counted and added by one
   * booking at a time (MySQL row lock; on SQLite every transaction already runs alone).
   */
  async lockFlight(flightId: number): Promise<void> {
    if (this.db.kind !== 'mysql') return;
    await this.db.run((em) => em.query('SELECT id FROM flights WHERE id = ? FOR UPDATE', [flightId]));
  }

  /** Pets in the cabin of a flight on bookings that still count: paid, or held with a hold that has not ended. */
  async petsOn(flightId: number, now: Date): Promise<number> {
    const rows = await this.db.run(
      (em) =>
        em.query(
          'SELECT COUNT(*) AS pets FROM special_requests r JOIN bookings b ON b.id = r.booking_id ' +
            "WHERE r.flight_id = ? AND r.kind = 'pet' AND (b.status = 'confirmed' OR " +
            "(b.status = 'held' AND b.hold_expires_at > ?))",
          [flightId, timeParam(this.db.kind, now)],
        ) as Promise<{ pets: number | string }[]>,
    );
    return Number(rows[0]?.pets ?? 0);
  }

  /** Marks a passenger as needing special assistance (the seat safety rules keep them out of exit rows). */
  async markSpecialAssistance(passengerId: number): Promise<void> {
    await this.db.run((em) => em.query('UPDATE passengers SET special_assistance = 1 WHERE id = ?', [passengerId]));
  }
}
