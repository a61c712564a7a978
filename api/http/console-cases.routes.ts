import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { originOf } from './console-request';
import { parse, positiveId } from './validation';

export const caseInboxQuery = z
  .object({
    view: z.enum(['open', 'assigned', 'closed']).default('open'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export const caseText = z.object({ text: z.string().trim().min(1, { message: 'is empty' }).max(2000) }).strict();
export const caseClose = z.object({ note: z.string().trim().max(255).optional() }).strict();

/** How often each open event stream asks the database whether cases changed (any instance may have changed them). */
const POLL_MS = 1500;
const HEARTBEAT_MS = 15_000;

/** The support inbox: cases, one case, live changes (server-sent events), and agents' actions. */
export function consoleCaseRoutes(c: ConsoleServices, pollMs = POLL_MS): Router {
  const r = Router();
  r.get('/console/cases', async (req, res) => {
    const q = parse(caseInboxQuery, req.query);
    res.json({ items: await c.cases.list(actorOf(res), q.view, q.limit) });
  });
  r.get('/console/cases/:caseId', async (req, res) => {
    res.json(await c.cases.view(actorOf(res), parse(positiveId, req.params.caseId, 'caseId')));
  });
  r.get('/console/events', async (req, res) => {
    const actor = actorOf(res);
    let mark = await c.cases.changeMark(actor);
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ mark })}\n\n`);
    let busy = false;
    let quiet = 0;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      c.cases
        .changeMark(actor)
        .then((now) => {
          quiet += pollMs;
          if (now !== mark) {
            mark = now;
            quiet = 0;
            res.write(`event: cases\ndata: ${JSON.stringify({ mark })}\n\n`);
          } else if (quiet >= HEARTBEAT_MS) {
            quiet = 0;
            res.write(': still here\n\n');
          }
        })
        // A disabled or demoted account's stream ends; the page signs in again.
        .catch(() => res.end())
        .finally(() => (busy = false));
    }, pollMs);
    req.on('close', () => clearInterval(timer));
  });
  r.post('/console/cases/:caseId/take', async (req, res) => {
    res.json(await c.cases.takeOver(actorOf(res), originOf(req), parse(positiveId, req.params.caseId, 'caseId')));
  });
  r.post('/console/cases/:caseId/reply', async (req, res) => {
    const { text } = parse(caseText, req.body);
    res.json(await c.cases.reply(actorOf(res), originOf(req), parse(positiveId, req.params.caseId, 'caseId'), text));
  });
  r.post('/console/cases/:caseId/note', async (req, res) => {
    const { text } = parse(caseText, req.body);
    res.json(await c.cases.note(actorOf(res), originOf(req), parse(positiveId, req.params.caseId, 'caseId'), text));
  });
  r.post('/console/cases/:caseId/hand-back', async (req, res) => {
    res.json(await c.cases.handBack(actorOf(res), originOf(req), parse(positiveId, req.params.caseId, 'caseId')));
  });
  r.post('/console/cases/:caseId/close', async (req, res) => {
    const { note } = parse(caseClose, req.body ?? {});
    res.json(await c.cases.close(actorOf(res), originOf(req), parse(positiveId, req.params.caseId, 'caseId'), note));
  });
  return r;
}
