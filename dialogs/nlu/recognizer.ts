/**
 * Language-understanding contract shared by the dialogs and every recognizer implementation.
 * Pure types plus a couple of constructors; no behaviour that depends on a provider.
 */
import type { Cabin } from '../../api/domain/types';
import type { TripLegs } from './trip-legs';

export const INTENTS = [
  'search_flights',
  'manage_booking',
  'cancel_booking',
  'change_seats',
  /** The traveller's flight was delayed or cancelled: the situation and the options. */
  'disruption',
  'special_request',
  'help',
  'agent',
  'start_over',
  'abort',
  'greeting',
  'thanks',
  'goodbye',
  'affirm',
  'deny',
  'more',
  'complaint',
  'feedback',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/**
 * What a help question is about, so the dialog can pick the right help articles (the FAQ topics; fare rules
 * span changes, refunds and baggage). Anything else is `general`: the articles are searched by its words.
 */
export const HELP_TOPICS = ['baggage', 'check_in', 'refund', 'fare_rules', 'general'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

/** One airport or metro area the traveller may mean. */
export interface PlaceCandidate {
  code: string;
  kind: 'airport' | 'metro';
  name: string;
  city: string;
  country: string;
}

/**
 * A resolved place. `codes` lists the metro code first when the city has several airports
 * ("new york" -> NYC, JFK, LGA, EWR), or the one airport code. `ambiguous` is true when the dialog
 * should ask which airport (a metro with several airports) or which city (a name shared by cities).
 */
export interface Place {
  text: string;
  codes: string[];
  ambiguous: boolean;
  /** Airports of the metro, or the competing cities when the name itself is ambiguous. */
  candidates: PlaceCandidate[];
  /** Edit distance of a typo-tolerant match (0 = exact). */
  distance: number;
}

/** A local time window, "HH:MM" 24-hour; `to` is inclusive. */
export interface TimeWindow {
  from: string;
  to: string;
}

export interface PassengerCounts {
  adults: number;
  children: number;
  infants: number;
}

export type TripType = 'one_way' | 'round_trip';
export type SortKey = 'price' | 'duration' | 'departure' | 'arrival';

export interface AirlineRef {
  code: string;
  name: string;
}

export interface Understanding {
  intent: Intent;
  /** 0..1, a heuristic for the offline recognizer; the dialog re-prompts below ~0.5. */
  confidence: number;
  helpTopic: HelpTopic | null;
  origin: Place | null;
  destination: Place | null;
  /** Connection points the traveller asked for ("via Dallas"). */
  via: Place[];
  /** Every place named, in order, whatever its role (a bare "Paris" answering "where to?" is only here). */
  places: Place[];
  departDate: string | null;
  returnDate: string | null;
  /** A date given as an arrival ("arriving on the 14th"); kept apart from departDate on purpose. */
  arriveDate: string | null;
  tripType: TripType | null;
  cabin: Cabin | null;
  nonStop: boolean | null;
  departTime: TimeWindow | null;
  returnTime: TimeWindow | null;
  arriveTime: TimeWindow | null;
  airline: AirlineRef | null;
  passengers: PassengerCounts | null;
  /** Party size when the make-up is unknown ("family of four"); the dialog asks who is a child. */
  partySize: number | null;
  sort: SortKey | null;
  sortDirection: 'asc' | 'desc' | null;
  /** Date flexibility in days ("± 3 days", "give or take a day"). */
  flexDays: number | null;
  more: boolean;
  /** A booking reference (PNR) found in the message. */
  pnr: string | null;
  /**
   * A place the traveller named that cannot be searched, so the dialog says so instead of dropping it:
   * a word in a place's position that no airport, city or alias matches ("from Atlantis", "to SJ"), or a
   * real place we do not serve ("to Nairobi", `notServed`).
   */
  unknownPlace: UnknownPlace | null;
  /**
   * The legs of a multi-city trip when the message names two or more ("London to Paris on the 20th, then Paris to
   * Rome on the 23rd"), or adds legs to a trip under way ("then on to Rome on the 23rd"). Absent otherwise; the
   * fields above still read the message as one trip.
   */
  trip?: TripLegs;
}

export interface UnknownPlace {
  role: 'origin' | 'destination';
  /** As typed. */
  text: string;
  /**
   * Served places the traveller may have meant ("SJ" → San Jose), or for a place we do not serve the nearest
   * airports we do; best first, at most three, possibly none.
   */
  suggestions: PlaceCandidate[];
  /** Set when the place is real but not served: its name, country (ISO 3166-1) and main airport. */
  notServed: { name: string; country: string; code: string } | null;
}

/** Slots a dialog prompt can ask for; a bare answer ("Paris", "the 20th") then fills that slot. */
export type ExpectedSlot = 'origin' | 'destination' | 'departDate' | 'returnDate';

export interface RecognizeOptions {
  /** The traveller's local date, YYYY-MM-DD; defaults to the current date in `timeZone`. */
  today?: string;
  /** IANA zone of the traveller; also decides whether 03/04 is 3 April or March 4. */
  timeZone?: string;
  /** The slot the last prompt asked for ("Where are you flying from?" -> 'origin'). */
  expect?: ExpectedSlot;
  /** A departure already agreed in the conversation: return dates ("back the 2nd") are resolved after it. */
  departDate?: string;
}

export interface Recognizer {
  readonly name: string;
  recognize(text: string, options?: RecognizeOptions): Promise<Understanding>;
}

/** An Understanding with nothing recognised; recognizers fill it in. */
export function emptyUnderstanding(): Understanding {
  return {
    intent: 'none',
    confidence: 0,
    helpTopic: null,
    origin: null,
    destination: null,
    via: [],
    places: [],
    departDate: null,
    returnDate: null,
    arriveDate: null,
    tripType: null,
    cabin: null,
    nonStop: null,
    departTime: null,
    returnTime: null,
    arriveTime: null,
    airline: null,
    passengers: null,
    partySize: null,
    sort: null,
    sortDirection: null,
    flexDays: null,
    more: false,
    pnr: null,
    unknownPlace: null,
  };
}
