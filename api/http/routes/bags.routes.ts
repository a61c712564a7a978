import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr, positiveId } from '../validation';

const name = z.string().min(1).max(60);
export const addBagsBody = z
  .object({
    lastName: name.optional(),
    /** The traveller's IANA time zone, for the payment page. */
    timeZone: z.string().max(64).optional(),
    bags: z
      .array(
        z
          .object({
            passenger: z.number().int().min(0).max(20),
            flightId: positiveId,
            // More than the limit is refused by the service with a coded error (bag_limit_exceeded), not here.
            bags: z.number().int().min(1).max(20),
          })
          .strict(),
      )
      .min(1, { message: 'list at least one passenger and flight' })
      .max(60),
  })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Extra checked bags on a paid booking, per passenger and flight: quote them, or ask for them (202: they count once
 * the payment link in `bagOrder.payment` is paid). Authorized like seat changes (owner, staff, or PNR + last name).
 */
export function bagRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limit = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.post('/bookings/:pnr/bags/quote', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(addBagsBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    res.json(await s.bags.quote(ref, actorOf(res), body.bags, body.lastName));
  });
  r.post('/bookings/:pnr/bags', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(addBagsBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    const out = await s.bags.add(ref, actorOf(res), body.bags, body.lastName, { timeZone: body.timeZone });
    res.status(202).json(out);
  });
  return r;
}
