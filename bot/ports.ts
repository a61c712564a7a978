import type { CaseMessageRow, FeedbackKind, SupportCaseRow } from '../api/domain/records';
import type { Actor } from '../api/services/actor';
import type { BookingView } from '../api/services/booking-view';
import type { SeatChange } from '../api/services/booking-changes.service';
import type { CancellationQuote } from '../api/services/cancellation.service';
import type { DomainEvent, EventDelivery } from '../api/services/domain-events';
import type {
  CaseDetails,
  DueFollowup,
  Escalation,
  EscalationRequest,
  StaffAccount,
} from '../api/services/handoff.service';
import type { PaymentLink } from '../api/services/payment.service';
import type { ChatIdentity, FaqArticle } from '../dialogs/ports';

/**
 * What bot code needs from the booking side, as narrow ports (like the dialogs' TravelApi in
 * dialogs/ports.ts). The bot's composition (./service-ports.ts, called by ./runtime.ts) builds them from
 * the API services the composition root hands in; every other bot module takes only the ports it uses,
 * in a named dependencies object. The rules stay in the services: the bot passes who is asking.
 */

/** Support cases as the chat relays them (implemented by the support and handoff services). */
export interface SupportApi {
  /** The conversation's open case (queued or with an agent): asked on every turn. */
  activeCase(conversationKey: string): Promise<SupportCaseRow | null>;
  /**
   * The open case as activeCase, and whether the conversation has any case not resolved (one handed back to
   * the bot can be taken over by an agent at any time): while it has none, only a new case can change that.
   */
  caseState(conversationKey: string): Promise<{ active: SupportCaseRow | null; unresolved: boolean }>;
  findCase(caseId: number): Promise<SupportCaseRow | null>;
  /** The case discussed in an agents' thread ("<channel>:<ts>"). */
  caseOfThread(threadRef: string): Promise<SupportCaseRow | null>;
  /** The traveller's latest case, by account or by this conversation. */
  latestCase(conversationKey: string, userId: number | null): Promise<SupportCaseRow | null>;
  /** Opens the traveller's case or joins the open one (a new one comes with what agents should see). */
  escalate(request: EscalationRequest): Promise<Escalation>;
  /** A request for a person that opens no case, only audited (where no support desk is connected). */
  noteAgentRequest(request: EscalationRequest): Promise<void>;
  /** Keeps where agents discuss the case. */
  attachThread(caseId: number, threadRef: string): Promise<void>;
  /** Adds a line to the case's transcript. */
  record(caseId: number, author: CaseMessageRow['author'], text: string): Promise<void>;
  /** Who the traveller and the agent are, the booking and the queue, as they are now. */
  caseDetails(c: SupportCaseRow): Promise<CaseDetails>;
  /** Travellers who waited too long for an agent (each returned once). */
  followupsDue(): Promise<DueFollowup[]>;
  /** The traveller gave an address for an email follow-up: noted on the case (null: no such case). */
  followupRequested(caseId: number, email: string): Promise<SupportCaseRow | null>;
}

/** What support agents do on a case; the services decide who may (agents and admins) and audit it. */
export interface CaseActionsApi {
  /** The staff account with this email (null for anyone else). */
  staffByEmail(email: string): Promise<StaffAccount | null>;
  /** The holding agent's reply to the traveller, recorded on the case. */
  reply(caseId: number, agent: Actor, text: string): Promise<SupportCaseRow>;
  takeOver(caseId: number, agent: Actor): Promise<SupportCaseRow>;
  handBack(caseId: number, agent: Actor): Promise<SupportCaseRow>;
  resolve(caseId: number, agent: Actor): Promise<SupportCaseRow>;
  /** A complaint's progress, as the traveller sees it when they ask. */
  setProgress(caseId: number, agent: Actor, progress: string): Promise<SupportCaseRow>;
  /** Links the case to a booking the agent may see; returns the case as it is now. */
  linkBooking(caseId: number, agent: Actor, pnr: string): Promise<SupportCaseRow | null>;
  viewBooking(caseId: number, agent: Actor): Promise<BookingView>;
  paymentLink(caseId: number, agent: Actor): Promise<{ case: SupportCaseRow; link: PaymentLink }>;
  ticket(caseId: number, agent: Actor): Promise<{ case: SupportCaseRow; booking: BookingView; url: string }>;
  changeSeat(caseId: number, agent: Actor, change: SeatChange): Promise<{ case: SupportCaseRow; booking: BookingView }>;
  cancellationQuote(caseId: number, agent: Actor, waiveFee: boolean, reason?: string): Promise<CancellationQuote>;
  cancelBooking(caseId: number, agent: Actor, quoteId: string): Promise<{ case: SupportCaseRow; booking: BookingView }>;
}

