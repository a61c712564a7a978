import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import type { CheckInRow } from '../domain/records';
import { timeParam, timeValue } from './sql';

/** A reminder that is due: which booking, which flight (0 for a hold), and where to mail it. */
export interface DueReminder {
  bookingId: number;
  pnr: string;
  flightId: number;
  contactEmail: string;
  /** When the hold ends (hold reminders) or the flight departs (check-in reminders). */
  at: Date;
}

export type ReminderKind = 'checkin' | 'hold';

interface RawCheckIn {
  id: number;
  bookingId: number;
  passengerId: number;
  flightId: number;
  sequence: number;
  documentLast4: string;
  nationality: string;
  documentExpiry: string;
  checkedInAt: Date | string;
}

interface RawDue {
  bookingId: number;
  pnr: string;
  flightId: number;
  contactEmail: string;
  at: Date | string;
}

const CHECK_IN_COLUMNS =
  'id, booking_id AS bookingId, passenger_id AS passengerId, flight_id AS flightId, sequence, ' +
  'document_last4 AS documentLast4, nationality, document_expiry AS documentExpiry, checked_in_at AS checkedInAt';

/** Check-ins (passenger × flight) and the once-only reminder claims. Plain SQL, the same on both databases. */
export class CheckInRepository {
  constructor(private readonly db: Db) {}

  async forBooking(bookingId: number): Promise<CheckInRow[]> {
    const rows = await this.db.run(
      (em) =>
        em.query(`SELECT ${CHECK_IN_COLUMNS} FROM check_ins WHERE booking_id = ? ORDER BY id`, [bookingId]) as Promise<
          RawCheckIn[]
        >,
    );
    return rows.map((r) => ({
      ...r,
      sequence: Number(r.sequence),
      checkedInAt: timeValue(r.checkedInAt),
    }));
  }

  /** The next check-in sequence number of a flight (1, 2, …); the unique key refuses a duplicate. */
  async nextSequence(flightId: number): Promise<number> {
    const rows = await this.db.run(
      (em) =>
        em.query('SELECT COALESCE(MAX(sequence), 0) AS top FROM check_ins WHERE flight_id = ?', [flightId]) as Promise<
          { top: number | string }[]
        >,
    );
    return Number(rows[0]?.top ?? 0) + 1;
  }

  /** Inserts a check-in; false when the passenger is already checked in on that flight or the sequence is taken. */
  async insert(row: Omit<CheckInRow, 'id'>): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.query(
          'INSERT INTO check_ins (booking_id, passenger_id, flight_id, sequence, document_last4, nationality, ' +
            'document_expiry, checked_in_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
          [
            row.bookingId,
            row.passengerId,
            row.flightId,
            row.sequence,
            row.documentLast4,
            row.nationality,
            row.documentExpiry,
            timeParam(this.db.kind, row.checkedInAt),
          ],
        ),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /**
   * Claims a reminder: true for the one caller (of any instance) whose insert lands first, false for
   * everybody after. Called in the transaction that sends it, so a failed send gives the claim back.
   */
  async claimReminder(kind: ReminderKind, bookingId: number, flightId: number): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.query('INSERT INTO reminders (kind, booking_id, flight_id) VALUES (?, ?, ?)', [kind, bookingId, flightId]),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Confirmed bookings on flights departing in (from, to] without a check-in reminder yet. */
  dueCheckInReminders(from: Date, to: Date, limit: number): Promise<DueReminder[]> {
    return this.dueReminders(
      'SELECT b.id AS bookingId, b.pnr, s.flight_id AS flightId, b.contact_email AS contactEmail, ' +
        'f.departure_at AS at FROM flights f ' +
        'JOIN booking_segments s ON s.flight_id = f.id JOIN bookings b ON b.id = s.booking_id ' +
        "LEFT JOIN reminders r ON r.kind = 'checkin' AND r.booking_id = b.id AND r.flight_id = f.id " +
        "WHERE f.departure_at > ? AND f.departure_at <= ? AND f.status <> 'cancelled' " +
        "AND b.status = 'confirmed' AND r.id IS NULL ORDER BY f.departure_at LIMIT ?",
      from,
      to,
      limit,
    );
  }

  /** Held bookings whose hold ends in (from, to] without a hold reminder yet. */
  dueHoldReminders(from: Date, to: Date, limit: number): Promise<DueReminder[]> {
    return this.dueReminders(
      'SELECT b.id AS bookingId, b.pnr, 0 AS flightId, b.contact_email AS contactEmail, ' +
        'b.hold_expires_at AS at FROM bookings b ' +
        "LEFT JOIN reminders r ON r.kind = 'hold' AND r.booking_id = b.id AND r.flight_id = 0 " +
        "WHERE b.status = 'held' AND b.hold_expires_at > ? AND b.hold_expires_at <= ? AND r.id IS NULL " +
        'ORDER BY b.hold_expires_at LIMIT ?',
      from,
      to,
      limit,
    );
  }

  /** Runs a due-reminder query whose parameters are the window (from, to] and a limit. */
  private async dueReminders(sql: string, from: Date, to: Date, limit: number): Promise<DueReminder[]> {
    const k = this.db.kind;
    const rows = await this.db.run(
      (em) => em.query(sql, [timeParam(k, from), timeParam(k, to), limit]) as Promise<RawDue[]>,
    );
    return rows.map((r) => ({
      ...r,
      bookingId: Number(r.bookingId),
      flightId: Number(r.flightId),
      at: timeValue(r.at),
    }));
  }
}
