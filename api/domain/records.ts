import type {
  BookingStatus,
  CabinLayout,
  CaseKind,
  CaseStatus,
  FlightStatus,
  PassengerType,
  PaymentStatus,
  PriceBreakdown,
  RefundStatus,
  Role,
  SeatState,
} from './types';

/**
 * The stored records the services, the bot and the views work with: one per table row, as the repositories
 * read and write them. Nothing here knows about persistence: the TypeORM entity schemas map each record to
 * its table, and the repositories (api/repositories, and bot/ for the bot's own tables) are the only code
 * that reads or writes them. Rows that only a repository ever sees stay next to their table mapping.
 */

// Inventory: metros, airports, airlines, aircraft types, flights and their seats.

export interface MetroRow {
  code: string;
  name: string;
  city: string;
  country: string;
  aliases: string[];
}

export interface AirportRow {
  code: string;
  name: string;
  city: string;
  country: string;
  timeZone: string;
  latitude: number;
  longitude: number;
  metroCode: string | null;
  aliases: string[];
}

export interface AirlineRow {
  code: string;
  name: string;
  ticketPrefix: string;
  aliases: string[];
}

export interface AircraftTypeRow {
  code: string;
  name: string;
  cabins: CabinLayout[];
}

export interface FlightRow {
  id: number;
  airlineCode: string;
  flightNumber: number;
  origin: string;
  destination: string;
  /** UTC instant. */
  departureAt: Date;
  arrivalAt: Date;
  /** Local calendar date of departure at the origin, "YYYY-MM-DD": what travellers search by. */
  departureDate: string;
  durationMinutes: number;
  aircraftCode: string;
  /** Economy base fare of this flight in `currency` minor units, before fare family, date and load. */
  baseFare: number;
  currency: string;
  status: FlightStatus;
  /** True once the flight's seat rows exist (they are created on first use, not at scheduling). */
  seatsReady: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SeatRow {
  id: number;
  flightId: number;
  designator: string;
  cabin: string;
  state: SeatState;
  bookingId: number | null;
  passengerId: number | null;
  holdExpiresAt: Date | null;
  updatedAt: Date;
}
// Bookings, their flight segments and their passengers.

export interface BookingRow {
  id: number;
  pnr: string;
  userId: number | null;
  status: BookingStatus;
  holdExpiresAt: Date | null;
  currency: string;
  totalAmount: number;
  breakdown: PriceBreakdown;
  contactEmail: string;
  contactPhone: string | null;
  channel: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

export interface BookingSegmentRow {
  id: number;
  bookingId: number;
  position: number;
  flightId: number;
  cabin: string;
  fareFamily: string;
  direction: 'outbound' | 'inbound';
  /** The leg of the trip (0-based): 0 outbound and 1 return of a return trip; 0 to 3 on a multi-city trip. */
  leg: number;
}

export interface PassengerRow {
  id: number;
  bookingId: number;
  position: number;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  type: PassengerType;
  /** An adult with a lap infant (seat safety rules). */
  holdsInfant: boolean;
  /** Asked for special assistance (kept out of exit rows). */
  specialAssistance: boolean;
  /** 13-digit e-ticket number, issued on payment. */
  ticketNumber: string | null;
}
/** A passenger checked in on a flight, with what is kept of their travel document (never the full number). */
export interface CheckInRow {
  id: number;
  bookingId: number;
  passengerId: number;
  flightId: number;
  /** Check-in sequence on the flight (1, 2, …), printed on the boarding pass. */
  sequence: number;
  documentLast4: string;
  nationality: string;
  /** "YYYY-MM-DD". */
  documentExpiry: string;
  checkedInAt: Date;
}
// Payments, refunds and the mail outbox.

export interface PaymentRow {
  id: number;
  bookingId: number;
  provider: string;
  /** Checkout Session id (Stripe cs_…, sandbox sbx_cs_…). */
  sessionId: string | null;
  /** PaymentIntent id once paid (pi_…), what refunds are made against. */
  paymentIntentId: string | null;
  amount: number;
  currency: string;
  status: PaymentStatus;
  url: string | null;
  expiresAt: Date;
  idempotencyKey: string;
  failureReason: string | null;
  paidAt: Date | null;
  /** Set when this pays the difference of a seat change on a paid booking (not the booking itself). */
  seatChangeId?: number | null;
  /** Set when this pays for checked bags added to a paid booking (api/services/bags.service.ts). */
  bagOrderId?: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One passenger's move in a seat change on a paid booking, with its money (api/domain/seat-change-rules.ts). */
export interface SeatChangeMove {
  flightId: number;
  /** Passenger index in the booking, and the passenger row. */
  passenger: number;
  passengerId: number;
  from: string | null;
  to: string;
  tier: string;
  /** The seat's amount in the price breakdown once moved. */
  amount: number;
}

export type SeatChangeStatus = 'pending' | 'applied' | 'expired' | 'superseded' | 'cancelled';

export type SeatChangeKind = 'seats' | 'flights';

/**
 * A change of dates or flights on a paid booking, as planned when the traveller confirmed its quote
 * (api/services/flight-change*.ts): the flights of one direction replaced, the segments and price after.
 */
export interface FlightChangePlan {
  direction: 'outbound' | 'inbound';
  fromFlightIds: number[];
  toFlightIds: number[];
  /** Every segment of the booking after the change, in travel order. */
  segments: Omit<BookingSegmentRow, 'id' | 'bookingId'>[];
  breakdown: PriceBreakdown;
  /** The booking's version when planned: any change of the booking since makes the plan stale. */
  bookingVersion: number;
  fareDifference: number;
  fee: number;
  feeWaived: number;
  seatCredit: number;
  refund: number;
  kept: number;
}

/** An e-ticket number replaced by a reissue (a flight change); the number is never valid again. */
export interface VoidedTicketRow {
  id: number;
  bookingId: number;
  passengerId: number;
  ticketNumber: string;
  replacedBy: string;
  reason: string;
  voidedAt: Date;
}

/** A seat change on a paid booking waiting for (or settled by) the payment of the difference. */
export interface SeatChangeRow {
  id: number;
  bookingId: number;
  status: SeatChangeStatus;
  moves: SeatChangeMove[];
  /** The difference to pay, in minor units of `currency`. */
  amount: number;
  currency: string;
  /** Asked for with low-assurance access (reference and last name): its mails are masked. */
  masked: boolean;
  /** "flights": a change of dates or flights (its `moves` are the new flights' held seats, from null). */
  kind: SeatChangeKind;
  /** The rest of a flight change's plan; null for seat changes. */
  flightChange: FlightChangePlan | null;
  /** The new seats are held until then; the link closes then. */
  expiresAt: Date;
  settledAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundRow {
  id: number;
  bookingId: number;
  paymentId: number;
  provider: string;
  providerRefundId: string | null;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: string;
  idempotencyKey: string;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailOutboxRow {
  id: number;
  /** One mail per purpose: "confirmation:ABC234" is enqueued once however often payment is reported. */
  dedupeKey: string;
  kind: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  /** What to attach, rendered at send time (e.g. { ticketPdf: "ABC234" }). */
  /** The e-ticket PDF to render at send time; `masked` when the mail was asked for with low-assurance access. */
  attachments: {
    ticketPdf?: string;
    masked?: boolean;
    boardingPass?: { pnr: string; flightId: number; passenger: number };
  } | null;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}
// Accounts.

export interface UserRow {
  id: number;
  email: string;
  /** argon2id hash; null for accounts created by an emailed one-time code that never set a password. */
  passwordHash: string | null;
  firstName: string;
  lastName: string;
  role: Role;
  phone: string | null;
  emailVerifiedAt: Date | null;
  /** Set when an admin disabled the account: it can no longer sign in or act. */
  disabledAt?: Date | null;
  /** Tokens (access, Direct Line) issued before this are refused: set by signing out or a new password. */
  sessionsRevokedAt: Date | null;
  /** An invited staff account still on its one-time password: the console asks for a new one first. */
  mustChangePassword?: boolean;
  createdAt: Date;
  updatedAt: Date;
}
// Support cases (handoff to agents, complaints) and their transcripts.

export interface SupportCaseRow {
  id: number;
  conversationKey: string;
  channelId: string;
  userId: number | null;
  pnr: string | null;
  kind: CaseKind;
  reason: string;
  status: CaseStatus;
  /** Agents' progress note on a complaint, shown to the traveller who asks ("in progress", …). */
  progress: string | null;
  agentUserId: number | null;
  /** Where agents discuss it, e.g. a Slack thread "C123:1700000000.000100". */
  threadRef: string | null;
  context: Record<string, unknown> | null;
  followupOfferedAt: Date | null;
  createdAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  updatedAt: Date;
}

export interface CaseMessageRow {
  id: number;
  caseId: number;
  /** `note`: an agent's internal note, never shown to the traveller. */
  author: 'traveller' | 'agent' | 'bot' | 'system' | 'note';
  text: string;
  createdAt: Date;
}
// Help articles.

export interface FaqArticleRow {
  id: number;
  /** Stable address of the article: `/help#<slug>`, `GET /api/v1/faq/<slug>`. */
  slug: string;
  /** Group on the help page and a boost in search ("baggage", "refund" …). */
  topic: string;
  question: string;
  answer: string;
  /** Extra words people use for this question ("luggage suitcase"), space or comma separated. */
  keywords: string;
  /** Order within its topic. */
  position: number;
  /** The published version travellers read (each publication adds one; history in `faq_versions`). */
  version?: number;
  updatedAt: Date;
}

/**
 * What a rating is about: a completed booking, a cancellation, a support case, or the chat itself (asked
 * for by the traveller).
 */
export const FEEDBACK_KINDS = ['booking', 'cancellation', 'case', 'chat'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** A traveller's 1–5 rating of a booking or a support case, with an optional comment. */
export interface FeedbackRow {
  id: number;
  conversationKey: string;
  userId: number | null;
  kind: FeedbackKind;
  subject: string;
  rating: number;
  comment: string | null;
  createdAt: Date;
}
