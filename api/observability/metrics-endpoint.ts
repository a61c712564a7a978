import { timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Router } from 'express';
import { errorBody } from '../http/middleware/error-handler';
import type { AppMetrics } from './metrics';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics on the public port (METRICS_PORT=0). With METRICS_TOKEN set, a scrape must send
 * `Authorization: Bearer <token>` (401 otherwise); production refuses to start without one.
 */
export function metricsRoute(metrics: AppMetrics, token: string | undefined): Router {
  const r = Router();
  r.get('/metrics', async (req, res) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (token && !(bearer && sameToken(bearer, token))) {
      res.status(401).json(errorBody('invalid_token', 'Scraping /metrics needs the metrics token.'));
      return;
    }
    res.setHeader('Content-Type', metrics.contentType);
    res.send(await metrics.scrape());
  });
  return r;
}

/**
 * A listener of its own for /metrics (METRICS_PORT), kept off the public port and the reverse proxy.
 * Answers only GET /metrics; the token, when set, is checked here too.
 */
export async function startMetricsServer(metrics: AppMetrics, port: number, token?: string): Promise<Server> {
  const server = createServer((req, res) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    if (token && !(bearer && sameToken(bearer, token))) {
      res.writeHead(401).end();
      return;
    }
    metrics.scrape().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  return server;
}
