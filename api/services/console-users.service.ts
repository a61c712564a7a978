import { randomBytes } from 'node:crypto';
import type { UserRow } from '../domain/records';
import type { Role } from '../domain/types';
import { conflict, notFound } from '../errors';
import type { ConsoleUsersRepository } from '../repositories/console-users.repository';
import type { UserRepository } from '../repositories/user.repository';
import type { Actor } from './actor';
import type { AuthService, Session } from './auth.service';
import type { Clock } from './clock';
import type { ConsoleAccess } from './console-access';
import type { ConsoleAuditService, RequestOrigin } from './console-audit.service';

export interface ConsoleUserView {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export interface ConsoleUsersServiceDeps {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  auth: AuthService;
  userRepo: UserRepository;
  usersRepo: ConsoleUsersRepository;
  clock: Clock;
}

/**
 * Admins manage staff accounts: invite an agent (or admin), change a role, disable or re-enable an account.
 * The last active admin cannot be demoted or disabled, so the service always has someone to run it.
 */
export class ConsoleUsersService {
  constructor(private readonly deps: ConsoleUsersServiceDeps) {}

  async list(actor: Actor, q: { role?: Role; email?: string; limit: number }): Promise<ConsoleUserView[]> {
    await this.deps.access.admin(actor);
    return (await this.deps.usersRepo.list(q)).map(userView);
  }

  /**
   * Creates a staff account with a one-time password that the admin passes on (shown once, stored only as
   * a hash); the account is verified because an admin vouches for the address.
   */
  async invite(
    actor: Actor,
    origin: RequestOrigin,
    input: { email: string; firstName: string; lastName: string; role: 'agent' | 'admin' },
  ): Promise<{ user: ConsoleUserView; temporaryPassword: string }> {
    const admin = await this.deps.access.admin(actor);
    const temporaryPassword = randomBytes(12).toString('base64url');
    return this.deps.audit.audited(
      admin,
      origin,
      { action: 'user.invited', entityType: 'user', entityId: input.email.toLowerCase() },
      async () => {
        const created = await this.deps.auth.createUser({ ...input, password: temporaryPassword, verified: true });
        // The one-time password has been seen by the admin: the first sign-in replaces it.
        await this.deps.usersRepo.setRoleAndState(created.id, { mustChangePassword: true });
        const user = userView(created);
        return { result: { user, temporaryPassword }, before: null, after: { ...user } };
      },
    );
  }

  /**
   * The signed-in staff member's own new password (at first sign-in, replacing the one-time password): their
   * other sessions end, and the new session is returned.
   */
  async changeOwnPassword(
    actor: Actor,
    origin: RequestOrigin,
    currentPassword: string,
    newPassword: string,
  ): Promise<Session> {
    const staff = await this.deps.access.account(actor);
    const subject = { action: 'user.password_changed', entityType: 'user', entityId: String(staff.user.id) };
    return this.deps.audit.audited(staff, origin, subject, async () => {
      const session = await this.deps.auth.changePassword(staff.actor, currentPassword, newPassword);
      await this.deps.usersRepo.setRoleAndState(staff.user.id, { mustChangePassword: false });
      return {
        result: session,
        before: { mustChangePassword: Boolean(staff.user.mustChangePassword) },
        after: { mustChangePassword: false },
      };
    });
  }

  async update(
    actor: Actor,
    origin: RequestOrigin,
    userId: number,
    patch: { role?: Role; disabled?: boolean },
  ): Promise<ConsoleUserView> {
    const admin = await this.deps.access.admin(actor);
    const action =
      patch.disabled === undefined ? 'user.role_changed' : patch.disabled ? 'user.disabled' : 'user.enabled';
    return this.deps.audit.audited(
      admin,
      origin,
      { action, entityType: 'user', entityId: String(userId) },
      async () => {
        const before = await this.mustFind(userId);
        const now = this.deps.clock.now();
        const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? now : null;
        await this.deps.usersRepo.setRoleAndState(userId, { role: patch.role, disabledAt });
        const losesAdmin =
          before.role === 'admin' &&
          !before.disabledAt &&
          ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled);
        if (losesAdmin && (await this.deps.usersRepo.activeAdmins()) === 0)
          throw conflict('last_admin', 'This is the last active admin; make someone else admin first.');
        if (patch.disabled || (patch.role && patch.role !== before.role))
          await this.deps.usersRepo.revokeSessions(userId, now);
        const after = userView(await this.mustFind(userId));
        return { result: after, before: { ...userView(before) }, after: { ...after } };
      },
    );
  }

  private async mustFind(id: number): Promise<UserRow> {
    const u = await this.deps.userRepo.findById(id);
    if (!u) throw notFound('user_not_found', `There is no account ${id}.`);
    return u;
  }
}

function userView(u: UserRow): ConsoleUserView {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    role: u.role,
    disabled: Boolean(u.disabledAt),
    createdAt: u.createdAt.toISOString(),
  };
}
