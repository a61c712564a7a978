import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { UserRow } from '../domain/records';
import type { Role } from '../domain/types';
import type { Db } from '../db/db';
import { conflict, DomainError, isDomainError, validationError } from '../errors';
import { nameProblem } from '../domain/passengers';
import type { EmailCodeRepository } from '../repositories/email-code.repository';
import type { UserRepository } from '../repositories/user.repository';
import type { AuthService } from './auth.service';
import type { Clock } from './clock';
import type { MailService } from './mail.service';
import type { LimitRule, RateLimitService } from './rate-limit.service';

const CODE_MINUTES = 10;
const MAX_ATTEMPTS = 5;
const HOUR = 3_600_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who a verified code stands for: the shape the chat keeps (ChatIdentity). */
export interface VerifiedIdentity {
  userId: number;
  role: Role;
  email: string;
  firstName: string;
}

export interface EmailVerificationLimits {
  /** Codes per email address per hour. */
  perEmailPerHour: number;
  /** Codes per conversation per hour. */
  perConversationPerHour: number;
}

export const DEFAULT_CODE_LIMITS: EmailVerificationLimits = { perEmailPerHour: 5, perConversationPerHour: 5 };

export interface EmailVerificationServiceDeps {
  db: Db;
  emailCodeRepo: EmailCodeRepository;
  userRepo: UserRepository;
  auth: AuthService;
  mail: MailService;
  rateLimits: RateLimitService;
  clock: Clock;
  limits?: EmailVerificationLimits;
}

/**
 * Verifying an email address in the chat with a one-time code: a 6-digit code (valid 10 minutes,
 * at most five tries, usable once) is mailed through the durable outbox; only a salted hash is stored.
 * A right code signs the traveller in: the account with that email, or a new passwordless one.
 * Codes are never logged.
 */
export class EmailVerificationService {
  private readonly emailRule: LimitRule;
  private readonly conversationRule: LimitRule;

  private readonly db: Db;
  private readonly emailCodeRepo: EmailCodeRepository;
  private readonly userRepo: UserRepository;
  private readonly auth: AuthService;
  private readonly mail: MailService;
  private readonly rateLimits: RateLimitService;
  private readonly clock: Clock;

  constructor(deps: EmailVerificationServiceDeps) {
    this.db = deps.db;
    this.emailCodeRepo = deps.emailCodeRepo;
    this.userRepo = deps.userRepo;
    this.auth = deps.auth;
    this.mail = deps.mail;
    this.rateLimits = deps.rateLimits;
    this.clock = deps.clock;
    const limits = deps.limits ?? DEFAULT_CODE_LIMITS;
    this.emailRule = { bucket: 'otp_email', limit: limits.perEmailPerHour, windowMs: HOUR };
    this.conversationRule = { bucket: 'otp_conversation', limit: limits.perConversationPerHour, windowMs: HOUR };
  }

  /** Sends a new code to `email`; the request id is what `verify` needs with the code. */
  async send(emailRaw: string, conversationKey: string): Promise<{ requestId: string }> {
    const email = emailRaw.trim().toLowerCase();
    if (email.length > 254 || !EMAIL.test(email))
      throw validationError('invalid_email', 'That does not look like an email address.');
    await this.limit(this.conversationRule, conversationKey.slice(0, 160), 'in this conversation');
    await this.limit(this.emailRule, email, 'to this address');
    const now = this.clock.now();
    const id = randomUUID();
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.db.transaction(async () => {
      await this.emailCodeRepo.insert({
        id,
        email,
        codeHash: codeHash(code, id),
        conversationKey: conversationKey.slice(0, 255),
        expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000),
      });
      await this.mail.enqueueOtp(email, code, id);
    });
    await this.emailCodeRepo.pruneExpired(new Date(now.getTime() - 24 * HOUR));
    return { requestId: id };
  }

  /** Checks a code; on success spends it and returns the account (found by email, or created). */
  async verify(
    requestId: string,
    codeRaw: string,
    names: { firstName?: string; lastName?: string } = {},
  ): Promise<VerifiedIdentity> {
    const now = this.clock.now();
    const row = /^[0-9a-f-]{36}$/i.test(requestId) ? await this.emailCodeRepo.findById(requestId) : null;
    if (!row || row.expiresAt <= now)
      throw new DomainError('gone', 'code_expired', 'That code has expired. Ask for a new one.');
    if (row.usedAt) throw conflict('code_used', 'That code has already been used. Ask for a new one.');
    if (!(await this.emailCodeRepo.countAttempt(row.id, MAX_ATTEMPTS, now)))
      throw new DomainError('rate_limited', 'code_locked', 'Too many wrong tries for this code. Ask for a new one.');
    const code = codeRaw.replace(/\s+/g, '');
    const given = Buffer.from(codeHash(code, row.id), 'hex');
    const stored = Buffer.from(row.codeHash, 'hex');
    if (!/^\d{6}$/.test(code) || given.length !== stored.length || !timingSafeEqual(given, stored))
      throw validationError('code_invalid', 'That code is not right.');
    return this.db.transaction(async () => {
      if (!(await this.emailCodeRepo.markUsed(row.id, now)))
        throw conflict('code_used', 'That code has already been used. Ask for a new one.');
      const user = await this.userFor(row.email, names, now);
      return { userId: user.id, role: user.role, email: user.email, firstName: user.firstName };
    });
  }

  /** The account with this email (now verified), or a new passwordless traveller. */
  private async userFor(email: string, names: { firstName?: string; lastName?: string }, now: Date): Promise<UserRow> {
    const existing = await this.userRepo.findByEmail(email);
    if (existing) {
      if (!existing.emailVerifiedAt) await this.userRepo.update(existing.id, { emailVerifiedAt: now });
      return existing;
    }
    const name = (n: string | undefined) => (n && !nameProblem(n, 'Name') ? n.trim() : 'Traveller');
    try {
      return await this.auth.createUser({
        email,
        password: null,
        verified: true,
        firstName: name(names.firstName),
        lastName: name(names.lastName),
        role: 'traveller',
      });
    } catch (err) {
      // Created meanwhile by another verification or a registration: use that account.
      const raced = isDomainError(err, 'email_taken') ? await this.userRepo.findByEmail(email) : null;
      if (raced) return raced;
      throw err;
    }
  }

  /** Counts a code request; too many become a `rate_limited` error that says what happened. */
  private async limit(rule: LimitRule, key: string, where: string): Promise<void> {
    try {
      await this.rateLimits.consume(rule, key);
    } catch (err) {
      if (!isDomainError(err, 'rate_limited')) throw err;
      const seconds = err.details?.retryAfterSeconds ?? 3600;
      const wait = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
      throw new DomainError(
        'rate_limited',
        'rate_limited',
        `Too many codes have been sent ${where}. Please wait ${wait} and ask again.`,
        err.details,
      );
    }
  }
}

/** SHA-256 of the code salted with its request id. */
function codeHash(code: string, id: string): string {
  return createHash('sha256').update(`${code}:${id}`).digest('hex');
}
