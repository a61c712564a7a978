import { createHash, createSecretKey, type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import argon2 from 'argon2';
import jwt from 'jsonwebtoken';
import type { UserRow } from '../domain/records';
import type { Role } from '../domain/types';
import { isUniqueViolation } from '../db/db';
import { conflict, DomainError, unauthenticated, validationError } from '../errors';
import { nameProblem } from '../domain/passengers';
import type { UserRepository } from '../repositories/user.repository';
import type { Actor } from './actor';
import type { Clock } from './clock';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PublicUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  phone: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: PublicUser;
}

export interface AuthSettings {
  jwtSecret: string;
  accessTokenMinutes: number;
  refreshTokenDays: number;
}

export function publicUser(u: UserRow): PublicUser {
  return { id: u.id, email: u.email, firstName: u.firstName, lastName: u.lastName, role: u.role, phone: u.phone };
}

/** Verified access tokens kept in memory (a few MB at most). */
const VERIFIED_TOKENS_KEPT = 10_000;
/**
 * How long an account's role and sign-out time are trusted from memory. This instance forgets them at once
 * when it signs the user out; other instances sharing the database see a sign-out or role change within this.
 */
const ACCOUNT_STATE_MS = 5_000;
const ROLES: readonly Role[] = ['traveller', 'agent', 'admin'];

/** What an account's tokens are checked against: its role now, and when its sessions were last ended. */
interface AccountState {
  role: Role;
  sessionsRevokedAtMs: number;
  loadedAt: number;
  /** The account as it was read then (a chat's first message asks for it just after its token was minted). */
  account: PublicUser;
}

/** How old an account read may be when the chat asks who a signed-in traveller is (a name, an email). */
const ACCOUNT_READ_MS = 1_000;

