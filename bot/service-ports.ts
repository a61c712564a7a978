import type { FlightChangeService } from '../api/services/flight-change.service';
import type { Config } from '../api/config/config';
import type { RateLimitService } from '../api/services/rate-limit.service';
import type { Db } from '../api/db/db';
import type { Logger } from '../api/logger';
import type { AuthService } from '../api/services/auth.service';
import type { BagsService } from '../api/services/bags.service';
import type { BookingChangesService } from '../api/services/booking-changes.service';
import type { BookingService } from '../api/services/booking.service';
import type { CancellationService } from '../api/services/cancellation.service';
import type { Clock } from '../api/services/clock';
import type { DomainEvents } from '../api/services/domain-events';
import type { HandoffService } from '../api/services/handoff.service';
import type { PaymentService } from '../api/services/payment.service';
import type { ReferenceDataService } from '../api/services/reference-data.service';
import type { SearchService } from '../api/services/search.service';
import type { SeatMapService } from '../api/services/seatmap.service';
import type { SupportService } from '../api/services/support.service';
import type { CheckInService } from '../api/services/check-in.service';
import type { DisruptionService } from '../api/services/disruption.service';
import type { SpecialRequestService } from '../api/services/special-request.service';
import type { TicketingService } from '../api/services/ticketing.service';
import type { AccountsApi, BookingNewsApi, CaseActionsApi, FeedbackApi, SupportApi } from './ports';

/**
 * The API services the bot runtime is built over, as the composition root hands them in (the container's
 * services include them; repositories are not among them). Only the bot's composition reads them:
 * ./runtime.ts, this file and ./travel-api.ts.
 */
export interface BotServices {
  config: Config;
  log: Logger;
  clock: Clock;
  db: Db;
  ref: ReferenceDataService;
  search: SearchService;
  seatMaps: SeatMapService;
  bookings: BookingService;
  bookingChanges: BookingChangesService;
  bags: BagsService;
  flightChanges: FlightChangeService;
  payments: PaymentService;
  cancellations: CancellationService;
  ticketing: TicketingService;
  checkIn: CheckInService;
  specialRequests: SpecialRequestService;
  disruptions: DisruptionService;
  events: DomainEvents;
  auth: AuthService;
  support: SupportService;
  handoff: HandoffService;
  rateLimits: RateLimitService;
}

/** The bot's ports onto the booking side (see ./ports.ts). */
export interface BotPorts {
  support: SupportApi;
  caseActions: CaseActionsApi;
  feedback: FeedbackApi;
  accounts: AccountsApi;
  news: BookingNewsApi;
}

/** Builds the bot's ports over the services: the one place where bot code meets them. */
export function buildBotPorts(s: BotServices): BotPorts {
  return {
    support: {
      activeCase: (key) => s.support.active(key),
      caseState: (key) => s.support.caseState(key),
      findCase: (caseId) => s.support.get(caseId),
      caseOfThread: (threadRef) => s.support.byThread(threadRef),
      latestCase: (key, userId) => s.support.latestFor(key, userId),
      escalate: (request) => s.handoff.escalate(request),
      noteAgentRequest: (request) => s.support.noteAgentRequest(request),
      attachThread: (caseId, threadRef) => s.support.setThread(caseId, threadRef),
      record: (caseId, author, text) => s.support.record(caseId, author, text),
      caseDetails: (c) => s.handoff.caseDetails(c),
      followupsDue: () => s.handoff.followupsDue(),
      followupRequested: (caseId, email) => s.handoff.followupRequested(caseId, email),
    },
    caseActions: {
      staffByEmail: (email) => s.handoff.staffByEmail(email),
      reply: (caseId, agent, text) => s.handoff.agentReply(caseId, agent, text),
      takeOver: (caseId, agent) => s.support.takeOver(caseId, agent),
      handBack: (caseId, agent) => s.support.handBack(caseId, agent),
      resolve: (caseId, agent) => s.support.resolve(caseId, agent),
      setProgress: (caseId, agent, progress) => s.support.setProgress(caseId, agent, progress),
      linkBooking: (caseId, agent, pnr) => s.handoff.linkBooking(caseId, agent, pnr),
      viewBooking: (caseId, agent) => s.handoff.viewBooking(caseId, agent),
      paymentLink: (caseId, agent) => s.handoff.paymentLink(caseId, agent),
      ticket: (caseId, agent) => s.handoff.ticket(caseId, agent),
      changeSeat: (caseId, agent, change) => s.handoff.changeSeat(caseId, agent, change),
      cancellationQuote: (caseId, agent, waiveFee, reason) =>
        s.handoff.cancellationQuote(caseId, agent, waiveFee, reason),
      cancelBooking: (caseId, agent, quoteId) => s.handoff.cancelBooking(caseId, agent, quoteId),
    },
    feedback: {
      rate: (input) => s.support.recordFeedback(input),
      comment: (key, subject, text) => s.support.addFeedbackComment(key, subject, text),
    },
    accounts: {
      identityOf: async (userId) => {
        const user = await s.auth.findAccount(userId);
        return user ? { userId: user.id, role: user.role, email: user.email, firstName: user.firstName } : null;
      },
      linkAddress: (channelId, address, userId) => s.support.linkIdentity(channelId, address, userId),
      accountOfAddress: (channelId, address) => s.support.identityFor(channelId, address),
      authenticate: (accessToken) => s.auth.authenticate(accessToken),
      checkSignedIn: async (userId, issuedAtMs) => void (await s.auth.currentRole(userId, issuedAtMs)),
    },
    news: {
      onEvent: (handler) => s.events.subscribe('*', 'chat-notifications', handler),
      booking: (pnr, viewerUserId) => s.bookings.viewForWatcher(pnr, viewerUserId).catch(() => null),
      bookingForContact: (pnr) => s.bookings.view(pnr, false).catch(() => null),
      ticketUrl: (pnr, masked) => s.ticketing.ticketUrl(pnr, masked ? 'masked' : 'full'),
    },
  };
}
