import type { Db } from '../db/db';
import { DomainEventEntity, MailOutboxEntity } from '../db/entities';

export interface OutboxQueue {
  outbox: 'mail' | 'events';
  pending: number;
  oldestCreatedAt: Date | null;
}

/** How much is waiting in the durable outboxes (for /metrics): mail to send, domain events to dispatch. */
export class OutboxStatsRepository {
  constructor(private readonly db: Db) {}

  async queues(): Promise<OutboxQueue[]> {
    return this.db.run(async (em) => {
      const mail = em
        .getRepository(MailOutboxEntity)
        .createQueryBuilder('m')
        .where("m.status IN ('pending', 'sending')");
      const events = em.getRepository(DomainEventEntity).createQueryBuilder('e').where('e.dispatchedAt IS NULL');
      const [mailCount, mailOldest, eventCount, eventOldest] = [
        await mail.getCount(),
        await mail.clone().select(['m.id', 'm.createdAt']).orderBy('m.id', 'ASC').getOne(),
        await events.getCount(),
        await events.clone().select(['e.id', 'e.createdAt']).orderBy('e.id', 'ASC').getOne(),
      ];
      return [
        { outbox: 'mail', pending: mailCount, oldestCreatedAt: mailOldest?.createdAt ?? null },
        { outbox: 'events', pending: eventCount, oldestCreatedAt: eventOldest?.createdAt ?? null },
      ];
    });
  }
}
