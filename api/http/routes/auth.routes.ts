import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
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
export const refresh = z.object({ refreshToken: z.string().min(10).max(200) }).strict();
export const logout = z.object({ refreshToken: z.string().min(10).max(200).optional() }).strict();
export const changePassword = z
  .object({ currentPassword: z.string().min(1, { message: 'is required' }).max(200), newPassword: z.string().max(200) })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/** Register, sign in, refresh and sign out. Sign-in attempts are rate limited per address and per email. */
export function authRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const perPair = { bucket: 'login', limit: s.config.RATE_LIMIT_LOGIN_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const perIp = { bucket: 'login-ip', limit: s.config.RATE_LIMIT_LOGIN_PER_15_MIN * 5, windowMs: FIFTEEN_MINUTES };

  r.post('/auth/register', async (req, res) => {
    await s.rateLimits.consume(perIp, req.ip ?? 'unknown');
    res.status(201).json(await s.auth.register(parse(register, req.body)));
  });
  r.post('/auth/login', async (req, res) => {
    const body = parse(login, req.body);
    const pairKey = `${req.ip ?? 'unknown'}|${body.email.toLowerCase()}`;
    await s.rateLimits.consume(perIp, req.ip ?? 'unknown');
    await s.rateLimits.consume(perPair, pairKey);
    const session = await s.auth.login(body.email, body.password);
    await s.rateLimits.reset(perPair, pairKey);
    res.json(session);
  });
  r.post('/auth/refresh', async (req, res) => {
    res.json(await s.auth.refresh(parse(refresh, req.body).refreshToken));
  });
  // Signing out ends every session of the user: refresh tokens, access tokens and chat (Direct Line) tokens.
  r.post('/auth/logout', auth.identify, async (req, res) => {
    await s.auth.logout(parse(logout, req.body ?? {}).refreshToken, actorOf(res));
    res.status(204).end();
  });
  r.post('/auth/password', auth.requireUser, async (req, res) => {
    const body = parse(changePassword, req.body);
    const actor = actorOf(res);
    const key = `${req.ip ?? 'unknown'}|${actor.kind === 'user' ? actor.userId : ''}`;
    await s.rateLimits.consume(perPair, key);
    res.json(await s.auth.changePassword(actor, body.currentPassword, body.newPassword));
  });
  r.get('/auth/me', auth.requireUser, async (_req, res) => {
    res.json(await s.auth.me(actorOf(res)));
  });
  return r;
}
