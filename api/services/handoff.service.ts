import type { SupportCaseRow } from '../domain/records';
import type { CaseKind } from '../domain/types';
import { formatMoney } from '../domain/money';
import { conflict } from '../errors';
import type { UserRepository } from '../repositories/user.repository';
import type { Actor } from './actor';
import type { BookingService } from './booking.service';
import type { BookingView } from './booking-view';
import type { BookingChangesService, SeatChange } from './booking-changes.service';
import type { CancellationQuote, CancellationService } from './cancellation.service';
import type { PaymentLink, PaymentService } from './payment.service';
import type { OpenedCase, SupportService } from './support.service';
import type { TicketingService } from './ticketing.service';

/** A line of the chat as the bot remembers it. */
export interface ChatLine {
  from: 'traveller' | 'bot';
  text: string;
  /** ISO time. */
  at: string;
}

/** A traveller asked for a person (or complained, or the bot failed them): everything agents need to pick it up. */
export interface EscalationRequest {
  conversationKey: string;
  channelId: string;
  userId: number | null;
  name: string | null;
  email: string | null;
  /** A phone number the traveller gave for the team to call back (kept in the reason agents read). */
  phone?: string | null;
  kind: CaseKind;
  reason: string;
  /** The booking being made or discussed in the chat: the bot's summary, and its PNR once there is one. */
  booking: { summary: string; pnr?: string } | null;
  /** What was said lately, oldest first: the transcript of a new case starts with it. */
  recent: ChatLine[];
}

/** What agents see of a booking on a case. */
export interface CaseBooking {
  summary: string;
  pnr: string | null;
  status: string | null;
  /** "paid £120.00 (sandbox)", "awaiting payment until …", or the booking's status. */
  payment: string | null;
}

/** Everything agents see when a case opens: who, where, the booking and what was said. */
export interface CaseBrief {
  caseId: number;
  kind: CaseKind;
  reason: string;
  channelId: string;
  traveller: { userId: number | null; name: string | null; email: string | null };
  /** The booking in progress or being discussed: search, chosen flights, seats, PNR, payment state. */
  booking: CaseBooking | null;
  transcript: ChatLine[];
  queue: { position: number; expectedWaitMinutes: number };
}

export interface Escalation extends OpenedCase {
  /** What to show agents about a new case (null when the traveller joined the case already open). */
  brief: CaseBrief | null;
}

/** A case as it stands now, for the agents' view of it (their channel adds where the traveller writes from). */
export interface CaseDetails {
  /** The traveller's account name, else the booking's lead passenger (null when neither is known). */
  travellerName: string | null;
  travellerEmail: string | null;
  booking: CaseBooking | null;
  /** Null once the case left the queue. */
  queue: { position: number; expectedWaitMinutes: number } | null;
  agentName: string | null;
}

/** A staff account (agent or admin) that may act on cases. */
export interface StaffAccount {
  actor: Extract<Actor, { kind: 'user' }>;
  firstName: string;
  lastName: string;
  email: string;
}

/** A case whose traveller waited too long for an agent, with the email we know for them. */
export interface DueFollowup {
  case: SupportCaseRow;
  email: string | null;
}

export interface HandoffServiceDeps {
  support: SupportService;
  bookings: BookingService;
  bookingChanges: BookingChangesService;
  payments: PaymentService;
  cancellations: CancellationService;
  ticketing: TicketingService;
  userRepo: UserRepository;
  /** Minutes a queued traveller waits for an agent before being offered an email follow-up. */
  noAgentMinutes: number;
}

/**
 * Handing a chat to support agents: opening or joining a case with what agents need (the transcript,
 * the booking and its payment state, the queue), agents' replies and their booking actions on a case
 * (each checked and audited by the booking services, as the agent), follow-ups for travellers nobody
 * took. The bot carries messages between the traveller's channel and the agents' channel; the rules
 * are here, and everything is in the database, so any instance can do any of it.
 */
export class HandoffService {
  constructor(private readonly deps: HandoffServiceDeps) {}

  /** Opens the traveller's case, or joins the one already open; a new one starts with the recent chat. */
  async escalate(request: EscalationRequest): Promise<Escalation> {
    const { support, bookings } = this.deps;
    const pnr = request.booking?.pnr ?? null;
    const opened = await support.open({
      conversationKey: request.conversationKey,
      channelId: request.channelId,
      userId: request.userId,
      pnr,
      kind: request.kind,
      reason: request.reason,
      context: { booking: request.booking },
    });
    if (!opened.isNew) return { ...opened, brief: null };
    const c = opened.case;
    for (const line of request.recent)
      await support.record(c.id, line.from === 'traveller' ? 'traveller' : 'bot', line.text);
    const booking = pnr ? await bookings.view(pnr, false).catch(() => null) : null;
    const brief: CaseBrief = {
      caseId: c.id,
      kind: request.kind,
      reason: request.reason,
      channelId: request.channelId,
      traveller: {
        userId: request.userId,
        name: request.name,
        email: request.email ?? booking?.contact.email ?? null,
      },
      booking:
        request.booking || booking
          ? {
              summary: request.booking?.summary ?? '',
              pnr,
              status: booking?.status ?? null,
              payment: booking ? paymentState(booking) : null,
            }
          : null,
      transcript: request.recent,
      queue: { position: opened.position, expectedWaitMinutes: opened.expectedWaitMinutes },
    };
    return { ...opened, brief };
  }

  /** An agent's reply to the traveller: only the agent holding the case speaks for it. */
  async agentReply(caseId: number, agent: Actor, text: string): Promise<SupportCaseRow> {
    const c = await this.mustFind(caseId);
    if (c.status !== 'agent' || agent.kind !== 'user' || c.agentUserId !== agent.userId)
      throw conflict('not_your_case', 'Take over the conversation before replying to the traveller.');
    await this.deps.support.record(c.id, 'agent', text);
    return c;
  }

