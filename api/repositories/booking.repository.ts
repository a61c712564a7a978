import type { Db } from '../db/db';
import { BookingEntity, BookingSegmentEntity, PassengerEntity } from '../db/entities';
import type { BookingRow, BookingSegmentRow, PassengerRow } from '../domain/records';
import type { BookingStatus } from '../domain/types';
import { BOOKING_INSERT, PASSENGER_INSERT, SEGMENT_INSERT } from './hold-rows';
import { insertedId, insertRows } from './sql';

export type NewBooking = Omit<BookingRow, 'id' | 'createdAt' | 'updatedAt' | 'version' | 'confirmedAt' | 'cancelledAt'>;

export interface BookingAggregate {
  booking: BookingRow;
  segments: BookingSegmentRow[];
  passengers: PassengerRow[];
}

export interface BookingSearch {
  status?: BookingStatus;
  pnr?: string;
  lastName?: string;
  email?: string;
  flightId?: number;
  userId?: number;
  offset: number;
  limit: number;
}

/** A booking row as just inserted at `at` (version 1, never confirmed or cancelled), as a re-read would give it. */
export function heldBookingRow(id: number, row: NewBooking, at: Date): BookingRow {
  // Key order as the entity (and so a re-read) has it.
  return {
    id,
    pnr: row.pnr,
    userId: row.userId,
    status: row.status,
    holdExpiresAt: row.holdExpiresAt,
    currency: row.currency,
    totalAmount: row.totalAmount,
    breakdown: row.breakdown,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    channel: row.channel,
    version: 1,
    createdAt: new Date(at.getTime()),
    updatedAt: new Date(at.getTime()),
    confirmedAt: null,
    cancelledAt: null,
  };
}

/** Bookings with their segments and passengers. */
export class BookingRepository {
  constructor(private readonly db: Db) {}

  /**
   * Inserts a booking created at `at` (the service's clock) and returns it without reading it back
   * (PNR collisions surface as unique violations). Plain SQL (see ./sql): every seat hold starts here.
   */
  async insert(row: NewBooking, at: Date): Promise<BookingRow> {
    const insert = insertRows(BOOKING_INSERT, [{ booking: row, at }], this.db.kind);
    const result: unknown = await this.db.run((em) => em.query(insert.sql, insert.params));
    return heldBookingRow(insertedId(result), row, at);
  }

  /** Plain SQL (see ./sql), one statement for all rows. */
  async insertSegments(rows: Omit<BookingSegmentRow, 'id'>[]): Promise<void> {
    if (rows.length === 0) return;
    const insert = insertRows(SEGMENT_INSERT, rows, this.db.kind);
    await this.db.run((em) => em.query(insert.sql, insert.params));
  }

