import type { PassengerProblem } from '../domain/passengers';
import type { DocumentField } from '../domain/check-in';
import type { Cabin, Money } from '../domain/types';

/**
 * Every error code the system can answer with, in one place: its kind (which decides the HTTP status), a
 * line for the OpenAPI document, and the shape of its `details`. Services throw these codes, the HTTP
 * error handler turns them into responses, the OpenAPI document lists them and the dialogs turn them into
 * sentences (dialogs/error-sentences.ts). Codes are stable snake_case strings that clients may rely on:
 * renaming one is a breaking change, which the compiler now points out everywhere it is used.
 */

export type ErrorKind =
  | 'bad_request' // the request cannot be read: malformed JSON, a wrong shape, a missing field (400)
  | 'validation' // a well-formed request that breaks a rule of the domain (422)
  | 'unauthenticated' // no or a bad credential (401)
  | 'forbidden' // authenticated but not allowed (403)
  | 'not_found' // 404
  | 'conflict' // the state of the world changed under the caller (409)
  | 'gone' // it existed but is no longer usable, e.g. an expired quote (410)
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'rate_limited' // 429
  | 'internal' // our fault (500)
  | 'not_implemented' // a feature this server does not offer (501)
  | 'unavailable'; // a dependency is down (503)

/** The HTTP status of each kind: the only place statuses of coded errors are decided. */
export const HTTP_STATUS: Readonly<Record<ErrorKind, number>> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
};

/** One problem of a request that failed its schema (zod), by dotted path. */
export interface RequestProblem {
  path: string;
  message: string;
}

/** A seat asked for in a new booking that cannot be had (flightId as keyed in `passengers[].seats`). */
export interface SeatProblem {
  passenger: number;
  flightId: string;
  message: string;
}

/** A seat change as asked for (PUT /bookings/{pnr}/seats). */
export interface SeatChangeRequest {
  passenger: number;
  flightId: number;
  designator: string;
}

/** A seat a passenger may not have under the seat safety rules (api/domain/seat-safety.ts). */
export interface SeatSafetyProblem {
  passenger: number;
  flightId: number;
  designator: string;
}

/** A travel document field a passenger gave that check-in cannot accept (passenger = index in the booking). */
export interface DocumentProblemRef {
  passenger: number;
  field: DocumentField;
  message: string;
}

/** The flight an error is about. */
export interface FlightRef {
  flightId: number;
}

/**
 * The `details` of each code. `undefined` means the code carries none; a union means throw sites differ
 * (each is documented where it is thrown). `isDomainError(err, code)` narrows `err.details` to these.
 */
