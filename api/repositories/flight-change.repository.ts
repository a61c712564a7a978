import type { Db } from '../db/db';
import { BookingSegmentEntity, VoidedTicketEntity } from '../db/entities';
import type { VoidedTicketRow } from '../domain/records';

/** What a flight change writes besides seats and the booking: the segments it drops and the tickets it voids. */
export class FlightChangeRepository {
  constructor(private readonly db: Db) {}

  /** Removes a booking's segments on the given flights (the new ones are inserted by BookingRepository). */
  async deleteSegments(bookingId: number, flightIds: number[]): Promise<void> {
    if (flightIds.length === 0) return;
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .delete()
        .from(BookingSegmentEntity)
        .where('booking_id = :bookingId AND flight_id IN (:...flightIds)', { bookingId, flightIds })
        .execute(),
    );
  }

  /** Moves a kept segment to its position after the change. */
  async moveSegment(bookingId: number, flightId: number, position: number): Promise<void> {
    await this.db.run((em) => em.getRepository(BookingSegmentEntity).update({ bookingId, flightId }, { position }));
  }

  async voidTickets(rows: Omit<VoidedTicketRow, 'id'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.run((em) => em.createQueryBuilder().insert().into(VoidedTicketEntity).values(rows).execute());
  }

  voidedFor(bookingId: number): Promise<VoidedTicketRow[]> {
    return this.db.run((em) =>
      em.getRepository(VoidedTicketEntity).find({ where: { bookingId }, order: { id: 'ASC' } }),
    );
  }
}
