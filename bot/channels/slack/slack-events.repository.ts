import { LessThan } from 'typeorm';
import { type Db, isUniqueViolation } from '../../../api/db/db';
import { SlackEventEntity } from './slack.entities';

/**
 * Slack deliveries already taken (Events API event ids, interactive actions). Slack retries a delivery
 * it thinks failed (`X-Slack-Retry-Num`), possibly to another instance: the first insert wins, so each
 * one runs once across instances and restarts.
 */
export class SlackEventRepository {
  constructor(private readonly db: Db) {}

  /** True the first time a key is seen; false for a retry of something already taken. */
  async claim(eventKey: string, now: Date): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em
          .createQueryBuilder()
          .insert()
          .into(SlackEventEntity)
          .values({ eventKey: eventKey.slice(0, 191), receivedAt: now })
          .execute(),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  /** Forgets deliveries older than `before` (Slack stops retrying after a few minutes). */
  async prune(before: Date): Promise<number> {
    const r = await this.db.run((em) => em.getRepository(SlackEventEntity).delete({ receivedAt: LessThan(before) }));
    return r.affected ?? 0;
  }
}
