import type { Db } from '../db/db';
import { RefreshTokenEntity, UserEntity } from '../db/entities';
import type { UserRow } from '../domain/records';
import type { Role } from '../domain/types';

/** Accounts as admins manage them in the console. */
export class ConsoleUsersRepository {
  constructor(private readonly db: Db) {}

  /** Staff accounts (and travellers when asked for by email), by name. */
  list(q: { role?: Role; email?: string; limit: number }): Promise<UserRow[]> {
    return this.db.run((em) => {
      const qb = em.getRepository(UserEntity).createQueryBuilder('u');
      if (q.role) qb.where('u.role = :role', { role: q.role });
      else qb.where('u.role IN (:...roles)', { roles: ['agent', 'admin'] });
      if (q.email) qb.andWhere('u.email LIKE :email', { email: `%${q.email.toLowerCase()}%` });
      return qb.orderBy('u.last_name', 'ASC').addOrderBy('u.id', 'ASC').take(q.limit).getMany();
    });
  }

  async setRoleAndState(
    id: number,
    patch: { role?: Role; disabledAt?: Date | null; mustChangePassword?: boolean },
  ): Promise<void> {
    await this.db.run((em) => em.getRepository(UserEntity).update({ id }, patch));
  }

  /** Admins who can still act (not disabled). */
  activeAdmins(): Promise<number> {
    return this.db.run((em) =>
      em
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .where('u.role = :role AND u.disabled_at IS NULL', { role: 'admin' })
        .getCount(),
    );
  }

  /** Ends every session of the account (its refresh tokens; access tokens are refused by the console at once). */
  async revokeSessions(userId: number, now: Date): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ revokedAt: now })
        .where('user_id = :userId AND revoked_at IS NULL', { userId })
        .execute(),
    );
  }
}
