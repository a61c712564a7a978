import type { SupportCaseRow } from '../../api/domain/records';
import type { Logger } from '../../api/logger';
import type { Actor } from '../../api/services/actor';
import type { BookingView } from '../../api/services/booking-view';
import type { SeatChange } from '../../api/services/booking-changes.service';
import type { EscalationRequest } from '../../api/services/handoff.service';
import type { BotMessage } from '../../cards/types';
import type { ConversationMemory } from '../../dialogs/core/memory';
import type { Brand, CaseActionsApi, SupportApi } from '../ports';
import type { Messenger } from '../proactive';
import type { AgentsChannel } from './agents-channel';

export interface HandoffRelayDeps {
  support: Pick<SupportApi, 'escalate' | 'attachThread' | 'record' | 'followupsDue' | 'followupRequested'>;
  caseActions: CaseActionsApi;
  /** The agents' channel (NoAgentsChannel when none is configured). */
  agents: AgentsChannel;
  messenger: Pick<Messenger, 'tell'>;
  brand: Pick<Brand, 'name' | 'supportEmail' | 'supportPhone'>;
  log: Logger;
}

/**
 * Carries a handed-off conversation between the traveller's channel and the agents' channel: posts new
 * cases (with what the support services gathered for agents), relays traveller messages to the thread
 * and agents' replies to the traveller, tells the traveller what agents did, and says what happens next.
 * Opening cases, who may act on them and the booking actions themselves are the services' (see
 * api/services/handoff.service.ts); this holds no state, so any instance can relay any case.
 */
export class HandoffRelay {
  private readonly openedListeners: ((conversationKey: string) => void)[] = [];

  constructor(private readonly deps: HandoffRelayDeps) {}

  /** Hears the conversation key of every case opened or joined through this relay (JetwayBot's case check). */
  onCaseOpened(listener: (conversationKey: string) => void): void {
    this.openedListeners.push(listener);
  }

  get agents(): AgentsChannel {
    return this.deps.agents;
  }

  get agentsOnline(): boolean {
    return this.deps.agents.name !== 'none';
  }

  /** A traveller asked for a person (or complained, or the bot failed them): open or join their case. */
  async escalate(request: EscalationRequest): Promise<{ message: string; caseId: number }> {
    const { support, agents, brand, log } = this.deps;
    const opened = await support.escalate(request);
    for (const listener of this.openedListeners) listener(request.conversationKey);
    const c = opened.case;
    if (opened.brief) {
      const thread = await agents.openCase(opened.brief).catch((err: unknown) => {
        log.error('posting a support case failed', { err, caseId: c.id });
        return null;
      });
      if (thread) await support.attachThread(c.id, thread);
    }
    const reach = `You can also reach us at ${brand.supportEmail} or ${brand.supportPhone}.`;
    if (c.status === 'agent') return { caseId: c.id, message: 'An agent is already with you in this conversation.' };
    const sorry = request.kind === 'complaint' ? "I'm sorry about this. " : '';
    if (!this.agentsOnline) {
      // Only an address the traveller gave (or verified) is promised a reply: an anonymous visitor quotes the case.
      const next = request.email
        ? `Our team will reply to ${request.email}.`
        : request.phone
          ? `Our team will call you on ${request.phone}.`
          : `Please quote case #${c.id} when you contact us.`;
      return {
        caseId: c.id,
        message: `${sorry}I've opened support case #${c.id} for you. ${next} ${reach} Meanwhile I'm still here to help.`,
      };
    }
    const wait = opened.expectedWaitMinutes;
    const intro =
      request.kind === 'complaint'
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
    await this.deps.support.record(c.id, 'traveller', text);
    await this.deps.agents
      .post(c, 'traveller', text)
      .catch((err: unknown) => this.deps.log.warn('relaying to agents failed', { err, caseId: c.id }));
  }

  /** An agent's reply in the thread: delivered to the traveller on their channel, if the agent holds the case. */
  async agentSaid(caseId: number, agent: Actor, agentName: string, text: string): Promise<void> {
    const c = await this.deps.caseActions.reply(caseId, agent, text);
    await this.tell(c, { text: `${agentName} (${this.deps.brand.name} support): ${text}` });
  }

  async takeOver(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.deps.caseActions.takeOver(caseId, agent);
    await this.tookOver(c, agentName);
    return c;
  }

  async handBack(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.deps.caseActions.handBack(caseId, agent);
    await this.handedBack(c, agentName);
    return c;
  }

  async resolve(caseId: number, agent: Actor, agentName: string): Promise<SupportCaseRow> {
    const c = await this.deps.caseActions.resolve(caseId, agent);
    await this.resolved(c, agentName);
    return c;
  }

