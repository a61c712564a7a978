import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr, positiveId } from '../validation';

const lastName = z.string().min(1).max(60).optional();
export const flightChangeQuoteBody = z
  .object({
    lastName,
    direction: z.enum(['outbound', 'inbound']).default('outbound'),
    flightIds: z.array(positiveId).min(1, { message: 'choose at least one flight' }).max(4),
  })
  .strict();
export const flightChangeBody = flightChangeQuoteBody
  .extend({
    /** The traveller's IANA time zone, for the payment page. */
    timeZone: z.string().max(64).optional(),
    /** The amounts of the quote the traveller agreed to (minor units). */
    accepted: z.object({ due: z.number().int().min(0), refund: z.number().int().min(0) }).strict(),
  })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Changing the dates or flights of a paid booking: a quote, then its confirmation. Authorized like seat changes (the
 * owner, staff, or the reference and last name, through BookingAccess in the service).
 */
export function flightChangeRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limitLookup = async (ip: string | undefined, name: string | undefined) => {
    if (name) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };
  r.post('/bookings/:pnr/changes/quote', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(flightChangeQuoteBody, req.body ?? {});
    await limitLookup(req.ip, body.lastName);
    res.json(await s.flightChanges.quote(ref, actorOf(res), body, body.lastName));
  });
  r.post('/bookings/:pnr/changes', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(flightChangeBody, req.body ?? {});
    await limitLookup(req.ip, body.lastName);
    const out = await s.flightChanges.confirm(ref, actorOf(res), body, body.lastName, { timeZone: body.timeZone });
    // A dearer change waits for its difference: accepted, not done yet.
    res.status(out.flightChange.status === 'awaiting_payment' ? 202 : 200).json(out);
  });
  return r;
}
