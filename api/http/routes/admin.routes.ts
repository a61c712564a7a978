import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { hhmm, iataCode, isoDate, parse, pnr, positiveId } from '../validation';

export const flightInput = z
  .object({
    airline: z
      .string()
      .regex(/^[A-Za-z0-9]{2}$/, { message: 'must be a 2-character airline code' })
      .transform((s) => s.toUpperCase()),
    flightNumber: z.number().int().min(1).max(9999),
    origin: iataCode,
    destination: iataCode,
    departureDate: isoDate,
    departureTime: hhmm,
    aircraft: z.string().min(2).max(4),
    durationMinutes: z
      .number()
      .int()
      .min(20)
      .max(24 * 60)
      .optional(),
    baseFare: z.number().int().positive().optional(),
  })
  .strict();
export const flightPatch = z
  .object({
    departureDate: isoDate.optional(),
    departureTime: hhmm.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(20)
      .max(24 * 60)
      .optional(),
    aircraft: z.string().min(2).max(4).optional(),
    baseFare: z.number().int().positive().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'change at least one field' });
export const cancelFlight = z
  .object({ reason: z.string().trim().min(3, { message: 'say why (at least 3 characters)' }).max(500) })
  .strict();
export const delayFlight = z
  .object({
    departureTime: hhmm.meta({ description: 'the new departure, local time at the origin' }),
    departureDate: isoDate.optional().meta({ description: 'local date at the origin (default: unchanged)' }),
    reason: z.string().trim().min(3, { message: 'say why (at least 3 characters)' }).max(500),
  })
  .strict();
export const deadLetterQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
const paging = {
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};
export const flightList = z
  .object({
    origin: iataCode.optional(),
    destination: iataCode.optional(),
    date: isoDate.optional(),
    airline: z
      .string()
      .length(2)
      .transform((s) => s.toUpperCase())
      .optional(),
    flightNumber: z.coerce.number().int().positive().optional(),
    status: z.enum(['scheduled', 'cancelled']).optional(),
    ...paging,
  })
  .strict();
export const bookingSearch = z
  .object({
    status: z.enum(['held', 'confirmed', 'cancelled', 'expired']).optional(),
    pnr: pnr.optional(),
    lastName: z.string().min(1).max(60).optional(),
    email: z.string().max(254).optional(),
    flightId: positiveId.optional(),
    ...paging,
  })
  .strict();
/**
 * Report dates are plain strings here: whether they are real dates and a sensible range is the
 * service's rule (422 with a code), not a malformed request (400). The metadata documents them.
 */
const reportDate = (meaning: string) =>
  z
    .string()
    .max(32)
    .meta({ format: 'date', description: `UTC date (YYYY-MM-DD), inclusive; ${meaning}` });
export const reportQuery = z
  .object({
    from: reportDate('default: 29 days before `to`').optional(),
    to: reportDate("default: today by the service's clock").optional(),
  })
  .strict();

/**
 * Back office: admins manage flights; agents and admins search bookings and read reports. Roles are checked in the
 * services.
 */
export function adminRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  r.use('/admin', auth.requireUser);
  r.get('/admin/flights', async (req, res) => {
    res.json(await s.admin.listFlights(actorOf(res), parse(flightList, req.query)));
  });
  r.post('/admin/flights', async (req, res) => {
    res.status(201).json(await s.admin.createFlight(actorOf(res), parse(flightInput, req.body)));
  });
  r.patch('/admin/flights/:flightId', async (req, res) => {
    res.json(
      await s.admin.updateFlight(
        actorOf(res),
        parse(positiveId, req.params.flightId, 'flightId'),
        parse(flightPatch, req.body),
      ),
    );
  });
  // Both go through the one disruption service: the travellers on the flight are told and offered what follows.
  r.post('/admin/flights/:flightId/cancel', async (req, res) => {
    const { reason } = parse(cancelFlight, req.body);
    res.json(
      await s.disruptions.disrupt(actorOf(res), parse(positiveId, req.params.flightId, 'flightId'), {
        kind: 'cancelled',
        reason,
      }),
    );
  });
  r.post('/admin/flights/:flightId/delay', async (req, res) => {
    const body = parse(delayFlight, req.body);
    res.json(
      await s.disruptions.disrupt(actorOf(res), parse(positiveId, req.params.flightId, 'flightId'), {
        kind: 'delayed',
        ...body,
      }),
    );
  });
  r.get('/admin/bookings', async (req, res) => {
    res.json(await s.admin.searchBookings(actorOf(res), parse(bookingSearch, req.query)));
  });
  r.get('/admin/reports/summary', async (req, res) => {
    res.json(await s.reports.summary(actorOf(res), parse(reportQuery, req.query)));
  });
  r.get('/admin/events/dead-letters', async (req, res) => {
    const { limit } = parse(deadLetterQuery, req.query);
    res.json({ items: await s.admin.deadLetters(actorOf(res), limit) });
  });
  r.post('/admin/events/dead-letters/:deliveryId/retry', async (req, res) => {
    res.json(await s.admin.retryDeadLetter(actorOf(res), parse(positiveId, req.params.deliveryId, 'deliveryId')));
  });
  return r;
}
