import { type EntityManager, In } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db } from '../db/db';
import { DomainEventEntity, type DomainEventRow, EventDeliveryEntity, type EventDeliveryRow } from '../db/entities';
import { skipLockedSupported } from '../db/skip-locked';

/** A claimed delivery with the event it carries. */
export interface ClaimedDelivery {
  delivery: EventDeliveryRow;
  event: DomainEventRow;
}

/**
 * Per-subscriber deliveries of domain events. Claims lease rows for a while (status stays pending, the due
 * time moves past the lease), so a worker that dies mid-delivery leaves them to be claimed again.
 * On MySQL 8 / MariaDB 10.6+ a claim is one `FOR UPDATE SKIP LOCKED` select and one update, so workers
 * on several instances take disjoint rows without waiting for one another; elsewhere (SQLite's single
 * writer, older servers) each candidate is taken by a conditional UPDATE that only one worker wins.
 */
export class EventDeliveryRepository {
  private skipLocked: Promise<boolean> | undefined;

  constructor(private readonly db: Db) {}

  private canSkipLocked(): Promise<boolean> {
    if (this.db.kind !== 'mysql') return Promise.resolve(false);
    this.skipLocked ??= this.db
      .run((em) => em.query('SELECT VERSION() AS v') as Promise<{ v: string }[]>)
      .then((rows) => skipLockedSupported(String(rows[0]?.v ?? '')))
      .catch(() => {
        this.skipLocked = undefined; // ask again next time
        return false;
      });
    return this.skipLocked;
  }

  /** Claims up to `limit` events not yet fanned out into deliveries. */
  async claimEvents(now: Date, leaseMs: number, limit: number): Promise<DomainEventRow[]> {
    const until = new Date(now.getTime() + leaseMs);
    const due = (em: EntityManager) =>
      em
        .getRepository(DomainEventEntity)
        .createQueryBuilder('e')
        .where('e.dispatchedAt IS NULL AND (e.lockedUntil IS NULL OR e.lockedUntil <= :now)', { now })
        .orderBy('e.id')
        .limit(limit);
    if (await this.canSkipLocked())
      return this.db.transaction(async () => {
        const rows = await this.db.run((em) =>
          due(em).setLock('pessimistic_write').setOnLocked('skip_locked').getMany(),
        );
        if (rows.length === 0) return rows;
        await this.db.run((em) =>
          em.getRepository(DomainEventEntity).update({ id: In(rows.map((r) => r.id)) }, { lockedUntil: until }),
        );
        return rows;
      });
    const won: DomainEventRow[] = [];
    for (const row of await this.db.run((em) => due(em).getMany())) {
      // Every instance claims the same rows: on a cluster the loser's 1213 runs again and finds the row taken.
      const r = await this.db.runRetrying((em) =>
        em
          .createQueryBuilder()
          .update(DomainEventEntity)
          .set({ lockedUntil: until })
          .where('id = :id AND dispatched_at IS NULL AND (locked_until IS NULL OR locked_until <= :now)', {
            id: row.id,
            now,
          })
          .execute(),
      );
      if ((r.affected ?? 0) === 1) won.push(row);
    }
    return won;
  }

  /** Creates the event's deliveries (once per subscriber, whoever else tried) and marks the event fanned out. */
  async fanOut(eventId: number, subscribers: string[], now: Date): Promise<void> {
    await this.db.transaction(async () => {
      if (subscribers.length > 0)
        await this.db.run((em) =>
          em
            .createQueryBuilder()
            .insert()
            .into(EventDeliveryEntity)
            .values(
              subscribers.map(
                (subscriber) =>
                  ({
                    eventId,
                    subscriber,
                    status: 'pending',
                    attempts: 0,
                    nextAttemptAt: now,
                  }) as QueryDeepPartialEntity<EventDeliveryRow>,
              ),
            )
            .orIgnore()
            .updateEntity(false)
            .execute(),
        );
      await this.db.run((em) => em.getRepository(DomainEventEntity).update({ id: eventId }, { dispatchedAt: now }));
    });
  }

