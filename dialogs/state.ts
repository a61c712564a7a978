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
  /** A later leg of a multi-city trip: searched in the currency of the first leg, which the booking charges. */
  tripCurrency?: string;
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
  /**
   * A multi-city trip: the legs already chosen, in order (the leg being chosen now is `criteria` and `outbound`), and
   * the legs still to choose after it ("then Paris to Rome on the 23rd").
   */
  legs?: ChosenLeg[];
  nextLegs?: PlannedLeg[];
}

/** A leg of a multi-city trip whose flight and fare are chosen. */
export interface ChosenLeg {
  criteria: SearchCriteria;
  flight: ChosenFlight;
}

/** A leg of a multi-city trip still to choose; without an origin it leaves from where the leg before lands. */
export interface PlannedLeg {
  origin?: PlaceChoice;
  destination: PlaceChoice;
  departDate?: string;
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
  /** The leg of the trip (0-based): a return is leg 1; a multi-city trip numbers its legs in order. */
  leg: number;
  /** The journey's one currency (where it starts): seats on every flight are quoted in it, as the booking charges. */
  currency: string | undefined;
}[] {
  const out: ReturnType<typeof chosenSegments> = [];
  const earlier = d.legs ?? [];
  const currency =
    earlier[0]?.flight.fare?.price.currency ?? d.outbound?.fare?.price.currency ?? d.inbound?.fare?.price.currency;
  const journeys: ['outbound' | 'inbound', number, ChosenFlight | undefined][] = [
    ...earlier.map((l, i): ['outbound', number, ChosenFlight] => ['outbound', i, l.flight]),
    ['outbound', earlier.length, d.outbound],
    ['inbound', earlier.length + 1, d.inbound],
  ];
  for (const [direction, leg, chosen] of journeys) {
    if (!chosen?.fare) continue;
    for (const s of chosen.offer.segments)
      out.push({
        flightId: s.flightId,
        flightNumber: s.flightNumber,
        route: `${s.origin.code}–${s.destination.code}`,
        cabin: chosen.fare.cabin,
        fareFamily: chosen.fare.fareFamily,
        direction,
        leg,
        currency,
      });
  }
  return out;
}
