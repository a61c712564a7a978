import { ANONYMOUS, type Actor } from '../api/services/actor';
import type { ChatIdentity, TravelApi } from '../dialogs/ports';
import type { ConversationRefRepository } from './conversation-refs.repository';
import type { AgentDesk, EmailCodes, FaqSearch, FeedbackApi, SupportApi } from './ports';
import type { BotServices } from './service-ports';

/** The booking services the dialogs use directly (authorization stays in them). */
export type TravelServices = Pick<
  BotServices,
  'search' | 'seatMaps' | 'bookings' | 'payments' | 'bookingChanges' | 'cancellations' | 'ticketing'
>;

export interface TravelApiDeps {
  services: TravelServices;
  support: Pick<SupportApi, 'latestCase'>;
  refs: Pick<ConversationRefRepository, 'watch'>;
  faq: FaqSearch;
  codes: EmailCodes;
  desk: AgentDesk;
  feedback: Pick<FeedbackApi, 'rate'>;
}

/** The actor a chat identity stands for: authorization stays with the services. */
export function actorFor(who: ChatIdentity): Actor {
  return who.userId === null ? ANONYMOUS : { kind: 'user', userId: who.userId, role: who.role };
}

/** The dialogs' port onto the booking services of this process. */
export function createTravelApi(deps: TravelApiDeps): TravelApi {
  const { services: s, support, refs, faq, codes, desk, feedback } = deps;
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
    agentsLive: () => desk.live,
    rate: (input) => feedback.rate(input),
    caseStatus: async (key, userId) => {
      const c = await support.latestCase(key, userId);
      return c
        ? { id: c.id, kind: c.kind, status: c.status, progress: c.progress, openedAt: c.createdAt.toISOString() }
        : null;
    },
  };
}
