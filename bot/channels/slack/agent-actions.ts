import type { webApi } from '@slack/bolt';
import type { SupportCaseRow } from '../../../api/domain/records';
import { formatMoney } from '../../../api/domain/money';
import { isDomainError } from '../../../api/errors';
import type { Logger } from '../../../api/logger';
import type { BookingView } from '../../../api/services/booking-view';
import type { Clock } from '../../../api/services/clock';
import { esc, type SlackBlock } from '../../../cards/slack/blocks';
import type { HandoffRelay } from '../../handoff/handoff-relay';
import type { CaseActionsApi, SupportApi } from '../../ports';
import type { SlackAgent, SlackAgentDirectory } from './agent-directory';
import { AGENT_HELP, agentBookingBlocks, CASE_ACTIONS, quoteBlocks, seatHelpBlocks } from './case-blocks';
import { parseThreadRef, type SlackCaseThreads, threadRefOf } from './case-threads';

/** An agent's message in a case thread (text already unescaped). */
export interface ThreadMessage {
  channel: string;
  threadTs: string;
  user: string;
  text: string;
}

/** A click on one of the agents' buttons. */
export interface CaseAction {
  actionId: string;
  value: string;
  user: string;
  /** Where the button was: the support channel (header) or an ephemeral message there. */
  channel: string;
  /** The thread the click happened in, if any (ephemeral answers go there). */
  threadTs?: string;
  /** Replaces the clicked ephemeral message (Slack's response_url). */
  respond?: (message: {
    text: string;
    blocks?: SlackBlock[];
    replace_original?: boolean;
    delete_original?: boolean;
  }) => Promise<unknown>;
}

/** Where to answer the agent privately. */
interface Reply {
  channel: string;
  user: string;
  threadTs?: string;
}

export interface SlackAgentActionsDeps {
  client: webApi.WebClient;
  /** What reaches the traveller goes through the relay. */
  relay: Pick<
    HandoffRelay,
    | 'agentSaid'
    | 'takeOver'
    | 'handBack'
    | 'resolve'
    | 'resendPaymentLink'
    | 'resendTicket'
    | 'changeSeat'
    | 'cancelBooking'
  >;
  support: Pick<SupportApi, 'caseOfThread' | 'findCase' | 'record'>;
  caseActions: Pick<CaseActionsApi, 'viewBooking' | 'cancellationQuote' | 'linkBooking' | 'setProgress'>;
  agents: SlackAgentDirectory;
  threads: SlackCaseThreads;
  /** Named in refusals ("… is not a jetway agent account"). */
  brandName: string;
  clock: Clock;
  log: Logger;
}

/**
 * What agents do from Slack: their thread replies reach the traveller (through the HandoffRelay, only
 * for the agent holding the case); the header buttons and `!commands` take over, hand back, resolve and
 * act on the booking. Who may do what is decided by the services (role agent/admin, audited); a Slack
 * user counts as an agent only through the email on their Slack profile. Failures are shown to the
 * agent alone (ephemeral). Holds no state: every action starts from the case in the database.
 */
export class SlackAgentActions {
  private readonly relay: SlackAgentActionsDeps['relay'];

  constructor(private readonly deps: SlackAgentActionsDeps) {
    this.relay = deps.relay;
  }

  /** The case a thread belongs to (null: not a case thread — ignored). */
  caseOfThread(channel: string, threadTs: string): Promise<SupportCaseRow | null> {
    return this.deps.support.caseOfThread(threadRefOf(channel, threadTs));
  }

  async onThreadMessage(m: ThreadMessage): Promise<void> {
    const c = await this.caseOfThread(m.channel, m.threadTs);
    if (!c) return;
    const text = m.text.trim();
    if (!text || text.startsWith('//')) return; // agents talking among themselves
    const reply: Reply = { channel: m.channel, user: m.user, threadTs: m.threadTs };
    const agent = await this.agentOrRefuse(m.user, reply, 'write to travellers');
    if (!agent) return;
    await this.guard(reply, async () => {
      if (text.startsWith('!')) await this.command(c, agent, text, reply);
      else await this.relay.agentSaid(c.id, agent.actor, agent.name, text);
    });
  }

