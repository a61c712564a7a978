import type { webApi } from '@slack/bolt';
import type { ApiServices } from '../../../api/container';
import type { SupportCaseRow } from '../../../api/domain/records';
import { formatMoney } from '../../../api/domain/money';
import { type BookingView, maskPhone } from '../../../api/services/booking-view';
import type { ConversationRefRepository } from '../../conversation-refs.repository';
import type { AgentNotifier, CaseContext } from '../../handoff/agent-notifier';
import {
  type CaseHeader,
  caseHeaderBlocks,
  caseHeaderText,
  threadLineBlocks,
  threadLineText,
  transcriptBlocks,
} from './case-blocks';

/** "<channel id>:<ts>" — the thread reference kept on the case. */
export function threadRefOf(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

export function parseThreadRef(ref: string | null): { channel: string; ts: string } | null {
  if (!ref) return null;
  const i = ref.indexOf(':');
  if (i <= 0 || i === ref.length - 1) return null;
  return { channel: ref.slice(0, i), ts: ref.slice(i + 1) };
}

/**
 * Support cases in a Slack channel, one thread per case: the header (who, which channel, the booking,
 * the status, Take over / Hand back / Resolve and booking buttons), the recent transcript as the first
 * reply, then every traveller message and system note. The header is rebuilt from the database on
 * every change, so any instance can update any thread.
 */
export class SlackAgentNotifier implements AgentNotifier {
  readonly name = 'slack';

  constructor(
    private readonly s: ApiServices,
    private readonly client: webApi.WebClient,
    /** SLACK_SUPPORT_CHANNEL: a channel id (C…) or name. */
    readonly channel: string,
    private readonly refs: ConversationRefRepository,
  ) {}

  async openCase(ctx: CaseContext): Promise<string | null> {
    const row = await this.s.support.get(ctx.caseId);
    const h = row ? await this.header(row) : null;
    const head: CaseHeader = {
      ...(h ?? {
        caseId: ctx.caseId,
        status: 'queued',
        channelId: ctx.channelId,
        agentName: null,
        progress: null,
        traveller: { name: null, email: null, address: null },
      }),
      kind: ctx.kind,
      reason: ctx.reason,
      traveller: {
        name: ctx.traveller.name || h?.traveller.name || null,
        email: ctx.traveller.email || h?.traveller.email || null,
        address: h?.traveller.address ?? null,
      },
      booking: ctx.booking ?? h?.booking ?? null,
      queue: ctx.queue,
    };
    const posted = await this.client.chat.postMessage({
      channel: this.channel,
      text: caseHeaderText(head),
      blocks: caseHeaderBlocks(head),
      unfurl_links: false,
    });
    if (!posted.channel || !posted.ts) return null;
    await this.client.chat
      .postMessage({
        channel: posted.channel,
        thread_ts: posted.ts,
        text: 'Recent conversation',
        blocks: transcriptBlocks(ctx.transcript),
        unfurl_links: false,
      })
      .catch((err: unknown) =>
        this.s.log.warn('posting a case transcript to Slack failed', { err, caseId: ctx.caseId }),
      );
    return threadRefOf(posted.channel, posted.ts);
  }

  async post(c: SupportCaseRow, author: 'traveller' | 'system' | 'bot', text: string): Promise<void> {
    const t = parseThreadRef(c.threadRef);
    if (!t) return;
    await this.client.chat.postMessage({
      channel: t.channel,
      thread_ts: t.ts,
      text: threadLineText(author, text),
      blocks: threadLineBlocks(author, text),
      unfurl_links: false,
    });
  }

  async caseChanged(c: SupportCaseRow, note: string): Promise<void> {
    await this.refresh(c);
    if (note) await this.post(c, 'system', note);
  }

  /** Rebuilds the header message from the case as it is now. */
  async refresh(c: SupportCaseRow): Promise<void> {
    const t = parseThreadRef(c.threadRef);
    if (!t) return;
    const h = await this.header(c);
    await this.client.chat.update({
      channel: t.channel,
      ts: t.ts,
      text: caseHeaderText(h),
      blocks: caseHeaderBlocks(h),
    });
  }

  /** Everything the header shows, from the database. */
  async header(c: SupportCaseRow): Promise<CaseHeader> {
    const user = c.userId ? await this.s.repos.users.findById(c.userId) : null;
    const booking = c.pnr ? await this.s.bookings.view(c.pnr, false).catch(() => null) : null;
    const agent = c.agentUserId ? await this.s.repos.users.findById(c.agentUserId) : null;
    const ref = await this.refs.find(c.conversationKey).catch(() => null);
    const summary = (c.context?.booking as { summary?: string } | null | undefined)?.summary ?? '';
    const lead = booking?.passengers[0];
    const channelUser = (ref?.reference as { user?: { id?: string; name?: string } } | undefined)?.user;
    return {
      caseId: c.id,
      kind: c.kind,
      reason: c.reason,
      status: c.status,
      channelId: c.channelId,
      traveller: {
        name: user
          ? `${user.firstName} ${user.lastName}`.trim()
          : lead
            ? `${lead.firstName} ${lead.lastName}`.trim()
            : channelUser?.name && channelUser.name !== channelUser.id
              ? channelUser.name
              : null,
        email: user?.email ?? booking?.contact.email ?? null,
        address: addressOf(c.channelId, channelUser?.id),
      },
      booking:
        summary || c.pnr
          ? { summary, pnr: c.pnr, status: booking?.status ?? null, payment: booking ? paymentState(booking) : null }
          : null,
      queue: c.status === 'queued' ? await this.queue(c.id) : null,
      agentName: agent ? `${agent.firstName} ${agent.lastName}`.trim() : null,
      progress: c.progress,
    };
  }

  private async queue(caseId: number): Promise<{ position: number; expectedWaitMinutes: number }> {
    const position = await this.s.repos.support.queuePosition(caseId);
    return { position, expectedWaitMinutes: Math.max(1, position * 4) };
  }
}

/** The traveller's address when it means something to agents: a Slack mention, a masked phone number. */
function addressOf(channelId: string, userId: string | undefined): string | null {
  if (!userId) return null;
  if (channelId === 'slack' && /^[UW][A-Z0-9]+$/.test(userId)) return `<@${userId}>`;
  if (/^\+?\d[\d\s-]{6,}$/.test(userId)) return maskPhone(userId);
  return null;
}

function paymentState(b: BookingView): string {
  if (b.status === 'confirmed')
    return b.payment ? `paid ${formatMoney(b.payment.amount)} (${b.payment.provider})` : 'confirmed';
  if (b.status === 'held') return `awaiting payment until ${b.holdExpiresAt}`;
  return b.status;
}
