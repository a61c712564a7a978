import type { BookingDraftView, BookingView } from '../api/services/booking-view';
import type { CalendarDay, Offer, OfferFare } from '../api/services/search.service';
import type { SeatMap } from '../api/services/seatmap.service';
import type { Cabin, Money } from '../api/domain/types';
import type { BoardingPassView } from '../api/services/boarding-pass.service';

/**
 * Channel-neutral messages. Dialogs say WHAT to show (text, choices, a card view); each channel
 * renders it at the edge: Adaptive Cards for web chat, Block Kit for Slack, plain text for SMS and the
 * terminal. Every choice can also be made by typing its number or its label.
 */

export interface Choice {
  /** What the dialog receives when this is picked (card button data, Slack button value, or typed). */
  value: string;
  /** What the traveller sees and may type. */
  label: string;
  /** Optional second line (price, times). */
  description?: string;
}

export interface PassengerFormValues {
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
}

export type CardView =
  /** A page of flight offers; each offer is picked by `choice`; `more` (a choice value) pages on. */
  | {
      kind: 'flight_list';
      direction: 'outbound' | 'inbound';
      from: string;
      to: string;
      date: string;
      cabin: Cabin;
      passengers: number;
      offers: { offer: Offer; choice: string }[];
      total: number;
      /** Offers shown so far, earlier pages included (the list's own offers when absent). */
      shown?: number;
      more?: string;
    }
  /** Cheapest price per date around the requested one; dates with a `choice` can be picked. */
  | {
      kind: 'price_calendar';
      direction: 'outbound' | 'inbound';
      selected: string;
      days: (CalendarDay & { choice?: string })[];
    }
  /** The fare families of one offer with their rules and party price. */
  | { kind: 'fare_options'; offer: Offer; fares: { fare: OfferFare; choice: string }[] }
  /**
   * An interactive seat map for one passenger on one flight: free seats pickable (choice value
   * `seat:<designator>`), taken seats disabled; `chosen` are seats already picked by this party.
   */
  | { kind: 'seat_map'; seatMap: SeatMap; flightLabel: string; passengerName: string; chosen: string[]; cabin: Cabin }
  /** The passenger form. Submitting sends `{ form: 'passenger', firstName, lastName, dateOfBirth }`. */
  | {
      kind: 'passenger_form';
      index: number;
      total: number;
      typeHint?: string;
      values: PassengerFormValues;
      errors: Partial<Record<keyof PassengerFormValues, string>>;
    }
  /** Contact details. Submitting sends `{ form: 'contact', email, phone }`. */
  | {
      kind: 'contact_form';
      values: { email?: string; phone?: string };
      errors: Partial<Record<'email' | 'phone', string>>;
    }
  /** Everything before paying, with the total; confirmed through a choice. */
  | { kind: 'review'; draft: BookingDraftView }
  | { kind: 'payment_link'; pnr: string; url: string; expiresAt: string; amount: Money }
  | { kind: 'confirmation'; booking: BookingView; ticketUrl: string }
  /** Status and itinerary of an existing booking. */
  | { kind: 'booking'; booking: BookingView }
  | { kind: 'cancellation_quote'; pnr: string; refund: Money; fee: Money; rule: string; expiresAt: string }
  | { kind: 'article'; title: string; body: string; url?: string }
  /** One passenger's boarding pass for one flight: the barcode as an image link, and the PDF. */
  | { kind: 'boarding_pass'; pass: BoardingPassView };

export interface BotMessage {
  text: string;
  card?: CardView;
  choices?: Choice[];
}

/** What a card or form submits (Adaptive Card Action.Submit data, Slack action value, parsed text). */
export type Submission =
  | { choice: string }
  | ({ form: 'passenger' } & PassengerFormValues)
  | { form: 'contact'; email?: string; phone?: string };

/** One flight as the traveller sees it: local times with their UTC offset ("2026-12-10T18:05:00+01:00"). */
export interface TravellerFlight {
  flightNumber: string;
  from: string;
  to: string;
  departureTime: string;
  arrivalTime: string;
}

/** What the traveller may do about a disrupted flight; the service made and prices each one. */
export type DisruptionOffer =
  /** Stay on the delayed flight (delays only). */
  | { id: string; kind: 'keep' }
  /** Move to other flights, free of charge, with seats held for the party until `expiresAt`. */
  | { id: string; kind: 'rebook'; flights: TravellerFlight[]; seats: string[] }
  /** Cancel the booking and refund all that was paid. */
  | { id: string; kind: 'refund'; amount: Money };

/** The open disruption of one booking: what happened to its flight and what the traveller may choose. */
export interface Disruption {
  pnr: string;
  kind: 'delay' | 'cancellation';
  /** The booked flight as it was scheduled. */
  flight: TravellerFlight;
  /** A delay's new times (null for a cancellation). */
  newDepartureTime: string | null;
  newArrivalTime: string | null;
  /** Still open, in the service's order (rebooking options earliest first). */
  offers: DisruptionOffer[];
  /** When the held seats of the rebooking offers lapse (fresh offers can be asked for after). */
  offersExpireAt: string | null;
  /** What the traveller chose already; null while they have not answered. */
  chosen: DisruptionOffer['kind'] | null;
}
