import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr } from '../validation';

export const resendBody = z.object({ lastName: z.string().min(1).max(60).optional() }).strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/** A traveller's "send my confirmation again" (to the booking's contact address). */
export function bookingMailRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  r.post('/bookings/:pnr/confirmation-email', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(resendBody, req.body ?? {});
    if (body.lastName) await s.rateLimits.consume(lookupRule, req.ip ?? 'unknown');
    res.status(202).json(await s.bookingMail.resendConfirmation(ref, actorOf(res), body.lastName));
  });
  return r;
}
