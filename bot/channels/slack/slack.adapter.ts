import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ChannelAccount,
  type ConversationReference,
  INVOKE_RESPONSE_KEY,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { webApi } from '@slack/bolt';
import type { Clock } from '../../../api/services/clock';
import { renderSlack } from '../../../cards/slack/render';
import { messageOf } from '../../../dialogs/messages';
import { ConversationQueue } from '../../conversation-queue';

export const SLACK_CHANNEL_ID = 'slack';
const SERVICE_URL = 'urn:jetway:slack';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface SlackAdapterOptions {
  client: webApi.WebClient;
  clock: Clock;
  /** The bot's account on this channel (its Slack user id once known). */
  bot?: { id: string; name?: string };
  /** Turns of one conversation one at a time (shared by every channel; with the database lease in the app). */
  queue?: ConversationQueue;
  /** For the queue made when none is given: after this long a turn no longer holds up the next. Default 60 s. */
  turnTimeoutMs?: number;
  /** Cap on a 'delay' activity. Default 5 s. */
  maxDelayMs?: number;
}

/** A traveller's message in a DM with the bot (text already unescaped, see fromSlackText). */
export interface SlackDirectMessage {
  /** The DM channel id ("D…"): the conversation id. */
  channel: string;
  /** The traveller's Slack user id. */
  user: string;
  text: string;
  /** The message's ts; for a button click, the action's ts. */
  ts: string;
  team?: string;
  /** A button or select pick: becomes `value: { choice }` (the dialogs' way of reading a pick). */
  choice?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * The bot adapter for Slack DMs: conversation id = the DM channel id, `from.id` = the Slack user id.
 * Outgoing messages are rendered with `renderSlack` (Block Kit: sections, buttons, seat selects) and sent
 * with chat.postMessage; updates use chat.update (the activity id is the message ts). Turns of one
 * conversation run one after another through the conversation queue, so replies keep their order. Proactive messages
 * come through `continueConversation`.
 *
 * Errors of a turn go to `onTurnError` when one is set; otherwise they reject processActivity.
 */
export class SlackAdapter extends BotAdapter {
  botAccount: ChannelAccount;
  private readonly client: webApi.WebClient;
  private readonly clock: Clock;
  readonly queue: ConversationQueue;
  private readonly maxDelayMs: number;

  constructor(opts: SlackAdapterOptions) {
    super();
    this.client = opts.client;
    this.clock = opts.clock;
    this.botAccount = { id: opts.bot?.id ?? 'jetway', name: opts.bot?.name ?? 'jetway', role: 'bot' };
    this.queue = opts.queue ?? new ConversationQueue({ turnTimeoutMs: opts.turnTimeoutMs });
    this.maxDelayMs = opts.maxDelayMs ?? 5_000;
  }

  /** The message activity for a DM (typed text, or a button/select pick with its label as text). */
  messageActivity(m: SlackDirectMessage): Partial<Activity> {
    return {
      type: ActivityTypes.Message,
      id: m.ts,
      timestamp: this.clock.now(),
      channelId: SLACK_CHANNEL_ID,
      serviceUrl: SERVICE_URL,
      conversation: { id: m.channel, isGroup: false, conversationType: 'personal', name: 'slack-dm' },
      // No name: agents see the Slack user as a mention (<@U…>) in the case header.
      from: { id: m.user, name: '', role: 'user' },
      recipient: { ...this.botAccount },
      text: m.text,
      ...(m.choice !== undefined ? { value: { choice: m.choice } } : {}),
      channelData: { slack: { team: m.team, channel: m.channel, ts: m.ts } },
    };
  }

  /** Runs a turn for an incoming activity (queued behind the conversation's earlier turns). */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return Promise.reject(new Error('Slack: the activity has no conversation id.'));
    return this.queue.runTurn(`${SLACK_CHANNEL_ID}:${conversationId}`, activity, () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const a of activities) {
      if (a.type === 'delay') {
        await sleep(Math.min(Math.max(Number(a.value) || 1000, 0), this.maxDelayMs));
        responses.push({ id: '' });
        continue;
      }
      if (a.type === 'invokeResponse') {
        context.turnState.set(INVOKE_RESPONSE_KEY, a);
        responses.push({ id: '' });
        continue;
      }
      // Slack bots have no typing indicator in DMs; traces are for the Emulator only.
      if (a.type !== ActivityTypes.Message && a.type !== undefined) {
        responses.push({ id: '' });
        continue;
      }
      const channel = a.conversation?.id ?? context.activity.conversation?.id;
      if (!channel) throw new Error('Slack: the outgoing activity has no conversation id.');
      const r = this.render(a);
      const sent = await this.client.chat.postMessage({
        channel,
        text: r.text,
        ...(r.blocks.length ? { blocks: r.blocks } : {}),
        unfurl_links: false,
        unfurl_media: false,
      });
      responses.push({ id: String(sent.ts ?? '') });
    }
    return responses;
  }

  /** Replaces a message the bot sent (its id is the message ts). */
  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const channel = activity.conversation?.id ?? context.activity.conversation?.id;
    if (!channel || !activity.id) throw new Error('Slack: updateActivity needs the message ts and its conversation.');
    const r = this.render(activity);
    await this.client.chat.update({ channel, ts: activity.id, text: r.text, blocks: r.blocks });
    return { id: activity.id };
  }

  async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const channel = reference.conversation?.id ?? context.activity.conversation?.id;
    if (!channel || !reference.activityId)
      throw new Error('Slack: deleteActivity needs the message ts and its conversation.');
    await this.client.chat.delete({ channel, ts: reference.activityId });
  }

  /**
   * Proactive messages (an agent's reply, "payment confirmed"): runs `logic` for the referenced DM,
   * queued behind its running turn unless called from inside a turn of that same conversation.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('Slack: the conversation reference has no conversation id.');
    if (reference.channelId && reference.channelId !== SLACK_CHANNEL_ID)
      throw new Error(`Slack: cannot continue a "${reference.channelId}" conversation.`);
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'ContinueConversation' },
      { channelId: SLACK_CHANNEL_ID, serviceUrl: SERVICE_URL, bot: this.botAccount, ...reference },
      true,
    );
    await this.queue.run(`${SLACK_CHANNEL_ID}:${conversationId}`, () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('Slack: continueConversationAsync needs a logic function.');
    await this.continueConversation(reference, logic);
  }

  private render(a: Partial<Activity>) {
    return renderSlack(messageOf(a), { now: this.clock.now() });
  }
}
