import { randomUUID } from 'node:crypto';
import type { Db } from '../db/db';
import {
  type AccountLinkPurpose,
  isLinkToken,
  LINK_MINUTES,
  linkExpiry,
  linkState,
  linkTokenHash,
  linkUrl,
  newLinkToken,
} from '../domain/account-links';
import type { UserRow } from '../domain/records';
import { DomainError, isDomainError } from '../errors';
import type { AccountLinkRepository } from '../repositories/account-link.repository';
import type { UserRepository } from '../repositories/user.repository';
import { type AuthService, checkPassword, type Session } from './auth.service';
import type { Clock } from './clock';
import type { MailService } from './mail.service';
import type { LimitRule, RateLimitService } from './rate-limit.service';

const HOUR = 3_600_000;

export interface AccountLinkLimits {
  /** Links mailed to one address per hour (both purposes together). */
  perEmailPerHour: number;
  /** Link requests and redemptions from one client address per 15 minutes. */
  perClientPer15Min: number;
}

export const DEFAULT_LINK_LIMITS: AccountLinkLimits = { perEmailPerHour: 5, perClientPer15Min: 20 };

export interface AccountLinksServiceDeps {
  db: Db;
  linkRepo: AccountLinkRepository;
  userRepo: UserRepository;
  auth: AuthService;
  mail: MailService;
  rateLimits: RateLimitService;
  clock: Clock;
  /** The web page the links open. */
  publicUrl: string;
  limits?: AccountLinkLimits;
}

/** What every link request answers, whether or not an account has that address. */
export const LINK_SENT_MESSAGE =
  'If that address can receive mail, a link is on its way. It works once and expires soon; check your inbox.';

const linkInvalid = () =>
  new DomainError('gone', 'link_invalid', 'This link has expired or was already used. Ask for a new one.');

/**
 * Accounts by email proof: "forgot password" mails a link that sets a password (and signs in, ending every
 * other session), and passwordless sign-in mails a link that signs in. An address without an account gets
 * the same answer and the same mail: opening the link creates the account. A guest who booked in the chat
 * (verified by an emailed code, so holding a passwordless account with the bookings) claims it by setting a
 * password this way. Links are random, stored hashed, expire in minutes, work
 * once, and are rate limited per address and per client.
 */
export class AccountLinksService {
  private readonly emailRule: LimitRule;
  private readonly clientRule: LimitRule;

  constructor(private readonly deps: AccountLinksServiceDeps) {
    const limits = deps.limits ?? DEFAULT_LINK_LIMITS;
    this.emailRule = { bucket: 'link_email', limit: limits.perEmailPerHour, windowMs: HOUR };
    this.clientRule = { bucket: 'link_client', limit: limits.perClientPer15Min, windowMs: HOUR / 4 };
  }

  /** Mails a link for `purpose` to `email`; the same answer (and work) whether an account exists or not. */
  async request(purpose: AccountLinkPurpose, emailRaw: string, clientKey: string): Promise<{ message: string }> {
    const email = emailRaw.trim().toLowerCase();
    await this.deps.rateLimits.consume(this.clientRule, clientKey);
    await this.deps.rateLimits.consume(this.emailRule, email);
    const now = this.deps.clock.now();
    const id = randomUUID();
    const token = newLinkToken();
    await this.deps.db.transaction(async () => {
      await this.deps.linkRepo.insert({
        id,
        purpose,
        email,
        tokenHash: linkTokenHash(token),
        expiresAt: linkExpiry(purpose, now),
      });
      const url = linkUrl(this.deps.publicUrl, purpose, token);
      await this.deps.mail.enqueueAccountLink(email, purpose, url, LINK_MINUTES[purpose], id);
    });
    await this.deps.linkRepo.pruneExpired(new Date(now.getTime() - 24 * HOUR));
    return { message: LINK_SENT_MESSAGE };
  }

  /** Sets the password of the link's address (creating the account if there is none); every older session ends. */
  async resetPassword(token: string, newPassword: string, clientKey: string): Promise<Session> {
    await this.deps.rateLimits.consume(this.clientRule, clientKey);
    const row = await this.usable(token, 'reset');
    // A password the rules refuse leaves the link usable, so the traveller can choose another.
    checkPassword(newPassword, row.email);
    const user = await this.spend(row);
    await this.deps.linkRepo.spendOthers(row.email, 'reset', this.deps.clock.now());
    return this.deps.auth.setPassword(user, newPassword);
  }

  /** Signs in the link's address (creating a passwordless account if there is none). */
  async signIn(token: string, clientKey: string): Promise<Session> {
    await this.deps.rateLimits.consume(this.clientRule, clientKey);
    const row = await this.usable(token, 'signin');
    return this.deps.auth.issue(await this.spend(row));
  }

  private async usable(token: string, purpose: AccountLinkPurpose) {
    const row = isLinkToken(token) ? await this.deps.linkRepo.findByHash(linkTokenHash(token)) : null;
    if (!row || linkState(row, purpose, this.deps.clock.now()) !== 'usable') throw linkInvalid();
    return row;
  }

  /** Spends the link once and returns its address's account (now verified). */
  private async spend(row: { id: string; email: string }): Promise<UserRow> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction(async () => {
      if (!(await this.deps.linkRepo.spend(row.id, now))) throw linkInvalid();
      const user = await this.accountFor(row.email);
      if (!user.emailVerifiedAt) await this.deps.userRepo.update(user.id, { emailVerifiedAt: now });
      return { ...user, emailVerifiedAt: user.emailVerifiedAt ?? now };
    });
  }

  private async accountFor(email: string): Promise<UserRow> {
    const existing = await this.deps.userRepo.findByEmail(email);
    if (existing) return existing;
    try {
      return await this.deps.auth.createUser({
        email,
        password: null,
        verified: true,
        firstName: 'Traveller',
        lastName: 'Traveller',
        role: 'traveller',
      });
    } catch (err) {
      const raced = isDomainError(err, 'email_taken') ? await this.deps.userRepo.findByEmail(email) : null;
      if (raced) return raced;
      throw err;
    }
  }
}
