import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { parse, pnr } from '../validation';

const name = z.string().min(1).max(60);
export const checkInStatusQuery = z.object({ lastName: name.optional() }).strict();
export const checkInBody = z
  .object({
    flightId: z.number().int().positive().optional(),
    passengers: z
      .array(
        z
          .object({
            passenger: z.number().int().min(0).max(20),
            documentNumber: z.string().min(1).max(40),
            nationality: z.string().min(1).max(3),
            expiryDate: z.string().min(1).max(10),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    lastName: name.optional(),
  })
  .strict();
export const boardingPassParams = z
  .object({ pnr, flightId: z.coerce.number().int().positive(), passenger: z.coerce.number().int().min(0).max(20) })
  .strict();
export const boardingPassQuery = z.object({ lastName: name.optional(), t: z.string().max(200).optional() }).strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/** Online check-in of a booking and its boarding passes (PDF, barcode image). */
export function checkInRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  const limit = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.get('/bookings/:pnr/check-in', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(checkInStatusQuery, req.query);
    await limit(req.ip, q.lastName);
    res.json(await s.checkIn.status(ref, actorOf(res), q.lastName));
  });
  r.post('/bookings/:pnr/check-in', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(checkInBody, req.body ?? {});
    await limit(req.ip, body.lastName);
    const { lastName, ...request } = body;
    res.json(await s.checkIn.checkIn(ref, actorOf(res), request, lastName));
  });
  const file = (format: 'pdf' | 'png') =>
    r.get(`/bookings/:pnr/boarding-passes/:flightId/:passenger.${format}`, auth.identify, async (req, res) => {
      const ref = parse(boardingPassParams, req.params);
      const q = parse(boardingPassQuery, req.query);
      await limit(req.ip, q.lastName);
      const body = await s.checkIn.passFile(ref, actorOf(res), { lastName: q.lastName, token: q.t }, format);
      res
        .status(200)
        .type(format === 'pdf' ? 'application/pdf' : 'image/png')
        .setHeader('Cache-Control', 'private, no-store')
        .send(body);
    });
  file('pdf');
  file('png');
  return r;
}
