import type { Db } from '../db/db';
import { RefreshTokenEntity, type RefreshTokenRow, UserEntity } from '../db/entities';
import type { UserRow } from '../domain/records';
import type { Role } from '../domain/types';

export type NewUser = Pick<UserRow, 'email' | 'passwordHash' | 'firstName' | 'lastName' | 'role'> &
  Partial<Pick<UserRow, 'phone' | 'emailVerifiedAt'>>;

/** Users and their refresh tokens. */
export class UserRepository {
  constructor(private readonly db: Db) {}

  findById(id: number): Promise<UserRow | null> {
    return this.db.run((em) => em.getRepository(UserEntity).findOneBy({ id }));
  }

  findByEmail(email: string): Promise<UserRow | null> {
    return this.db.run((em) => em.getRepository(UserEntity).findOneBy({ email: email.toLowerCase() }));
  }

  findByPhone(phone: string): Promise<UserRow | null> {
    return this.db.run((em) => em.getRepository(UserEntity).findOneBy({ phone }));
  }

  /** Inserts a user; a taken email surfaces as a unique violation. */
  async insert(user: NewUser): Promise<UserRow> {
    const id = await this.db.run(async (em) => {
      const r = await em
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({ ...user, email: user.email.toLowerCase() })
        .execute();
      return Number(r.identifiers[0]?.id);
    });
    const row = await this.findById(id);
    if (!row) throw new Error(`User ${id} vanished after insert`);
    return row;
  }

  async update(
    id: number,
    patch: Partial<Pick<UserRow, 'passwordHash' | 'firstName' | 'lastName' | 'role' | 'phone' | 'emailVerifiedAt'>>,
  ): Promise<void> {
    await this.db.run((em) => em.getRepository(UserEntity).update({ id }, patch));
  }

  countByRole(role: Role): Promise<number> {
    return this.db.run((em) => em.getRepository(UserEntity).countBy({ role }));
  }

  async insertRefreshToken(row: Omit<RefreshTokenRow, 'id' | 'createdAt' | 'usedAt' | 'revokedAt'>): Promise<void> {
    await this.db.run((em) =>
      em.createQueryBuilder().insert().into(RefreshTokenEntity).values(row).updateEntity(false).execute(),
    );
  }

  findRefreshToken(tokenHash: string): Promise<RefreshTokenRow | null> {
    return this.db.run((em) => em.getRepository(RefreshTokenEntity).findOneBy({ tokenHash }));
  }

  /** Marks a refresh token spent if nobody spent it first: only one rotation per token can win. */
  async spendRefreshToken(id: number, now: Date): Promise<boolean> {
    // Two tabs refreshing through two cluster nodes: the loser's 1213 runs again, finds the token spent, and so
    // counts as reuse (not a 500 that would skip revoking the family).
    const r = await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ usedAt: now })
        .where('id = :id AND used_at IS NULL AND revoked_at IS NULL', { id })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /**
   * Ends everything the user had: every refresh token is revoked, and tokens issued before `now` are refused
   * from then on (users.sessions_revoked_at), in one transaction.
   */
  async revokeAllSessions(userId: number, now: Date): Promise<void> {
    await this.db.transaction(() =>
      this.db.run(async (em) => {
        await em
          .createQueryBuilder()
          .update(RefreshTokenEntity)
          .set({ revokedAt: now })
          .where('user_id = :userId AND revoked_at IS NULL', { userId })
          .execute();
        await em.getRepository(UserEntity).update({ id: userId }, { sessionsRevokedAt: now });
      }),
    );
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(RefreshTokenEntity)
        .set({ revokedAt: now })
        .where('family_id = :familyId AND revoked_at IS NULL', { familyId })
        .execute(),
    );
  }
}
