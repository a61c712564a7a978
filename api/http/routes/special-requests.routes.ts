import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { SSR_CODE_LIST } from '../../domain/special-requests';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr, positiveId } from '../validation';

const name = z.string().min(1).max(60);
export const specialRequestsQuery = z.object({ lastName: name.optional() }).strict();
export const specialRequestsBody = z
  .object({
    lastName: name.optional(),
    requests: z
      .array(
        z
          .object({
            passenger: z.number().int().min(0).max(20),
            flightId: positiveId,
            code: z.enum(SSR_CODE_LIST as [string, ...string[]]),
          })
          .strict(),
      )
      .max(120),
  })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/** Special requests of a booking (SSR codes per passenger and flight): read them, or replace them as a whole. */
export function specialRequestRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limit = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.get('/bookings/:pnr/special-requests', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(specialRequestsQuery, req.query);
    await limit(req.ip, q.lastName);
    res.json(await s.specialRequests.list(ref, actorOf(res), q.lastName));
  });
  r.put('/bookings/:pnr/special-requests', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(specialRequestsBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    res.json(await s.specialRequests.replace(ref, actorOf(res), body.requests, body.lastName));
  });
  return r;
}
