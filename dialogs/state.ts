import type { Cabin } from '../api/domain/types';
import type { Offer, OfferFare } from '../api/services/search.service';
import type { PassengerCounts, SortKey, TimeWindow, TripType } from './nlu';

/** What the booking conversation has gathered so far. Plain data: it lives in conversation state. */

export interface PlaceChoice {
  /** Airport or metro code searched with. */
  code: string;
  /** How to say it back ("London (any airport)", "Heathrow"). */
  label: string;
  /** The city it is in ("London"): another airport of the same city replaces it ("not Heathrow, Gatwick"). */
  city?: string;
  /** A city's airports, when all of them are searched: the results offer narrowing ("only Heathrow"). */
  airports?: { code: string; name: string }[];
}

export interface SearchCriteria {
  origin?: PlaceChoice;
  destination?: PlaceChoice;
  departDate?: string;
  returnDate?: string;
  /**
   * Trip type: 'round_trip' with a return date; 'one_way' when the traveller said so. Unset, the outbound is
   * searched on its own and a return is offered once it is chosen.
   */
  tripType?: TripType;
  passengers?: PassengerCounts;
  cabin?: Cabin;
  nonStop?: boolean;
  departTime?: TimeWindow;
  returnTime?: TimeWindow;
  airline?: string;
  /** How to say the airline filter ("British Airways"). */
  airlineName?: string;
  sort?: SortKey;
  flexDays?: number;
  /** The trip's selling currency once the outbound is chosen (the return is priced in it too). */
  currency?: string;
}

export interface ChosenFlight {
  offer: Offer;
  fare?: OfferFare;
}

export interface PassengerDetails {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export interface BookingDraft {
  criteria: SearchCriteria;
  outbound?: ChosenFlight;
  inbound?: ChosenFlight;
  /** Chosen seats: flightId → passenger index → designator. Missing entries are assigned at booking. */
  seats: Record<string, Record<string, string>>;
  /** True once the traveller has been through the seat step (choosing or skipping). */
  seatsDone: boolean;
  passengers: PassengerDetails[];
  contact?: { email: string; phone?: string };
  /** The hold, once made. */
  pnr?: string;
  /** A further leg named with the request ("then Paris to Rome on the 23rd"), searched after this trip. */
  laterLeg?: string;
}

export function emptyDraft(criteria: SearchCriteria = {}): BookingDraft {
  return { criteria, seats: {}, seatsDone: false, passengers: [] };
}

/** All flights of the chosen journeys with their fare, outbound first. */
export function chosenSegments(d: BookingDraft): {
  flightId: number;
  flightNumber: string;
  route: string;
  cabin: Cabin;
  fareFamily: string;
  direction: 'outbound' | 'inbound';
  /** The journey's one currency (where it starts): seats on every flight are quoted in it, as the booking charges. */
  currency: string | undefined;
}[] {
  const out: ReturnType<typeof chosenSegments> = [];
  const currency = d.outbound?.fare?.price.currency ?? d.inbound?.fare?.price.currency;
  for (const [direction, chosen] of [
    ['outbound', d.outbound],
    ['inbound', d.inbound],
  ] as const) {
    if (!chosen?.fare) continue;
    for (const s of chosen.offer.segments)
      out.push({
        flightId: s.flightId,
        flightNumber: s.flightNumber,
        route: `${s.origin.code}–${s.destination.code}`,
        cabin: chosen.fare.cabin,
        fareFamily: chosen.fare.fareFamily,
        direction,
        currency,
      });
  }
  return out;
}
