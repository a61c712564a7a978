import type { ErrorCode } from '../api/errors';
import { MAX_SEATED_PASSENGERS } from '../api/domain/passengers';

/**
 * What the bot tells a traveller about each error code: what happened, in plain words, and what they can
 * do next. The map is complete over the catalogue (a new code without a sentence does not compile), so a
 * dialog never shows a service's developer-facing message. Dialogs may still say something more precise
 * for a code they handle themselves (a taken seat they can name, a quote they replace).
 */
export interface TravellerSentence {
  /** What happened. */
  says: string;
  /** The way forward. */
  next: string;
}

const AGENT = 'Say "talk to an agent" and a person will help you.';
const START_OVER = 'Say "start over" to book a new trip.';
const RELOAD = 'Please reload the page and try again.';
const OUR_SIDE: TravellerSentence = {
  says: 'Sorry, something went wrong on our side.',
  next: 'Please try again in a few minutes.',
};
const GARBLED: TravellerSentence = { says: "That didn't come through right.", next: 'Please try again.' };
const SIGN_IN_AGAIN = 'Please sign in again.';

export const ERROR_SENTENCES: Readonly<Record<ErrorCode, TravellerSentence>> = {
  invalid_request: GARBLED,
  invalid_json: GARBLED,
  bad_request: GARBLED,
  invalid_payload: OUR_SIDE,
  invalid_activity: GARBLED,
  invalid_signature: OUR_SIDE,

  invalid_passengers: {
    says: "Some of the passenger details can't be used for this booking.",
    next: 'Please check the names and dates of birth.',
  },
  invalid_travel_document: {
    says: "Those passport details can't be used for check-in.",
    next: 'Please check the number, the 3-letter nationality code and the expiry date.',
  },
  fare_not_changeable: {
    says: "This fare doesn't allow changing dates or flights.",
    next: 'You can still cancel under the fare rules, or say "talk to an agent".',
  },
  invalid_special_request: {
    says: "That request isn't available for this passenger on this flight.",
    next: 'Please pick one from the list.',
  },
  invalid_bag_request: {
    says: "That flight or passenger isn't on this booking.",
    next: 'Please pick one from the list.',
  },
  bag_limit_exceeded: {
    says: 'That is more extra bags than one passenger can add on a flight.',
    next: 'Please ask for fewer bags, or say "talk to an agent".',
  },
  unknown_passenger: { says: "I couldn't find that passenger on the booking.", next: 'Please pick one from the list.' },
  invalid_seat: { says: "That seat can't be chosen for this passenger.", next: 'Please pick another seat.' },
  exit_row_child: { says: "Children can't sit in an exit row.", next: 'Please pick another seat.' },
  exit_row_lap_infant: {
    says: "An adult travelling with a baby on their lap can't sit in an exit row.",
    next: 'Please pick another seat.',
  },
  exit_row_special_assistance: {
    says: "A passenger who asked for special assistance can't sit in an exit row.",
    next: 'Please pick another seat.',
  },
  lap_infant_oxygen_masks: {
    says: 'That part of the row already has a baby on a lap, and there is only one spare oxygen mask there.',
    next: 'Please pick a seat in another row or across the aisle.',
  },
  invalid_flights: { says: "Those flights can't be booked together.", next: 'Please pick your flights again.' },
  cabin_not_available: {
    says: 'That flight has no seats in the cabin you chose.',
    next: 'Please pick another flight or cabin.',
  },
  fare_family_not_available: {
    says: "That fare isn't sold in the cabin you chose.",
    next: 'Please pick another fare.',
  },
  invalid_itinerary: { says: "Those flights don't connect in time.", next: 'Please pick your flights again.' },
  invalid_leg_count: { says: 'A multi-city trip has two to four legs.', next: 'Please tell me the legs again.' },
  leg_dates_out_of_order: {
    says: 'Each leg of the trip has to be on or after the date of the one before.',
    next: 'Please check the dates of your legs.',
  },
  leg_too_soon: {
    says: 'That flight leaves too soon after the previous leg lands: you need at least 3 hours between legs.',
    next: 'Please pick a later flight.',
  },
  invalid_fare_family: { says: "I don't know that fare.", next: 'Please choose basic, standard or flex.' },
  invalid_currency: {
    says: "We don't sell tickets in that currency.",
    next: 'Leave the currency out and I will use the one of the country you fly from.',
  },
  unknown_airport: {
    says: "I don't know that airport or city.",
    next: 'Please tell me the city, or its three-letter airport code.',
  },
  unknown_airline: { says: "I don't know that airline.", next: "Please check the airline's name." },
  unknown_aircraft: { says: "That aircraft type isn't one we know.", next: AGENT },
  same_origin_destination: {
    says: 'That trip starts and ends in the same place.',
    next: 'Please tell me a different destination.',
  },
  departure_in_past: { says: 'That departure date is in the past.', next: 'Please choose a date from today on.' },
  date_too_far: { says: 'Flights can be booked up to a year ahead.', next: 'Please choose an earlier date.' },
  return_before_departure: {
    says: 'The return date is before the departure date.',
    next: 'Please choose a return on or after the day you leave.',
  },
  adult_required: { says: 'At least one adult needs to travel.', next: 'Please add an adult to the party.' },
  too_many_passengers: {
    says: `One booking can hold at most ${MAX_SEATED_PASSENGERS} travellers with a seat.`,
    next: 'Please split the party into two bookings.',
  },
  too_many_infants: {
    says: 'Each baby on a lap needs an adult of their own.',
    next: 'Please add an adult to the party.',
  },
  invalid_time_window: {
    says: 'The earliest departure time you gave is after the latest one.',
    next: 'Please tell me the times again.',
  },
  invalid_name: {
    says: "That name has characters a name can't have.",
    next: 'Please type it as it is written in the passport.',
  },
  weak_password: {
    says: 'That password is too weak.',
    next: 'Please choose one of at least 10 characters, mixing words, numbers and symbols.',
  },
  invalid_email: {
    says: "That doesn't look like an email address.",
    next: 'Please type it again, like name@example.com.',
  },
  code_invalid: { says: 'That code is not right.', next: 'Please try again.' },
  reason_required: { says: 'Waiving the fee needs a reason.', next: 'Please say why the fee is waived.' },
  invalid_slug: {
    says: "That help article name can't be used.",
    next: 'Please use lower-case words joined by hyphens.',
  },
  invalid_range: { says: 'The report starts after it ends.', next: 'Please choose the dates again.' },
  range_too_long: { says: 'That report covers too many days.', next: 'Please choose a shorter range.' },
  invalid_date: { says: "That isn't a real date.", next: 'Please give the year, month and day.' },
  out_of_range: { says: 'That value is outside what we can accept.', next: 'Please check it and try again.' },

  sign_in_required: {
    says: 'You need to be signed in for that.',
    next: 'Please sign in on the website, or confirm your email here.',
  },
  invalid_token: { says: 'Your sign-in is no longer valid.', next: SIGN_IN_AGAIN },
  token_expired: { says: 'Your sign-in has expired.', next: SIGN_IN_AGAIN },
  missing_credentials: { says: 'This chat could not be connected.', next: RELOAD },
  invalid_credentials: { says: 'That email or password is wrong.', next: 'Please try again.' },
  invalid_refresh_token: { says: 'Your session has ended.', next: SIGN_IN_AGAIN },
  refresh_token_reused: {
    says: 'Your session was used somewhere else, so we ended it to keep your account safe.',
    next: SIGN_IN_AGAIN,
  },
  account_disabled: { says: 'This account is disabled.', next: AGENT },
  session_revoked: { says: 'You signed out or changed your password, so this session has ended.', next: SIGN_IN_AGAIN },

  forbidden: { says: "Sorry, that isn't something I can do for you.", next: AGENT },
  csrf_failed: { says: 'Your sign-in could not be checked on this page.', next: SIGN_IN_AGAIN },
  not_an_agent: { says: 'Only our support agents can do that.', next: AGENT },
  password_change_required: {
    says: 'This account needs a new password first.',
    next: 'Please sign in to the console and choose one.',
  },
  secret_required: { says: 'This chat could not be connected.', next: RELOAD },
  token_required: { says: 'This chat could not be connected.', next: RELOAD },
  conversation_forbidden: {
    says: 'This conversation belongs to someone else.',
    next: 'Please reload the page to start a chat of your own.',
  },

  booking_not_found: {
    says: "I couldn't find a booking with that reference and last name.",
    next: 'Please check both and try again.',
  },
  flight_not_found: { says: "I can't find that flight any more.", next: 'Please pick another flight.' },
  aircraft_not_found: {
    says: "I can't get the seat layout of that flight right now.",
    next: 'Please pick another flight.',
  },
  quote_not_found: {
    says: 'That cancellation quote is no longer valid.',
    next: "Ask to cancel again and I'll get you a fresh one.",
  },
  article_not_found: { says: "I can't find that help article.", next: 'Please ask your question in your own words.' },
  case_not_found: { says: "I can't find that support case.", next: AGENT },
  user_not_found: { says: "I can't find that account.", next: AGENT },
  conversation_not_found: {
    says: "I can't find this conversation any more.",
    next: 'Please reload the page to start a new chat.',
  },
  route_not_found: { says: "That isn't something I can do.", next: 'Say "help" to see what I can do.' },
  stripe_not_configured: { says: "Online payment isn't available right now.", next: AGENT },
  sms_not_configured: {
    says: "Text messages aren't available right now.",
    next: 'Please chat with us on the website instead.',
  },

  seat_unavailable: { says: 'Sorry, that seat was just taken by someone else.', next: 'Please choose another seat.' },
  disruption_not_found: {
    says: "I can't see a delay or cancellation on that booking's flights.",
    next: 'Is it another booking? Tell me its reference.',
  },
  offer_not_found: { says: "That isn't one of the options for this booking.", next: 'Please pick one from the list.' },
  disruption_answered: {
    says: 'You have already chosen what to do about this disruption.',
    next: 'Say "my booking" to see it as it is now, or "talk to an agent".',
  },
  nothing_to_choose: {
    says: 'Your flight is only a little late, so your booking stays as it is.',
    next: 'Is there anything else I can help with?',
  },
  offer_unavailable: {
    says: 'That flight has filled up since the seats were offered.',
    next: 'Please pick another option, or ask for a refund.',
  },
  seat_contention: {
    says: 'Seats on this flight are selling fast right now.',
    next: 'Please try again in a moment.',
  },
  sold_out: { says: 'That flight has no more seats in this cabin.', next: 'Please pick another flight.' },
  flight_cancelled: { says: 'That flight has been cancelled.', next: 'Please pick another flight.' },
  flight_closed: {
    says: 'That flight has closed, so it can no longer be booked or changed.',
    next: 'Please pick another flight, or say "talk to an agent" for help.',
  },
  flight_departed: { says: 'Your journey has started, so it can no longer be cancelled here.', next: AGENT },
  booking_not_changeable: {
    says: 'This booking is no longer active, so it cannot be changed.',
    next: START_OVER,
  },
  booking_not_cancellable: { says: 'This booking is already cancelled or has expired.', next: START_OVER },
  booking_changed: {
    says: 'This booking changed a moment ago.',
    next: 'Please look at it again, then try once more.',
  },
  booking_cancelled: { says: 'This booking is cancelled.', next: START_OVER },
  cancellation_quote_required: {
    says: 'Before cancelling a paid booking I need to show you what you would get back.',
    next: "Ask to cancel again and I'll show you the refund first.",
  },
  quote_used: { says: 'This booking is already being cancelled.', next: 'You will get an email when it is done.' },
  already_paid: { says: 'This booking is already paid.', next: 'Your confirmation and e-ticket come by email.' },
  hold_expired: {
    says: 'The hold on this booking has ended, so it can no longer be paid.',
    next: 'Please search again to book the trip.',
  },
  payment_in_progress: { says: 'Your payment link is being prepared.', next: 'Please try again in a moment.' },
  check_in_not_open: {
    says: "Check-in for this flight hasn't opened yet.",
    next: 'I will send you a reminder as soon as it opens.',
  },
  check_in_closed: {
    says: 'Online check-in for this flight has closed.',
    next: 'Please check in at the airport desk.',
  },
  check_in_flight_departed: { says: 'This flight has already departed.', next: AGENT },
  check_in_unpaid: {
    says: 'This booking is not paid yet, so it cannot be checked in.',
    next: 'Say "pay" for a payment link.',
  },
  bags_need_paid_booking: {
    says: 'Checked bags can be added once the booking is paid.',
    next: 'Say "pay" for a payment link.',
  },
  change_quote_changed: {
    says: 'The price of that change has just moved.',
    next: 'Ask again and I will show you the new price.',
  },
  pet_cabin_full: {
    says: 'This flight already has as many pets in the cabin as it can take.',
    next: 'Please choose another flight for your pet, or say "talk to an agent".',
  },
  not_checked_in: { says: 'This passenger is not checked in yet.', next: 'Say "check in" to do it now.' },
  not_ticketed: { says: 'Tickets are issued once the booking is paid.', next: 'Please pay for the booking first.' },
  email_taken: { says: 'There is already an account with this email.', next: 'Please sign in instead.' },
  code_used: { says: 'That code has already been used.', next: 'Please ask for a new code.' },
  flight_exists: { says: 'That flight already flies on that date.', next: 'Please check the flight and the date.' },
  flight_has_bookings: {
    says: 'Travellers are booked on that flight, so it cannot be retired.',
    next: 'Please cancel the flight instead.',
  },
  aircraft_change_not_allowed: {
    says: 'Seats on that flight are already sold, so the aircraft cannot be swapped here.',
    next: AGENT,
  },
  case_taken: { says: 'Another agent is already looking after this conversation.', next: 'Please leave it with them.' },
  case_not_active: { says: "This conversation isn't with an agent at the moment.", next: AGENT },
  case_resolved: { says: 'This support case is already closed.', next: AGENT },
  invalid_rating: { says: 'Ratings go from 1 to 5.', next: 'Please pick a number from 1 to 5.' },
  not_your_case: {
    says: 'An agent needs to take this conversation over first.',
    next: 'Please try again in a moment.',
  },
  no_booking: {
    says: 'This support case has no booking linked to it yet.',
    next: 'Please give the booking reference.',
  },
  last_admin: { says: 'That would leave nobody to run the service.', next: 'Please ask another admin.' },

  quote_expired: {
    says: 'That cancellation quote has expired.',
    next: "Ask to cancel again and I'll get you a fresh one.",
  },
  code_expired: { says: 'That code has expired.', next: 'Please ask for a new code.' },
  link_invalid: { says: 'That link has expired or was already used.', next: 'Please ask for a new one.' },

  payload_too_large: { says: 'That message is too long.', next: 'Please send something shorter.' },
  unsupported_encoding: GARBLED,

  rate_limited: {
    says: "That's more tries than I can take right now.",
    next: 'Please wait a few minutes and try again.',
  },
  code_locked: { says: 'That code was tried too many times.', next: 'Please ask for a new code.' },

  internal_error: OUR_SIDE,
  upload_not_supported: { says: "I can't receive files here.", next: 'Please type your message instead.' },
  payment_provider_unavailable: {
    says: "I couldn't open the payment page just now.",
    next: 'Please try again in a minute.',
  },
  database_unavailable: OUR_SIDE,
  shutting_down: { says: "I'm restarting for a moment.", next: 'Please send that again in a few seconds.' },
};

