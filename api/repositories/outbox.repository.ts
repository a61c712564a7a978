import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import { DomainEventEntity, type DomainEventRow, MailOutboxEntity } from '../db/entities';
import type { MailOutboxRow } from '../domain/records';

export type NewMail = Pick<
  MailOutboxRow,
  'dedupeKey' | 'kind' | 'toAddress' | 'subject' | 'bodyText' | 'bodyHtml' | 'attachments'
>;

/** The durable outboxes: mail to send and domain events to dispatch, both written inside business transactions. */
export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Enqueues a mail once per dedupe key; false when it was already enqueued. */
  async enqueueMail(mail: NewMail, now: Date): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em
          .createQueryBuilder()
          .insert()
          .into(MailOutboxEntity)
          .values({
            ...mail,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: now,
          } as QueryDeepPartialEntity<MailOutboxRow>)
          .execute(),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  dueMail(now: Date, limit: number): Promise<MailOutboxRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(MailOutboxEntity)
        .createQueryBuilder('m')
        .where("(m.status = 'pending' OR m.status = 'sending') AND m.nextAttemptAt <= :now", { now })
        .orderBy('m.id')
        .take(limit)
        .getMany(),
    );
  }

  /**
   * Claims a due mail for `leaseMs` (status sending, next attempt pushed out). Only one instance wins;
   * if it crashes mid-send, the lease runs out and the mail is tried again.
   */
  async claimMail(id: number, now: Date, leaseMs: number): Promise<boolean> {
    // Every instance claims the same due mail: on a cluster the loser's 1213 runs again and finds it claimed.
    const r = await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .update(MailOutboxEntity)
        .set({ status: 'sending', nextAttemptAt: new Date(now.getTime() + leaseMs), attempts: () => 'attempts + 1' })
        .where("id = :id AND status IN ('pending', 'sending') AND next_attempt_at <= :now", { id, now })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  async updateMail(id: number, patch: QueryDeepPartialEntity<MailOutboxRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(MailOutboxEntity).update({ id }, patch));
  }

  mailByKind(kind: string): Promise<MailOutboxRow[]> {
    return this.db.run((em) => em.getRepository(MailOutboxEntity).find({ where: { kind }, order: { id: 'ASC' } }));
  }

  allMail(): Promise<MailOutboxRow[]> {
    return this.db.run((em) => em.getRepository(MailOutboxEntity).find({ order: { id: 'ASC' } }));
  }

  async insertEvent(type: string, payload: Record<string, unknown>): Promise<number> {
    return this.db.run(async (em) =>
      Number(
        (
          await em
            .createQueryBuilder()
            .insert()
            .into(DomainEventEntity)
            .values({ type, payload, attempts: 0 } as QueryDeepPartialEntity<DomainEventRow>)
            .execute()
        ).identifiers[0]?.id,
      ),
    );
  }
}