/** Registration, sign-in with argon2id, short-lived JWT access tokens and rotating refresh tokens. */
export class AuthService {
  private dummyHash: Promise<string> | undefined;
  /**
   * The JWT secret as a KeyObject (same bytes): given a string, jsonwebtoken 9 first tries
   * createPublicKey() on it, on every sign and verify (~1.5 ms of CPU each on Node 20 with OpenSSL 3,
   * against ~20 µs with a KeyObject; auth0/node-jsonwebtoken#966, #1046).
   */
  private readonly jwtKey: KeyObject;
  /**
   * Access tokens already verified, by their exact text, with their expiry: every API call of a
   * signed-in user presents the same token, and re-checking its signature each time is most of the
   * cost of authenticating. Expiry is still checked against the clock on every use; the size is
   * bounded (oldest out first). Only whole tokens that passed verification get in, so a forged or
   * altered token is always verified in full (and refused).
   */
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number; issuedAtMs: number }>();
  private readonly accounts = new Map<number, AccountState>();

  constructor(
    private readonly userRepo: UserRepository,
    private readonly settings: AuthSettings,
    private readonly clock: Clock,
  ) {
    this.jwtKey = createSecretKey(Buffer.from(settings.jwtSecret, 'utf8'));
  }

  async register(input: {
    email: string;
    password: string;
    firstName: string;
    lastName: string;
    phone?: string;
  }): Promise<Session> {
    const user = await this.createUser({ ...input, role: 'traveller' });
    return this.issue(user);
  }

  /** Creates a user of any role (registration, `npm run create-admin`, tests). */
  async createUser(input: {
    email: string;
    password: string | null;
    firstName: string;
    lastName: string;
    role: Role;
    phone?: string;
    verified?: boolean;
  }): Promise<UserRow> {
    const email = input.email.trim().toLowerCase();
    const problems = [nameProblem(input.firstName, 'First name'), nameProblem(input.lastName, 'Last name')].filter(
      Boolean,
    );
    if (problems.length) throw validationError('invalid_name', problems[0]!);
    if (input.password !== null) checkPassword(input.password, email);
    try {
      return await this.userRepo.insert({
        email,
        passwordHash: input.password === null ? null : await argon2.hash(input.password, ARGON2_OPTIONS),
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        role: input.role,
        phone: input.phone ?? null,
        emailVerifiedAt: input.verified ? this.clock.now() : null,
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw conflict('email_taken', 'An account with this email already exists. Sign in instead.');
      throw err;
    }
  }

  async login(emailRaw: string, password: string): Promise<Session> {
    const user = await this.userRepo.findByEmail(emailRaw.trim().toLowerCase());
    // Verify against a dummy hash for unknown emails so both paths take the same time.
    const hash =
      user?.passwordHash ?? (await (this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), ARGON2_OPTIONS)));
    const ok = await argon2.verify(hash, password).catch(() => false);
    if (!user || !user.passwordHash || !ok) throw unauthenticated('invalid_credentials', 'Email or password is wrong.');
    return this.issue(user);
  }

  /** Trades a refresh token for a new pair. A token used twice revokes its whole family (it was stolen). */
  async refresh(refreshToken: string): Promise<Session> {
    const row = await this.userRepo.findRefreshToken(hashToken(refreshToken));
    const now = this.clock.now();
    if (!row || row.revokedAt || row.expiresAt <= now)
      throw unauthenticated('invalid_refresh_token', 'Your session has ended. Please sign in again.');
    if (row.usedAt || !(await this.userRepo.spendRefreshToken(row.id, now))) {
      await this.userRepo.revokeFamily(row.familyId, now);
      throw unauthenticated(
        'refresh_token_reused',
        'This session was used elsewhere and has been ended. Please sign in again.',
      );
    }
    const user = await this.userRepo.findById(row.userId);
    if (!user) throw unauthenticated('invalid_refresh_token', 'Your session has ended. Please sign in again.');
    return this.issue(user, row.familyId);
  }

  /**
   * Signs out everywhere: every refresh token of the user is revoked and every access or Direct Line token
   * issued before now is refused. Takes the refresh token, or the signed-in actor when the client has none.
   */
  async logout(refreshToken: string | undefined, actor?: Actor): Promise<void> {
    const row = refreshToken ? await this.userRepo.findRefreshToken(hashToken(refreshToken)) : null;
    const userId = row?.userId ?? (actor?.kind === 'user' ? actor.userId : null);
    if (userId !== null) await this.endAllSessions(userId);
  }

  /** Changes the signed-in user's password after checking the current one; every other session ends. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<Session> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in.');
    const user = await this.userRepo.findById(actor.userId);
    if (!user) throw unauthenticated('invalid_token', 'This account no longer exists.');
    const ok = user.passwordHash ? await argon2.verify(user.passwordHash, currentPassword).catch(() => false) : false;
    if (!ok) throw unauthenticated('invalid_credentials', 'The current password is wrong.');
    return this.setPassword(user, newPassword);
  }

  /** Sets a new password, ends every session the user had, and starts a new one for the caller. */
  async setPassword(user: UserRow, newPassword: string): Promise<Session> {
    checkPassword(newPassword, user.email);
    await this.userRepo.update(user.id, { passwordHash: await argon2.hash(newPassword, ARGON2_OPTIONS) });
    await this.endAllSessions(user.id);
    return this.issue(user);
  }

  /** Revokes every refresh token and refuses every token issued until now (this instance forgets at once). */
  async endAllSessions(userId: number): Promise<void> {
    await this.userRepo.revokeAllSessions(userId, this.clock.now());
    this.accounts.delete(userId);
  }

  /**
   * The actor an access token stands for, as the account is now: its role is read from the database (a token
   * claiming admin for a traveller's account gets a traveller), and a token issued before the user signed out
   * or changed password is refused. Throws on a bad, expired or ended token, or an account that is gone.
   */
  async authenticate(token: string): Promise<Actor> {
    const { actor: claimed, issuedAtMs } = this.verifyToken(token);
    if (claimed.kind !== 'user') return claimed;
    const role = await this.currentRole(claimed.userId, issuedAtMs);
    return role === claimed.role ? claimed : Object.freeze({ ...claimed, role });
  }

  /**
   * The role of a user whose credential was issued at `issuedAtMs` (an access token, or a Direct Line token
   * minted for a signed-in page); throws session_revoked when the user signed out since, invalid_token when
   * the account is gone.
   */
  async currentRole(userId: number, issuedAtMs: number): Promise<Role> {
    const state = await this.accountState(userId);
    if (!state) throw unauthenticated('invalid_token', 'This account no longer exists.');
    if (issuedAtMs < state.sessionsRevokedAtMs)
      throw unauthenticated('session_revoked', 'This session was ended by signing out or a password change.');
    return state.role;
  }

  private async accountState(userId: number, maxAgeMs = ACCOUNT_STATE_MS): Promise<AccountState | null> {
    const known = this.accounts.get(userId);
    if (known && Date.now() - known.loadedAt < maxAgeMs) return known;
    return this.loadAccount(userId);
  }

  /** Reads the account and keeps what tokens are checked against (null: it is gone). */
  private async loadAccount(userId: number): Promise<AccountState | null> {
    const now = Date.now();
    const user = await this.userRepo.findById(userId);
    if (!user) {
      this.accounts.delete(userId);
      return null;
    }
    const state: AccountState = {
      role: user.role,
      sessionsRevokedAtMs: user.sessionsRevokedAt?.getTime() ?? 0,
      loadedAt: now,
      account: publicUser(user),
    };
    this.accounts.delete(userId);
    if (this.accounts.size >= VERIFIED_TOKENS_KEPT) this.accounts.delete(this.accounts.keys().next().value!);
    this.accounts.set(userId, state);
    return state;
  }

  /**
   * The actor an access token claims to be, from its signature alone; throws on a bad or expired token. A token
   * must carry an expiry and a numeric subject: anything else is refused as invalid (401), never a 500 later.
   * Callers that act on the role or need sign-out to count use `authenticate`.
   */
  verifyAccessToken(token: string): Actor {
    return this.verifyToken(token).actor;
  }

  private verifyToken(token: string): { actor: Actor; issuedAtMs: number } {
    const nowSec = Math.floor(this.clock.now().getTime() / 1000);
    const known = this.verified.get(token);
    if (known && known.expiresAt > nowSec) return known;
    try {
      const claims = jwt.verify(token, this.jwtKey, { algorithms: ['HS256'], clockTimestamp: nowSec });
      if (typeof claims === 'string' || claims.typ !== 'access') throw new Error('wrong token type');
      const userId = typeof claims.sub === 'string' && /^[1-9]\d{0,14}$/.test(claims.sub) ? Number(claims.sub) : NaN;
      const role = ROLES.find((r) => r === claims.role);
      if (!Number.isSafeInteger(userId) || !role || typeof claims.exp !== 'number' || typeof claims.iat !== 'number')
        throw new Error('incomplete claims');
      const actor: Actor = Object.freeze({ kind: 'user', userId, role });
      const issuedAtMs = typeof claims.ims === 'number' ? claims.ims : claims.iat * 1000;
      this.remember(token, actor, claims.exp, issuedAtMs);
      return { actor, issuedAtMs };
    } catch (err) {
      if (err instanceof DomainError) throw err;
      const expired = err instanceof jwt.TokenExpiredError;
      throw unauthenticated(
        expired ? 'token_expired' : 'invalid_token',
        expired ? 'Your sign-in has expired. Refresh it or sign in again.' : 'The access token is not valid.',
      );
    }
  }

  private remember(token: string, actor: Actor, expiresAt: number, issuedAtMs: number): void {
    this.verified.delete(token);
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
    this.verified.set(token, { actor, expiresAt, issuedAtMs });
  }

  async me(actor: Actor): Promise<PublicUser> {
    if (actor.kind !== 'user') throw unauthenticated('sign_in_required', 'Please sign in.');
    // Always read: this is the account as its owner asks to see it (and what the next checks reuse).
    const state = await this.loadAccount(actor.userId);
    if (!state) throw unauthenticated('invalid_token', 'This account no longer exists.');
    return { ...state.account };
  }

  /**
   * The account with this id, if it still exists (a chat signed in by a web page's token or a linked address);
   * a read of the last second serves.
   */
  async findAccount(userId: number): Promise<PublicUser | null> {
    const state = await this.accountState(userId, ACCOUNT_READ_MS);
    return state ? { ...state.account } : null;
  }

  /** Issues a session for a user identified some other way (an emailed one-time code in the chat). */
  async issue(user: UserRow, familyId: string = randomUUID()): Promise<Session> {
    if (user.disabledAt) throw unauthenticated('account_disabled', 'This account is disabled.');
    const now = this.clock.now();
    const expiresIn = this.settings.accessTokenMinutes * 60;
    // iat comes from our clock so that expiry follows the same time the rest of the domain uses.
    const accessToken = jwt.sign(
      // ims: the issue time in milliseconds, so a session started just after a sign-out is not mistaken for
      // one from before it (iat has whole seconds only).
      { typ: 'access', role: user.role, iat: Math.floor(now.getTime() / 1000), ims: now.getTime() },
      this.jwtKey,
      {
        algorithm: 'HS256',
        subject: String(user.id),
        expiresIn,
        jwtid: randomUUID(),
      },
    );
    const refreshToken = `rt_${randomBytes(32).toString('base64url')}`;
    await this.userRepo.insertRefreshToken({
      userId: user.id,
      tokenHash: hashToken(refreshToken),
      familyId,
      expiresAt: new Date(now.getTime() + this.settings.refreshTokenDays * 86_400_000),
    });
    return { accessToken, refreshToken, expiresIn, user: publicUser(user) };
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** At least 10 characters, not the email, not one repeated character. */
export function checkPassword(password: string, email: string): void {
  if (password.length < 10) throw validationError('weak_password', 'Choose a password of at least 10 characters.');
  if (password.length > 200) throw validationError('weak_password', 'Passwords can be at most 200 characters.');
  if (
    new Set(password).size < 4 ||
    password.toLowerCase() === email ||
    password.toLowerCase().includes(email.split('@')[0]!.toLowerCase())
  )
    throw validationError('weak_password', 'That password is too easy to guess. Mix words, numbers and symbols.');
}