/** Travellers' ratings of a booking or a support case, and their comments. */
export interface FeedbackApi {
  rate(input: {
    conversationKey: string;
    userId: number | null;
    kind: FeedbackKind;
    subject: string;
    rating: number;
  }): Promise<void>;
  /** Adds a comment to the traveller's latest rating of `subject`. */
  comment(conversationKey: string, subject: string, text: string): Promise<void>;
}

/** Who a traveller is: accounts, addresses verified for them, and the web page's sign-in. */
export interface AccountsApi {
  /** The chat identity of an account (null when it no longer exists). */
  identityOf(userId: number): Promise<ChatIdentity | null>;
  /** Remembers that a channel address (phone number, Slack user) belongs to a verified account. */
  linkAddress(channelId: string, address: string, userId: number): Promise<void>;
  /** The account an address was verified for, if any. */
  accountOfAddress(channelId: string, address: string): Promise<number | null>;
  /** Who a web page's access token stands for, as the account is now (throws when not valid or signed out). */
  authenticate(accessToken: string): Promise<Actor>;
  /** Throws (session_revoked) when the user signed out or changed password after `issuedAtMs`. */
  checkSignedIn(userId: number, issuedAtMs: number): Promise<void>;
}

/**
 * Booking news for the chat: domain events (delivered once to this subscriber by the outbox; a retry after
 * a failure skips the parts `delivery.once` finished) and what they are about.
 */
export interface BookingNewsApi {
  onEvent(handler: (event: DomainEvent, delivery: EventDelivery) => Promise<void>): void;
  /**
   * The booking as it is now, as a conversation whose signed-in user is `viewerUserId` may see it: in full
   * for its owner, masked for a conversation that opened it with a last name (null when it cannot be read).
   */
  booking(pnr: string, viewerUserId: number | null): Promise<BookingView | null>;
  /** The booking whole, for a message to its own contact phone or address (null when it cannot be read). */
  bookingForContact(pnr: string): Promise<BookingView | null>;
  /** A signed link to the e-ticket PDF; `masked` for a booking the conversation opened with a last name. */
  ticketUrl(pnr: string, masked: boolean): string;
}

/** FAQ look-up as the dialogs need it (implemented by the FAQ service). */
export interface FaqSearch {
  /** Searches the published articles and notes what was asked (the console's help statistics). */
  ask(question: string, topic: string | null | undefined, channel: string): Promise<FaqArticle[]>;
}

/** One-time email codes (implemented by the email verification service). */
export interface EmailCodes {
  send(email: string, conversationKey: string): Promise<{ requestId: string }>;
  verify(requestId: string, code: string, names: { firstName?: string; lastName?: string }): Promise<ChatIdentity>;
}

/** Where a request for a person goes (support cases and the agents' channel, when configured). */
export interface AgentDesk {
  /** True when agents can pick a case up in the chat now; false when cases are answered later. */
  readonly live: boolean;
  request(request: EscalationRequest): Promise<{ message: string }>;
}

/** The brand as the bot speaks it. */
export interface Brand {
  name: string;
  supportEmail: string;
  supportPhone: string;
  publicUrl: string;
}