export interface ErrorDetails {
  // bad_request (400)
  invalid_request: RequestProblem[] | undefined;
  invalid_json: undefined;
  bad_request: undefined;
  invalid_payload: undefined;
  invalid_activity: undefined;
  invalid_signature: undefined;
  // validation (422)
  invalid_passengers: PassengerProblem[];
  invalid_seat: SeatProblem[] | SeatChangeRequest | undefined;
  exit_row_child: SeatSafetyProblem;
  exit_row_lap_infant: SeatSafetyProblem;
  exit_row_special_assistance: SeatSafetyProblem;
  lap_infant_oxygen_masks: SeatSafetyProblem;
  invalid_flights: undefined;
  cabin_not_available: FlightRef;
  fare_family_not_available: FlightRef;
  invalid_itinerary: undefined;
  invalid_leg_count: { count: number };
  leg_dates_out_of_order: { leg: number };
  leg_too_soon: { leg: number; minutes: number; minimumMinutes: number };
  invalid_fare_family: undefined;
  invalid_currency: { field: 'currency' } | undefined;
  unknown_airport: { field: 'origin' | 'destination' } | undefined;
  unknown_airline: undefined;
  unknown_aircraft: undefined;
  same_origin_destination: undefined;
  departure_in_past: { today: string } | undefined;
  date_too_far: { field: 'departureDate' };
  return_before_departure: undefined;
  adult_required: undefined;
  too_many_passengers: undefined;
  too_many_infants: undefined;
  invalid_time_window: undefined;
  invalid_name: undefined;
  weak_password: undefined;
  invalid_email: undefined;
  code_invalid: undefined;
  reason_required: undefined;
  invalid_slug: undefined;
  invalid_range: { from: string; to: string };
  range_too_long: { days: number; maxDays: number };
  invalid_date: { field: 'from' | 'to'; value: string };
  out_of_range: { field: string; message: string };
  invalid_travel_document: DocumentProblemRef[];
  unknown_passenger: { passenger: number };
  invalid_special_request: { passenger: number; flightId: number; code: string };
  invalid_bag_request: { passenger: number; flightId: number } | undefined;
  bag_limit_exceeded: { passenger: number; flightId: number; max: number; added: number };
  fare_not_changeable: { fareFamily: string };
  // unauthenticated (401)
  sign_in_required: undefined;
  invalid_token: undefined;
  token_expired: undefined;
  missing_credentials: undefined;
  invalid_credentials: undefined;
  invalid_refresh_token: undefined;
  refresh_token_reused: undefined;
  account_disabled: undefined;
  session_revoked: undefined;
  // forbidden (403)
  forbidden: undefined;
  csrf_failed: undefined;
  not_an_agent: undefined;
  password_change_required: undefined;
  secret_required: undefined;
  token_required: undefined;
  conversation_forbidden: undefined;
  // not_found (404)
  booking_not_found: undefined;
  flight_not_found: FlightRef | undefined;
  aircraft_not_found: undefined;
  quote_not_found: undefined;
  article_not_found: undefined;
  case_not_found: undefined;
  user_not_found: undefined;
  conversation_not_found: undefined;
  route_not_found: undefined;
  stripe_not_configured: undefined;
  sms_not_configured: undefined;
  disruption_not_found: undefined;
  offer_not_found: undefined;
  // conflict (409)
  seat_unavailable: { flightId: number; designator: string; passenger?: number };
  seat_contention: undefined;
  disruption_answered: undefined;
  nothing_to_choose: undefined;
  offer_unavailable: FlightRef | undefined;
  sold_out: { flightId: number; cabin: Cabin };
  flight_cancelled: FlightRef | undefined;
  flight_closed: FlightRef | undefined;
  flight_departed: undefined;
  booking_not_changeable: undefined;
  booking_not_cancellable: undefined;
  booking_changed: undefined;
  booking_cancelled: undefined;
  cancellation_quote_required: undefined;
  quote_used: undefined;
  already_paid: undefined;
  hold_expired: undefined;
  payment_in_progress: undefined;
  not_ticketed: undefined;
  email_taken: undefined;
  code_used: undefined;
  flight_exists: undefined;
  flight_has_bookings: { live: number };
  aircraft_change_not_allowed: undefined;
  case_taken: undefined;
  case_not_active: undefined;
  case_resolved: undefined;
  invalid_rating: undefined;
  not_your_case: undefined;
  no_booking: undefined;
  last_admin: undefined;
  check_in_not_open: { flightId: number; opensAt: string };
  check_in_closed: { flightId: number; closedAt: string };
  check_in_flight_departed: FlightRef;
  check_in_unpaid: undefined;
  not_checked_in: { passenger: number; flightId: number };
  pet_cabin_full: FlightRef;
  bags_need_paid_booking: undefined;
  change_quote_changed: { due: Money; refund: Money };
  // gone (410)
  quote_expired: undefined;
  code_expired: undefined;
  link_invalid: undefined;
  // payload_too_large (413), unsupported_media_type (415)
  payload_too_large: undefined;
  unsupported_encoding: undefined;
  // rate_limited (429); the limiter always sends retryAfterSeconds (also the Retry-After header)
  rate_limited: { retryAfterSeconds: number } | undefined;
  code_locked: undefined;
  // internal (500), not_implemented (501), unavailable (503)
  internal_error: undefined;
  upload_not_supported: undefined;
  payment_provider_unavailable: undefined;
  database_unavailable: undefined;
  shutting_down: { retryAfterSeconds: number };
}

