/**
 * Core value types shared by the booking domain, the bot and the cards. Pure data, no behaviour. The stored
 * records made of these values are in ./records.
 */

export const CABINS = ['economy', 'premium_economy', 'business', 'first'] as const;
export type Cabin = (typeof CABINS)[number];

/** An amount of money in integer minor units (cents, pence; yen have none) with its ISO 4217 currency. */
export interface Money {
  amount: number;
  currency: string;
}

export interface AirportRecord {
  /** IATA airport code, e.g. "LHR". */
  code: string;
  name: string;
  city: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** IANA time zone, e.g. "Europe/London". */
  timeZone: string;
  latitude: number;
  longitude: number;
  /** Metro (city) code this airport belongs to, e.g. "LON" for LHR. */
  metro?: string;
  /** Other names travellers use for the airport or its city ("heathrow", "jfk", "big apple"). */
  aliases?: string[];
}

/** A metro code stands for several airports of one city, e.g. LON = LHR, LGW, STN, LTN, LCY. */
export interface MetroRecord {
  code: string;
  name: string;
  city: string;
  country: string;
  airports: string[];
  aliases?: string[];
}

export interface AirlineRecord {
  /** IATA designator, e.g. "BA". */
  code: string;
  name: string;
  /** 3-digit ticketing prefix (airline accounting code), e.g. "125". */
  ticketPrefix: string;
  aliases?: string[];
}

/**
 * One cabin of an aircraft. `columns` spells the seat letters of a row with a space for each aisle,
 * e.g. "ABC DEF" (3-3), "AC DG HK" (1-2-1 business), "ABC DEFG HJK" (3-4-3).
 */
export interface CabinLayout {
  cabin: Cabin;
  firstRow: number;
  lastRow: number;
  columns: string;
  /** Rows skipped by the airline's numbering (many carriers have no row 13). */
  skipRows?: number[];
  exitRows?: number[];
  extraLegroomRows?: number[];
  /** Rows sold as "preferred" (front of the cabin). */
  preferredRows?: number[];
}

export interface AircraftTypeRecord {
  /** IATA aircraft type code, e.g. "320", "77W". */
  code: string;
  name: string;
  cabins: CabinLayout[];
}

/** A scheduled service: flown daily in both directions (the return uses `number + 1`). */
export interface RouteRecord {
  airline: string;
  /** Outbound flight number; the return flight is number + 1. */
  number: number;
  from: string;
  to: string;
  aircraft: string;
  /** Local departure times at `from` (outbound) and at `to` (return), "HH:MM". */
  outboundTimes: string[];
  returnTimes: string[];
  /** Days of the week flown (1 = Monday … 7 = Sunday); daily when absent. */
  days?: number[];
}

export const SEAT_TIERS = ['standard', 'preferred', 'extra_legroom', 'exit_row'] as const;
export type SeatTier = (typeof SEAT_TIERS)[number];
export type SeatPosition = 'window' | 'middle' | 'aisle';
export type SeatFeature = 'exit_row' | 'extra_legroom' | 'preferred' | 'front_of_cabin' | 'bassinet';

/** Who a signed-in account is: a traveller, a support agent, or an administrator. */
export type Role = 'traveller' | 'agent' | 'admin';

export type BookingStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';

export type PassengerType = 'ADT' | 'CHD' | 'INF';

/** Price breakdown kept with the booking, in the booking currency's minor units. */
export interface PriceBreakdown {
  currency: string;
  fares: {
    segment: number;
    flightId: number;
    passengerType: PassengerType;
    count: number;
    unitAmount: number;
    amount: number;
  }[];
  seats: { flightId: number; passenger: number; designator: string; tier: string; amount: number }[];
  taxes: { code: string; description: string; amount: number }[];
  fareTotal: number;
  seatTotal: number;
  taxTotal: number;
  total: number;
}

/** `retired`: taken off the schedule by an admin before anyone booked it (no longer sold or shown). */
export type FlightStatus = 'scheduled' | 'cancelled' | 'retired';

export type SeatState = 'free' | 'held' | 'booked';

export type PaymentStatus = 'creating' | 'open' | 'succeeded' | 'failed' | 'expired' | 'refunded';

export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/**
 * queued: waiting for an agent (the bot still answers); agent: an agent holds the conversation (the bot
 * is silent); bot: handed back; resolved: closed.
 */
export type CaseStatus = 'queued' | 'agent' | 'bot' | 'resolved';

export type CaseKind = 'handoff' | 'complaint';
