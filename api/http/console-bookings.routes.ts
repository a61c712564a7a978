import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { originOf } from './console-request';
import { isoDate, parse, pnr } from './validation';
import { changeSeats } from './routes/bookings.routes';

export const bookingQuery = z
  .object({
    q: z.string().max(120).optional().meta({
      description: 'a booking reference, an email, a phone number, a flight number (BA117) or passenger names',
    }),
    date: isoDate.optional().meta({ description: 'local departure date of one of its flights' }),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .strict();
export const quoteBody = z
  .object({
    waiveFee: z.boolean().default(false),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export const cancelBody = z.object({ quoteId: z.string().min(1).max(64) }).strict();
/** The same seat changes as the API's and the chat's (without the last name: staff are authorised as staff). */
export const consoleSeatsBody = changeSeats.omit({ lastName: true });

/** Bookings for agents and admins: search, a booking's page, and actions on it. */
export function consoleBookingRoutes(c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/bookings', async (req, res) => {
    res.json({ items: await c.bookings.search(actorOf(res), parse(bookingQuery, req.query)) });
  });
  r.get('/console/bookings/:pnr', async (req, res) => {
    res.json(await c.bookings.page(actorOf(res), parse(pnr, req.params.pnr, 'pnr')));
  });
  r.post('/console/bookings/:pnr/resend-confirmation', async (req, res) => {
    res.json(await c.bookings.resendConfirmation(actorOf(res), originOf(req), parse(pnr, req.params.pnr, 'pnr')));
  });
  r.post('/console/bookings/:pnr/cancellation-quote', async (req, res) => {
    const body = parse(quoteBody, req.body ?? {});
    res.json(await c.bookings.quote(actorOf(res), originOf(req), parse(pnr, req.params.pnr, 'pnr'), body));
  });
  r.put('/console/bookings/:pnr/seats', async (req, res) => {
    const { seats } = parse(consoleSeatsBody, req.body);
    res.json(await c.bookings.changeSeats(actorOf(res), originOf(req), parse(pnr, req.params.pnr, 'pnr'), seats));
  });
  r.post('/console/bookings/:pnr/cancel', async (req, res) => {
    const { quoteId } = parse(cancelBody, req.body);
    res.json(await c.bookings.cancel(actorOf(res), originOf(req), parse(pnr, req.params.pnr, 'pnr'), quoteId));
  });
  return r;
}