/** The whole sentence for a code: what happened and what to do next. */
export function errorSentence(code: ErrorCode): string {
  const s = ERROR_SENTENCES[code];
  return `${s.says} ${s.next}`;
}

/** What gives away text written for developers rather than travellers (field names, codes, brackets, jargon). */
const DEVELOPER_TEXT: readonly RegExp[] = [
  /\b[a-z0-9]+_[a-z0-9_]+\b/i,
  /\b[a-z]+[A-Z][A-Za-z]*\b/,
  /[{}[\]`<>]/,
  /\b(null|undefined|API|JSON|HTTP|PNR|slug|token|id)\b/,
  /\b(request body|endpoint|payload|header|parameter|field|schema|webhook)\b/i,
];

/** The text reads as a plain sentence a traveller can be shown. */
export function readsAsTravellerText(text: string): boolean {
  return /^[A-Z"].*[.!?]$/s.test(text.trim()) && !DEVELOPER_TEXT.some((re) => re.test(text));
}

/**
 * What to tell a traveller about a service error whose own message may be more precise than the code's sentence
 * ("Children cannot sit in exit row 12."): that message when it reads as plain prose, else the code's sentence.
 * "departAfter must be earlier than departBefore" never reaches a traveller.
 */
export function sayableMessage(err: { code: ErrorCode; message: string }): string {
  return readsAsTravellerText(err.message) ? err.message : errorSentence(err.code);
}
