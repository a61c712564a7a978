import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import type {
  DisruptionBookingRow,
  DisruptionKind,
  DisruptionOutcome,
  DisruptionRow,
  DisruptionStatus,
  StoredOffer,
} from '../domain/disruption';
import { affectedRows, insertedId, placeholders, timeParam, timeValue } from './sql';

export type NewDisruption = Omit<DisruptionRow, 'id' | 'doneAt' | 'createdAt'>;
export type NewDisruptionBooking = Omit<DisruptionBookingRow, 'id' | 'choice' | 'chosenAt' | 'outcome'>;

/** A live booking on a disrupted flight not told yet. */
export interface UntoldBooking {
  bookingId: number;
  pnr: string;
}

type Raw = Record<string, unknown>;
const time = (v: unknown) => timeValue(v as Date | string);
const timeOrNull = (v: unknown) => (v === null || v === undefined ? null : time(v));

const DISRUPTION_COLUMNS =
  'id, flight_id AS flightId, kind, reason, old_departure_at AS oldDepartureAt, old_arrival_at AS oldArrivalAt, ' +
  'new_departure_at AS newDepartureAt, delay_minutes AS delayMinutes, with_offers AS withOffers, affected, ' +
  'created_by AS createdBy, done_at AS doneAt, created_at AS createdAt';
const BOOKING_COLUMNS =
  'id, disruption_id AS disruptionId, booking_id AS bookingId, pnr, status, offers, expires_at AS expiresAt, ' +
  'choice, chosen_at AS chosenAt, outcome, notified_at AS notifiedAt';

function disruptionRow(r: Raw): DisruptionRow {
  return {
    id: Number(r.id),
    flightId: Number(r.flightId),
    kind: r.kind as DisruptionKind,
    reason: String(r.reason),
    oldDepartureAt: time(r.oldDepartureAt),
    oldArrivalAt: time(r.oldArrivalAt),
    newDepartureAt: timeOrNull(r.newDepartureAt),
    delayMinutes: r.delayMinutes === null ? null : Number(r.delayMinutes),
    withOffers: Boolean(Number(r.withOffers)),
    affected: Number(r.affected),
    createdBy: r.createdBy === null ? null : Number(r.createdBy),
    doneAt: timeOrNull(r.doneAt),
    createdAt: time(r.createdAt),
  };
}

function bookingRow(r: Raw): DisruptionBookingRow {
  return {
    id: Number(r.id),
    disruptionId: Number(r.disruptionId),
    bookingId: Number(r.bookingId),
    pnr: String(r.pnr),
    status: r.status as DisruptionStatus,
    offers: JSON.parse(String(r.offers)) as StoredOffer[],
    expiresAt: timeOrNull(r.expiresAt),
    choice: (r.choice as string | null) ?? null,
    chosenAt: timeOrNull(r.chosenAt),
    outcome: r.outcome ? (JSON.parse(String(r.outcome)) as DisruptionOutcome) : null,
    notifiedAt: time(r.notifiedAt),
  };
}

/** Disruptions and each booking's part in them. Plain SQL, the same on both databases. */
export class DisruptionRepository {
  constructor(private readonly db: Db) {}

