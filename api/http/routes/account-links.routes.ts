import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { sessionCookies } from '../session-cookies';
import { parse } from '../validation';

const email = z.email({ message: 'must be an email address' }).max(254);
const token = z.string().min(1).max(200);
export const linkRequest = z.object({ email }).strict();
export const passwordReset = z.object({ token, newPassword: z.string().max(200) }).strict();
export const linkSignIn = z.object({ token }).strict();

/**
 * Accounts by emailed one-time link: forgot password (also a guest's way to claim an account) and
 * passwordless sign-in. Requests answer 202 with one sentence whether or not the address has an account.
 */
export function accountLinkRoutes(s: ApiServices): Router {
  const r = Router();
  const cookies = sessionCookies({
    secret: s.config.JWT_SECRET,
    secure: s.config.NODE_ENV === 'production',
    refreshTokenDays: s.config.REFRESH_TOKEN_DAYS,
  });
  const client = (ip: string | undefined) => ip ?? 'unknown';

  r.post('/auth/password/forgot', async (req, res) => {
    const body = parse(linkRequest, req.body);
    res.status(202).json(await s.accountLinks.request('reset', body.email, client(req.ip)));
  });
  r.post('/auth/password/reset', async (req, res) => {
    const body = parse(passwordReset, req.body);
    cookies.send(req, res, await s.accountLinks.resetPassword(body.token, body.newPassword, client(req.ip)));
  });
  r.post('/auth/email-link', async (req, res) => {
    const body = parse(linkRequest, req.body);
    res.status(202).json(await s.accountLinks.request('signin', body.email, client(req.ip)));
  });
  r.post('/auth/email-link/verify', async (req, res) => {
    const body = parse(linkSignIn, req.body);
    cookies.send(req, res, await s.accountLinks.signIn(body.token, client(req.ip)));
  });
  return r;
}
