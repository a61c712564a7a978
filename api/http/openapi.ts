import { z } from 'zod';
import { type Json, queryParams, schema } from './openapi-schema';
import { ERROR_CODES, ERRORS, type ErrorCode, httpStatus, kindsOf } from '../errors';
import {
  bookingSearch,
  cancelFlight,
  delayFlight,
  deadLetterQuery,
  flightInput,
  flightList,
  flightPatch,
  reportQuery,
} from './routes/admin.routes';
import { changePassword, login, logout, refresh, register } from './routes/auth.routes';
import { linkRequest, linkSignIn, passwordReset } from './routes/account-links.routes';
import { resendBody } from './routes/booking-mail.routes';
import { cancelBody, changeSeats, createBooking, lookup } from './routes/bookings.routes';
import { faqArticle, faqQuery } from './routes/faq.routes';
import { airportQuery, multiCitySearch, searchQuery, seatMapQuery } from './routes/flights.routes';
import { paymentLinkBody, quoteQuery, ticketQuery } from './routes/payments.routes';
import { boardingPassQuery, checkInBody, checkInStatusQuery } from './routes/check-in.routes';
import { specialRequestsBody, specialRequestsQuery } from './routes/special-requests.routes';
import { addBagsBody } from './routes/bags.routes';
import { flightChangeBody, flightChangeQuoteBody } from './routes/flight-changes.routes';
import { disruptionChoiceBody, disruptionList, disruptionQuery } from './routes/disruption.routes';
import { caseList, caseProgress } from './routes/support.routes';
import { consolePaths } from './console-openapi';

/**
 * The OpenAPI 3.1 document. Request shapes come from the same zod schemas the handlers parse with, so
 * the document cannot drift from what the server accepts.
 */
const body = (s: z.ZodType) => ({ required: true, content: { 'application/json': { schema: schema(s) } } });
const ok = (description: string, ref?: string) => ({
  description,
  content: { 'application/json': { schema: ref ? { $ref: `#/components/schemas/${ref}` } : { type: 'object' } } },
});
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      {
        description: ERROR_TEXT[c] ?? 'Error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    ]),
  );
