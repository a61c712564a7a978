import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr, queryBool } from '../validation';

const name = z.string().min(1).max(60);
export const paymentLinkBody = z
  .object({ lastName: name.optional(), timeZone: z.string().max(64).optional() })
  .strict();
export const quoteQuery = z
  .object({ lastName: name.optional(), waiveFee: queryBool.optional(), reason: z.string().max(500).optional() })
  .strict();
export const ticketQuery = z.object({ lastName: name.optional(), t: z.string().max(200).optional() }).strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/** Payment links, cancellation quotes and the ticket PDF of a booking. */
export function paymentRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limit = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.post('/bookings/:pnr/payment-link', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(paymentLinkBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    res.json(await s.payments.createLink(ref, actorOf(res), body.lastName, body.timeZone));
  });
  r.get('/bookings/:pnr/cancellation-quote', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(quoteQuery, req.query);
    await limit(req.ip, q.lastName);
    res.json(await s.cancellations.quote(ref, actorOf(res), q));
  });
  r.get('/bookings/:pnr/tickets.pdf', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(ticketQuery, req.query);
    await limit(req.ip, q.lastName);
    const pdf = await s.ticketing.pdfFor(ref, actorOf(res), { lastName: q.lastName, token: q.t });
    res
      .status(200)
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="e-ticket-${ref}.pdf"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(pdf);
  });
  return r;
}
