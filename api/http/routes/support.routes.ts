import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
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
    res.json(await s.support.view(actorOf(res), parse(positiveId, req.params.caseId, 'caseId')));
  });
  r.post('/support/cases/:caseId/progress', async (req, res) => {
    res.json(
      await s.support.setProgress(
        parse(positiveId, req.params.caseId, 'caseId'),
        actorOf(res),
        parse(caseProgress, req.body).progress,
      ),
    );
  });
  r.post('/support/cases/:caseId/resolve', async (req, res) => {
    res.json(await s.support.resolve(parse(positiveId, req.params.caseId, 'caseId'), actorOf(res)));
  });
  r.get('/admin/feedback', async (_req, res) => {
    res.json(await s.support.feedbackReport(actorOf(res)));
  });
  return r;
}
