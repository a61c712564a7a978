import type { webApi } from '@slack/bolt';
import type { SupportCaseRow } from '../../../api/domain/records';
import type { Logger } from '../../../api/logger';
import { maskPhone } from '../../../api/services/booking-view';
import type { CaseBrief } from '../../../api/services/handoff.service';
import type { ConversationRefRepository } from '../../conversation-refs.repository';
import type { AgentsChannel } from '../../handoff/agents-channel';
import type { SupportApi } from '../../ports';
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

export interface SlackCaseThreadsDeps {
  client: webApi.WebClient;
  /** SLACK_SUPPORT_CHANNEL: a channel id (C…) or name. */
  channel: string;
  support: Pick<SupportApi, 'findCase' | 'caseDetails'>;
  refs: Pick<ConversationRefRepository, 'find'>;
  log: Logger;
}

/**
 * Support cases in a Slack channel, one thread per case: the header (who, which channel, the booking,
 * the status, Take over / Hand back / Resolve and booking buttons), the recent transcript as the first
 * reply, then every traveller message and system note. The header is rebuilt from the database on
 * every change, so any instance can update any thread.
 */
export class SlackCaseThreads implements AgentsChannel {
  readonly name = 'slack';
  readonly channel: string;
  private readonly client: webApi.WebClient;

  constructor(private readonly deps: SlackCaseThreadsDeps) {
    this.channel = deps.channel;
    this.client = deps.client;
  }

  async openCase(brief: CaseBrief): Promise<string | null> {
    const row = await this.deps.support.findCase(brief.caseId);
    const h = row ? await this.header(row) : null;
    const head: CaseHeader = {
      ...(h ?? {
        caseId: brief.caseId,
        status: 'queued',
        channelId: brief.channelId,
        agentName: null,
        progress: null,
        traveller: { name: null, email: null, address: null },
      }),
      kind: brief.kind,
      reason: brief.reason,
      traveller: {
        name: brief.traveller.name || h?.traveller.name || null,
        email: brief.traveller.email || h?.traveller.email || null,
        address: h?.traveller.address ?? null,
      },
      booking: brief.booking ?? h?.booking ?? null,
      queue: brief.queue,
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
        blocks: transcriptBlocks(brief.transcript),
        unfurl_links: false,
      })
      .catch((err: unknown) =>
        this.deps.log.warn('posting a case transcript to Slack failed', { err, caseId: brief.caseId }),
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

  /** Everything the header shows: the case as the support services see it, and the traveller's address here. */
  async header(c: SupportCaseRow): Promise<CaseHeader> {
    const details = await this.deps.support.caseDetails(c);
    const ref = await this.deps.refs.find(c.conversationKey).catch(() => null);
    const channelUser = (ref?.reference as { user?: { id?: string } } | undefined)?.user;
    return {
      caseId: c.id,
      kind: c.kind,
      reason: c.reason,
      status: c.status,
      channelId: c.channelId,
      traveller: {
        // From the account or the booking only: a name the client sent with its messages is not evidence.
        name: details.travellerName,
        email: details.travellerEmail,
        address: addressOf(c.channelId, channelUser?.id),
      },
      booking: details.booking,
      queue: details.queue,
      agentName: details.agentName,
      progress: c.progress,
    };
  }
}

/** The traveller's address when it means something to agents: a Slack mention, a masked phone number. */
function addressOf(channelId: string, userId: string | undefined): string | null {
  if (!userId) return null;
  if (channelId === 'slack' && /^[UW][A-Z0-9]+$/.test(userId)) return `<@${userId}>`;
  if (/^\+?\d[\d\s-]{6,}$/.test(userId)) return maskPhone(userId);
  return null;
}