const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request (invalid_request, invalid_json)',
  401: 'Missing or bad credentials',
  403: 'Not allowed for this role',
  404: 'Not found',
  409: 'Conflict (seat_unavailable, sold_out, …)',
  413: 'Body too large',
  422: 'Breaks a booking rule (invalid_passengers, departure_in_past, …)',
  429: 'Rate limited (see Retry-After)',
};
/** Every code from the error catalogue, each with its HTTP status(es) and what it means. */
function errorCodeSchema(): Json {
  const line = (code: ErrorCode) => `${kindsOf(code).map(httpStatus).join(' or ')}: ${ERRORS[code].description}`;
  return {
    type: 'string',
    description: 'Stable snake_case error codes; clients may branch on them.',
    enum: ERROR_CODES,
    'x-enumDescriptions': Object.fromEntries(ERROR_CODES.map((c) => [c, line(c)])),
  };
}
const pnrParam = {
  name: 'pnr',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[2-9A-HJKMNP-Z]{6}$' },
};
const flightParam = { name: 'flightId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const slugParam = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
const caseParam = { name: 'caseId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const passParams = [
  { name: 'flightId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
  { name: 'passenger', in: 'path', required: true, schema: { type: 'integer', minimum: 0 } },
];
const bearer = [{ bearer: [] }];

export function openApiDocument(serverUrl: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'jetway booking API',
      version: '1.0.0',
      description:
        'Flight search, seat maps, holds and bookings. Money is integer minor ' +
        'units with an ISO currency; times are local with their UTC offset. ' +
        'Every error is {"error": {"code", "message", "details"?}}.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { $ref: '#/components/schemas/ErrorCode' },
                message: { type: 'string' },
                details: { description: 'Depends on the code; absent for most.' },
              },
            },
          },
        },
        ErrorCode: errorCodeSchema(),
        Money: {
          type: 'object',
          required: ['amount', 'currency'],
          properties: { amount: { type: 'integer' }, currency: { type: 'string', pattern: '^[A-Z]{3}$' } },
        },
        Session: {
          type: 'object',
          properties: {
            accessToken: { type: 'string' },
            refreshToken: { type: 'string' },
            expiresIn: { type: 'integer' },
            user: { type: 'object' },
          },
        },
        Booking: {
          type: 'object',
          description:
            'A booking: pnr, status, holdExpiresAt, price, flights (each with segment, direction and leg: 0-based, ' +
            "a return trip's return is leg 1, a multi-city trip has legs 0 to 3), passengers " +
            '(with seats, ticket numbers and checkedBags per flight: included, added, weightKg), contact, ' +
            'bags (extra checked bags paid after booking: total, orders with their items).',
        },
        SearchResult: {
          type: 'object',
          description:
            'currency, passengers, cabin, outbound offers, inbound offers (round trip), calendar (flexDays), paging.',
        },
        MultiCitySearchResult: {
          type: 'object',
          description:
            "currency (of the first leg's origin, for every leg), passengers, cabin, legs [{ leg (0-based), origin, " +
            'destination, departureDate, offers (as SearchResult.outbound), total }].',
        },
        SummaryReport: {
          type: 'object',
          description:
            'from, to (inclusive UTC dates); bookings { created, byStatus, ' +
            'byChannel }; revenue [{ currency, paid, refunded, net }] in minor ' +
            'units, one line per currency; passengers; seatsSold; topRoutes [{ ' +
            'origin, destination, bookings }] (max 10); ratings { count, average ' +
            '(null without ratings), byScore, withComment }; support { opened, ' +
            'byStatus, byReason }.',
        },
        SeatMap: {
          type: 'object',
          description:
            'flightId, aircraft, cabins with columns (null = aisle) and rows of ' +
            'seats: designator, position, features, tier, price, available.',
        },
      },
    },
    paths: {
      '/airports': {
        get: {
          summary: 'Airports and metro codes by code, city or name prefix',
          parameters: queryParams(airportQuery),
          responses: { 200: ok('Matching places'), ...errors(400) },
        },
      },
      '/flights/search': {
        get: {
          summary: 'Search nonstop and one-stop flights with fares for the party',
          parameters: queryParams(searchQuery),
          responses: { 200: ok('Offers', 'SearchResult'), ...errors(400, 422) },
        },
      },
      '/flights/search/multi-city': {
        post: {
          summary:
            'Search a multi-city trip: 2 to 4 one-way legs, each dated on or after the one before, all priced in ' +
            'one currency. Book the chosen offers together with POST /bookings, giving every flight its leg; a leg ' +
            'must leave at least 3 hours after the previous leg lands (leg_too_soon)',
          requestBody: body(multiCitySearch),
          responses: { 200: ok('Offers per leg', 'MultiCitySearchResult'), ...errors(400, 422) },
        },
      },
      '/flights/{flightId}/seatmap': {
        get: {
          summary: 'Seat map with availability and seat prices',
          parameters: [flightParam, ...queryParams(seatMapQuery)],
          responses: { 200: ok('Seat map', 'SeatMap'), ...errors(400, 404) },
        },
      },
      '/bookings': {
        post: {
          summary:
            'Hold seats and create a booking (status held): all flights or none. A multi-city trip gives every ' +
            'flight its `leg` (0, 1, … in travel order)',
          security: bearer,
          requestBody: body(createBooking),
          responses: { 201: ok('Held booking', 'Booking'), ...errors(400, 401, 409, 422) },
        },
      },
      '/bookings/{pnr}': {
        get: {
          summary: 'A booking, for its owner, staff, or anyone with a passenger last name (masked)',
          parameters: [pnrParam, ...queryParams(lookup)],
          responses: { 200: ok('Booking', 'Booking'), ...errors(400, 401, 404, 429) },
        },
      },
      '/bookings/{pnr}/seats': {
        put: {
          summary:
            'Change seats (all or none). On a paid booking a dearer seat answers 202: the new seats are held and ' +
            '`seatChange.payment` is a link for the difference; a cheaper seat refunds under the fare rules',
          parameters: [pnrParam],
          requestBody: body(changeSeats),
          responses: {
            200: ok('Booking (with seatChange on paid bookings)', 'Booking'),
            202: ok('Booking unchanged, with seatChange { status: awaiting_payment, due, payment }', 'Booking'),
            ...errors(400, 404, 409, 422, 429, 503),
          },
        },
      },
      '/bookings/{pnr}/seats/quote': {
        post: {
          summary: 'What a seat change would cost (due) or give back (refund, kept by the fare); nothing moves',
          parameters: [pnrParam],
          requestBody: body(changeSeats),
          responses: { 200: ok('{ bookingStatus, due, refund, kept, seats }'), ...errors(400, 404, 409, 422, 429) },
        },
      },
      '/bookings/{pnr}/changes/quote': {
        post: {
          summary:
            'What moving a paid booking to other flights on the same route would cost: the fare difference at ' +
            "today's price (same cabin and fare family), the change fee (Basic cannot change: 422 " +
            'fare_not_changeable; Standard pays a fee; Flex none; no fee within 24 hours of buying), and the due or ' +
            'refund; extra bags on the flights left move to the flights replacing them one for one, or are ' +
            'refunded in full (bagsRefund) when the number of flights differs; nothing is held',
          parameters: [pnrParam],
          requestBody: body(flightChangeQuoteBody),
          responses: {
            200: ok(
              '{ direction, fareFamily, cabin, from, to, fareDifference, fee, feeWaived, due, refund, ' +
                'bagsRefund, freeChangeUntil, summary }',
            ),
            ...errors(400, 404, 409, 422, 429),
          },
        },
      },
      '/bookings/{pnr}/changes': {
        post: {
          summary:
            'Confirm a flight change at the quoted amounts (`accepted`; a moved price is 409 change_quote_changed). ' +
            'Seats on the new flights are held (party together, seat safety rules). Nothing to pay or a refund: ' +
            'applied at once (200), tickets reissued with new numbers and the old ones voided. Something to pay: ' +
            '202 with `flightChange.payment`, a link for the difference; the change is applied when it is paid, and ' +
            'an unpaid link ends with the hold, freeing the new seats and leaving the booking as it was',
          parameters: [pnrParam],
          requestBody: body(flightChangeBody),
          responses: {
            200: ok('Booking after the change, with flightChange { status: applied, quote }', 'Booking'),
            202: ok('Booking unchanged, with flightChange { status: awaiting_payment, quote, payment }', 'Booking'),
            ...errors(400, 404, 409, 422, 429, 503),
          },
        },
      },
      '/bookings/{pnr}/cancel': {
        post: {
          summary: 'Cancel a held booking, releasing its seats',
          parameters: [pnrParam],
          requestBody: body(cancelBody),
          responses: { 200: ok('Booking', 'Booking'), ...errors(400, 404, 409) },
        },
      },
      '/bookings/{pnr}/payment-link': {
        post: {
          summary: 'A payment link for a held booking (the same open link for repeated requests)',
          parameters: [pnrParam],
          requestBody: body(paymentLinkBody),
          responses: { 200: ok('{ url, expiresAt, amount }'), ...errors(400, 404, 409, 429) },
        },
      },
      '/bookings/{pnr}/cancellation-quote': {
        get: {
          summary: 'What cancelling refunds now (fare rules, extra bags, the 24-hour rule); staff may waive the fee',
          parameters: [pnrParam, ...queryParams(quoteQuery)],
          responses: { 200: ok('{ id, refund, fee, currency, expiresAt, rule }'), ...errors(400, 403, 404, 409, 429) },
        },
      },
      '/bookings/{pnr}/tickets.pdf': {
        get: {
          summary:
            'E-ticket and receipt (PDF) of a confirmed booking; `t` is a signed link from a message. Masked (email, ' +
            'phone, payment reference) unless opened by the owner or staff',
          parameters: [pnrParam, ...queryParams(ticketQuery)],
          responses: { 200: { description: 'PDF', content: { 'application/pdf': {} } }, ...errors(400, 404, 409, 429) },
        },
      },
      '/bookings/{pnr}/confirmation-email': {
        post: {
          summary:
            "Send the confirmation and e-ticket again to the booking's contact address; masked when asked for " +
            'with a last name',
          parameters: [pnrParam],
          requestBody: body(resendBody),
          responses: { 202: ok('Resent'), ...errors(400, 404, 409, 429) },
        },
      },
      '/bookings/{pnr}/check-in': {
        get: {
          summary:
            'Check-in status: each flight’s window (opensAt, closesAt, phase), who is checked in, boarding passes',
          parameters: [pnrParam, ...queryParams(checkInStatusQuery)],
          responses: { 200: ok('CheckInStatus'), ...errors(400, 404, 429) },
        },
        post: {
          summary: 'Check passengers in on a flight with their passports (paid booking, window open)',
          parameters: [pnrParam],
          requestBody: body(checkInBody),
          responses: { 200: ok('CheckInStatus'), ...errors(400, 404, 409, 422, 429) },
        },
      },
      '/bookings/{pnr}/special-requests': {
        get: {
          summary: 'Special requests (SSR codes: meals, WCHR/WCHS/WCHC, PETC) per passenger and flight',
          parameters: [pnrParam, ...queryParams(specialRequestsQuery)],
          responses: { 200: ok('{ pnr, requests }'), ...errors(400, 404, 429) },
        },
        put: {
          summary: 'Replace the special requests (pet-in-cabin limit per flight; no exit row with a wheelchair)',
          parameters: [pnrParam],
          requestBody: body(specialRequestsBody),
          responses: { 200: ok('{ pnr, requests }'), ...errors(400, 404, 409, 422, 429) },
        },
      },
      '/bookings/{pnr}/bags/quote': {
        post: {
          summary:
            'What extra checked bags would cost on a paid booking, per passenger and flight (fare family and route ' +
            'length), with the allowance the fare includes; nothing is added',
          parameters: [pnrParam],
          requestBody: body(addBagsBody),
          responses: {
            200: ok(
              '{ total, bags: [{ passenger, flightId, bags, haul, unitPrice, amount, included, added, weightKg }] }',
            ),
            ...errors(400, 404, 409, 422, 429),
          },
        },
      },
      '/bookings/{pnr}/bags': {
        post: {
          summary:
            'Ask for extra checked bags on a paid booking: answers 202 with `bagOrder.payment`, a link to pay them. ' +
            'The bags count (booking view, e-ticket, receipt) only once it is paid; an unpaid or expired link adds ' +
            'nothing, and a newer request replaces an unpaid one',
          parameters: [pnrParam],
          requestBody: body(addBagsBody),
          responses: {
            202: ok('Booking, with bagOrder { id, status: awaiting_payment, due, payment }', 'Booking'),
            ...errors(400, 404, 409, 422, 429, 503),
          },
        },
      },
      '/bookings/{pnr}/disruption': {
        get: {
          summary:
            "The booking's latest disruption (its flight delayed or cancelled): offers, seats held until, the answer; " +
            '`disruption` is null when there is none',
          parameters: [pnrParam, ...queryParams(disruptionQuery)],
          responses: { 200: ok('{ disruption }'), ...errors(400, 404, 429) },
        },
      },
      '/bookings/{pnr}/disruption/choice': {
        post: {
          summary: 'Answer a disruption once: accept the new time, move to an offered flight free, or a full refund',
          parameters: [pnrParam],
          requestBody: body(disruptionChoiceBody),
          responses: { 200: ok('{ disruption, booking, refund }'), ...errors(400, 404, 409, 429) },
        },
      },
      '/admin/disruptions': {
        get: {
          summary: 'Recent flight disruptions with affected and unanswered bookings (agents and admins)',
          security: bearer,
          parameters: queryParams(disruptionList),
          responses: { 200: ok('{ items }'), ...errors(400, 401, 403) },
        },
      },
      '/admin/disruptions/{disruptionId}': {
        get: {
          summary: 'A disruption report: each affected booking, what it chose, who has not answered (agents, admins)',
          security: bearer,
          parameters: [{ name: 'disruptionId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { 200: ok('Disruption report'), ...errors(400, 401, 403, 404) },
        },
      },
      '/bookings/{pnr}/boarding-passes/{flightId}/{passenger}.pdf': {
        get: {
          summary: 'A boarding pass (PDF with the PDF417 BCBP barcode); `t` is a signed link from a message',
          parameters: [pnrParam, ...passParams, ...queryParams(boardingPassQuery)],
          responses: { 200: { description: 'PDF', content: { 'application/pdf': {} } }, ...errors(400, 404, 409, 429) },
        },
      },
      '/bookings/{pnr}/boarding-passes/{flightId}/{passenger}.png': {
        get: {
          summary: 'The boarding pass barcode as an image (for chat and SMS links)',
          parameters: [pnrParam, ...passParams, ...queryParams(boardingPassQuery)],
          responses: { 200: { description: 'PNG', content: { 'image/png': {} } }, ...errors(400, 404, 409, 429) },
        },
      },
      '/chat/token': {
        post: {
          summary: 'A Direct Line token for the chat page, bound to the signed-in user (or an anonymous visitor)',
          requestBody: body(z.object({ conversationId: z.string().optional() })),
          responses: { 200: ok('{ token, conversationId, expiresIn, userId }'), ...errors(400, 401, 403) },
        },
      },
      '/faq': {
        get: {
          summary: 'Help articles, best match first for `q`',
          parameters: queryParams(faqQuery),
          responses: { 200: ok('Articles'), ...errors(400) },
        },
      },
      '/faq/{slug}': {
        get: {
          summary: 'One help article',
          parameters: [slugParam],
          responses: { 200: ok('Article'), ...errors(404) },
        },
        put: {
          summary: 'Create or edit an article (admin)',
          security: bearer,
          parameters: [slugParam],
          requestBody: body(faqArticle),
          responses: { 200: ok('Article'), ...errors(400, 401, 403) },
        },
        delete: {
          summary: 'Remove an article (admin)',
          security: bearer,
          parameters: [slugParam],
          responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) },
        },
      },
      '/support/cases': {
        get: {
          summary: 'Support cases (agents)',
          security: bearer,
          parameters: queryParams(caseList),
          responses: { 200: ok('Cases'), ...errors(400, 401, 403) },
        },
      },
      '/support/cases/{caseId}': {
        get: {
          summary: 'A case with its transcript (agents)',
          security: bearer,
          parameters: [caseParam],
          responses: { 200: ok('Case'), ...errors(401, 403, 404) },
        },
      },
      '/support/cases/{caseId}/progress': {
        post: {
          summary: 'Note progress on a complaint; travellers see it when they ask (agents)',
          security: bearer,
          parameters: [caseParam],
          requestBody: body(caseProgress),
          responses: { 200: ok('Case'), ...errors(400, 401, 403, 404) },
        },
      },
      '/support/cases/{caseId}/resolve': {
        post: {
          summary: 'Resolve a case (agents)',
          security: bearer,
          parameters: [caseParam],
          responses: { 200: ok('Case'), ...errors(401, 403, 404, 409) },
        },
      },
      '/admin/feedback': {
        get: {
          summary: 'Traveller ratings and comments, with averages (admins)',
          security: bearer,
          responses: { 200: ok('Feedback report'), ...errors(401, 403) },
        },
      },
      '/me/bookings': {
        get: {
          summary: "The signed-in traveller's bookings",
          security: bearer,
          responses: { 200: ok('Bookings'), ...errors(401) },
        },
      },
      '/auth/register': {
        post: {
          summary: 'Create a traveller account',
          requestBody: body(register),
          responses: { 201: ok('Session', 'Session'), ...errors(400, 409, 422, 429) },
        },
      },
      '/auth/login': {
        post: {
          summary: 'Sign in',
          requestBody: body(login),
          responses: { 200: ok('Session', 'Session'), ...errors(400, 401, 429) },
        },
      },
      '/auth/refresh': {
        post: {
          summary:
            'Rotate the refresh token: from the body, or (web page) from the HttpOnly cookie with the X-CSRF-Token header',
          requestBody: body(refresh),
          responses: { 200: ok('Session', 'Session'), ...errors(400, 401, 403) },
        },
      },
      '/auth/logout': {
        post: {
          summary:
            "Sign out everywhere: revokes the user's refresh tokens; earlier access and chat tokens stop working",
          requestBody: body(logout),
          responses: { 204: { description: 'Signed out' }, ...errors(400, 401) },
        },
      },
      '/auth/password': {
        post: {
          summary: 'Change the password (ends every other session; answers with a new one)',
          security: bearer,
          requestBody: body(changePassword),
          responses: { 200: ok('Session', 'Session'), ...errors(400, 401, 422, 429) },
        },
      },
      '/auth/password/forgot': {
        post: {
          summary:
            'Mail a one-time link to set a password (also claims a guest account); the same answer for any address',
          requestBody: body(linkRequest),
          responses: { 202: ok('Sent'), ...errors(400, 429) },
        },
      },
      '/auth/password/reset': {
        post: {
          summary: "Set the password with a mailed link's token; ends every other session and signs in",
          requestBody: body(passwordReset),
          responses: { 200: ok('Session', 'Session'), ...errors(400, 410, 422, 429) },
        },
      },
      '/auth/email-link': {
        post: {
          summary: 'Mail a one-time sign-in link (passwordless); the same answer for any address',
          requestBody: body(linkRequest),
          responses: { 202: ok('Sent'), ...errors(400, 429) },
        },
      },
      '/auth/email-link/verify': {
        post: {
          summary: "Sign in with a mailed link's token",
          requestBody: body(linkSignIn),
          responses: { 200: ok('Session', 'Session'), ...errors(400, 410, 429) },
        },
      },
      '/auth/me': {
        get: { summary: 'The signed-in user', security: bearer, responses: { 200: ok('User'), ...errors(401) } },
      },
      '/admin/flights': {
        get: {
          summary: 'List flights (admin)',
          security: bearer,
          parameters: queryParams(flightList),
          responses: { 200: ok('Flights'), ...errors(400, 401, 403) },
        },
        post: {
          summary: 'Create a flight (admin)',
          security: bearer,
          requestBody: body(flightInput),
          responses: { 201: ok('Flight'), ...errors(400, 401, 403, 409, 422) },
        },
      },
      '/admin/flights/{flightId}': {
        patch: {
          summary: 'Retime or re-equip a flight (admin)',
          security: bearer,
          parameters: [flightParam],
          requestBody: body(flightPatch),
          responses: { 200: ok('Flight'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/admin/flights/{flightId}/cancel': {
        post: {
          summary: 'Cancel a flight (admin); lists affected bookings, each told and offered other flights or a refund',
          security: bearer,
          parameters: [flightParam],
          requestBody: body(cancelFlight),
          responses: { 200: ok('Cancelled'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/admin/flights/{flightId}/delay': {
        post: {
          summary: 'Delay a flight (admin); each affected booking is told (and offered choices over the threshold)',
          security: bearer,
          parameters: [flightParam],
          requestBody: body(delayFlight),
          responses: { 200: ok('Delayed'), ...errors(400, 401, 403, 404, 409, 422) },
        },
      },
      '/admin/bookings': {
        get: {
          summary: 'Search bookings (agents and admins)',
          security: bearer,
          parameters: queryParams(bookingSearch),
          responses: { 200: ok('Bookings'), ...errors(400, 401, 403) },
        },
      },
      '/admin/reports/summary': {
        get: {
          summary:
            'Bookings, revenue per currency, passengers, top routes, ratings and ' +
            'support cases over UTC days (agents and admins)',
          security: bearer,
          parameters: queryParams(reportQuery),
          responses: { 200: ok('Summary report', 'SummaryReport'), ...errors(400, 401, 403, 422) },
        },
      },
      '/admin/events/dead-letters': {
        get: {
          summary: 'Domain-event deliveries that failed every attempt, newest first (admins)',
          security: bearer,
          parameters: queryParams(deadLetterQuery),
          responses: { 200: ok('Dead letters'), ...errors(400, 401, 403) },
        },
      },
      '/admin/events/dead-letters/{deliveryId}/retry': {
        post: {
          summary: 'Requeue a dead-lettered delivery with fresh attempts (admins); requeued false if none',
          security: bearer,
          parameters: [{ name: 'deliveryId', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
          responses: { 200: ok('Requeued'), ...errors(400, 401, 403) },
        },
      },
      ...consolePaths(),
    },
  };
}
