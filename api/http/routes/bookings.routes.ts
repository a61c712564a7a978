import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import type { AuthMiddleware } from '../middleware/auth';
import { actorOf } from '../middleware/auth';
import { cabin, fareFamily, parse, pnr, positiveId } from '../validation';

const name = z.string().max(60, { message: 'must be at most 60 characters' });
export const createBooking = z
  .object({
    flights: z
      .array(
        z
          .object({
            flightId: positiveId,
            cabin,
            fareFamily,
            direction: z.enum(['outbound', 'inbound']).optional(),
            // Multi-city: the leg (0-based) of every flight, in travel order.
            leg: z.number().int().min(0).max(3).optional(),
          })
          .strict(),
      )
      .min(1, { message: 'choose at least one flight' })
      .max(8),
    passengers: z
      .array(
        z
          .object({
            firstName: name,
            lastName: name,
            dateOfBirth: z.string().max(10),
            seats: z
              .record(z.string().regex(/^\d+$/, { message: 'keys are flight ids' }), z.string().max(4))
              .optional(),
            specialAssistance: z.boolean().optional(),
            lapOf: z.number().int().min(0).max(17).optional(),
          })
          .strict(),
      )
      .min(1, { message: 'add at least one passenger' })
      .max(18, { message: 'at most 9 seated passengers and 9 infants' }),
    contact: z
      .object({
        email: z.email({ message: 'must be an email address' }).max(254),
        phone: z
          .string()
          .regex(/^\+?[0-9 ().-]{6,20}$/, { message: 'must be a phone number, e.g. +44 20 7946 0000' })
          .optional(),
      })
      .strict(),
    channel: z.string().max(32).optional(),
  })
  .strict();

export const lookup = z.object({ lastName: name.min(1).optional() }).strict();
/** The traveller's IANA time zone, for the payment page of a seat change's difference. */
const timeZone = z.string().max(64).optional();
export const changeSeats = z
  .object({
    lastName: name.min(1).optional(),
    timeZone,
    seats: z
      .array(
        z
          .object({ passenger: z.number().int().min(0), flightId: positiveId, designator: z.string().min(2).max(4) })
          .strict(),
      )
      .min(1, { message: 'list at least one seat' })
      .max(20),
  })
  .strict();
export const cancelBody = z
  .object({ lastName: name.min(1).optional(), quoteId: z.string().max(64).optional() })
  .strict();

const FIFTEEN_MINUTES = 15 * 60_000;

/**
 * Bookings: create (signed in), read (owner, staff, or PNR + last name), change seats (and quote what a change
 * costs), cancel a hold.
 */
export function bookingRoutes(s: ApiServices, auth: AuthMiddleware): Router {
  const r = Router();
  const lookupRule = { bucket: 'lookup', limit: s.config.RATE_LIMIT_LOOKUP_PER_15_MIN, windowMs: FIFTEEN_MINUTES };
  /** Guessing PNRs by last name is rate limited per client address. */
  const limitLookup = async (ip: string | undefined, lastName: string | undefined) => {
    if (lastName) await s.rateLimits.consume(lookupRule, ip ?? 'unknown');
  };

  r.post('/bookings', auth.requireUser, async (req, res) => {
    const body = parse(createBooking, req.body);
    const view = await s.bookings.createHold(actorOf(res), body);
    res.status(201).location(`/api/v1/bookings/${view.pnr}`).json(view);
  });
  r.get('/bookings/:pnr', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const q = parse(lookup, req.query);
    await limitLookup(req.ip, q.lastName);
    res.json(await s.bookings.get(ref, actorOf(res), q.lastName));
  });
  r.put('/bookings/:pnr/seats', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(changeSeats, req.body);
    await limitLookup(req.ip, body.lastName);
    const out = await s.bookingChanges.changeSeats(ref, actorOf(res), body.seats, body.lastName, {
      timeZone: body.timeZone,
    });
    // A dearer seat on a paid booking waits for its difference: accepted, not done yet.
    res.status(out.seatChange?.status === 'awaiting_payment' ? 202 : 200).json(out);
  });
  r.post('/bookings/:pnr/seats/quote', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(changeSeats, req.body);
    await limitLookup(req.ip, body.lastName);
    res.json(await s.bookingChanges.quoteSeatChange(ref, actorOf(res), body.seats, body.lastName));
  });
  r.post('/bookings/:pnr/cancel', auth.identify, async (req, res) => {
    const ref = parse(pnr, req.params.pnr, 'pnr');
    const body = parse(cancelBody, req.body ?? {});
    await limitLookup(req.ip, body.lastName);
    // Paid bookings cancel through a quote (what the fare rules refund); a hold can just be released.
    res.json(
      body.quoteId
        ? await s.cancellations.cancel(ref, actorOf(res), body.quoteId, body.lastName)
        : await s.bookingChanges.cancelHold(ref, actorOf(res), body.lastName),
    );
  });
  r.get('/me/bookings', auth.requireUser, async (_req, res) => {
    res.json({ items: await s.bookings.listMine(actorOf(res)) });
  });
  return r;
}
