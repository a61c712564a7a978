import { Router } from 'express';
import type { Db } from '../../db/db';
import { errorBody } from '../middleware/error-handler';

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes(db: Db): Router {
  const r = Router();
  r.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  r.get('/readyz', async (_req, res) => {
    try {
      await db.run((em) => em.query('SELECT 1'));
      res.json({ status: 'ready', database: db.kind });
    } catch {
      res.status(503).json(errorBody('database_unavailable', 'The database is not reachable.'));
    }
  });
  return r;
}
