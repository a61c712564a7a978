import {
  type Activity,
  type ChannelAccount,
  type ConversationReference,
  INVOKE_RESPONSE_KEY,
  type ResourceResponse,
  BotAdapter,
  TurnContext,
} from 'botbuilder';
import type { Db } from '../../api/db/db';
import { ConversationQueue } from '../conversation-queue';
import { ConversationStore } from './conversation-store.repository';

export const DIRECTLINE_CHANNEL_ID = 'directline';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface DirectLineAdapterOptions {
  db: Db;
  /**
   * Turns an outgoing activity into what clients see, e.g. a channel-neutral message into an Adaptive Card. The log
   * keeps the activity as the bot sent it (a seat map is a few kB there, its card about 90 kB) with the time it was
   * sent, and the activity is rendered, as of that time, whenever it is handed out: to sockets, to history reads.
   */
  render?: (activity: Partial<Activity>, sentAt: Date) => Partial<Activity>;
  /** The time an activity is sent, for `render`. Default: the system clock. */
  now?: () => Date;
  /** The bot's account on this channel. Default { id: 'jetway', name: 'jetway' }. */
  bot?: { id: string; name?: string };
  /** serviceUrl stamped on activities (nothing calls it; botbuilder only carries it in references). */
  serviceUrl?: string;
  /** Turns of one conversation one at a time (shared by every channel; with the database lease in the app). */
  queue?: ConversationQueue;
  /** For the queue made when none is given: after this long a turn no longer holds up the next. Default 60 s. */
  turnTimeoutMs?: number;
  /** Cap on a 'delay' activity. Default 10 s. */
  maxDelayMs?: number;
}

