import type { ApiServices } from '../../api/container';
import type { SupportCaseRow } from '../../api/domain/records';
import type { Actor } from '../../api/services/actor';
import type { BookingView } from '../../api/services/booking-view';
import type { CancellationQuote } from '../../api/services/cancellation.service';
import type { SeatChange } from '../../api/services/booking-changes.service';
import type { BotMessage } from '../../cards/types';
import { conflict } from '../../api/errors';
import { formatMoney } from '../../api/domain/money';
import type { ConversationMemory } from '../../dialogs/core/memory';
import type { Messenger } from '../proactive';
import type { AgentNotifier, CaseContext } from './agent-notifier';

export interface EscalationInput {
  conversationKey: string;
  channelId: string;
  userId: number | null;
  name: string | null;
  email: string | null;
  kind: 'handoff' | 'complaint';
  reason: string;
  memory: ConversationMemory;
}

/**
 * Human handoff. Opens support cases and posts them to the agents' channel with the context; relays
 * traveller messages to the thread and agents' replies to the traveller on their own channel;
 * carries out agents' take-over, hand-back, resolve and booking actions (authorized in the services,
 * audited). Everything it knows is in the database, so any instance can do any of it.
 */
export class HandoffService {
  constructor(
    private readonly s: ApiServices,
    readonly notifier: AgentNotifier,
    private readonly messenger: Messenger,
  ) {}

  get agentsOnline(): boolean {
    return this.notifier.name !== 'none';
  }

  /** A traveller asked for a person (or complained, or the bot failed them): open or join their case. */
  async escalate(input: EscalationInput): Promise<{ message: string; caseId: number }> {
    const pnr = input.memory.booking?.pnr ?? null;
    const opened = await this.s.support.open({
      conversationKey: input.conversationKey,
      channelId: input.channelId,
      userId: input.userId,
      pnr,
      kind: input.kind,
      reason: input.reason,
      context: { booking: input.memory.booking ?? null },
    });
    const c = opened.case;
    if (opened.isNew) {
      for (const line of input.memory.recent)
        await this.s.support.record(c.id, line.from === 'traveller' ? 'traveller' : 'bot', line.text);
      const booking = pnr ? await this.s.bookings.view(pnr, false).catch(() => null) : null;
      const ctx: CaseContext = {
        caseId: c.id,
        kind: input.kind,
        reason: input.reason,
        channelId: input.channelId,
        traveller: { userId: input.userId, name: input.name, email: input.email ?? booking?.contact.email ?? null },
        booking:
          input.memory.booking || booking
            ? {
                summary: input.memory.booking?.summary ?? '',
                pnr,
                status: booking?.status ?? null,
                payment: booking ? paymentState(booking) : null,
              }
            : null,
        transcript: input.memory.recent,
        queue: { position: opened.position, expectedWaitMinutes: opened.expectedWaitMinutes },
      };
      const thread = await this.notifier.openCase(ctx).catch((err: unknown) => {
        this.s.log.error('posting a support case failed', { err, caseId: c.id });
        return null;
      });
      if (thread) await this.s.support.setThread(c.id, thread);
    }
    const b = this.s.config;
    const reach = `You can also reach us at ${b.SUPPORT_EMAIL} or ${b.SUPPORT_PHONE}.`;
    if (c.status === 'agent') return { caseId: c.id, message: 'An agent is already with you in this conversation.' };
    const sorry = input.kind === 'complaint' ? "I'm sorry about this. " : '';
    if (!this.agentsOnline)
      return {
        caseId: c.id,
        message:
          `${sorry}I've opened support case #` +
          `${c.id} for you; our team will follow up by email. ` +
          `${reach} Meanwhile I'm still here to help.`,
      };
    const wait = opened.expectedWaitMinutes;
    const intro =
      input.kind === 'complaint'
        ? "I'm sorry about this. I've passed it to our support team"
        : "I'm getting you a person from our support team";
    return {
      caseId: c.id,
      message:
        `${intro} (case #${c.id}). You're number ` +
        `${opened.position} in the queue; the expected wait is about ` +
        `${wait} minute` +
        `${wait === 1 ? '' : 's'}. Stay here — the agent will reply in this conversation. ` +
        `${reach}`,
    };
  }

  /** A traveller's message while a case is open: the agents see it in the thread. */
  async travellerSaid(c: SupportCaseRow, text: string): Promise<void> {
    await this.s.support.record(c.id, 'traveller', text);
    await this.notifier
      .post(c, 'traveller', text)
      .catch((err: unknown) => this.s.log.warn('relaying to agents failed', { err, caseId: c.id }));
  }

  /** An agent's reply in the thread: delivered to the traveller on their channel, if the agent holds the case. */
  async agentSaid(caseId: number, agent: Actor, agentName: string, text: string): Promise<void> {
    const c = await this.mustHold(caseId, agent);
    await this.s.support.record(c.id, 'agent', text);
    await this.tell(c, { text: `${agentName} (${this.s.config.BRAND_NAME} support): ${text}` });
  }

  async takeOver(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.s.support.takeOver(caseId, agent);
    await this.tell(c, { text: `You're now chatting with ${agentName} from ${this.s.config.BRAND_NAME} support.` });
    await this.notifier.caseChanged(c, `${agentName} took over`).catch(() => undefined);
    return c;
  }

  async handBack(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.s.support.handBack(caseId, agent);
    await this.tell(c, {
      text: `${agentName} has handed you back to the ${this.s.config.BRAND_NAME} assistant. How else can I help?`,
    });
    await this.notifier.caseChanged(c, `${agentName} handed back to the bot`).catch(() => undefined);
    return c;
  }