  private query(sql: string, params: unknown[]): Promise<Raw[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<Raw[]>);
  }

  private t(d: Date): Date | string {
    return timeParam(this.db.kind, d);
  }

  async insert(d: NewDisruption): Promise<number> {
    const result: unknown = await this.db.run((em) =>
      em.query(
        'INSERT INTO disruptions (flight_id, kind, reason, old_departure_at, old_arrival_at, new_departure_at, ' +
          'delay_minutes, with_offers, affected, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          d.flightId,
          d.kind,
          d.reason.slice(0, 255),
          this.t(d.oldDepartureAt),
          this.t(d.oldArrivalAt),
          d.newDepartureAt ? this.t(d.newDepartureAt) : null,
          d.delayMinutes,
          d.withOffers ? 1 : 0,
          d.affected,
          d.createdBy,
        ],
      ),
    );
    return insertedId(result);
  }

  async find(id: number): Promise<DisruptionRow | null> {
    const rows = await this.query(`SELECT ${DISRUPTION_COLUMNS} FROM disruptions WHERE id = ?`, [id]);
    return rows[0] ? disruptionRow(rows[0]) : null;
  }

  async findMany(ids: number[]): Promise<DisruptionRow[]> {
    if (ids.length === 0) return [];
    const sql = `SELECT ${DISRUPTION_COLUMNS} FROM disruptions WHERE id IN (${placeholders(ids.length)})`;
    return (await this.query(sql, ids)).map(disruptionRow);
  }

  /** Disruptions whose bookings are not all told yet, oldest first. */
  async pending(limit: number): Promise<DisruptionRow[]> {
    const sql = `SELECT ${DISRUPTION_COLUMNS} FROM disruptions WHERE done_at IS NULL ORDER BY id LIMIT ?`;
    return (await this.query(sql, [limit])).map(disruptionRow);
  }

  async recent(limit: number): Promise<DisruptionRow[]> {
    const sql = `SELECT ${DISRUPTION_COLUMNS} FROM disruptions ORDER BY id DESC LIMIT ?`;
    return (await this.query(sql, [limit])).map(disruptionRow);
  }

  async markDone(id: number, at: Date): Promise<void> {
    // Every instance's notifier may finish the same disruption: on a cluster the loser's 1213 runs again.
    await this.db.runRetrying((em) =>
      em.query('UPDATE disruptions SET done_at = ? WHERE id = ? AND done_at IS NULL', [this.t(at), id]),
    );
  }

  /** Held or paid bookings on the flight without a row for this disruption yet, oldest first. */
  async untold(disruptionId: number, flightId: number, limit: number): Promise<UntoldBooking[]> {
    const rows = await this.query(
      'SELECT DISTINCT b.id AS bookingId, b.pnr FROM booking_segments s JOIN bookings b ON b.id = s.booking_id ' +
        'LEFT JOIN disruption_bookings d ON d.disruption_id = ? AND d.booking_id = b.id ' +
        "WHERE s.flight_id = ? AND b.status IN ('held', 'confirmed') AND d.id IS NULL ORDER BY b.id LIMIT ?",
      [disruptionId, flightId, limit],
    );
    return rows.map((r) => ({ bookingId: Number(r.bookingId), pnr: String(r.pnr) }));
  }

  /** Live bookings on a flight now (what a disruption affects). */
  async liveOn(flightId: number): Promise<string[]> {
    const rows = await this.query(
      'SELECT DISTINCT b.pnr FROM booking_segments s JOIN bookings b ON b.id = s.booking_id ' +
        "WHERE s.flight_id = ? AND b.status IN ('held', 'confirmed') ORDER BY b.pnr",
      [flightId],
    );
    return rows.map((r) => String(r.pnr));
  }

  /**
   * Claims telling a booking about a disruption: true for the one caller (of any instance) whose insert lands
   * first. Called first in the transaction that holds the offered seats and tells, so a failure gives it back.
   */
  async claim(row: NewDisruptionBooking): Promise<number | null> {
    try {
      const result: unknown = await this.db.run((em) =>
        em.query(
          'INSERT INTO disruption_bookings (disruption_id, booking_id, pnr, status, offers, expires_at, notified_at) ' +
            'VALUES (?, ?, ?, ?, ?, ?, ?)',
          [
            row.disruptionId,
            row.bookingId,
            row.pnr,
            row.status,
            JSON.stringify(row.offers),
            row.expiresAt ? this.t(row.expiresAt) : null,
            this.t(row.notifiedAt),
          ],
        ),
      );
      return insertedId(result);
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  /** Fills in the offers of a claimed row (made after the claim, under it). */
  async setOffers(id: number, offers: StoredOffer[], expiresAt: Date | null): Promise<void> {
    await this.query('UPDATE disruption_bookings SET offers = ?, expires_at = ? WHERE id = ?', [
      JSON.stringify(offers),
      expiresAt ? this.t(expiresAt) : null,
      id,
    ]);
  }

  /** The booking's latest disruption row. */
  async latestFor(bookingId: number): Promise<DisruptionBookingRow | null> {
    const rows = await this.query(
      `SELECT ${BOOKING_COLUMNS} FROM disruption_bookings WHERE booking_id = ? ORDER BY id DESC LIMIT 1`,
      [bookingId],
    );
    return rows[0] ? bookingRow(rows[0]) : null;
  }

  /** Rows of the booking still waiting for an answer, other than `exceptId`. */
  async openFor(bookingId: number, exceptId: number): Promise<DisruptionBookingRow[]> {
    const rows = await this.query(
      `SELECT ${BOOKING_COLUMNS} FROM disruption_bookings WHERE booking_id = ? AND status = 'open' AND id <> ?`,
      [bookingId, exceptId],
    );
    return rows.map(bookingRow);
  }

  /** Latest open rows of a user's bookings. */
  async openForUser(userId: number): Promise<DisruptionBookingRow[]> {
    const rows = await this.query(
      `SELECT ${BOOKING_COLUMNS.replace(/(^|, )(?=[a-z])/g, '$1d.')} FROM disruption_bookings d ` +
        "JOIN bookings b ON b.id = d.booking_id WHERE b.user_id = ? AND d.status = 'open' ORDER BY d.id DESC",
      [userId],
    );
    return rows.map(bookingRow);
  }

  forDisruption(disruptionId: number): Promise<DisruptionBookingRow[]> {
    return this.query(`SELECT ${BOOKING_COLUMNS} FROM disruption_bookings WHERE disruption_id = ? ORDER BY pnr`, [
      disruptionId,
    ]).then((rows) => rows.map(bookingRow));
  }

  /** Per disruption: bookings told, and those still open. */
  async counts(ids: number[]): Promise<Map<number, { told: number; open: number }>> {
    const out = new Map<number, { told: number; open: number }>();
    if (ids.length === 0) return out;
    const rows = await this.query(
      "SELECT disruption_id AS id, COUNT(*) AS told, SUM(CASE WHEN status = 'open' THEN 1 ELSE 0 END) AS open " +
        `FROM disruption_bookings WHERE disruption_id IN (${placeholders(ids.length)}) GROUP BY disruption_id`,
      ids,
    );
    for (const r of rows) out.set(Number(r.id), { told: Number(r.told), open: Number(r.open ?? 0) });
    return out;
  }

  /**
   * Settles a row that is still open (or, for superseding, any unanswered one): the guard between two answers
   * racing. True when this caller settled it.
   */
  async settle(
    id: number,
    from: DisruptionStatus[],
    to: DisruptionStatus,
    choice: string | null,
    at: Date,
    outcome: DisruptionOutcome | null,
  ): Promise<boolean> {
    const returning = this.db.kind === 'sqlite' ? ' RETURNING id' : '';
    const result: unknown = await this.db.run((em) =>
      em.query(
        'UPDATE disruption_bookings SET status = ?, choice = ?, chosen_at = ?, outcome = ? ' +
          `WHERE id = ? AND status IN (${placeholders(from.length)})${returning}`,
        [to, choice, this.t(at), outcome ? JSON.stringify(outcome) : null, id, ...from],
      ),
    );
    return affectedRows(result) === 1;
  }

  async setOutcome(id: number, outcome: DisruptionOutcome): Promise<void> {
    await this.query('UPDATE disruption_bookings SET outcome = ? WHERE id = ?', [JSON.stringify(outcome), id]);
  }

  /** Each booking's passenger count (for the report). */
  async passengerCounts(bookingIds: number[]): Promise<Map<number, number>> {
    if (bookingIds.length === 0) return new Map();
    const rows = await this.query(
      'SELECT booking_id AS id, COUNT(*) AS n FROM passengers ' +
        `WHERE booking_id IN (${placeholders(bookingIds.length)}) GROUP BY booking_id`,
      bookingIds,
    );
    return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
  }

  /**
   * Puts a booking segment on replacement flights: the first takes the segment's place, further ones (a connection)
   * become segments right after it, in the same cabin, fare family and direction. Special requests on the old
   * flight follow to every new one.
   */
  async replaceSegmentFlight(
    segment: {
      id: number;
      bookingId: number;
      position: number;
      flightId: number;
      cabin: string;
      fareFamily: string;
      direction: string;
    },
    flightIds: number[],
  ): Promise<void> {
    const [first, ...more] = flightIds;
    await this.query('UPDATE booking_segments SET flight_id = ? WHERE id = ?', [first, segment.id]);
    if (more.length > 0)
      await this.query('UPDATE booking_segments SET position = position + ? WHERE booking_id = ? AND position > ?', [
        more.length,
        segment.bookingId,
        segment.position,
      ]);
    for (const [i, flightId] of more.entries())
      await this.query(
        'INSERT INTO booking_segments (booking_id, position, flight_id, cabin, fare_family, direction) ' +
          'VALUES (?, ?, ?, ?, ?, ?)',
        [segment.bookingId, segment.position + 1 + i, flightId, segment.cabin, segment.fareFamily, segment.direction],
      );
    for (const flightId of more)
      await this.query(
        'INSERT INTO special_requests (booking_id, passenger_id, flight_id, kind, code) ' +
          'SELECT booking_id, passenger_id, ?, kind, code FROM special_requests WHERE booking_id = ? AND flight_id = ?',
        [flightId, segment.bookingId, segment.flightId],
      );
    await this.query('UPDATE special_requests SET flight_id = ? WHERE booking_id = ? AND flight_id = ?', [
      first,
      segment.bookingId,
      segment.flightId,
    ]);
  }
}
