import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { originOf } from './console-request';
import { faqArticle, faqSlug } from './routes/faq.routes';
import { isoDate, parse } from './validation';

const DAY_MS = 86_400_000;
export const helpInsightsQuery = z
  .object({
    from: isoDate.optional().meta({ description: 'UTC date, inclusive (default: 29 days before `to`)' }),
    to: isoDate.optional().meta({ description: 'UTC date, inclusive (default: today)' }),
  })
  .strict();

/** Help articles for admins: drafts, preview, publication and what travellers asked. */
export function consoleHelpRoutes(c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/help', async (_req, res) => {
    res.json({ items: await c.help.list(actorOf(res)) });
  });
  r.get('/console/help-insights', async (req, res) => {
    const q = parse(helpInsightsQuery, req.query);
    const to = q.to ?? new Date().toISOString().slice(0, 10);
    const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
    res.json(await c.help.insights(actorOf(res), from, to));
  });
  r.get('/console/help/:slug', async (req, res) => {
    res.json(await c.help.article(actorOf(res), parse(faqSlug, req.params.slug, 'slug')));
  });
  r.post('/console/help/:slug/preview', async (req, res) => {
    res.json(await c.help.preview(actorOf(res), parse(faqSlug, req.params.slug, 'slug'), parse(faqArticle, req.body)));
  });
  r.put('/console/help/:slug/draft', async (req, res) => {
    const slug = parse(faqSlug, req.params.slug, 'slug');
    res.json(await c.help.saveDraft(actorOf(res), originOf(req), slug, parse(faqArticle, req.body)));
  });
  r.delete('/console/help/:slug/draft', async (req, res) => {
    await c.help.discardDraft(actorOf(res), originOf(req), parse(faqSlug, req.params.slug, 'slug'));
    res.status(204).end();
  });
  r.post('/console/help/:slug/publish', async (req, res) => {
    res.json(await c.help.publish(actorOf(res), originOf(req), parse(faqSlug, req.params.slug, 'slug')));
  });
  return r;
}
