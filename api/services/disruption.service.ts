import type { Money } from '../domain/types';
import type { Actor } from './actor';
import type { BookingView } from './booking-view';
import type { SegmentView } from './flight-view';

/**
 * Disruption of a flight and what each booking on it is offered.
 *
 * An admin (API or console) marks a flight `delayed` (new departure, local at the origin) or `cancelled` through
 * `disrupt`: the flight changes and a disruption is recorded in one transaction. Then every instance's worker
 * (`notifyDue`, also kicked at once) takes each live booking on the flight exactly once: under a unique
 * (disruption, booking) row it works out the booking's offers, holds the seats of rebooking offers (atomic
 * conditional seat claims, the SeatAssigner's rules: a party together, no child or WCHR in exit rows, one lap infant
 * per block), enqueues the email and publishes `booking.disrupted` for the chat (on the booking's channel, SMS when
 * no conversation can be reached) — all in one transaction, so a booking is told once whichever instance or retry
 * gets there. A cancellation offers `rebook` (the next flights with free seats on the same route, direct or via one
 * connection, on the same or next local day) and `refund` (everything paid). A delay longer than the threshold
 * (DISRUPTION_DELAY_THRESHOLD_MINUTES) offers `accept`, `rebook` free of charge, or `refund`; a shorter delay is
 * only told (no offers, status "informed"). Rebooking seats are held until `expiresAt`; `chooseOffer` settles the
 * booking's answer once (a second answer gets 409 `disruption_answered`): `rebook` moves the booking to the offered
 * flights (its held seats, or others by the same rules if the hold ran out; 409 `offer_unavailable` when the flight
 * filled meanwhile), reissues the tickets (new numbers, the old voided) and sends the update email; `refund` cancels
 * the booking and refunds everything paid; `accept` keeps the booking on the new times. Other offers' seats are
 * released. Travellers see their own booking's disruption (owner, or PNR + last name, masked); agents and admins see
 * all of them and the report.
 */

export type DisruptionKind = 'delayed' | 'cancelled';
export type DisruptionOfferKind = 'accept' | 'rebook' | 'refund';

/** What an admin records about a flight: a later departure (local at the origin), or a cancellation. */
export type FlightDisruptionInput =
  | { kind: 'delayed'; departureTime: string; departureDate?: string; reason: string }
  | { kind: 'cancelled'; reason: string };

/**
 * One answer a disrupted booking may give. `id` is stable for the booking's disruption ("accept", "refund",
 * "rebook-1", "rebook-2"…), what the chat sends back to `chooseOffer`.
 */
export interface DisruptionOffer {
  id: string;
  kind: DisruptionOfferKind;
  /** rebook: the flights that replace the disrupted one, in travel order (two for a connection); else []. */
  flights: SegmentView[];
  /** rebook: the seat held for each seated passenger (index in the booking) on each offered flight; else []. */
  seats: { passenger: number; flightId: number; designator: string }[];
  /** What the traveller pays (always zero) or, for refund, gets back. */
  amount: Money;
}

/** Where a booking's disruption stands. "informed": a short delay, nothing to choose. */
export type DisruptionStatus = 'informed' | 'open' | 'accepted' | 'rebooked' | 'refunded';

/** A booking's disruption as the traveller (chat, API) sees it. */
export interface BookingDisruption {
  disruptionId: number;
  pnr: string;
  kind: DisruptionKind;
  /** The disrupted flight as it is now (new times for a delay; status "cancelled"). */
  flight: SegmentView;
  /** The departure before the disruption, local at the origin with offset. */
  scheduledDeparture: string;
  /** Delays: the new departure, local with offset, and how late it is. Null for cancellations. */
  newDeparture: string | null;
  delayMinutes: number | null;
  reason: string;
  /** Empty when there is nothing to choose (short delay) or once answered. */
  offers: DisruptionOffer[];
  /** Until when rebooking seats are held (ISO UTC); null when none are. */
  expiresAt: string | null;
  status: DisruptionStatus;
  choice: { offerId: string; kind: DisruptionOfferKind; at: string } | null;
  /** When the traveller was told (ISO UTC). */
  notifiedAt: string;
}

/** The booking after its answer, with the disruption as settled. */
export interface DisruptionChoiceOutcome {
  disruption: BookingDisruption;
  booking: BookingView;
  /** For refund: what is being refunded. */
  refund: Money | null;
}

/** What `disrupt` did. Travellers are told by the worker right after (within seconds). */
export interface FlightDisruptionResult {
  disruptionId: number;
  flight: SegmentView;
  /** References of the live (held or paid) bookings on the flight, each of which is told. */
  affectedBookings: string[];
}

/** One booking in the disruption report. */
export interface DisruptionReportLine {
  pnr: string;
  passengers: number;
  status: DisruptionStatus;
  choice: DisruptionOfferKind | null;
  /** rebook: the flight numbers moved to. */
  movedTo: string[];
  notifiedAt: string;
  answeredAt: string | null;
}

/** For agents and admins: a disruption, each affected booking, who chose what and who has not answered. */
export interface DisruptionReport {
  disruptionId: number;
  kind: DisruptionKind;
  flight: SegmentView;
  scheduledDeparture: string;
  reason: string;
  createdAt: string;
  /** Live bookings on the flight when it was disrupted, and how many have been told so far. */
  affected: number;
  notified: number;
  counts: Record<DisruptionStatus, number>;
  lines: DisruptionReportLine[];
}

/** A disruption in the list of recent ones (console). */
export interface DisruptionSummary {
  disruptionId: number;
  kind: DisruptionKind;
  flightId: number;
  flightNumber: string;
  scheduledDeparture: string;
  createdAt: string;
  affected: number;
  unanswered: number;
}

function notYet(): never {
  throw new Error('not implemented yet');
}

/** See the comment at the top of this file. */
export class DisruptionService {
  /** Admins: marks the flight delayed or cancelled and starts telling its travellers. */
  async disrupt(actor: Actor, flightId: number, input: FlightDisruptionInput): Promise<FlightDisruptionResult> {
    void [actor, flightId, input];
    return notYet();
  }

  /** The booking's latest disruption (null when its flights are undisrupted). Same access as the booking. */
  async disruptionFor(actor: Actor, pnr: string, lastName?: string): Promise<BookingDisruption | null> {
    void [actor, pnr, lastName];
    return notYet();
  }

  /** A signed-in traveller's bookings with a disruption still waiting for an answer ("my flight was cancelled"). */
  async openFor(actor: Actor): Promise<BookingDisruption[]> {
    void actor;
    return notYet();
  }

  /** Settles the booking's answer to its disruption (see the top of this file). */
  async chooseOffer(actor: Actor, pnr: string, offerId: string, lastName?: string): Promise<DisruptionChoiceOutcome> {
    void [actor, pnr, offerId, lastName];
    return notYet();
  }

  /** Worker: tells the bookings of recorded disruptions not told yet. Returns how many this instance told. */
  async notifyDue(): Promise<number> {
    return notYet();
  }

  /** Agents and admins: recent disruptions, newest first. */
  async list(actor: Actor, limit = 50): Promise<DisruptionSummary[]> {
    void [actor, limit];
    return notYet();
  }

  /** Agents and admins: one disruption's report. */
  async report(actor: Actor, disruptionId: number): Promise<DisruptionReport> {
    void [actor, disruptionId];
    return notYet();
  }
}
