import { resolve } from 'node:path';
import express, { Router } from 'express';

const CONSOLE_DIR = resolve(__dirname, '..', '..', 'web', 'console');
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The operations console's page and its two files, served by the app itself (no CDN, no build step). */
export function consolePageRoutes(): Router {
  const r = Router();
  r.use('/console', (_req, res, next) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    next();
  });
  r.get('/console', (_req, res) => res.sendFile(resolve(CONSOLE_DIR, 'index.html')));
  r.use('/console', express.static(CONSOLE_DIR, { index: 'index.html', redirect: false }));
  return r;
}
