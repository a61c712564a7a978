import type { Db } from '../../api/db/db';
import { isUniqueViolation } from '../../api/db/db';
import { BotStateEntity, type BotStateRow } from '../../api/db/entities';

export type StoredState = Pick<BotStateRow, 'key' | 'data' | 'etag'>;

/** Rows of `bot_state`. Every write is a single statement, so each one is atomic on its own. */
export class BotStateRepository {
  constructor(readonly db: Db) {}

  async findMany(keys: string[]): Promise<StoredState[]> {
    if (keys.length === 0) return [];
    const out: StoredState[] = [];
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      const rows = await this.db.run((em) =>
        em
          .getRepository(BotStateEntity)
          .createQueryBuilder('s')
          .select(['s.key', 's.data', 's.etag'])
          .where('s.key IN (:...chunk)', { chunk })
          .getMany(),
      );
      out.push(...rows);
    }
    return out;
  }

  /** Replaces the row only when its eTag is still `expected`; false when it is not (or there is no row). */
  async updateIfMatch(key: string, expected: string, data: string, etag: string): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(BotStateEntity)
        .set({ data, etag, updatedAt: new Date() })
        .where('state_key = :key AND etag = :expected', { key, expected })
        .execute(),
    );
    return (r.affected ?? 0) > 0;
  }

  /** Replaces the row whatever its eTag; false when there is no row. */
  async update(key: string, data: string, etag: string): Promise<boolean> {
    const r = await this.db.run((em) =>
      em.createQueryBuilder().update(BotStateEntity).set({ data, etag, updatedAt: new Date() }).where('state_key = :key', { key }).execute(),
    );
    return (r.affected ?? 0) > 0;
  }

  /** Inserts a new row; false when the key exists already (a concurrent writer got there first). */
  async insert(key: string, data: string, etag: string): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.createQueryBuilder().insert().into(BotStateEntity).values({ key, data, etag, updatedAt: new Date() }).updateEntity(false).execute(),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async deleteMany(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 500) {
      const chunk = keys.slice(i, i + 500);
      await this.db.run((em) => em.createQueryBuilder().delete().from(BotStateEntity).where('state_key IN (:...chunk)', { chunk }).execute());
    }
  }
}