  async onAction(a: CaseAction): Promise<void> {
    const caseId = Number.parseInt(a.value, 10);
    const reply: Reply = { channel: a.channel, user: a.user, threadTs: a.threadTs };
    const c = Number.isSafeInteger(caseId) ? await this.deps.support.findCase(caseId) : null;
    // Only buttons in the case's own channel count.
    if (!c || parseThreadRef(c.threadRef)?.channel !== a.channel) return;
    if (a.actionId === CASE_ACTIONS.keep) {
      await this.replace(a, reply, 'Kept the booking: nothing was cancelled.');
      return;
    }
    const agent = await this.agentOrRefuse(
      a.user,
      reply,
      a.actionId === CASE_ACTIONS.take ? 'take over conversations' : 'act on cases',
    );
    if (!agent) return;
    await this.guard(reply, async () => {
      switch (a.actionId) {
        case CASE_ACTIONS.take:
          return void (await this.relay.takeOver(c.id, agent.actor, agent.name));
        case CASE_ACTIONS.handBack:
          return void (await this.relay.handBack(c.id, agent.actor, agent.name));
        case CASE_ACTIONS.resolve:
          return void (await this.relay.resolve(c.id, agent.actor, agent.name));
        case CASE_ACTIONS.booking:
          return this.showBooking(c, agent, reply);
        case CASE_ACTIONS.link:
          return this.resendLink(c, agent, reply);
        case CASE_ACTIONS.ticket:
          return this.resendTicket(c, agent, reply);
        case CASE_ACTIONS.seat: {
          const booking = await this.deps.caseActions.viewBooking(c.id, agent.actor);
          return this.ephemeral(reply, `Change a seat on ${booking.pnr}`, seatHelpBlocks(booking));
        }
        case CASE_ACTIONS.cancel:
          return this.quote(c, agent, reply, false);
        case CASE_ACTIONS.confirmCancel:
          return this.confirmCancel(c, agent, a, reply);
      }
    });
  }

  private async command(c: SupportCaseRow, agent: SlackAgent, text: string, reply: Reply): Promise<void> {
    const [word = '', ...rest] = text.slice(1).trim().split(/\s+/);
    const args = rest.join(' ').trim();
    switch (word.toLowerCase()) {
      case 'take':
      case 'takeover':
        return void (await this.relay.takeOver(c.id, agent.actor, agent.name));
      case 'handback':
      case 'back':
        return void (await this.relay.handBack(c.id, agent.actor, agent.name));
      case 'resolve':
        return void (await this.relay.resolve(c.id, agent.actor, agent.name));
      case 'booking':
        return this.showBooking(c, agent, reply);
      case 'link':
        return this.resendLink(c, agent, reply);
      case 'ticket':
        return this.resendTicket(c, agent, reply);
      case 'seat':
        return this.changeSeat(c, agent, rest, reply);
      case 'cancel': {
        const waive = /^waive\b\s*(.*)$/i.exec(args);
        if (args && !waive) return this.ephemeral(reply, 'Usage: `!cancel` or `!cancel waive <reason>`.');
        return this.quote(c, agent, reply, !!waive, waive?.[1]?.trim());
      }
      case 'pnr': {
        const pnr = args.toUpperCase();
        if (!/^[A-Z0-9]{6}$/.test(pnr))
          return this.ephemeral(reply, 'Usage: `!pnr ABC123` (the 6-character booking reference).');
        const updated = (await this.deps.caseActions.linkBooking(c.id, agent.actor, pnr)) ?? c;
        await this.note(updated, `${agent.fullName} linked booking ${pnr} to this case.`);
        await this.deps.threads.refresh(updated);
        return;
      }
      case 'status': {
        if (!args)
          return this.ephemeral(reply, 'Usage: `!status <text>`, e.g. `!status refund approved, 5–7 working days`.');
        const updated = await this.deps.caseActions.setProgress(c.id, agent.actor, args);
        await this.note(updated, `${agent.fullName} set the status: ${args}`);
        await this.deps.threads.refresh(updated);
        return;
      }
      default:
        return this.ephemeral(reply, AGENT_HELP.join('\n'));
    }
  }