  /** Links a case to a booking the agent may see (found for a traveller who did not have the PNR). */
  async linkBooking(caseId: number, agent: Actor, pnr: string): Promise<SupportCaseRow | null> {
    await this.deps.bookings.get(pnr, agent);
    await this.deps.support.setBooking(caseId, pnr);
    return this.deps.support.get(caseId);
  }

  async viewBooking(caseId: number, agent: Actor): Promise<BookingView> {
    const { pnr } = await this.withBooking(caseId);
    return this.deps.bookings.get(pnr, agent);
  }

  async paymentLink(caseId: number, agent: Actor): Promise<{ case: SupportCaseRow; link: PaymentLink }> {
    const { c, pnr } = await this.withBooking(caseId);
    return { case: c, link: await this.deps.payments.createLink(pnr, agent) };
  }

  async ticket(caseId: number, agent: Actor): Promise<{ case: SupportCaseRow; booking: BookingView; url: string }> {
    const { c, pnr } = await this.withBooking(caseId);
    const booking = await this.deps.bookings.get(pnr, agent);
    // The link goes to the traveller's chat, whoever they proved to be there: it opens the masked PDF.
    return { case: c, booking, url: this.deps.ticketing.ticketUrl(booking.pnr, 'masked') };
  }

  async changeSeat(
    caseId: number,
    agent: Actor,
    change: SeatChange,
  ): Promise<{ case: SupportCaseRow; booking: BookingView }> {
    const { c, pnr } = await this.withBooking(caseId);
    return { case: c, booking: await this.deps.bookingChanges.changeSeats(pnr, agent, [change]) };
  }

  async cancellationQuote(
    caseId: number,
    agent: Actor,
    waiveFee: boolean,
    reason?: string,
  ): Promise<CancellationQuote> {
    const { pnr } = await this.withBooking(caseId);
    return this.deps.cancellations.quote(pnr, agent, { waiveFee, reason });
  }

  async cancelBooking(
    caseId: number,
    agent: Actor,
    quoteId: string,
  ): Promise<{ case: SupportCaseRow; booking: BookingView }> {
    const { c, pnr } = await this.withBooking(caseId);
    return { case: c, booking: await this.deps.cancellations.cancel(pnr, agent, quoteId) };
  }

  /** Travellers who waited too long for an agent (each offered an email follow-up once; their case stays open). */
  async followupsDue(): Promise<DueFollowup[]> {
    const due = await this.deps.support.dueForFollowup(this.deps.noAgentMinutes);
    const out: DueFollowup[] = [];
    for (const c of due)
      out.push({ case: c, email: c.userId ? ((await this.deps.userRepo.findById(c.userId))?.email ?? null) : null });
    return out;
  }

  /** The traveller answered the follow-up offer with an address: noted on the case for agents. */
  async followupRequested(caseId: number, email: string): Promise<SupportCaseRow | null> {
    const c = await this.deps.support.get(caseId);
    if (c) await this.deps.support.record(c.id, 'system', `The traveller asked for an email follow-up at ${email}.`);
    return c;
  }

  /** Who the traveller and the agent are, the booking and the queue, as they are now. */
  async caseDetails(c: SupportCaseRow): Promise<CaseDetails> {
    const { userRepo, bookings, support } = this.deps;
    const user = c.userId ? await userRepo.findById(c.userId) : null;
    const booking = c.pnr ? await bookings.view(c.pnr, false).catch(() => null) : null;
    const agent = c.agentUserId ? await userRepo.findById(c.agentUserId) : null;
    const summary = (c.context?.booking as { summary?: string } | null | undefined)?.summary ?? '';
    const lead = booking?.passengers[0];
    return {
      travellerName: user
        ? `${user.firstName} ${user.lastName}`.trim()
        : lead
          ? `${lead.firstName} ${lead.lastName}`.trim()
          : null,
      travellerEmail: user?.email ?? booking?.contact.email ?? null,
      booking:
        summary || c.pnr
          ? { summary, pnr: c.pnr, status: booking?.status ?? null, payment: booking ? paymentState(booking) : null }
          : null,
      queue: c.status === 'queued' ? await support.queueOf(c) : null,
      agentName: agent ? `${agent.firstName} ${agent.lastName}`.trim() : null,
    };
  }

  /** The staff account with this email: only agents and admins act on cases. */
  async staffByEmail(email: string): Promise<StaffAccount | null> {
    const user = await this.deps.userRepo.findByEmail(email);
    if (!user || (user.role !== 'agent' && user.role !== 'admin')) return null;
    return {
      actor: { kind: 'user', userId: user.id, role: user.role },
      firstName: user.firstName,
      lastName: user.lastName,
      email: user.email,
    };
  }

  private async mustFind(caseId: number): Promise<SupportCaseRow> {
    const c = await this.deps.support.get(caseId);
    if (!c) throw new Error(`No case ${caseId}`);
    return c;
  }

  /** The case and its booking's PNR; agents link a booking first when there is none. */
  private async withBooking(caseId: number): Promise<{ c: SupportCaseRow; pnr: string }> {
    const c = await this.mustFind(caseId);
    if (!c.pnr) throw conflict('no_booking', 'This case has no booking yet; link one with its PNR first.');
    return { c, pnr: c.pnr };
  }
}

/** A booking's payment as agents need to know it. */
function paymentState(b: BookingView): string {
  if (b.status === 'confirmed')
    return b.payment ? `paid ${formatMoney(b.payment.amount)} (${b.payment.provider})` : 'confirmed';
  if (b.status === 'held') return `awaiting payment until ${b.holdExpiresAt}`;
  return b.status;
}
