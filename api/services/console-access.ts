import type { UserRow } from '../domain/records';
import { forbidden, unauthenticated } from '../errors';
import type { UserRepository } from '../repositories/user.repository';
import type { Actor } from './actor';

/** A signed-in agent or admin, as the database knows them now (not as their token claimed when issued). */
export interface StaffUser {
  actor: Extract<Actor, { kind: 'user' }>;
  user: UserRow;
  isAdmin: boolean;
  name: string;
}

/**
 * Who may use the console. The role and the account's state are read from the database on every call, so an
 * admin who demotes or disables someone takes effect at once, whatever token that person still holds.
 */
export class ConsoleAccess {
  constructor(private readonly userRepo: UserRepository) {}

  /** A staff member allowed to act: signed in, active, and past the first sign-in's new password. */
  async staff(actor: Actor): Promise<StaffUser> {
    const staff = await this.account(actor);
    if (staff.user.mustChangePassword)
      throw forbidden('password_change_required', 'Choose a new password to replace the one-time password first.');
    return staff;
  }

  /** A staff account, even one still on its one-time password (only to change that password). */
  async account(actor: Actor): Promise<StaffUser> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in.');
    const user = await this.userRepo.findById(actor.userId);
    if (!user) throw unauthenticated('invalid_token', 'This account no longer exists.');
    if (user.disabledAt) throw unauthenticated('account_disabled', 'This account is disabled.');
    if (user.role !== 'agent' && user.role !== 'admin')
      throw forbidden('not_an_agent', 'The console is for support agents and admins.');
    return {
      actor: { kind: 'user', userId: user.id, role: user.role },
      user,
      isAdmin: user.role === 'admin',
      name: `${user.firstName} ${user.lastName}`.trim(),
    };
  }

  async admin(actor: Actor): Promise<StaffUser> {
    const staff = await this.staff(actor);
    if (!staff.isAdmin) throw forbidden('forbidden', 'Only admins can do this.');
    return staff;
  }
}
