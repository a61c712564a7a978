import { createHmac, createSecretKey, type KeyObject, randomBytes, timingSafeEqual } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** Seconds a conversation token lives (Direct Line's 30 minutes); refresh before it runs out. */
export const TOKEN_SECONDS = 30 * 60;
/** Seconds after the first token of a grant that refreshing stops (the page must mint a new token). */
export const MAX_REFRESH_SECONDS = 24 * 60 * 60;
/** Seconds a stream URL's token (read-only, one conversation) may wait before the socket connects. */
export const STREAM_TOKEN_SECONDS = 5 * 60;

const ISSUER = 'jetway';
const AUDIENCE = 'jetway-directline';

/** What a conversation token proves: who the user is, which conversation they may use, and extra claims. */
export interface DirectLineGrant {
  conversationId: string;
  userId: string;
  name?: string;
  /** Verified facts about the user that the bot receives as channelData.jetwayAuth.claims. */
  claims: Record<string, string>;
  /** When the first token of this grant was issued (seconds since the epoch); refreshes keep it. */
  authTime?: number;
  /** The same instant in milliseconds: a signed-in user's tokens from before a sign-out are refused by it. */
  authTimeMs?: number;
}

export interface VerifiedToken extends DirectLineGrant {
  scope: 'conversation' | 'stream';
  /** Expiry, seconds since the epoch. */
  exp: number;
}

export type TokenCheck = { ok: true; token: VerifiedToken } | { ok: false; reason: 'invalid' | 'expired' };

interface Payload {
  scope: 'conversation' | 'stream';
  at: number;
  atm?: number;
  conv: string;
  sub: string;
  name?: string;
  claims?: Record<string, string>;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** New random conversation id: 26 lowercase base-32 characters (case-proof in any collation). */
export function newConversationId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(26), (b) => alphabet[b & 31]).join('');
}

/**
 * Signs and checks Direct Line tokens: HS256 JWTs for one conversation and one user. The signing key is
 * derived from DIRECTLINE_SECRET, or from JWT_SECRET when that is unset (a different key from the API's
 * own tokens, so neither kind passes for the other). The secret itself, when configured, is the server
 * credential that may generate tokens and start conversations for any user.
 */
/** How many verified tokens are remembered (about one per live conversation). */
const VERIFIED_CACHE_SIZE = 10_000;

export class DirectLineTokens {
  /**
   * A KeyObject, not a Buffer: given raw key bytes, jsonwebtoken 9 first tries createPublicKey() on them
   * and only then createSecretKey(), on every sign and verify (~1.5 ms of CPU each on Node 20 with
   * OpenSSL 3, against ~20 µs with a KeyObject; auth0/node-jsonwebtoken#966, #1046).
   */
  private readonly key: KeyObject;
  private readonly secret: Buffer | null;

  /** The clock sign-outs are recorded by (the services' clock), for a grant's authTimeMs. */
  private readonly nowMs: () => number;

  constructor(opts: { directLineSecret?: string; jwtSecret: string; nowMs?: () => number }) {
    this.nowMs = opts.nowMs ?? Date.now;
    this.key = createSecretKey(
      createHmac('sha256', opts.directLineSecret ?? opts.jwtSecret)
        .update('jetway:directline:token-signing')
        .digest(),
    );
    this.secret = opts.directLineSecret ? Buffer.from(opts.directLineSecret, 'utf8') : null;
  }

  /** True when `presented` is the configured Direct Line secret (constant time). */
  isSecret(presented: string): boolean {
    if (!this.secret) return false;
    const p = Buffer.from(presented, 'utf8');
    return p.length === this.secret.length && timingSafeEqual(p, this.secret);
  }

  /** A conversation token, valid for TOKEN_SECONDS (or `seconds`). */
  issue(grant: DirectLineGrant, seconds = TOKEN_SECONDS): { token: string; expires_in: number } {
    return { token: this.sign(grant, 'conversation', seconds), expires_in: seconds };
  }

  /**
   * A new token for the same grant, or null once the grant is older than MAX_REFRESH_SECONDS: a signed-out
   * user's page cannot keep a conversation token alive forever by refreshing it.
   */
  refresh(token: VerifiedToken): { token: string; expires_in: number } | null {
    if (!token.authTime || nowSeconds() - token.authTime > MAX_REFRESH_SECONDS) return null;
    return this.issue(token);
  }

  /** A read-only token for one conversation's WebSocket stream. */
  streamToken(grant: DirectLineGrant): string {
    return this.sign(grant, 'stream', STREAM_TOKEN_SECONDS);
  }

  /**
   * Tokens verified before, until they expire: a conversation presents the same token with every message,
   * and checking its signature again each time is a measurable part of a chat turn's CPU. A token's content
   * cannot change, so only its expiry is checked again; sign-outs are checked by the caller on every use.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  verify(token: string): TokenCheck {
    const known = this.verified.get(token);
    if (known) {
      if (nowSeconds() < known.exp) return { ok: true, token: known };
      this.verified.delete(token);
      return { ok: false, reason: 'expired' };
    }
    const check = this.verifySignature(token);
    if (check.ok) {
      // Bounded: the oldest entry leaves first (a Map iterates in insertion order).
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, Object.freeze(check.token));
    }
    return check;
  }

  private verifySignature(token: string): TokenCheck {
    try {
      const p = jwt.verify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
      }) as Payload & { exp: number };
      if (
        typeof p.conv !== 'string' ||
        typeof p.sub !== 'string' ||
        (p.scope !== 'conversation' && p.scope !== 'stream')
      )
        return { ok: false, reason: 'invalid' };
      return {
        ok: true,
        token: {
          scope: p.scope,
          conversationId: p.conv,
          userId: p.sub,
          ...(p.name ? { name: p.name } : {}),
          claims: p.claims ?? {},
          authTime: typeof p.at === 'number' ? p.at : 0,
          authTimeMs: typeof p.atm === 'number' ? p.atm : typeof p.at === 'number' ? p.at * 1000 : 0,
          exp: p.exp,
        },
      };
    } catch (err) {
      return { ok: false, reason: err instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
    }
  }

  private sign(grant: DirectLineGrant, scope: Payload['scope'], seconds: number): string {
    const atm = grant.authTimeMs ?? (grant.authTime !== undefined ? grant.authTime * 1000 : this.nowMs());
    const payload: Payload = {
      scope,
      at: grant.authTime ?? Math.floor(atm / 1000),
      atm,
      conv: grant.conversationId,
      sub: grant.userId,
    };
    if (grant.name) payload.name = grant.name;
    if (Object.keys(grant.claims).length) payload.claims = grant.claims;
    return jwt.sign(payload, this.key, {
      algorithm: 'HS256',
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: seconds,
      jwtid: randomBytes(9).toString('base64url'),
    });
  }
}
