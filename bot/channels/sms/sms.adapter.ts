import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ChannelAccount,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { Logger } from '../../../api/logger';
import { type Clock, systemClock } from '../../../api/services/clock';
import { smsEncoding, toGsmFriendly } from '../../../cards/sms/gsm';
import { renderSms } from '../../../cards/sms/render';
import type { BotMessage } from '../../../cards/types';
import { messageOf } from '../../../dialogs/messages';
import { ConversationQueue } from '../../conversation-queue';
import { type SmsSender, TWILIO_UNSUBSCRIBED, twilioErrorCode } from './twilio-sender';

export const SMS_CHANNEL_ID = 'sms';
/** serviceUrl stamped on SMS activities and references (nothing calls it; it marks our references). */
export const SMS_SERVICE_URL = 'urn:jetway:sms';
/** A phone number in E.164: the SMS channel's conversation id and user id. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/** "+44…0123": enough to follow a conversation in the logs without writing the whole number down. */
export function logSafePhone(phone: string): string {
  return phone.length > 7 ? `${phone.slice(0, 3)}…${phone.slice(-4)}` : '…';
}

/** What the adapter needs from the database: opt-outs and a record of what was sent. */
export interface SmsAdapterStore {
  isOptedOut(phone: string): Promise<boolean>;
  setOptedOut(phone: string, optedOut: boolean, source: string, now: Date): Promise<boolean>;
  recordStatus(
    s: { messageSid: string; toNumber: string; status: string; segments?: number | null },
    now: Date,
  ): Promise<void>;
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface SmsAdapterOptions {
  sender: SmsSender;
  store: SmsAdapterStore;
  log: Logger;
  clock?: Clock;
  /** BotMessage → SMS texts (default renderSms: numbered choices, GSM-7 friendly, ≤ 1,600 characters each). */
  render?: (message: BotMessage, now: Date) => string[];
  /** The bot's account on this channel (our number). Default { id: 'jetway' }. */
  bot?: { id: string; name?: string };
  /** Turns of one number one at a time (shared by every channel; with the database lease in the app). */
  queue?: ConversationQueue;
  /** For the queue made when none is given: after this long a turn no longer holds up the next. Default 60 s. */
  turnTimeoutMs?: number;
  /** Cap on a 'delay' activity. Default 5 s. */
  maxDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * The bot adapter for SMS. The conversation id and the user id are the traveller's E.164 number; turns
 * of one number run one after another through the conversation queue (so replies keep their order). Each bot message
 * is rendered for SMS and every part goes out as its own SMS, in order, through the sender (Twilio's
 * REST API), which is also how proactive messages reach a phone. Nothing is ever sent to a number that
 * opted out: the check is here, in the one send path, so proactive messages obey it too. Typing, trace
 * and other non-message activities are dropped.
 */
export class SmsAdapter extends BotAdapter {
  readonly botAccount: ChannelAccount;
  private readonly sender: SmsSender;
  private readonly store: SmsAdapterStore;
  private readonly log: Logger;
  private readonly clock: Clock;
  private readonly render: (message: BotMessage, now: Date) => string[];
  readonly queue: ConversationQueue;
  private readonly maxDelayMs: number;

  constructor(opts: SmsAdapterOptions) {
    super();
    this.sender = opts.sender;
    this.store = opts.store;
    this.log = opts.log;
    this.clock = opts.clock ?? systemClock;
    this.render = opts.render ?? ((m, now) => renderSms(m, { now }));
    this.botAccount = { id: opts.bot?.id ?? 'jetway', name: opts.bot?.name ?? 'jetway', role: 'bot' };
    this.queue = opts.queue ?? new ConversationQueue({ turnTimeoutMs: opts.turnTimeoutMs });
    this.maxDelayMs = opts.maxDelayMs ?? 5_000;
  }

  /** Builds the activity for an SMS a traveller sent. */
  inboundActivity(m: {
    messageSid: string;
    from: string;
    to: string;
    body: string;
    numMedia?: number;
    receivedAt?: Date;
  }): Partial<Activity> {
    return {
      id: m.messageSid,
      type: ActivityTypes.Message,
      channelId: SMS_CHANNEL_ID,
      serviceUrl: SMS_SERVICE_URL,
      conversation: { id: m.from, isGroup: false, conversationType: 'personal', name: 'sms' },
      // No name on SMS: agents see the masked number until the traveller is identified.
      from: { id: m.from, name: `SMS ${logSafePhone(m.from)}`, role: 'user' },
      recipient: { ...this.botAccount, id: m.to || this.botAccount.id },
      text: m.body,
      textFormat: 'plain',
      timestamp: m.receivedAt ?? this.clock.now(),
      channelData: { twilio: { messageSid: m.messageSid, to: m.to, numMedia: m.numMedia ?? 0 } },
    };
  }

  /** Runs a turn for an inbound SMS, queued behind the number's earlier turns. */
  processActivity(activity: Partial<Activity>, logic: TurnLogic): Promise<void> {
    const phone = activity.conversation?.id;
    if (!phone) return Promise.reject(new Error('SMS: the activity has no conversation id.'));
    return this.queue.runTurn(`${SMS_CHANNEL_ID}:${phone}`, activity, () =>
      this.runMiddleware(new TurnContext(this, activity), logic),
    );
  }

  /**
   * Runs `fn` in the number's queue, after its earlier turns (at once when already inside one of them):
   * keyword answers and bot turns of one number never interleave.
   */
  serialise<T>(phone: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(`${SMS_CHANNEL_ID}:${phone}`, fn);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const a of activities) {
      if (a.type === 'delay') {
        await sleep(Math.min(Math.max(Number(a.value) || 1000, 0), this.maxDelayMs));
        responses.push({ id: '' });
        continue;
      }
      if (a.type !== undefined && a.type !== ActivityTypes.Message) {
        // Typing, traces, events, invoke responses: nothing an SMS can carry.
        responses.push({ id: '' });
        continue;
      }
      const to = a.conversation?.id ?? context.activity.conversation?.id;
      if (!to || !E164.test(to)) throw new Error('SMS: the outgoing message has no E.164 number to go to.');
      const sids = await this.deliver(to, this.render(messageOf(a), this.clock.now()));
      responses.push({ id: sids[sids.length - 1] ?? '' });
    }
    return responses;
  }

  /**
   * Sends texts to a number, each as its own SMS, in order; returns their ids. Nothing is sent to an
   * opted-out number (unless `ignoreOptOut`, for the one confirmation of an opt-out). Twilio refusing a
   * number that told Twilio STOP (error 21610) records the opt-out instead of failing.
   */
  async deliver(to: string, texts: string[], opts: { ignoreOptOut?: boolean } = {}): Promise<string[]> {
    const parts = texts.map((t) => toGsmFriendly(t).trim()).filter((t) => t.length > 0);
    if (parts.length === 0) return [];
    if (!opts.ignoreOptOut && (await this.store.isOptedOut(to))) {
      this.log.info(
        `SMS to ${logSafePhone(to)} not sent: the number opted out (` +
          `${parts.length} part` +
          `${parts.length === 1 ? '' : 's'} dropped)`,
      );
      return [];
    }
    const sids: string[] = [];
    let segments = 0;
    for (const body of parts) {
      const encoding = smsEncoding(body);
      let sent: { sid: string; status: string };
      try {
        sent = await this.sender.send(to, body);
      } catch (err) {
        if (twilioErrorCode(err) === TWILIO_UNSUBSCRIBED) {
          this.log.info(
            `SMS to ${logSafePhone(to)} refused by Twilio: the number replied STOP to Twilio; recording the opt-out`,
          );
          await this.store.setOptedOut(to, true, `twilio:${TWILIO_UNSUBSCRIBED}`, this.clock.now());
          return sids;
        }
        this.log.warn(`SMS to ${logSafePhone(to)} failed (part ${sids.length + 1} of ${parts.length})`, {
          code: twilioErrorCode(err),
          err,
        });
        throw err;
      }
      sids.push(sent.sid);
      segments += encoding.segments;
      await this.store
        .recordStatus(
          { messageSid: sent.sid, toNumber: to, status: sent.status, segments: encoding.segments },
          this.clock.now(),
        )
        .catch((err: unknown) => this.log.warn('recording an SMS status failed', { err, messageSid: sent.sid }));
    }
    this.log.info(
      `SMS to ${logSafePhone(to)}: ${parts.length} part` +
        `${parts.length === 1 ? '' : 's'}, ${segments} segment` +
        `${segments === 1 ? '' : 's'}`,
      { messageSids: sids },
    );
    return sids;
  }

  async updateActivity(): Promise<void> {
    throw new Error('SMS: a sent text cannot be changed.');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('SMS: a sent text cannot be deleted.');
  }

  /**
   * Proactive messages ("payment confirmed", an agent's reply): runs `logic` with a context for the
   * referenced number, queued behind its running turn (at once from inside a turn of the same number).
   */
  async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const phone = reference.conversation?.id;
    if (!phone || !E164.test(phone)) throw new Error('SMS: the conversation reference has no E.164 number.');
    if (reference.channelId && reference.channelId !== SMS_CHANNEL_ID)
      throw new Error(`SMS: cannot continue a "${reference.channelId}" conversation.`);
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'ContinueConversation' },
      { channelId: SMS_CHANNEL_ID, serviceUrl: SMS_SERVICE_URL, bot: this.botAccount, ...reference },
      true,
    );
    await this.serialise(phone, () => this.runMiddleware(new TurnContext(this, activity), logic));
  }

  /** The newer botbuilder entry point; the identity/audience arguments do not apply to SMS. */
  override async continueConversationAsync(
    _identity: unknown,
    reference: Partial<ConversationReference>,
    logicOrAudience: TurnLogic | string,
    maybeLogic?: TurnLogic,
  ): Promise<void> {
    const logic = typeof logicOrAudience === 'function' ? logicOrAudience : maybeLogic;
    if (!logic) throw new TypeError('SMS: continueConversationAsync needs a logic function.');
    await this.continueConversation(reference, logic);
  }
}