  private async showBooking(c: SupportCaseRow, agent: SlackAgent, reply: Reply): Promise<void> {
    const booking = await this.deps.caseActions.viewBooking(c.id, agent.actor);
    await this.ephemeral(reply, `Booking ${booking.pnr}`, agentBookingBlocks(booking, this.deps.clock.now()));
  }

  private async resendLink(c: SupportCaseRow, agent: SlackAgent, reply: Reply): Promise<void> {
    const url = await this.relay.resendPaymentLink(c.id, agent.actor);
    await this.note(c, `${agent.fullName} sent the traveller a new payment link.`);
    await this.ephemeral(reply, `Sent the traveller a new payment link: ${url}`);
  }

  private async resendTicket(c: SupportCaseRow, agent: SlackAgent, reply: Reply): Promise<void> {
    const url = await this.relay.resendTicket(c.id, agent.actor);
    await this.note(c, `${agent.fullName} sent the e-ticket again.`);
    await this.ephemeral(reply, `Sent the traveller their e-ticket: ${url}`);
  }

  /** `!seat <passenger#> <flight number or id> <seat>` */
  private async changeSeat(c: SupportCaseRow, agent: SlackAgent, args: string[], reply: Reply): Promise<void> {
    const booking = await this.deps.caseActions.viewBooking(c.id, agent.actor);
    const parsed = parseSeatCommand(args, booking);
    if ('error' in parsed) return this.ephemeral(reply, parsed.error, seatHelpBlocks(booking));
    await this.relay.changeSeat(c.id, agent.actor, parsed.change);
    await this.note(
      c,
      `${agent.fullName} changed passenger ` +
        `${parsed.change.passenger + 1}'s seat on ` +
        `${parsed.flightNumber} to ${parsed.change.designator}.`,
    );
    await this.ephemeral(
      reply,
      `Done: passenger ${parsed.change.passenger + 1} now has ` +
        `${parsed.change.designator} on ` +
        `${parsed.flightNumber}; the traveller was told.`,
    );
  }

  /** Step one of a cancellation: the quote (refund, fee, rule), with Confirm / Keep. */
  private async quote(
    c: SupportCaseRow,
    agent: SlackAgent,
    reply: Reply,
    waive: boolean,
    reason?: string,
  ): Promise<void> {
    const q = await this.deps.caseActions.cancellationQuote(c.id, agent.actor, waive, reason);
    const fee = q.waived ? `fee ${formatMoney(q.fee)} waived` : `fee ${formatMoney(q.fee)}`;
    await this.ephemeral(
      reply,
      `Cancel booking ${c.pnr}? Refund ${formatMoney(q.refund)}, ${fee}.`,
      quoteBlocks(c.id, c.pnr ?? '', q, this.deps.clock.now()),
    );
  }

  /** Step two: the confirmed quote is spent (once) by the cancellation service. */
  private async confirmCancel(c: SupportCaseRow, agent: SlackAgent, a: CaseAction, reply: Reply): Promise<void> {
    const quoteId = a.value.slice(a.value.indexOf(':') + 1);
    const booking = await this.relay.cancelBooking(c.id, agent.actor, quoteId);
    const refund = (booking as BookingView & { refund?: { amount: number; currency: string } }).refund;
    const what =
      `${agent.fullName} cancelled booking ${booking.pnr}` + `${refund ? ` (refund ${formatMoney(refund)})` : ''}.`;
    await this.note(c, what);
    await this.replace(a, reply, `:white_check_mark: ${what} The traveller was told.`);
  }

