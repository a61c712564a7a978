import type { ApiServices } from '../api/container';
import { ANONYMOUS, type Actor } from '../api/services/actor';
import type { ChatIdentity, EscalationRequest, FaqArticle, TravelApi } from '../dialogs/ports';
import type { ConversationRefRepository } from './conversation-refs.repository';

/** FAQ look-up as the dialogs need it (implemented by the FAQ service). */
export interface FaqSearch {
  search(question: string, topic?: string | null): Promise<FaqArticle[]>;
}

/** One-time email codes (implemented by the email verification service). */
export interface EmailCodes {
  send(email: string, conversationKey: string): Promise<{ requestId: string }>;
  verify(requestId: string, code: string, names: { firstName?: string; lastName?: string }): Promise<ChatIdentity>;
}

/** Where a request for a person goes (support cases and the agents' channel, when configured). */
export interface AgentDesk {
  request(request: EscalationRequest): Promise<{ message: string }>;
}

/** The actor a chat identity stands for: authorization stays with the services. */
export function actorFor(who: ChatIdentity): Actor {
  return who.userId === null ? ANONYMOUS : { kind: 'user', userId: who.userId, role: who.role };
}

/** The dialogs' port onto the booking services of this process. */
export function createTravelApi(
  s: ApiServices,
  refs: ConversationRefRepository,
  faq: FaqSearch,
  codes: EmailCodes,
  desk: AgentDesk,
): TravelApi {
  return {
    searchFlights: (q) => s.search.search(q),
    seatMap: (flightId, opts) => s.seatMaps.seatMap(flightId, opts),
    quoteBooking: (who, input) => s.bookings.quote(actorFor(who), input),
    createBooking: (who, input) => s.bookings.createHold(actorFor(who), input),
    paymentLink: (who, pnr, lastName) => s.payments.createLink(pnr, actorFor(who), lastName),
    getBooking: (who, pnr, lastName) => s.bookings.get(pnr, actorFor(who), lastName),
    myBookings: (who) => (who.userId === null ? Promise.resolve([]) : s.bookings.listMine(actorFor(who))),
    changeSeats: (who, pnr, changes, lastName) => s.bookingChanges.changeSeats(pnr, actorFor(who), changes, lastName),
    cancellationQuote: (who, pnr, lastName) => s.cancellations.quote(pnr, actorFor(who), { lastName }),
    cancelBooking: (who, pnr, quoteId, lastName) => s.cancellations.cancel(pnr, actorFor(who), quoteId, lastName),
    ticketUrl: (pnr) => s.ticketing.ticketUrl(pnr),
    findArticles: (question, topic) => faq.search(question, topic),
    sendEmailCode: (email, key) => codes.send(email, key),
    verifyEmailCode: (requestId, code, names) => codes.verify(requestId, code, names),
    watchBooking: (pnr, key) => refs.watch(pnr, key),
    requestAgent: (request) => desk.request(request),
    caseStatus: async (key, userId) => {
      const c = await s.support.latestFor(key, userId);
      return c
        ? { id: c.id, kind: c.kind, status: c.status, progress: c.progress, openedAt: c.createdAt.toISOString() }
        : null;
    },
  };
}
