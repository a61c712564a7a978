import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { forbidden } from '../../errors';
import { isAdmin } from '../../services/actor';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, positiveId } from '../validation';

export const caseList = z
  .object({
    status: z.enum(['queued', 'agent', 'bot', 'resolved']).optional(),
    offset: z.coerce.number().int().min(0).default(0),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export const caseProgress = z.object({ progress: z.string().trim().min(2).max(255) }).strict();

/**
 * Support cases for agents (list, progress on complaints, resolve) and traveller feedback for reporting
 * (admins). Agents mostly work from Slack; this is the same service over HTTP.
 */
export function supportRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  r.use(['/support', '/admin/feedback'], auth.requireUser);
  r.get('/support/cases', async (req, res) => {
    res.json(await s.support.list(actorOf(res), parse(caseList, req.query)));
  });
  r.get('/support/cases/:caseId', async (req, res) => {
    res.json(await s.support.view(actorOf(res), parse(positiveId, req.params.caseId)));
  });
  r.post('/support/cases/:caseId/progress', async (req, res) => {
    res.json(
      await s.support.setProgress(
        parse(positiveId, req.params.caseId),
        actorOf(res),
        parse(caseProgress, req.body).progress,
      ),
    );
  });
  r.post('/support/cases/:caseId/resolve', async (req, res) => {
    res.json(await s.support.resolve(parse(positiveId, req.params.caseId), actorOf(res)));
  });
  r.get('/admin/feedback', async (_req, res) => {
    if (!isAdmin(actorOf(res))) throw forbidden('forbidden', 'Only admins can read feedback reports.');
    const rows = await s.repos.support.feedback();
    const summary = (['booking', 'case'] as const).map((kind) => {
      const of = rows.filter((f) => f.kind === kind);
      return {
        kind,
        count: of.length,
        averageRating: of.length ? Math.round((of.reduce((a, f) => a + f.rating, 0) / of.length) * 100) / 100 : null,
      };
    });
    res.json({ summary, items: rows.slice(0, 100) });
  });
  return r;
}