  /**
   * Inserts a booking's passengers in one statement (plain SQL, see ./sql) and returns their ids in
   * the same order. With several rows the ids are read back by position rather than worked out from
   * the first insert id: that arithmetic only holds with consecutive auto-increments (not with
   * auto_increment_increment > 1, e.g. in clusters).
   */
  async insertPassengers(rows: Omit<PassengerRow, 'id'>[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const insert = insertRows(PASSENGER_INSERT, rows, this.db.kind);
    return this.db.run(async (em) => {
      const result: unknown = await em.query(insert.sql, insert.params);
      if (rows.length === 1) return [insertedId(result)];
      const bookingId = rows[0]!.bookingId;
      const saved = (await em.query('SELECT id, position FROM passengers WHERE booking_id = ? ORDER BY position', [
        bookingId,
      ])) as { id: number | string; position: number | string }[];
      const byPosition = new Map(saved.map((p) => [Number(p.position), Number(p.id)]));
      return rows.map((row) => {
        const id = byPosition.get(row.position);
        if (id === undefined) throw new Error(`Passenger ${row.position} of booking ${bookingId} was not saved`);
        return id;
      });
    });
  }

  findByPnr(pnr: string): Promise<BookingAggregate | null> {
    return this.load({ pnr });
  }

  findById(id: number): Promise<BookingAggregate | null> {
    return this.load({ id });
  }

  /** The booking row alone (one read). */
  findBookingByPnr(pnr: string): Promise<BookingRow | null> {
    return this.db.run((em) => em.getRepository(BookingEntity).findOneBy({ pnr }));
  }

  passengersOf(bookingId: number): Promise<PassengerRow[]> {
    return this.db.run((em) =>
      em.getRepository(PassengerEntity).find({ where: { bookingId }, order: { position: 'ASC' } }),
    );
  }

  private async load(where: { pnr: string } | { id: number }): Promise<BookingAggregate | null> {
    return this.db.run(async (em) => {
      const booking = await em.getRepository(BookingEntity).findOneBy(where);
      if (!booking) return null;
      const [segments, passengers] = await Promise.all([
        em.getRepository(BookingSegmentEntity).find({ where: { bookingId: booking.id }, order: { position: 'ASC' } }),
        em.getRepository(PassengerEntity).find({ where: { bookingId: booking.id }, order: { position: 'ASC' } }),
      ]);
      return { booking, segments, passengers };
    });
  }

  async loadMany(bookings: BookingRow[]): Promise<BookingAggregate[]> {
    if (bookings.length === 0) return [];
    const ids = bookings.map((b) => b.id);
    const [segments, passengers] = await this.db.run((em) =>
      Promise.all([
        em
          .getRepository(BookingSegmentEntity)
          .createQueryBuilder('s')
          .where('s.bookingId IN (:...ids)', { ids })
          .orderBy('s.position')
          .getMany(),
        em
          .getRepository(PassengerEntity)
          .createQueryBuilder('p')
          .where('p.bookingId IN (:...ids)', { ids })
          .orderBy('p.position')
          .getMany(),
      ]),
    );
    return bookings.map((booking) => ({
      booking,
      segments: segments.filter((s) => s.bookingId === booking.id),
      passengers: passengers.filter((p) => p.bookingId === booking.id),
    }));
  }

  listByUser(userId: number): Promise<BookingRow[]> {
    return this.db.run((em) =>
      em.getRepository(BookingEntity).find({ where: { userId }, order: { createdAt: 'DESC' }, take: 100 }),
    );
  }

  search(q: BookingSearch): Promise<[BookingRow[], number]> {
    return this.db.run((em) => {
      const qb = em.getRepository(BookingEntity).createQueryBuilder('b');
      qb.where('1 = 1');
      if (q.status) qb.andWhere('b.status = :status', { status: q.status });
      if (q.pnr) qb.andWhere('b.pnr = :pnr', { pnr: q.pnr });
      if (q.email) qb.andWhere('LOWER(b.contactEmail) = :email', { email: q.email.toLowerCase() });
      if (q.userId) qb.andWhere('b.userId = :userId', { userId: q.userId });
      if (q.lastName)
        qb.andWhere('b.id IN (SELECT p.booking_id FROM passengers p WHERE LOWER(p.last_name) = :ln)', {
          ln: q.lastName.toLowerCase(),
        });
      if (q.flightId)
        qb.andWhere('b.id IN (SELECT s.booking_id FROM booking_segments s WHERE s.flight_id = :fid)', {
          fid: q.flightId,
        });
      return qb
        .orderBy('b.createdAt', 'DESC')
        .addOrderBy('b.id', 'DESC')
        .skip(q.offset)
        .take(q.limit)
        .getManyAndCount();
    });
  }

  /**
   * Moves a booking from one status to another only if it is still in `from` (and, when given, at
   * `version`): the atomic guard against two cancellations, or a payment and an expiry, racing.
   */
  async transition(
    id: number,
    from: BookingStatus[],
    to: BookingStatus,
    extra: Partial<BookingRow> = {},
    version?: number,
  ): Promise<boolean> {
    const r = await this.db.run((em) => {
      const q = em
        .createQueryBuilder()
        .update(BookingEntity)
        .set({ ...extra, status: to, version: () => 'version + 1' })
        .where('id = :id AND status IN (:...from)', { id, from });
      if (version !== undefined) q.andWhere('version = :version', { version });
      return q.execute();
    });
    return (r.affected ?? 0) === 1;
  }

  async update(id: number, patch: Partial<BookingRow>): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(BookingEntity)
        .set({ ...patch, version: () => 'version + 1' })
        .where('id = :id', { id })
        .execute(),
    );
  }

  /** Held bookings whose hold ran out before `now`, oldest first. */
  expiredHolds(now: Date, limit: number): Promise<BookingRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(BookingEntity)
        .createQueryBuilder('b')
        .where("b.status = 'held' AND b.holdExpiresAt <= :now", { now })
        .orderBy('b.holdExpiresAt', 'ASC')
        .take(limit)
        .getMany(),
    );
  }

  async updatePassenger(id: number, patch: Partial<PassengerRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(PassengerEntity).update({ id }, patch));
  }
}
