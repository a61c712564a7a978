import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr, positiveId } from '../validation';

const name = z.string().min(1).max(60);
export const disruptionQuery = z.object({ lastName: name.optional() }).strict();
export const disruptionChoiceBody = z
  .object({
    offerId: z
      .string()
      .regex(/^(accept|refund|rebook-\d{1,2})$/, { message: 'must be an offer id such as rebook-1' })
      .meta({ description: 'the id of one of the offers (GET /bookings/{pnr}/disruption)' }),
    lastName: name.optional(),
  })
  .strict();
export const disruptionList = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * A booking's disruption (its flight delayed or cancelled) and the traveller's answer; for agents and admins the
 * disruption reports. Authorization is in the service.
 */
export function disruptionRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limit = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.get('/bookings/:pnr/disruption', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(disruptionQuery, req.query);
    await limit(req.ip, q.lastName);
    res.json({ disruption: await s.disruptions.disruptionFor(actorOf(res), ref, q.lastName) });
  });
  r.post('/bookings/:pnr/disruption/choice', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(disruptionChoiceBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    res.json(await s.disruptions.chooseOffer(actorOf(res), ref, body.offerId, body.lastName));
  });
  r.get('/admin/disruptions', auth.requireUser, async (req, res) => {
    res.json({ items: await s.disruptions.list(actorOf(res), parse(disruptionList, req.query).limit) });
  });
  r.get('/admin/disruptions/:disruptionId', auth.requireUser, async (req, res) => {
    res.json(await s.disruptions.report(actorOf(res), parse(positiveId, req.params.disruptionId, 'disruptionId')));
  });
  return r;
}