  async resolve(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.s.support.resolve(caseId, agent);
    await this.tell(
      c,
      {
        text:
          `Your support case #` +
          `${c.id} is resolved. How would you rate the help you got, from 1 (poor) to 5 (excellent)?`,
        choices: RATINGS,
      },
      (m) => {
        m.pending = { kind: 'rating', subject: `case:${c.id}`, feedbackKind: 'case' };
      },
    );
    await this.notifier.caseChanged(c, `${agentName} resolved the case`).catch(() => undefined);
    return c;
  }

  /** Booking actions agents take from the thread; each checked and audited by the booking services. */
  async viewBooking(caseId: number, agent: Actor): Promise<BookingView> {
    return this.s.bookings.get(await this.pnrOf(caseId), agent);
  }

  async resendPaymentLink(caseId: number, agent: Actor): Promise<string> {
    const c = await this.mustFind(caseId);
    const link = await this.s.payments.createLink(await this.pnrOf(caseId), agent);
    await this.tell(c, {
      text: `Here is a new payment link for booking ${c.pnr}: ${link.url}`,
      card: { kind: 'payment_link', pnr: c.pnr!, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
    });
    return link.url;
  }

  async resendTicket(caseId: number, agent: Actor): Promise<string> {
    const booking = await this.viewBooking(caseId, agent);
    const url = this.s.ticketing.ticketUrl(booking.pnr);
    await this.tell(await this.mustFind(caseId), {
      text: `Here is your e-ticket for ${booking.pnr}: ${url}`,
      card: { kind: 'confirmation', booking, ticketUrl: url },
    });
    return url;
  }

  async changeSeat(caseId: number, agent: Actor, change: SeatChange): Promise<BookingView> {
    const booking = await this.s.bookingChanges.changeSeats(await this.pnrOf(caseId), agent, [change]);
    await this.tell(await this.mustFind(caseId), {
      text: `Your seat was changed to ${change.designator}.`,
      card: { kind: 'booking', booking },
    });
    return booking;
  }

  async cancellationQuote(
    caseId: number,
    agent: Actor,
    waiveFee: boolean,
    reason?: string,
  ): Promise<CancellationQuote> {
    return this.s.cancellations.quote(await this.pnrOf(caseId), agent, { waiveFee, reason });
  }

  async cancelBooking(caseId: number, agent: Actor, quoteId: string): Promise<BookingView> {
    const booking = await this.s.cancellations.cancel(await this.pnrOf(caseId), agent, quoteId);
    await this.tell(await this.mustFind(caseId), {
      text:
        `Booking ` +
        `${booking.pnr} has been cancelled by our support team. A refund confirmation will follow by email.`,
    });
    return booking;
  }

  /** Links a case to a booking (an agent may find it for a traveller who did not have the PNR). */
  async setBooking(caseId: number, agent: Actor, pnr: string): Promise<void> {
    await this.s.bookings.get(pnr, agent);
    await this.s.repos.support.update(caseId, { pnr: pnr.toUpperCase() });
  }

  /** Travellers who waited too long for an agent are offered an email follow-up; their case stays open. */
  async offerFollowups(): Promise<number> {
    const due = await this.s.support.dueForFollowup(this.s.config.HANDOFF_NO_AGENT_MINUTES);
    for (const c of due) {
      const email = c.userId ? ((await this.s.repos.users.findById(c.userId))?.email ?? null) : null;
      await this.tell(
        c,
        {
          text:
            `Sorry, all our agents are still busy. Would you like us to follow up by email instead? ` +
            `${email ? `Reply YES to use ${email}, or type another address.` : 'Type your email address.'} Your case #` +
            `${c.id} stays open either way.`,
        },
        (m) => {
          m.pending = { kind: 'followup_email', caseId: c.id, email };
        },
      );
      await this.notifier
        .post(c, 'system', 'No agent took this case in time: the traveller was offered an email follow-up.')
        .catch(() => undefined);
    }
    return due.length;
  }

  /** Says something to the case's traveller on their channel, optionally updating their conversation memory. */
  private async tell(c: SupportCaseRow, message: BotMessage, update?: (m: ConversationMemory) => void): Promise<void> {
    await this.messenger.tell(c.conversationKey, message, update);
  }

  private async mustFind(caseId: number): Promise<SupportCaseRow> {
    const c = await this.s.support.get(caseId);
    if (!c) throw new Error(`No case ${caseId}`);
    return c;
  }

  private async mustHold(caseId: number, agent: Actor): Promise<SupportCaseRow> {
    const c = await this.mustFind(caseId);
    if (c.status !== 'agent' || agent.kind !== 'user' || c.agentUserId !== agent.userId)
      throw conflict('not_your_case', 'Take over the conversation before replying to the traveller.');
    return c;
  }

  private async pnrOf(caseId: number): Promise<string> {
    const c = await this.mustFind(caseId);
    if (!c.pnr) throw conflict('no_booking', 'This case has no booking yet; link one with its PNR first.');
    return c.pnr;
  }
}

const RATINGS = [1, 2, 3, 4, 5].map((n) => ({ value: `rate:${n}`, label: String(n) }));

function paymentState(b: BookingView): string {
  if (b.status === 'confirmed')
    return b.payment ? `paid ${formatMoney(b.payment.amount)} (${b.payment.provider})` : 'confirmed';
  if (b.status === 'held') return `awaiting payment until ${b.holdExpiresAt}`;
  return b.status;
}