  /**
   * Claims up to `limit` due deliveries to the named subscribers for `leaseMs`, counting the attempt.
   * Returns them with their events.
   */
  async claimDue(subscribers: string[], now: Date, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    if (subscribers.length === 0) return [];
    const until = new Date(now.getTime() + leaseMs);
    const due = (em: EntityManager) =>
      em
        .getRepository(EventDeliveryEntity)
        .createQueryBuilder('d')
        .where("d.status = 'pending' AND d.nextAttemptAt <= :now AND d.subscriber IN (:...subscribers)", {
          now,
          subscribers,
        })
        .orderBy('d.nextAttemptAt')
        .addOrderBy('d.id')
        .limit(limit);
    let claimed: EventDeliveryRow[];
    if (await this.canSkipLocked()) {
      claimed = await this.db.transaction(async () => {
        const rows = await this.db.run((em) =>
          due(em).setLock('pessimistic_write').setOnLocked('skip_locked').getMany(),
        );
        if (rows.length > 0)
          await this.db.run((em) =>
            em
              .createQueryBuilder()
              .update(EventDeliveryEntity)
              .set({ nextAttemptAt: until, attempts: () => 'attempts + 1' })
              .where({ id: In(rows.map((r) => r.id)) })
              .execute(),
          );
        return rows;
      });
    } else {
      claimed = [];
      for (const row of await this.db.run((em) => due(em).getMany())) {
        const r = await this.db.runRetrying((em) =>
          em
            .createQueryBuilder()
            .update(EventDeliveryEntity)
            .set({ nextAttemptAt: until, attempts: () => 'attempts + 1' })
            .where("id = :id AND status = 'pending' AND next_attempt_at <= :now", { id: row.id, now })
            .execute(),
        );
        if ((r.affected ?? 0) === 1) claimed.push(row);
      }
    }
    if (claimed.length === 0) return [];
    const events = await this.db.run((em) =>
      em.getRepository(DomainEventEntity).findBy({ id: In([...new Set(claimed.map((d) => d.eventId))]) }),
    );
    const byId = new Map(events.map((e) => [e.id, e]));
    return claimed.flatMap((d) => {
      const event = byId.get(d.eventId);
      return event ? [{ delivery: { ...d, attempts: d.attempts + 1, nextAttemptAt: until }, event }] : [];
    });
  }

  async saveSteps(id: number, steps: string[]): Promise<void> {
    await this.db.run((em) => em.getRepository(EventDeliveryEntity).update({ id }, { steps: JSON.stringify(steps) }));
  }

  async delivered(id: number, now: Date): Promise<void> {
    await this.finish(id, { status: 'delivered', finishedAt: now, lastError: null });
  }

  async retryAt(id: number, at: Date, error: string): Promise<void> {
    await this.finish(id, { nextAttemptAt: at, lastError: error.slice(0, 255) });
  }

  async deadLetter(id: number, now: Date, error: string): Promise<void> {
    await this.finish(id, { status: 'dead', finishedAt: now, lastError: error.slice(0, 255) });
  }

  private async finish(id: number, patch: QueryDeepPartialEntity<EventDeliveryRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(EventDeliveryEntity).update({ id }, patch));
  }

  /** Dead-lettered deliveries, newest first, with their events. */
  async deadLetters(limit: number): Promise<ClaimedDelivery[]> {
    const rows = await this.db.run((em) =>
      em
        .getRepository(EventDeliveryEntity)
        .find({ where: { status: 'dead' }, order: { finishedAt: 'DESC', id: 'DESC' }, take: limit }),
    );
    if (rows.length === 0) return [];
    const events = await this.db.run((em) =>
      em.getRepository(DomainEventEntity).findBy({ id: In([...new Set(rows.map((d) => d.eventId))]) }),
    );
    const byId = new Map(events.map((e) => [e.id, e]));
    return rows.flatMap((d) => {
      const event = byId.get(d.eventId);
      return event ? [{ delivery: d, event }] : [];
    });
  }

  /** Puts a dead-lettered delivery back in the queue with a fresh allowance of attempts; false if not dead. */
  async requeue(id: number, now: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(EventDeliveryEntity)
        .set({ status: 'pending', attempts: 0, nextAttemptAt: now, finishedAt: null })
        .where("id = :id AND status = 'dead'", { id })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }
}