export type ErrorCode = keyof ErrorDetails;

/** A code's kind, or both kinds when throw sites answer with either (kept so no status changes). */
interface ErrorSpec {
  kind: ErrorKind | readonly [ErrorKind, ErrorKind];
  description: string;
}

export const ERRORS = {
  invalid_request: {
    kind: 'bad_request',
    description: 'The request does not have the expected shape; details list each problem by path.',
  },
  invalid_json: { kind: 'bad_request', description: 'The request body is not valid JSON.' },
  bad_request: {
    kind: 'bad_request',
    description: 'The HTTP layer could not read the request, e.g. a URL with broken percent-encoding (any 4xx).',
  },
  invalid_payload: { kind: 'bad_request', description: 'A Stripe webhook body is not an event we can read.' },
  invalid_activity: { kind: 'bad_request', description: 'The body posted to /api/messages is not an activity.' },
  invalid_signature: {
    kind: ['bad_request', 'forbidden'],
    description: 'A webhook is not signed by its sender (400 for Stripe, 403 for Twilio).',
  },

  invalid_passengers: {
    kind: 'validation',
    description: 'A passenger breaks a rule (name, date of birth, who travels with whom); details list each.',
  },
  invalid_seat: {
    kind: 'validation',
    description: 'A chosen seat does not exist in the cabin, is chosen twice, or is not allowed for the passenger.',
  },
  exit_row_child: { kind: 'validation', description: 'Children and infants may not sit in an exit row.' },
  exit_row_lap_infant: {
    kind: 'validation',
    description: 'An adult holding a lap infant may not sit in an exit row.',
  },
  exit_row_special_assistance: {
    kind: 'validation',
    description: 'A passenger who asked for special assistance may not sit in an exit row.',
  },
  lap_infant_oxygen_masks: {
    kind: 'validation',
    description: 'The block of seats already has a lap infant: it has one spare oxygen mask.',
  },
  invalid_flights: { kind: 'validation', description: 'A booking has 1 to 8 different flights.' },
  cabin_not_available: { kind: 'validation', description: 'The flight has no such cabin.' },
  fare_family_not_available: { kind: 'validation', description: 'The fare family is not sold in that cabin.' },
  invalid_itinerary: {
    kind: 'validation',
    description: 'The flights do not connect: one leaves before the previous one lands, or the order is wrong.',
  },
  invalid_leg_count: { kind: 'validation', description: 'A multi-city trip has 2 to 4 legs, numbered in order.' },
  leg_dates_out_of_order: {
    kind: 'validation',
    description: 'A leg of a multi-city trip is dated before the previous.',
  },
  leg_too_soon: {
    kind: 'validation',
    description: 'A leg of a multi-city trip leaves less than the minimum time (3 hours) after the previous one lands.',
  },
  invalid_fare_family: { kind: 'validation', description: 'fareFamily must be basic, standard or flex.' },
  invalid_currency: { kind: 'validation', description: 'We do not sell in that currency.' },
  unknown_airport: { kind: 'validation', description: 'No airport or metro area has that code.' },
  unknown_airline: { kind: 'validation', description: 'No airline has that code.' },
  unknown_aircraft: { kind: 'validation', description: 'No aircraft type has that code.' },
  same_origin_destination: { kind: 'validation', description: 'Origin and destination are the same place.' },
  departure_in_past: { kind: 'validation', description: 'The departure date is in the past.' },
  date_too_far: { kind: 'validation', description: 'Flights can be booked up to a year ahead.' },
  return_before_departure: { kind: 'validation', description: 'The return date is before the departure date.' },
  adult_required: { kind: 'validation', description: 'At least one adult must travel.' },
  too_many_passengers: { kind: 'validation', description: 'More seated passengers than one booking allows.' },
  too_many_infants: { kind: 'validation', description: 'Each infant on a lap needs its own adult.' },
  invalid_time_window: { kind: 'validation', description: 'departAfter is not earlier than departBefore.' },
  invalid_name: { kind: 'validation', description: 'A name has characters a name cannot have.' },
  weak_password: { kind: 'validation', description: 'The password is too short, too long or too easy to guess.' },
  invalid_email: { kind: 'validation', description: 'The email address is not valid.' },
  code_invalid: { kind: 'validation', description: 'The email confirmation code is wrong.' },
  reason_required: { kind: 'validation', description: 'Waiving a cancellation fee needs a reason.' },
  invalid_slug: { kind: 'validation', description: 'A help article slug is lower-case words joined by hyphens.' },
  invalid_range: { kind: 'validation', description: 'The report range starts after it ends.' },
  range_too_long: { kind: 'validation', description: 'The report range is longer than allowed.' },
  invalid_date: { kind: 'validation', description: 'A report date is not a real UTC date as YYYY-MM-DD.' },
  out_of_range: {
    kind: 'validation',
    description: 'An admin value (fare, date, duration) is outside its sane range; details name the field.',
  },
  invalid_travel_document: {
    kind: 'validation',
    description: 'A passport at check-in: number, nationality or expiry (after the last day of travel) is wrong.',
  },
  unknown_passenger: { kind: 'validation', description: 'The booking has no passenger with that index.' },
  invalid_bag_request: {
    kind: 'validation',
    description: 'A bag request names a flight that is not part of the booking, or a passenger and flight twice.',
  },
  bag_limit_exceeded: {
    kind: 'validation',
    description: 'More extra checked bags than allowed per passenger and flight (lap infants have none).',
  },
  fare_not_changeable: {
    kind: 'validation',
    description: 'The fare family does not allow changing dates or flights (Basic); details.fareFamily names it.',
  },
  invalid_special_request: {
    kind: 'validation',
    description: 'A special request code is unknown, not for that passenger or flight, or asked twice.',
  },

  sign_in_required: { kind: 'unauthenticated', description: 'This needs a signed-in user.' },
  invalid_token: { kind: 'unauthenticated', description: 'The access or Direct Line token is not valid.' },
  token_expired: {
    kind: ['unauthenticated', 'forbidden'],
    description: 'The token has expired (401 for access tokens, 403 for Direct Line tokens).',
  },
  missing_credentials: { kind: 'unauthenticated', description: 'Direct Line needs a bearer secret or token.' },
  invalid_credentials: { kind: 'unauthenticated', description: 'Email or password is wrong.' },
  invalid_refresh_token: { kind: 'unauthenticated', description: 'The refresh token is unknown, revoked or expired.' },
  refresh_token_reused: {
    kind: 'unauthenticated',
    description: 'A rotated refresh token was used again; its whole family is revoked.',
  },
  account_disabled: { kind: 'unauthenticated', description: 'An admin disabled this account.' },
  session_revoked: {
    kind: 'unauthenticated',
    description: 'The token was issued before the user signed out or changed password (access and Direct Line).',
  },

  forbidden: { kind: 'forbidden', description: 'The signed-in user is not allowed to do this.' },
  csrf_failed: {
    kind: 'forbidden',
    description: 'A cookie session was used without its CSRF header (X-CSRF-Token), or from another site.',
  },
  not_an_agent: { kind: 'forbidden', description: 'Only support agents can do this.' },
  password_change_required: {
    kind: 'forbidden',
    description: 'An invited staff account must replace its one-time password before anything else.',
  },
  secret_required: { kind: 'forbidden', description: 'Generating a Direct Line token needs the secret.' },
  token_required: { kind: 'forbidden', description: 'Refreshing needs a Direct Line token, not the secret.' },
  conversation_forbidden: { kind: 'forbidden', description: 'The Direct Line conversation belongs to someone else.' },

  booking_not_found: {
    kind: 'not_found',
    description: 'No booking matches that reference (and last name); the two are never told apart.',
  },
  flight_not_found: {
    kind: ['not_found', 'validation'],
    description: 'No flight has that id (422 when it is named in a booking request).',
  },
  aircraft_not_found: {
    kind: ['not_found', 'validation'],
    description: 'The flight has no known aircraft layout (422 when booking).',
  },
  quote_not_found: { kind: 'not_found', description: 'The cancellation quote does not belong to this booking.' },
  article_not_found: { kind: 'not_found', description: 'No help article has that slug.' },
  case_not_found: { kind: 'not_found', description: 'No support case has that id.' },
  user_not_found: { kind: 'not_found', description: 'No account has that id.' },
  conversation_not_found: { kind: 'not_found', description: 'No Direct Line conversation has that id.' },
  route_not_found: { kind: 'not_found', description: 'No route answers this method and path.' },
  stripe_not_configured: { kind: 'not_found', description: 'Stripe webhooks are off: no Stripe key is set.' },
  disruption_not_found: { kind: 'not_found', description: 'No flight of this booking has been disrupted.' },
  offer_not_found: { kind: 'not_found', description: "No offer of the booking's disruption has that id." },
  sms_not_configured: { kind: 'not_found', description: 'The SMS channel is off: Twilio is not configured.' },

  seat_unavailable: { kind: 'conflict', description: 'The chosen seat was taken meanwhile.' },
  seat_contention: { kind: 'conflict', description: 'Too many holds raced for the same seats; try again.' },
  disruption_answered: { kind: 'conflict', description: "The booking's disruption has already been answered." },
  nothing_to_choose: { kind: 'conflict', description: 'A short delay is only told: there is nothing to choose.' },
  offer_unavailable: {
    kind: 'conflict',
    description: 'The offered flight filled up after its seats were no longer held; pick another offer.',
  },
  sold_out: { kind: 'conflict', description: 'The cabin has no more seats.' },
  flight_cancelled: {
    kind: ['conflict', 'validation'],
    description: 'The flight is cancelled (409 when editing the schedule, 422 when booking).',
  },
  flight_closed: {
    kind: ['conflict', 'validation'],
    description: 'The flight has closed for booking and seat changes (409 on changes, 422 when booking).',
  },
  flight_departed: { kind: 'conflict', description: 'The journey has started, so it cannot be cancelled here.' },
  booking_not_changeable: { kind: 'conflict', description: 'The booking is cancelled or expired.' },
  booking_not_cancellable: { kind: 'conflict', description: 'The booking is already cancelled or expired.' },
  booking_changed: { kind: 'conflict', description: 'The booking changed meanwhile; look at it again.' },
  booking_cancelled: { kind: 'conflict', description: 'The booking is cancelled.' },
  cancellation_quote_required: { kind: 'conflict', description: 'A paid booking is cancelled with a quote id.' },
  quote_used: { kind: 'conflict', description: 'The booking is already being cancelled.' },
  already_paid: { kind: 'conflict', description: 'The booking is already paid.' },
  hold_expired: { kind: 'conflict', description: 'The hold has ended, so the booking can no longer be paid.' },
  payment_in_progress: { kind: 'conflict', description: 'A payment link is being prepared; try again.' },
  not_ticketed: { kind: 'conflict', description: 'Tickets are issued once the booking is paid.' },
  email_taken: { kind: 'conflict', description: 'An account with this email already exists.' },
  code_used: { kind: 'conflict', description: 'The email confirmation code was already used.' },
  flight_exists: { kind: 'conflict', description: 'That flight number already flies on that date.' },
  flight_has_bookings: {
    kind: 'conflict',
    description: 'Only a flight nobody holds or has booked can be retired; cancel one with travellers.',
  },
  aircraft_change_not_allowed: {
    kind: 'conflict',
    description: 'Seats are sold, so the aircraft can only change through a schedule change.',
  },
  case_taken: { kind: 'conflict', description: 'Another agent has the support case, or it is resolved.' },
  case_not_active: { kind: 'conflict', description: 'The conversation is not with an agent.' },
  case_resolved: { kind: 'conflict', description: 'The support case is already resolved.' },
  invalid_rating: { kind: 'conflict', description: 'Ratings go from 1 to 5.' },
  not_your_case: { kind: 'conflict', description: 'An agent replied without taking the case over first.' },
  no_booking: { kind: 'conflict', description: 'The support case has no booking linked yet.' },
  last_admin: { kind: 'conflict', description: 'The last active admin cannot be demoted or disabled.' },
  check_in_not_open: { kind: 'conflict', description: 'Check-in for the flight has not opened yet (details.opensAt).' },
  check_in_closed: { kind: 'conflict', description: 'Check-in for the flight has closed (before departure).' },
  check_in_flight_departed: { kind: 'conflict', description: 'The flight has departed, so it cannot be checked in.' },
  check_in_unpaid: { kind: 'conflict', description: 'Only a paid (confirmed) booking can be checked in.' },
  not_checked_in: { kind: 'conflict', description: 'A boarding pass is issued once the passenger is checked in.' },
  pet_cabin_full: { kind: 'conflict', description: 'The flight already carries as many pets in the cabin as allowed.' },
  bags_need_paid_booking: { kind: 'conflict', description: 'Checked bags can be added to a paid booking only.' },
  change_quote_changed: {
    kind: 'conflict',
    description: 'The price of the flight change moved since its quote; details carry the new due and refund.',
  },

  quote_expired: { kind: 'gone', description: 'The cancellation quote has expired; ask for a new one.' },
  code_expired: { kind: 'gone', description: 'The email confirmation code has expired.' },
  link_invalid: { kind: 'gone', description: 'The emailed account link is unknown, expired or already used.' },

  payload_too_large: { kind: 'payload_too_large', description: 'The request body is too large.' },
  unsupported_encoding: { kind: 'unsupported_media_type', description: 'The body encoding is not supported.' },

  rate_limited: {
    kind: 'rate_limited',
    description: 'Too many attempts; details.retryAfterSeconds and Retry-After say when to try again.',
  },
  code_locked: { kind: 'rate_limited', description: 'Too many wrong tries for an email confirmation code.' },

  internal_error: { kind: 'internal', description: 'Something went wrong on our side.' },
  upload_not_supported: { kind: 'not_implemented', description: 'Direct Line file uploads are not supported.' },
  payment_provider_unavailable: { kind: 'unavailable', description: 'The payment provider did not answer.' },
  database_unavailable: { kind: 'unavailable', description: 'The database is not reachable (GET /readyz).' },
  shutting_down: {
    kind: 'unavailable',
    description: 'This instance is shutting down; retry after Retry-After seconds (another instance answers).',
  },
} as const satisfies Record<ErrorCode, ErrorSpec>;

type Kinds<S> = S extends readonly (infer K)[] ? K : S;

/** The kind (or kinds) a code is thrown with. */
export type KindOf<C extends ErrorCode> = Kinds<(typeof ERRORS)[C]['kind']>;

/** The codes that may be thrown with kind K: what each factory accepts. */
export type CodeOfKind<K extends ErrorKind> = { [C in ErrorCode]: K extends KindOf<C> ? C : never }[ErrorCode];

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

/** The kinds of a code, most common first. */
export function kindsOf(code: ErrorCode): readonly ErrorKind[] {
  const kind: ErrorSpec['kind'] = ERRORS[code].kind;
  return typeof kind === 'string' ? [kind] : kind;
}

/** The HTTP status of a kind. */
export function httpStatus(kind: ErrorKind): number {
  return HTTP_STATUS[kind];
}
