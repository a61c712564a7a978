import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { searchMultiCity } from '../../services/multi-city-search';
import { cabin, fareFamily, hhmm, iataCode, isoDate, parse, positiveId, queryBool } from '../validation';

export const searchQuery = z
  .object({
    origin: iataCode,
    destination: iataCode,
    departureDate: isoDate,
    returnDate: isoDate.optional(),
    adults: z.coerce.number().int().min(0).max(9).default(1),
    children: z.coerce.number().int().min(0).max(9).default(0),
    infants: z.coerce.number().int().min(0).max(9).default(0),
    cabin: cabin.default('economy'),
    flexDays: z.coerce
      .number()
      .int()
      .min(0, { message: 'must be 0 to 3' })
      .max(3, { message: 'must be 0 to 3' })
      .default(0),
    nonStop: queryBool.default(false),
    maxPrice: z.coerce.number().int().positive().optional(),
    airlines: z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((a) => a.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^[A-Z0-9]{2}$/, { message: 'must be 2-character airline codes, comma-separated' })),
      )
      .optional(),
    departAfter: hhmm.optional(),
    departBefore: hhmm.optional(),
    sort: z.enum(['price', 'duration', 'departure', 'arrival']).default('price'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    page: z.coerce.number().int().min(1).max(1000).default(1),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, { message: 'must be an ISO 4217 code such as USD' })
      .optional(),
  })
  .strict();

/** A multi-city search (JSON body): the legs in travel order, and the options of a search shared by every leg. */
export const multiCitySearch = searchQuery
  .omit({ origin: true, destination: true, departureDate: true, returnDate: true })
  .extend({
    // A JSON body says true/false (the GET search reads them from a query string).
    nonStop: z.boolean().default(false),
    // The number of legs is a rule of the domain (2 to 4, coded invalid_leg_count); this only bounds the body.
    legs: z
      .array(z.object({ origin: iataCode, destination: iataCode, departureDate: isoDate }).strict())
      .min(1, { message: 'give the legs of the trip' })
      .max(8),
  })
  .strict();

export const airportQuery = z
  .object({
    q: z.string().trim().min(1, { message: 'type at least one letter' }).max(60),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export const seatMapQuery = z
  .object({
    fareFamily: fareFamily.optional(),
    cabin: cabin.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
    // Who the seat is for: seats the safety rules refuse them show as unavailable, with the reason.
    passengerType: z.enum(['ADT', 'CHD']).optional(),
    lapInfant: z.enum(['true', 'false']).optional(),
    specialAssistance: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** Airports, flight search and seat maps: open to everyone. */
export function flightRoutes(s: ApiServices): Router {
  const r = Router();
  r.get('/airports', (req, res) => {
    const q = parse(airportQuery, req.query);
    res.json({ items: s.ref.searchPlaces(q.q, q.limit) });
  });
  r.get('/flights/search', async (req, res) => {
    res.json(await s.search.search(parse(searchQuery, req.query)));
  });
  r.post('/flights/search/multi-city', async (req, res) => {
    res.json(await searchMultiCity(s.search, parse(multiCitySearch, req.body)));
  });
  r.get('/flights/:flightId/seatmap', async (req, res) => {
    const id = parse(positiveId, req.params.flightId, 'flightId');
    const { passengerType, lapInfant, specialAssistance, ...opts } = parse(seatMapQuery, req.query);
    const forPassenger =
      passengerType || lapInfant || specialAssistance
        ? {
            type: passengerType ?? 'ADT',
            holdsInfant: lapInfant === 'true',
            specialAssistance: specialAssistance === 'true',
          }
        : undefined;
    res.json(await s.seatMaps.seatMap(id, { ...opts, forPassenger }));
  });
  return r;
}
