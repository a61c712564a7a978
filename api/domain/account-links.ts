import { createHash, randomBytes } from 'node:crypto';

/**
 * The rules of one-time account links (forgot password, passwordless sign-in): each carries 256 random bits,
 * only its SHA-256 is stored, it lives minutes, and it works once. A link that is unknown, expired or
 * used gets one answer, so a guesser learns nothing from which it was.
 */

export type AccountLinkPurpose = 'reset' | 'signin';

/** Minutes a link works after it is mailed. */
export const LINK_MINUTES: Readonly<Record<AccountLinkPurpose, number>> = { reset: 30, signin: 15 };

/** Where the page finds the token: in the fragment, which browsers never send to a server or in a Referer. */
export const LINK_FRAGMENT: Readonly<Record<AccountLinkPurpose, string>> = { reset: 'reset', signin: 'signin' };

const TOKEN = /^al_[A-Za-z0-9_-]{43}$/;

/** A new link token: "al_" and 32 random bytes in base64url. */
export function newLinkToken(): string {
  return `al_${randomBytes(32).toString('base64url')}`;
}

/** Whether text has the shape of a link token (anything else is refused before the database is asked). */
export function isLinkToken(text: string): boolean {
  return TOKEN.test(text);
}

/** What is stored of a token. */
export function linkTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function linkExpiry(purpose: AccountLinkPurpose, now: Date): Date {
  return new Date(now.getTime() + LINK_MINUTES[purpose] * 60_000);
}

export type LinkState = 'usable' | 'expired' | 'used' | 'wrong_purpose';

/** Whether a stored link can be spent now for `purpose`. */
export function linkState(
  row: { purpose: string; expiresAt: Date; usedAt: Date | null },
  purpose: AccountLinkPurpose,
  now: Date,
): LinkState {
  if (row.purpose !== purpose) return 'wrong_purpose';
  if (row.usedAt) return 'used';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'usable';
}

/** The page address a mailed link opens: the web page reads the token from the fragment and clears it. */
export function linkUrl(publicUrl: string, purpose: AccountLinkPurpose, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#${LINK_FRAGMENT[purpose]}=${token}`;
}
