import { ANONYMOUS, type Actor } from '../api/services/actor';
import type { ChatIdentity, TravelApi } from '../dialogs/ports';
import { turnCaller } from './chat-limits';
import type { ConversationRefRepository } from './conversation-refs.repository';
import type { AgentDesk, EmailCodes, FaqSearch, FeedbackApi, SupportApi } from './ports';
import type { BotServices } from './service-ports';

/** The booking services the dialogs use directly (authorization stays in them). */
export type TravelServices = Pick<
  BotServices,
  | 'search'
  | 'seatMaps'
  | 'bookings'
  | 'payments'
  | 'bookingChanges'
  | 'bags'
  | 'flightChanges'
  | 'cancellations'
  | 'ticketing'
  | 'checkIn'
  | 'specialRequests'
>;

export interface TravelApiDeps {
  services: TravelServices;
  support: Pick<SupportApi, 'latestCase'>;
  refs: Pick<ConversationRefRepository, 'watch'>;
  faq: FaqSearch;
  codes: EmailCodes;
  desk: AgentDesk;
  /** Counts a booking look-up by last name against the chat's limits (throws rate_limited). */
  limitLookup: () => Promise<void>;
  feedback: Pick<FeedbackApi, 'rate'>;
}

/** The actor a chat identity stands for: authorization stays with the services. */
export function actorFor(who: ChatIdentity): Actor {
  return who.userId === null ? ANONYMOUS : { kind: 'user', userId: who.userId, role: who.role };
}

/** The channel of the chat turn in progress (its conversation key starts with it); 'api' outside a turn. */
export function turnChannel(): string {
  const key = turnCaller.getStore()?.conversationKey;
  return key ? key.slice(0, Math.max(0, key.indexOf(':'))) || 'api' : 'api';
}

/** The dialogs' port onto the booking services of this process. */
export function createTravelApi(deps: TravelApiDeps): TravelApi {
  const { services: s, support, refs, faq, codes, desk, feedback } = deps;
  /** Guessing a booking by reference + last name is limited the same way on every channel as over HTTP. */
  const limited = async (lastName: string | undefined) => {
    if (lastName) await deps.limitLookup();
  };
  return {
    searchFlights: (q) => s.search.search(q, turnChannel()),
    seatMap: (flightId, opts) => s.seatMaps.seatMap(flightId, opts),
    quoteBooking: (who, input) => s.bookings.quote(actorFor(who), input),
    createBooking: (who, input) => s.bookings.createHold(actorFor(who), input),
    paymentLink: async (who, pnr, lastName, timeZone) => {
      await limited(lastName);
      return s.payments.createLink(pnr, actorFor(who), lastName, timeZone);
    },
    getBooking: async (who, pnr, lastName) => {
      await limited(lastName);
      return s.bookings.get(pnr, actorFor(who), lastName);
    },
    myBookings: (who) => (who.userId === null ? Promise.resolve([]) : s.bookings.listMine(actorFor(who))),
    changeSeats: async (who, pnr, changes, lastName, timeZone) => {
      await limited(lastName);
      return s.bookingChanges.changeSeats(pnr, actorFor(who), changes, lastName, { timeZone });
    },
    quoteSeatChange: async (who, pnr, changes, lastName) => {
      await limited(lastName);
      return s.bookingChanges.quoteSeatChange(pnr, actorFor(who), changes, lastName);
    },
    quoteBags: async (who, pnr, bags, lastName) => {
      await limited(lastName);
      return s.bags.quote(pnr, actorFor(who), bags, lastName);
    },
    addBags: async (who, pnr, bags, lastName, timeZone) => {
      await limited(lastName);
      return s.bags.add(pnr, actorFor(who), bags, lastName, { timeZone });
    },
    quoteFlightChange: async (who, pnr, request, lastName) => {
      await limited(lastName);
      return s.flightChanges.quote(pnr, actorFor(who), request, lastName);
    },
    changeFlights: async (who, pnr, request, lastName, timeZone) => {
      await limited(lastName);
      return s.flightChanges.confirm(pnr, actorFor(who), request, lastName, { timeZone });
    },
    cancellationQuote: async (who, pnr, lastName) => {
      await limited(lastName);
      return s.cancellations.quote(pnr, actorFor(who), { lastName });
    },
    cancelBooking: async (who, pnr, quoteId, lastName) => {
      await limited(lastName);
      return s.cancellations.cancel(pnr, actorFor(who), quoteId, lastName);
    },
    replaceSpecialRequests: async (who, pnr, requests, lastName) => {
      await limited(lastName);
      return s.specialRequests.replace(pnr, actorFor(who), requests, lastName);
    },
    ticketUrl: (pnr, masked) => s.ticketing.ticketUrl(pnr, masked ? 'masked' : 'full'),
    checkInStatus: async (who, pnr, lastName) => {
      await limited(lastName);
      return s.checkIn.status(pnr, actorFor(who), lastName);
    },
    checkIn: async (who, pnr, request, lastName) => {
      await limited(lastName);
      return s.checkIn.checkIn(pnr, actorFor(who), request, lastName);
    },
    findArticles: (question, topic) => faq.ask(question, topic, turnChannel()),
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
