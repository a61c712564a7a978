import type { Db } from '../db/db';
import { EmailCodeEntity, type EmailCodeRow } from '../db/entities';

/** One-time email verification codes (hashes only). */
export class EmailCodeRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Omit<EmailCodeRow, 'createdAt' | 'usedAt' | 'attempts'>): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(EmailCodeEntity)
        .values({ ...row, attempts: 0 })
        .updateEntity(false)
        .execute(),
    );
  }

  findById(id: string): Promise<EmailCodeRow | null> {
    return this.db.run((em) => em.getRepository(EmailCodeEntity).findOneBy({ id }));
  }

  /**
   * Counts an attempt on a live code, conditionally (one UPDATE): false when the code is used, expired
   * or already out of attempts, so concurrent guesses cannot exceed the limit.
   */
  async countAttempt(id: string, maxAttempts: number, now: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(EmailCodeEntity)
        .set({ attempts: () => 'attempts + 1' })
        .where('id = :id AND used_at IS NULL AND expires_at > :now AND attempts < :max', { id, now, max: maxAttempts })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Spends a code once: the guard against the same code verifying twice. */
  async markUsed(id: string, now: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(EmailCodeEntity)
        .set({ usedAt: now })
        .where('id = :id AND used_at IS NULL AND expires_at > :now', { id, now })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Drops codes that ended before `before`. */
  async pruneExpired(before: Date): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().delete().from(EmailCodeEntity).where('expires_at <= :before', { before }).execute(),
    );
  }
}
