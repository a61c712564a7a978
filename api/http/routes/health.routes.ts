import { Router } from 'express';
import type { OpsRepository } from '../../repositories/ops.repository';
import { errorBody } from '../middleware/error-handler';

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes(ops: Pick<OpsRepository, 'ping'>): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      res.json({ status: 'ready', database: await ops.ping() });
    } catch {
      res.setHeader('Retry-After', '2');
      res.status(503).json(errorBody('database_unavailable', 'The database is not reachable.'));
    }
  });
  return r;
}
