/**
 * What the language model is asked to return: a flat JSON object with every field present (OpenAI's
 * strict structured outputs need that), nulls for anything not said.
 */
import { z } from 'zod';
import { CABINS } from '../../api/domain/types';
import { HELP_TOPICS, INTENTS } from './recognizer';

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const window = z.object({ from: time, to: time }).nullable();
const place = z
  .object({
    text: z.string().describe('the words the traveller used'),
    code: z.string().nullable().describe('IATA airport or metro code, e.g. LHR, LON, NYC'),
  })
  .nullable();
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();

export const llmUnderstandingSchema = z.object({
  intent: z.enum(INTENTS),
  confidence: z.number().min(0).max(1),
  helpTopic: z.enum(HELP_TOPICS).nullable(),
  origin: place,
  destination: place,
  departDate: isoDate,
  returnDate: isoDate,
  tripType: z.enum(['one_way', 'round_trip']).nullable(),
  cabin: z.enum(CABINS).nullable(),
  nonStop: z.boolean().nullable(),
  departTime: window,
  returnTime: window,
  airlineCode: z.string().nullable().describe('IATA airline designator, e.g. BA'),
  passengers: z
    .object({
      adults: z.number().int().min(0).max(9),
      children: z.number().int().min(0).max(9),
      infants: z.number().int().min(0).max(9),
    })
    .nullable(),
  sort: z.enum(['price', 'duration', 'departure', 'arrival']).nullable(),
  flexDays: z.number().int().min(0).max(14).nullable(),
  pnr: z.string().nullable(),
});

export type LlmUnderstanding = z.infer<typeof llmUnderstandingSchema>;

/** The instructions sent with every message; `today` and the zone make relative dates resolvable. */
export function systemPrompt(today: string, timeZone: string | undefined): string {
  return [
    'You extract flight-booking information from one chat or SMS message for a travel assistant.',
    `Today is ${today}` +
      `${timeZone ? ` in ${timeZone}` : ''}. Resolve relative dates ("next friday", "the 20th", "back sun") ` +
      'to YYYY-MM-DD on or after today; a month and day already past this year means next year.',
    'Use IATA codes: a metro code when the traveller names a city with ' +
      'several airports (London LON, New York NYC), else the airport code.',
    'Intents: search_flights (find/book flights, fares), manage_booking, ' +
      'cancel_booking, change_seats, disruption (their own flight delayed or cancelled, what now), ' +
      'special_request (add or drop a meal, wheelchair or pet in the cabin on a booking), ' +
      'help (baggage, check-in, refunds, ' +
      'airport or aircraft questions), agent (wants a human), start_over, ' +
      'abort (stop/never mind, not about a booking), greeting, thanks, ' +
      'goodbye, affirm, deny, more (more results), complaint, none.',
    'Times are 24-hour windows: morning 05:00-12:00, afternoon ' +
      '12:00-18:00, evening 18:00-23:59, "before 7 am" 00:00-07:00.',
    'passengers only when the traveller states who travels ("me and my ' +
      'wife" = 2 adults). Use null for anything not stated. Never invent ' +
      'values.',
  ].join('\n');
}
