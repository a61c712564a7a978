import type { Db } from '../db/db';
import {
  BookingEntity,
  BookingSegmentEntity,
  CaseMessageEntity,
  DomainEventEntity,
  EventDeliveryEntity,
  MailOutboxEntity,
  PassengerEntity,
  SeatEntity,
} from '../db/entities';
import { affectedRows, timeParam } from './sql';

/**
 * Purges of the API's personal data past its retention (see README "Retention"). Bookings that were
 * paid, ticketed, cancelled or refunded, their payments and the audit log are never touched: they are
 * the legal record.
 */
export class RetentionRepository {
  constructor(private readonly db: Db) {}

  /** Messages of support cases resolved before `cutoff` (the case row stays, without its transcript). */
  async purgeSupportTranscripts(cutoff: Date): Promise<number> {
    return this.db.transaction(() =>
      this.db.run(async (em) => {
        const r = await em
          .createQueryBuilder()
          .delete()
          .from(CaseMessageEntity)
          .where('case_id IN (SELECT id FROM support_cases WHERE resolved_at IS NOT NULL AND resolved_at < :cutoff)', {
            cutoff,
          })
          .execute();
        return r.affected ?? 0;
      }),
    );
  }

  /**
   * Holds that expired unpaid before `cutoff`: the booking, its passengers (names, birth dates) and
   * segments. A booking with any payment row is kept whatever its status.
   */
  async purgeExpiredHolds(cutoff: Date, limit = 500): Promise<number> {
    return this.db.transaction(() =>
      this.db.run(async (em) => {
        const ids = (
          await em
            .getRepository(BookingEntity)
            .createQueryBuilder('b')
            .select('b.id', 'id')
            .where("b.status = 'expired' AND b.hold_expires_at < :cutoff", { cutoff })
            .andWhere('NOT EXISTS (SELECT 1 FROM payments p WHERE p.booking_id = b.id)')
            .orderBy('b.id')
            .limit(limit)
            .getRawMany<{ id: number }>()
        ).map((r) => Number(r.id));
        if (ids.length === 0) return 0;
        // Seats still pointing at the dead hold (none was taken since): plain free seats again.
        await em
          .createQueryBuilder()
          .update(SeatEntity)
          .set({ state: 'free', bookingId: null, passengerId: null, holdExpiresAt: null })
          .where("booking_id IN (:...ids) AND state = 'held'", { ids })
          .execute();
        await em
          .createQueryBuilder()
          .delete()
          .from(PassengerEntity)
          .where('booking_id IN (:...ids)', { ids })
          .execute();
        await em
          .createQueryBuilder()
          .delete()
          .from(BookingSegmentEntity)
          .where('booking_id IN (:...ids)', { ids })
          .execute();
        const r = await em
          .createQueryBuilder()
          .delete()
          .from(BookingEntity)
          .where('id IN (:...ids)', { ids })
          .execute();
        return r.affected ?? ids.length;
      }),
    );
  }

  /**
   * Help questions the chat noted before `cutoff`: an unanswered one keeps the traveller's own words (digits and
   * addresses dropped, names and other free text not), so they go the way of the conversation they came from.
   */
  async purgeHelpAsks(cutoff: Date): Promise<number> {
    const kind = this.db.kind;
    const result: unknown = await this.db.run((em) =>
      em.query(`DELETE FROM help_asks WHERE asked_at < ?${kind === 'sqlite' ? ' RETURNING id' : ''}`, [
        timeParam(kind, cutoff),
      ]),
    );
    return affectedRows(result);
  }

  /** Mail sent or given up on, and events dispatched, before `cutoff` (pending rows are never purged). */
  async purgeOutboxes(cutoff: Date): Promise<number> {
    return this.db.run(async (em) => {
      const mail = await em
        .createQueryBuilder()
        .delete()
        .from(MailOutboxEntity)
        .where("status IN ('sent', 'failed') AND created_at < :cutoff", { cutoff })
        .execute();
      const deliveries = await em
        .createQueryBuilder()
        .delete()
        .from(EventDeliveryEntity)
        .where("status IN ('delivered', 'dead') AND finished_at < :cutoff", { cutoff })
        .execute();
      // An event stays while a subscriber still has it to do.
      const events = await em
        .createQueryBuilder()
        .delete()
        .from(DomainEventEntity)
        .where('dispatched_at IS NOT NULL AND dispatched_at < :cutoff', { cutoff })
        .andWhere("id NOT IN (SELECT d.event_id FROM event_deliveries d WHERE d.status = 'pending')")
        .execute();
      return (mail.affected ?? 0) + (deliveries.affected ?? 0) + (events.affected ?? 0);
    });
  }
}