  /** A note in the case thread (and the case's transcript). */
  private async note(c: SupportCaseRow, text: string): Promise<void> {
    await this.deps.support.record(c.id, 'system', text);
    await this.deps.threads
      .post(c, 'system', text)
      .catch((err: unknown) => this.deps.log.warn('posting a note to Slack failed', { err, caseId: c.id }));
  }

  private async agentOrRefuse(user: string, reply: Reply, what: string): Promise<SlackAgent | null> {
    const found = await this.deps.agents.lookup(user).catch((err: unknown) => {
      this.deps.log.warn('looking up a Slack user failed', { err, user });
      return { agent: null, email: null };
    });
    if (found.agent) return found.agent;
    const why = found.email
      ? `your Slack email (${found.email}) is not a ${this.deps.brandName} agent account`
      : `Slack did not give us an email for your account to match with a ${this.deps.brandName} agent account`;
    await this.ephemeral(reply, `Sorry, only support agents can ${what}: ${why}.`);
    return null;
  }

  /** Runs an agent's action; a refusal or failure is shown to that agent only. */
  private async guard(reply: Reply, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      if (isDomainError(err)) {
        await this.ephemeral(reply, err.message);
        return;
      }
      this.deps.log.error('a Slack agent action failed', { err });
      await this.ephemeral(reply, `Sorry, that did not work: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async ephemeral(r: Reply, text: string, blocks?: SlackBlock[]): Promise<void> {
    await this.deps.client.chat
      .postEphemeral({
        channel: r.channel,
        user: r.user,
        text: esc(text),
        ...(blocks ? { blocks } : {}),
        ...(r.threadTs ? { thread_ts: r.threadTs } : {}),
      })
      .catch((err: unknown) => this.deps.log.warn('an ephemeral Slack message failed', { err }));
  }

  /** Replaces the clicked (ephemeral) message when Slack gave a response_url, else answers anew. */
  private async replace(a: CaseAction, reply: Reply, text: string): Promise<void> {
    if (a.respond) {
      const ok = await a.respond({ text: esc(text), replace_original: true }).then(
        () => true,
        (err: unknown) => {
          this.deps.log.warn('responding to a Slack action failed', { err });
          return false;
        },
      );
      if (ok) return;
    }
    await this.ephemeral(reply, text);
  }
}

/** `!seat 1 JW101 12A` → the change, against the booking's passengers and flights. */
export function parseSeatCommand(
  args: string[],
  booking: Pick<BookingView, 'passengers' | 'flights'>,
): { change: { passenger: number; flightId: number; designator: string }; flightNumber: string } | { error: string } {
  const usage = 'Usage: `!seat <passenger#> <flight number or id> <seat>`, e.g. `!seat 1 JW101 12A`.';
  if (args.length !== 3) return { error: usage };
  const [p, f, seat] = args as [string, string, string];
  const passenger = Number.parseInt(p.replace(/^#/, ''), 10);
  if (!Number.isInteger(passenger) || passenger < 1 || passenger > booking.passengers.length)
    return { error: `There is no passenger ${p}: the booking has ${booking.passengers.length}. ${usage}` };
  const key = f.replace(/\s+/g, '').toUpperCase();
  const flight = booking.flights.find(
    (x) => String(x.flightId) === key || x.flightNumber.replace(/\s+/g, '').toUpperCase() === key,
  );
  if (!flight) return { error: `This booking has no flight ${f}. ${usage}` };
  const designator = seat.toUpperCase();
  if (!/^\d{1,2}[A-K]$/.test(designator)) return { error: `${seat} is not a seat (like 12A). ${usage}` };
  return {
    change: { passenger: passenger - 1, flightId: flight.flightId, designator },
    flightNumber: flight.flightNumber,
  };
}
