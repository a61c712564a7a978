import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CookieOptions, Request, Response } from 'express';
import { DomainError } from '../errors';
import type { Session } from '../services/auth.service';

/**
 * Sessions for the web page: the refresh token lives only in an HttpOnly cookie (script on the page can
 * never read it), the access token only in the page's memory. A cookie is sent by the browser on its own,
 * so the routes that spend it (refresh, sign-out) also need a CSRF token in a header: an HMAC of the refresh
 * token (signed double submit), readable by the page from a second cookie and by nobody on another site.
 * API clients that send no `X-Jetway-Session: cookie` header keep receiving the refresh token in the body.
 */

export const REFRESH_COOKIE = 'jetway_rt';
export const CSRF_COOKIE = 'jetway_csrf';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_MODE_HEADER = 'x-jetway-session';
/** The refresh cookie goes only to the auth routes. */
const REFRESH_PATH = '/api/v1/auth';

export interface SessionCookieSettings {
  /** Keys the CSRF tokens (the JWT secret; a token is useless without the HttpOnly cookie it belongs to). */
  secret: string;
  /** Secure cookies: on in production (HTTPS); off on plain-HTTP development servers. */
  secure: boolean;
  refreshTokenDays: number;
}

/** What the page gets instead of the refresh token. */
export type CookieSession = Omit<Session, 'refreshToken'> & { csrfToken: string };

export function csrfTokenFor(refreshToken: string, secret: string): string {
  return createHmac('sha256', secret).update(`jetway:csrf:${refreshToken}`).digest('base64url');
}

/** The request's cookies by name (the first of a repeated name wins, as browsers send the most specific first). */
export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? '' : part.slice(0, eq).trim();
    if (!name || name in out) continue;
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      /* a malformed cookie is ignored */
    }
  }
  return out;
}

/** Whether the caller is the web page asking for a cookie session. */
export function wantsCookieSession(req: Request): boolean {
  return String(req.headers[SESSION_MODE_HEADER] ?? '').toLowerCase() === 'cookie';
}

export function sessionCookies(settings: SessionCookieSettings) {
  const base = (httpOnly: boolean, path: string): CookieOptions => ({
    httpOnly,
    secure: settings.secure,
    sameSite: 'strict',
    path,
    maxAge: settings.refreshTokenDays * 86_400_000,
  });

  return {
    /** Answers with a session: as cookies plus a body without the refresh token for the page, else as JSON. */
    send(req: Request, res: Response, session: Session, status = 200): void {
      if (!wantsCookieSession(req)) {
        res.status(status).json(session);
        return;
      }
      const { refreshToken, ...rest } = session;
      const csrfToken = csrfTokenFor(refreshToken, settings.secret);
      res.cookie(REFRESH_COOKIE, refreshToken, base(true, REFRESH_PATH));
      res.cookie(CSRF_COOKIE, csrfToken, base(false, '/'));
      res.setHeader('Cache-Control', 'no-store');
      res.status(status).json({ ...rest, csrfToken } satisfies CookieSession);
    },

    clear(res: Response): void {
      const { maxAge: _gone, ...refresh } = base(true, REFRESH_PATH);
      const { maxAge: _also, ...csrf } = base(false, '/');
      res.clearCookie(REFRESH_COOKIE, refresh);
      res.clearCookie(CSRF_COOKIE, csrf);
    },

    /**
     * The refresh token of the cookie session, once the request proves it comes from our page: the CSRF
     * header matches the cookie's HMAC, and the browser does not report it as sent from another site. Undefined
     * when there is no cookie.
     */
    refreshTokenOf(req: Request): string | undefined {
      const token = readCookies(req)[REFRESH_COOKIE];
      if (!token) return undefined;
      // Browsers say where a request comes from (Fetch Metadata); no page script can change this header.
      if (req.headers['sec-fetch-site'] === 'cross-site') throw csrfFailed();
      const given = Buffer.from(String(req.headers[CSRF_HEADER] ?? ''));
      const expected = Buffer.from(csrfTokenFor(token, settings.secret));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw csrfFailed();
      return token;
    },
  };
}

export type SessionCookies = ReturnType<typeof sessionCookies>;

function csrfFailed(): DomainError {
  return new DomainError(
    'forbidden',
    'csrf_failed',
    'This request needs the X-CSRF-Token header of the page that signed in. Reload the page and try again.',
  );
}
