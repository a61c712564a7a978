import type { FeedbackKind } from '../api/domain/records';
import type { SeatOccupant } from '../api/domain/seat-safety';
import type { Cabin, Money, Role } from '../api/domain/types';
import type { Disruption } from '../cards/types';
import type { CreateBookingInput } from '../api/services/booking.service';
import type { BookingDraftView, BookingView } from '../api/services/booking-view';
import type { CancellationQuote } from '../api/services/cancellation.service';
import type { PaymentLink } from '../api/services/payment.service';
import type { SearchQuery, SearchResult } from '../api/services/search.service';
import type { SeatMap } from '../api/services/seatmap.service';
import type { SeatChange, SeatChangeOutcome, SeatChangeQuote } from '../api/services/booking-changes.service';
import type { CheckInRequest, CheckInStatus } from '../api/services/check-in.service';
import type { EscalationRequest } from '../api/services/handoff.service';
import type { SpecialRequestsResult } from '../api/services/special-request.service';
import type { BagQuote, BagRequest, BagsOutcome } from '../api/services/bags.service';
import type {
  FlightChangeOutcome,
  FlightChangeQuote,
  FlightChangeRequest,
} from '../api/services/flight-change.service';

/**
 * What the dialogs need from the rest of the system. The bot implements it over the booking
 * services; dialog tests use the same services on a test database. Authorization stays in the
 * services: dialogs pass who is asking, never decide it.
 */

/** Who the traveller is in this conversation: a verified jetway account, or nobody yet. */
export interface ChatIdentity {
  userId: number | null;
  role: Role;
  email: string | null;
  firstName: string | null;
}

/** Everything agents need to pick a conversation up (the support services' own request). */
export type { EscalationRequest } from '../api/services/handoff.service';

export interface FaqArticle {
  slug: string;
  topic: string;
  question: string;
  answer: string;
}

