import type { Db } from '../db/db';
import { DomainEventEntity, EventDeliveryEntity, MailOutboxEntity } from '../db/entities';

export interface OutboxQueue {
  outbox: 'mail' | 'events';
  pending: number;
  oldestCreatedAt: Date | null;
}

/**
 * How much is waiting in the durable outboxes (for /metrics): mail to send, and domain events to deliver
 * (events not yet fanned out plus subscribers' deliveries still pending; dead letters are not waiting).
 */
export class OutboxStatsRepository {
  constructor(private readonly db: Db) {}

  async queues(): Promise<OutboxQueue[]> {
    return this.db.run(async (em) => {
      const mail = em
        .getRepository(MailOutboxEntity)
        .createQueryBuilder('m')
        .where("m.status IN ('pending', 'sending')");
      const events = em.getRepository(DomainEventEntity).createQueryBuilder('e').where('e.dispatchedAt IS NULL');
      const deliveries = em.getRepository(EventDeliveryEntity).createQueryBuilder('d').where("d.status = 'pending'");
      const [mailCount, mailOldest, eventCount, eventOldest, deliveryCount, deliveryOldest] = [
        await mail.getCount(),
        await mail.clone().select(['m.id', 'm.createdAt']).orderBy('m.id', 'ASC').getOne(),
        await events.getCount(),
        await events.clone().select(['e.id', 'e.createdAt']).orderBy('e.id', 'ASC').getOne(),
        await deliveries.getCount(),
        await deliveries.clone().select(['d.id', 'd.createdAt']).orderBy('d.id', 'ASC').getOne(),
      ];
      const eventTimes = [eventOldest?.createdAt, deliveryOldest?.createdAt].filter((d): d is Date => !!d);
      const oldestEvent = eventTimes.length ? new Date(Math.min(...eventTimes.map((d) => d.getTime()))) : null;
      return [
        { outbox: 'mail', pending: mailCount, oldestCreatedAt: mailOldest?.createdAt ?? null },
        { outbox: 'events', pending: eventCount + deliveryCount, oldestCreatedAt: oldestEvent },
      ];
    });
  }
}
