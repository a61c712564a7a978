import { randomBytes } from 'node:crypto';
import type { ChatLimits } from './chat-limits';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import express, { Router } from 'express';
import { z } from 'zod';
import { DomainError } from '../api/errors';
import { parse } from '../api/http/validation';
import type { DirectLine } from './directline';
import type { AccountsApi } from './ports';

const WEB_DIR = resolve(__dirname, '..', 'web');
const tokenBody = z.object({ conversationId: z.string().max(100).optional() }).strict();

/**
 * The Web Chat bundle (no CDN): the copy `npm run build` puts beside the compiled chat page, else the one
 * in node_modules (development).
 */
export function webChatBundlePath(): string {
  const built = join(WEB_DIR, 'vendor', 'webchat.js');
  if (existsSync(built)) return built;
  const file = join(dirname(require.resolve('botframework-webchat')), 'webchat.js');
  if (existsSync(file)) return file;
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/**
 * The chat page and what it needs: static files, the Web Chat bundle, and a Direct Line token bound to
 * the signed-in user (or to an anonymous visitor), which is how the page passes identity to the bot.
 */
export function chatTokenRoutes(
  accounts: Pick<AccountsApi, 'authenticate' | 'identityOf'>,
  dl: DirectLine,
  limits: Pick<ChatLimits, 'token'>,
): Router {
  const r = Router();
  r.post('/api/v1/chat/token', express.json({ limit: '4kb' }), async (req, res) => {
    await limits.token(req.ip ?? 'unknown');
    const body = parse(tokenBody, req.body ?? {});
    const header = req.headers.authorization;
    const bearer = header && /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    let userId = `anon:${randomBytes(12).toString('hex')}`;
    let name: string | undefined;
    if (bearer) {
      const actor = await accounts.authenticate(bearer);
      if (actor.kind !== 'user') throw new DomainError('unauthenticated', 'invalid_token', 'Please sign in again.');
      // The account as authenticate just read it: one read of the user per chat opened, not two.
      const who = await accounts.identityOf(actor.userId);
      if (!who) throw new DomainError('unauthenticated', 'invalid_token', 'This account no longer exists.');
      userId = `u:${who.userId}`;
      name = who.firstName ?? undefined;
    }
    const issued = await dl.issueToken({
      userId,
      name,
      claims: {},
      conversationId: bearer ? body.conversationId : undefined,
    });
    res.json({
      token: issued.token,
      conversationId: issued.conversationId,
      expiresIn: issued.expires_in,
      userId: issued.userId,
    });
  });
  return r;
}

export function webPageRoutes(): Router {
  const r = Router();
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self' " +
    "'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: " +
    "wss:; font-src 'self' data:; frame-ancestors 'none'";
  r.get('/vendor/webchat.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(webChatBundlePath());
  });
  r.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    next();
  });
  r.use(express.static(WEB_DIR, { index: 'index.html', extensions: ['html'] }));
  return r;
}
