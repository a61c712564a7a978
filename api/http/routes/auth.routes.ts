import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { conflict, DomainError, isDomainError, unauthenticated } from '../../errors';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { sessionCookies } from '../session-cookies';
import { parse } from '../validation';

const email = z.email({ message: 'must be an email address' }).max(254);
export const register = z
  .object({
    email,
    password: z.string().max(200),
    firstName: z.string().max(60),
    lastName: z.string().max(60),
    phone: z
      .string()
      .regex(/^\+?[0-9 ().-]{6,20}$/, { message: 'must be a phone number' })
      .optional(),
  })
  .strict();
export const login = z.object({ email, password: z.string().min(1, { message: 'is required' }).max(200) }).strict();
/** The refresh token in the body (API clients), or nothing: the web page's HttpOnly cookie, with its CSRF header. */
export const refresh = z.object({ refreshToken: z.string().min(10).max(200).optional() }).strict();
export const logout = z.object({ refreshToken: z.string().min(10).max(200).optional() }).strict();
export const changePassword = z
  .object({ currentPassword: z.string().min(1, { message: 'is required' }).max(200), newPassword: z.string().max(200) })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Register, sign in, refresh and sign out. Sign-in attempts are rate limited per address and per email. With
 * `X-Jetway-Session: cookie` (the web page) the refresh token is set as an HttpOnly cookie instead of returned.
 */
export function authRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const cookies = sessionCookies({
    secret: s.config.JWT_SECRET,
    secure: s.config.NODE_ENV === 'production',
    refreshTokenDays: s.config.REFRESH_TOKEN_DAYS,
  });
  const perPair = { bucket: 'login', limit: s.config.RATE_LIMIT_LOGIN_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const perIp = { bucket: 'login-ip', limit: s.config.RATE_LIMIT_LOGIN_PER_15_MIN * 5, windowMs: FIFTEEN_MINUTES };

  r.post('/auth/register', async (req, res) => {
    await s.rateLimits.consume(perIp, req.ip ?? 'unknown');
    const body = parse(register, req.body);
    try {
      cookies.send(req, res, await s.auth.register(body), 201);
    } catch (err) {
      if (!isDomainError(err, 'email_taken')) throw err;
      // The way forward for an address that has an account (often a guest's, made by an emailed code in the
      // chat, with no password): a link to set a password, mailed to the address, so only its owner can use it.
      const sent = await s.accountLinks.request('reset', body.email, req.ip ?? 'unknown').then(
        () => true,
        (e: unknown) => (isDomainError(e, 'rate_limited') ? false : Promise.reject(e)),
      );
      throw conflict(
        'email_taken',
        sent
          ? 'An account with this email already exists. We have emailed it a link to set a password and sign in.'
          : 'An account with this email already exists. Use "Forgot password" to get a link to set a password.',
      );
    }
  });
  r.post('/auth/login', async (req, res) => {
    const body = parse(login, req.body);
    const pairKey = `${req.ip ?? 'unknown'}|${body.email.toLowerCase()}`;
    await s.rateLimits.consume(perIp, req.ip ?? 'unknown');
    await s.rateLimits.consume(perPair, pairKey);
    const session = await s.auth.login(body.email, body.password);
    await s.rateLimits.reset(perPair, pairKey);
    cookies.send(req, res, session);
  });
  r.post('/auth/refresh', async (req, res) => {
    const given = parse(refresh, req.body ?? {}).refreshToken ?? cookies.refreshTokenOf(req);
    if (!given) throw unauthenticated('invalid_refresh_token', 'Your session has ended. Please sign in again.');
    try {
      cookies.send(req, res, await s.auth.refresh(given));
    } catch (err) {
      if (err instanceof DomainError && err.kind === 'unauthenticated') cookies.clear(res);
      throw err;
    }
  });
  // Signing out ends every session of the user: refresh tokens, access tokens and chat (Direct Line) tokens.
  r.post('/auth/logout', auth.identify, async (req, res) => {
    const given = parse(logout, req.body ?? {}).refreshToken ?? cookies.refreshTokenOf(req);
    await s.auth.logout(given, actorOf(res));
    cookies.clear(res);
    res.status(204).end();
  });
  r.post('/auth/password', auth.requireUser, async (req, res) => {
    const body = parse(changePassword, req.body);
    const actor = actorOf(res);
    const key = `${req.ip ?? 'unknown'}|${actor.kind === 'user' ? actor.userId : ''}`;
    await s.rateLimits.consume(perPair, key);
    cookies.send(req, res, await s.auth.changePassword(actor, body.currentPassword, body.newPassword));
  });
  r.get('/auth/me', auth.requireUser, async (_req, res) => {
    res.json(await s.auth.me(actorOf(res)));
  });
  return r;
}
