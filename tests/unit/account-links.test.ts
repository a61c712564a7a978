import express from 'express';
import request from 'supertest';
import {
  isLinkToken,
  LINK_MINUTES,
  linkExpiry,
  linkState,
  linkTokenHash,
  linkUrl,
  newLinkToken,
} from '../../api/domain/account-links';
import { csrfTokenFor, readCookies, sessionCookies } from '../../api/http/session-cookies';
import type { Session } from '../../api/services/auth.service';

/** The rules of one-time account links and of the web page's session cookies (issue 11, item 12). */
describe('one-time account links', () => {
  const now = new Date('2026-12-06T08:00:00Z');

  it('are 256 random bits: never the same twice, and only their shape passes', () => {
    const tokens = new Set(Array.from({ length: 1000 }, newLinkToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isLinkToken(token)).toBe(true);
    for (const bad of ['', 'al_', `al_${'a'.repeat(42)}`, `al_${'a'.repeat(44)}`, `rt_${'a'.repeat(43)}`, 'al_ a'])
      expect(isLinkToken(bad)).toBe(false);
  });

  it('are stored as a SHA-256 hash that does not contain the token', () => {
    const token = newLinkToken();
    expect(linkTokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(linkTokenHash(token)).toBe(linkTokenHash(token));
    expect(linkTokenHash(token)).not.toContain(token.slice(3, 13));
  });

  it('expire in minutes: 30 to set a password, 15 to sign in', () => {
    expect(LINK_MINUTES).toEqual({ reset: 30, signin: 15 });
    expect(linkExpiry('reset', now).getTime() - now.getTime()).toBe(30 * 60_000);
    expect(linkExpiry('signin', now).getTime() - now.getTime()).toBe(15 * 60_000);
  });

  it.each([
    [{ purpose: 'reset', expiresAt: new Date(now.getTime() + 1), usedAt: null }, 'reset', 'usable'],
    [{ purpose: 'reset', expiresAt: now, usedAt: null }, 'reset', 'expired'],
    [{ purpose: 'reset', expiresAt: new Date(now.getTime() + 60_000), usedAt: now }, 'reset', 'used'],
    [{ purpose: 'signin', expiresAt: new Date(now.getTime() + 60_000), usedAt: null }, 'reset', 'wrong_purpose'],
  ] as const)('%j spent for %s is %s', (row, purpose, state) => {
    expect(linkState(row, purpose, now)).toBe(state);
  });

  it('carry the token in the fragment, which is never sent to a server', () => {
    const url = new URL(linkUrl('https://jetway.example/', 'reset', 'al_x'));
    expect(url.pathname).toBe('/');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#reset=al_x');
  });
});

describe('session cookies', () => {
  const session: Session = {
    accessToken: 'access',
    refreshToken: 'rt_secretrefresh',
    expiresIn: 900,
    user: { id: 1, email: 'a@example.com', firstName: 'A', lastName: 'B', role: 'traveller', phone: null },
  };
  const appWith = (secure: boolean) => {
    const cookies = sessionCookies({ secret: 's'.repeat(32), secure, refreshTokenDays: 30 });
    const app = express();
    app.post('/login', (req, res) => cookies.send(req, res, session));
    return app;
  };

  it('are Secure in production, HttpOnly and SameSite=Strict for the refresh token', async () => {
    const r = await request(appWith(true)).post('/login').set('X-Jetway-Session', 'cookie');
    const [rt, csrf] = r.headers['set-cookie'] as unknown as string[];
    expect(rt).toMatch(
      /^jetway_rt=rt_secretrefresh; Max-Age=2592000; Path=\/api\/v1\/auth; Expires=.*; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(csrf).toMatch(/^jetway_csrf=[A-Za-z0-9_-]{43}; .*Path=\/; .*Secure; SameSite=Strict$/);
    expect(csrf).not.toMatch(/HttpOnly/);
    expect(r.body.refreshToken).toBeUndefined();
    expect(JSON.stringify(r.body)).not.toContain('rt_secretrefresh');
  });

  it('CSRF tokens are an HMAC of the refresh token: one per token and per secret', () => {
    const a = csrfTokenFor('rt_one', 'k'.repeat(32));
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor('rt_two', 'k'.repeat(32))).not.toBe(a);
    expect(csrfTokenFor('rt_one', 'j'.repeat(32))).not.toBe(a);
  });

  it('reads cookies, ignoring malformed ones and keeping the first of a repeated name', () => {
    const req = { headers: { cookie: 'a=1; b=%E0%A4%A; jetway_rt=rt_x; jetway_rt=rt_y; =z; c' } };
    expect(readCookies(req as never)).toEqual({ a: '1', jetway_rt: 'rt_x' });
  });
});
