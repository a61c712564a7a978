import type { Db } from '../db/db';
import { AccountLinkEntity, type AccountLinkRow } from '../db/entities';

/** One-time account links (hashes only). */
export class AccountLinkRepository {
  constructor(private readonly db: Db) {}

  async insert(row: Omit<AccountLinkRow, 'createdAt' | 'usedAt'>): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().insert().into(AccountLinkEntity).values(row).updateEntity(false).execute(),
    );
  }

  findByHash(tokenHash: string): Promise<AccountLinkRow | null> {
    return this.db.run((em) => em.getRepository(AccountLinkEntity).findOneBy({ tokenHash }));
  }

  /** Spends a link once (one conditional UPDATE): false when it was used or has expired meanwhile. */
  async spend(id: string, now: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(AccountLinkEntity)
        .set({ usedAt: now })
        .where('id = :id AND used_at IS NULL AND expires_at > :now', { id, now })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Spends every other live link of the address for that purpose: a new password makes older links useless. */
  async spendOthers(email: string, purpose: AccountLinkRow['purpose'], now: Date): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(AccountLinkEntity)
        .set({ usedAt: now })
        .where('email = :email AND purpose = :purpose AND used_at IS NULL', { email, purpose })
        .execute(),
    );
  }

  async pruneExpired(before: Date): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().delete().from(AccountLinkEntity).where('expires_at <= :before', { before }).execute(),
    );
  }
}