/** Where a stored activity keeps the time it was sent (for rendering it later); never handed out. */
const SENT_AT = 'jetwaySentAt';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * The bot adapter for Direct Line (web chat). Outgoing activities go to the conversation's log in the
 * database, from where the Direct Line endpoints (any app instance) deliver them. Turns of one
 * conversation run one after another through the conversation queue (across instances when it has the
 * database lease), so replies keep their order and state is never overwritten. Typing activities are
 * not stored: they go straight to this instance's open sockets.
 *
 * Errors of a turn go to `onTurnError` when one is set (botbuilder's convention); otherwise they reject
 * processActivity / continueConversation.
 */
export class DirectLineAdapter extends BotAdapter {
  readonly store: ConversationStore;
  readonly botAccount: ChannelAccount;
  readonly serviceUrl: string;
  private readonly render?: (activity: Partial<Activity>, sentAt: Date) => Partial<Activity>;
  private readonly now: () => Date;
  readonly queue: ConversationQueue;
  private readonly maxDelayMs: number;

  constructor(opts: DirectLineAdapterOptions) {
    super();
    this.render = opts.render;
    this.now = opts.now ?? (() => new Date());
    this.store = new ConversationStore(opts.db, (stored) => this.present(stored));
    this.botAccount = { id: opts.bot?.id ?? 'jetway', name: opts.bot?.name ?? 'jetway', role: 'bot' };
    this.serviceUrl = opts.serviceUrl ?? 'urn:jetway:directline';
    this.queue = opts.queue ?? new ConversationQueue({ turnTimeoutMs: opts.turnTimeoutMs });
    this.maxDelayMs = opts.maxDelayMs ?? 10_000;
  }

  /** Runs a turn for an incoming activity (queued behind the conversation's earlier turns). */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const conversationId = activity.conversation?.id;
    if (!conversationId) return Promise.reject(new Error('DirectLine: the activity has no conversation id.'));
    return this.queue.runTurn(`${DIRECTLINE_CHANNEL_ID}:${conversationId}`, activity, () =>
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
      if (a.type === 'trace') {
        // Traces are for the Emulator only (as BotFrameworkAdapter does): never shown to a traveller.
        responses.push({ id: '' });
        continue;
      }
      if (a.type === 'invokeResponse') {
        context.turnState.set(INVOKE_RESPONSE_KEY, a);
        responses.push({ id: '' });
        continue;
      }
      const conversationId = a.conversation?.id ?? context.activity.conversation?.id;
      if (!conversationId) throw new Error('DirectLine: the outgoing activity has no conversation id.');
      if (a.type === 'typing') {
        const rendered = this.render ? this.render({ ...a }, this.now()) : a;
        const typing = this.stamp(rendered, `${conversationId}|typing-${Date.now().toString(36)}`, conversationId);
        this.store.emit('ephemeral', conversationId, typing);
        responses.push({ id: String(typing.id) });
        continue;
      }
      const toStore = this.withSentAt(a);
      const stored = await this.store.append(conversationId, (_seq, id) => this.stamp(toStore, id, conversationId));
      responses.push({ id: String(stored.activity.id) });
    }
    return responses;
  }

  /** Stores a new version of a bot activity under the same id; throws when there is no such activity. */
  async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const conversationId = activity.conversation?.id ?? context.activity.conversation?.id;
    const id = activity.id;
    if (!conversationId || !id)
      throw new Error('DirectLine: updateActivity needs the activity id and its conversation.');
    const existing = await this.store.findActivity(conversationId, id);
    if (!existing || existing.activity.from?.role !== 'bot')
      throw new Error(`DirectLine: there is no bot activity "${id}" to update.`);
    const toStore = this.withSentAt(activity);
    const stored = await this.store.replace(conversationId, id, (previous) => ({
      ...this.stamp(toStore, id, conversationId),
      // Same place in the transcript: Web Chat orders by timestamp and replaces by id.
      timestamp: previous.timestamp,
      replyToId: toStore.replyToId ?? previous.replyToId,
    }));
    if (!stored) throw new Error(`DirectLine: there is no bot activity "${id}" to update.`);
    return { id };
  }

  async deleteActivity(): Promise<void> {
    throw new Error('DirectLine: deleteActivity is not supported.');
  }

  /**
   * Proactive messages: runs `logic` with a context for the referenced conversation (e.g. "payment
   * confirmed"). The turn is queued behind the conversation's running turn, unless it is called from
   * inside a turn of that same conversation, where it runs at once.
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new Error('DirectLine: the conversation reference has no conversation id.');
    if (reference.channelId && reference.channelId !== DIRECTLINE_CHANNEL_ID)
      throw new Error(`DirectLine: cannot continue a "${reference.channelId}" conversation.`);
    const activity = TurnContext.applyConversationReference(
      { type: 'event', name: 'ContinueConversation' },
      { channelId: DIRECTLINE_CHANNEL_ID, serviceUrl: this.serviceUrl, bot: this.botAccount, ...reference },
      true,
    );
    await this.queue.run(`${DIRECTLINE_CHANNEL_ID}:${conversationId}`, () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  /** The newer botbuilder entry point; the identity/audience arguments do not apply to Direct Line. */
  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('DirectLine: continueConversationAsync needs a logic function.');
    await this.continueConversation(reference, logic);
  }

  /** The activity as the log keeps it: with the time it was sent, when it is to be rendered on the way out. */
  private withSentAt(a: Partial<Activity>): Partial<Activity> {
    if (!this.render) return a;
    return { ...a, channelData: { ...(a.channelData as object | undefined), [SENT_AT]: this.now().toISOString() } };
  }

  /**
   * What clients get for an activity of the log: a bot activity rendered as of when it was sent. Only the bot's own
   * (the server sets `from`): whatever a client puts in its channelData is never rendered. A bot activity that no
   * longer renders (kept from an older version) is handed out as it is stored, without its channel data, so one
   * activity can never stop a conversation's history from loading.
   */
  private present(stored: Partial<Activity>): Partial<Activity> {
    const data = stored.channelData as Record<string, unknown> | undefined;
    const sentAt = data?.[SENT_AT];
    if (!this.render || typeof sentAt !== 'string' || stored.from?.role !== 'bot') return stored;
    const { [SENT_AT]: _sentAt, ...rest } = data!;
    try {
      return this.render({ ...stored, channelData: Object.keys(rest).length ? rest : undefined }, new Date(sentAt));
    } catch {
      return { ...stored, channelData: undefined };
    }
  }

  /** Server-controlled fields of an outgoing activity. */
  private stamp(a: Partial<Activity>, id: string, conversationId: string): Partial<Activity> {
    return {
      ...a,
      id,
      timestamp: new Date(),
      channelId: DIRECTLINE_CHANNEL_ID,
      serviceUrl: this.serviceUrl,
      conversation: { ...(a.conversation ?? {}), id: conversationId } as Activity['conversation'],
      from: { ...this.botAccount },
    };
  }
}