  // What follows tells the traveller and the agents' thread about a change already made: by the methods
  // above (from Slack), or by the console (api/services/console-cases.service.ts, which audits it first).

  async tookOver(c: SupportCaseRow, agentName: string): Promise<void> {
    await this.tell(c, { text: `You're now chatting with ${agentName} from ${this.deps.brand.name} support.` });
    await this.deps.agents.caseChanged(c, `${agentName} took over`).catch(() => undefined);
  }

  async handedBack(c: SupportCaseRow, agentName: string): Promise<void> {
    await this.tell(c, {
      text: `${agentName} has handed you back to the ${this.deps.brand.name} assistant. How else can I help?`,
    });
    await this.deps.agents.caseChanged(c, `${agentName} handed back to the bot`).catch(() => undefined);
  }

  /** A console reply: to the traveller, and into the Slack thread so agents there see the conversation. */
  async replied(c: SupportCaseRow, agentName: string, text: string): Promise<void> {
    await this.tell(c, { text: `${agentName} (${this.deps.brand.name} support): ${text}` });
    await this.deps.agents.post(c, 'system', `${agentName} (console): ${text}`).catch(() => undefined);
  }

  /** An internal note: for agents only. */
  async noted(c: SupportCaseRow, agentName: string, text: string): Promise<void> {
    await this.deps.agents.post(c, 'system', `Note from ${agentName}: ${text}`).catch(() => undefined);
  }

  async resolved(c: SupportCaseRow, agentName: string): Promise<void> {
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
    await this.deps.agents.caseChanged(c, `${agentName} resolved the case`).catch(() => undefined);
  }

  /** Booking actions agents take from the thread that the traveller is told about. */
  async resendPaymentLink(caseId: number, agent: Actor): Promise<string> {
    const { case: c, link } = await this.deps.caseActions.paymentLink(caseId, agent);
    await this.tell(c, {
      text: `Here is a new payment link for booking ${c.pnr}: ${link.url}`,
      card: { kind: 'payment_link', pnr: c.pnr!, url: link.url, expiresAt: link.expiresAt, amount: link.amount },
    });
    return link.url;
  }

  async resendTicket(caseId: number, agent: Actor): Promise<string> {
    const { case: c, booking, url } = await this.deps.caseActions.ticket(caseId, agent);
    await this.tell(c, {
      text: `Here is your e-ticket for ${booking.pnr}: ${url}`,
      card: { kind: 'confirmation', booking, ticketUrl: url },
    });
    return url;
  }

  async changeSeat(caseId: number, agent: Actor, change: SeatChange): Promise<BookingView> {
    const { case: c, booking } = await this.deps.caseActions.changeSeat(caseId, agent, change);
    await this.tell(c, { text: `Your seat was changed to ${change.designator}.`, card: { kind: 'booking', booking } });
    return booking;
  }

  async cancelBooking(caseId: number, agent: Actor, quoteId: string): Promise<BookingView> {
    const { case: c, booking } = await this.deps.caseActions.cancelBooking(caseId, agent, quoteId);
    await this.tell(c, {
      text:
        `Booking ` +
        `${booking.pnr} has been cancelled by our support team. A refund confirmation will follow by email.`,
    });
    return booking;
  }

  /** Travellers who waited too long for an agent are offered an email follow-up; their case stays open. */
  async offerFollowups(): Promise<number> {
    const due = await this.deps.support.followupsDue();
    for (const { case: c, email } of due) {
      await this.tell(
        c,
        {
          text:
            `Sorry, all our agents are still busy. Would you like us to follow up by email instead? ` +
            `${email ? `Reply YES to use ${email}, or type another address.` : 'Type your email address.'}` +
            ` Your case #` +
            `${c.id} stays open either way.`,
        },
        (m) => {
          m.pending = { kind: 'followup_email', caseId: c.id, email };
        },
      );
      await this.deps.agents
        .post(c, 'system', 'No agent took this case in time: the traveller was offered an email follow-up.')
        .catch(() => undefined);
    }
    return due.length;
  }

  /** The traveller answered the follow-up offer with an address: noted on the case and in the agents' thread. */
  async followupRequested(caseId: number, email: string): Promise<void> {
    const c = await this.deps.support.followupRequested(caseId, email);
    if (c) await this.deps.agents.post(c, 'system', `Email follow-up requested: ${email}`).catch(() => undefined);
  }

  /** Says something to the case's traveller on their channel, optionally updating their conversation memory. */
  private async tell(c: SupportCaseRow, message: BotMessage, update?: (m: ConversationMemory) => void): Promise<void> {
    await this.deps.messenger.tell(c.conversationKey, message, update);
  }
}

const RATINGS = [1, 2, 3, 4, 5].map((n) => ({ value: `rate:${n}`, label: String(n) }));