export interface TravelApi {
  searchFlights(q: SearchQuery): Promise<SearchResult>;
  seatMap(
    flightId: number,
    opts: { fareFamily?: string; cabin?: Cabin; currency?: string; forPassenger?: SeatOccupant },
  ): Promise<SeatMap>;
  quoteBooking(who: ChatIdentity, input: CreateBookingInput): Promise<BookingDraftView>;
  createBooking(who: ChatIdentity, input: CreateBookingInput): Promise<BookingView>;
  /** `timeZone`: the traveller's, so the payment page shows when the hold ends in their local time. */
  paymentLink(who: ChatIdentity, pnr: string, lastName?: string, timeZone?: string): Promise<PaymentLink>;
  getBooking(who: ChatIdentity, pnr: string, lastName?: string): Promise<BookingView>;
  myBookings(who: ChatIdentity): Promise<BookingView[]>;
  /** On a paid booking a dearer seat waits for its difference (`seatChange.payment`); a cheaper one may refund. */
  changeSeats(
    who: ChatIdentity,
    pnr: string,
    changes: SeatChange[],
    lastName?: string,
    timeZone?: string,
  ): Promise<SeatChangeOutcome>;
  /** What a seat change would cost or give back, before the traveller says yes. */
  quoteSeatChange(who: ChatIdentity, pnr: string, changes: SeatChange[], lastName?: string): Promise<SeatChangeQuote>;
  /** What extra checked bags would cost (fare family, route length), before the traveller says yes. */
  quoteBags(who: ChatIdentity, pnr: string, bags: BagRequest[], lastName?: string): Promise<BagQuote>;
  /** Asks for extra checked bags: they count once `bagOrder.payment` is paid. */
  addBags(
    who: ChatIdentity,
    pnr: string,
    bags: BagRequest[],
    lastName?: string,
    timeZone?: string,
  ): Promise<BagsOutcome>;
  /** What moving a paid booking to other flights would cost or give back, before the traveller says yes. */
  quoteFlightChange(
    who: ChatIdentity,
    pnr: string,
    request: FlightChangeRequest,
    lastName?: string,
  ): Promise<FlightChangeQuote>;
  /** Confirms a flight change at the quoted amounts; a dearer one waits for its difference (`flightChange.payment`). */
  changeFlights(
    who: ChatIdentity,
    pnr: string,
    request: FlightChangeRequest & { accepted: { due: number; refund: number } },
    lastName?: string,
    timeZone?: string,
  ): Promise<FlightChangeOutcome>;
  cancellationQuote(who: ChatIdentity, pnr: string, lastName?: string): Promise<CancellationQuote>;
  cancelBooking(who: ChatIdentity, pnr: string, quoteId: string, lastName?: string): Promise<BookingView>;
  /**
   * Replaces the booking's special requests (meals, wheelchair, pet in the cabin) with `requests`; the service
   * checks each rule (pet places per flight, no wheelchair in an exit row) and answers the set kept.
   */
  replaceSpecialRequests(
    who: ChatIdentity,
    pnr: string,
    requests: { passenger: number; flightId: number; code: string }[],
    lastName?: string,
  ): Promise<SpecialRequestsResult>;
  /** A signed link to the e-ticket PDF; `masked` for a booking the conversation opened with a last name. */
  ticketUrl(pnr: string, masked: boolean): string;
  /** Each flight's check-in window, who is checked in, and the boarding passes issued. */
  checkInStatus(who: ChatIdentity, pnr: string, lastName?: string): Promise<CheckInStatus>;
  /** Checks passengers in on a flight with their passports; the status after, with their boarding passes. */
  checkIn(who: ChatIdentity, pnr: string, request: CheckInRequest, lastName?: string): Promise<CheckInStatus>;
  /** Best-matching help articles for a question (or a topic), best first. */
  findArticles(question: string, topic?: string | null): Promise<FaqArticle[]>;
  /** Sends a 6-digit code to an email address; returns a request id for the check. */
  sendEmailCode(email: string, conversationKey: string): Promise<{ requestId: string }>;
  /** Checks a code; on success returns the (found or newly created) account. */
  verifyEmailCode(
    requestId: string,
    code: string,
    names: { firstName?: string; lastName?: string },
  ): Promise<ChatIdentity>;
  /** Remembers which conversation to tell about a booking's payment (proactive messages). */
  watchBooking(pnr: string, conversationKey: string): Promise<void>;
  /** The traveller's latest support case (by account, or by this conversation), for "status of my complaint". */
  caseStatus(
    conversationKey: string,
    userId: number | null,
  ): Promise<{
    id: number;
    kind: 'handoff' | 'complaint';
    status: 'queued' | 'agent' | 'bot' | 'resolved';
    progress: string | null;
    openedAt: string;
  } | null>;
  /**
   * A traveller asked for a person (or complained): open or join a support case; the reply tells them what happens
   * next.
   */
  requestAgent(request: EscalationRequest): Promise<{ message: string }>;
  /** Agents can take a case up in the chat right now (an agents' channel is configured). */
  agentsLive(): boolean;
  /** A traveller's 1–5 rating of a booking, a cancellation, a support case or the chat. */
  rate(input: {
    conversationKey: string;
    userId: number | null;
    kind: FeedbackKind;
    subject: string;
    rating: number;
  }): Promise<void>;
}

export type { Disruption, DisruptionOffer, TravellerFlight } from '../cards/types';

/** What came of choosing an offer. `gone`: it lapsed, or its seats went to someone else meanwhile. */
export type DisruptionOutcome =
  | { kind: 'rebooked'; pnr: string }
  | { kind: 'refunded'; amount: Money }
  | { kind: 'kept' }
  | { kind: 'gone'; reason: 'expired' | 'taken' };

/**
 * What the dialogs need of the disruption service (a flight delayed or cancelled by the airline). Authorization
 * stays in the service: the booking is reached as the conversation may reach it (owner, or reference + last name).
 */
export interface DisruptionApi {
  /** The booking's open disruption with its offers; null when its flights run as booked. */
  disruptionOf(who: ChatIdentity, pnr: string, lastName?: string): Promise<Disruption | null>;
  /** The open disruptions of the signed-in traveller's bookings (none for an anonymous conversation). */
  myDisruptions(who: ChatIdentity): Promise<Disruption[]>;
  /** New offers, after the earlier ones lapsed or their seats were taken. */
  renewOffers(who: ChatIdentity, pnr: string, lastName?: string): Promise<Disruption | null>;
  /** Takes one offer; the traveller has confirmed it in the conversation. */
  choose(who: ChatIdentity, pnr: string, offerId: string, lastName?: string): Promise<DisruptionOutcome>;
}
