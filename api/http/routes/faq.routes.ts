import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse } from '../validation';

export const faqQuery = z
  .object({
    q: z.string().max(500, { message: 'must be at most 500 characters' }).optional(),
    topic: z
      .string()
      .regex(/^[a-z_]{2,32}$/, { message: 'must be a topic such as baggage or check_in' })
      .optional(),
  })
  .strict();
export const faqSlug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case words joined by hyphens' })
  .max(64, { message: 'must be at most 64 characters' });
export const faqArticle = z
  .object({
    topic: z
      .string()
      .trim()
      .regex(/^[a-z_]{2,32}$/, { message: 'must be lower-case letters and underscores, e.g. check_in' }),
    question: z
      .string()
      .trim()
      .min(5, { message: 'must be at least 5 characters' })
      .max(200, { message: 'must be at most 200 characters' }),
    answer: z
      .string()
      .trim()
      .min(10, { message: 'must be at least 10 characters' })
      .max(5000, { message: 'must be at most 5000 characters' }),
    keywords: z.array(z.string().trim().min(1).max(40)).max(60).optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict();

/** Help articles: searching and reading are public; writing is for admins (checked in the service, audited). */
export function faqRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  r.get('/faq', async (req, res) => {
    const q = parse(faqQuery, req.query);
    const articles = q.q?.trim() || q.topic ? await s.faq.search(q.q ?? '', q.topic) : await s.faq.list();
    res.json({ articles });
  });
  r.get('/faq/:slug', async (req, res) => {
    res.json(await s.faq.get(parse(faqSlug, req.params.slug, 'slug')));
  });
  r.put('/faq/:slug', auth.requireUser, async (req, res) => {
    const { article, created } = await s.faq.upsert(
      actorOf(res),
      parse(faqSlug, req.params.slug, 'slug'),
      parse(faqArticle, req.body),
    );
    res.status(created ? 201 : 200).json(article);
  });
  r.delete('/faq/:slug', auth.requireUser, async (req, res) => {
    await s.faq.remove(actorOf(res), parse(faqSlug, req.params.slug, 'slug'));
    res.status(204).end();
  });
  return r;
}
