import type { ConversationReference, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from '../api/logger';
import type { Clock } from '../api/services/clock';
import type { DomainEvent } from '../api/services/domain-events';
import type { BotMessage } from '../cards/types';
import { type ConversationMemory, emptyMemory, remember } from '../dialogs/core/memory';
import { messageActivity } from '../dialogs/messages';
import { notificationFor } from '../dialogs/notifications';
import type { ConversationRefRepository } from './conversation-refs.repository';
import { SMS_CHANNEL_ID } from './channels/sms/sms.adapter';
import type { BookingNewsApi } from './ports';

/** A channel that can speak first: continue a stored conversation and send in it. */
export interface ProactiveChannel {
  continue(reference: Partial<ConversationReference>, logic: (ctx: TurnContext) => Promise<void>): Promise<void>;
}

/** The channels this instance can reach travellers on, by Bot Framework channel id. */
export class ProactiveChannels {
  private readonly channels = new Map<string, ProactiveChannel>();

  register(channelId: string, channel: ProactiveChannel): void {
    this.channels.set(channelId, channel);
  }

  /** Whether this channel has its own adapter here (not only the Azure Bot Service fallback). */
  has(channelId: string): boolean {
    return this.channels.has(channelId);
  }

  /** The channel's own adapter, else the Azure Bot Service adapter ('*') that serves its other channels. */
  get(channelId: string): ProactiveChannel | undefined {
    return this.channels.get(channelId) ?? this.channels.get('*');
  }
}

export interface MessengerDeps {
  refs: ConversationRefRepository;
  channels: ProactiveChannels;
  conversationState: ConversationState;
  memory: StatePropertyAccessor<ConversationMemory>;
  log: Logger;
  clock: Clock;
}

/**
 * Speaks first in a stored conversation, on whatever channel it lives, and can update that
 * conversation's memory in the same turn (e.g. "a rating is now expected").
 */
export class Messenger {
  readonly channels: ProactiveChannels;

  constructor(private readonly deps: MessengerDeps) {
    this.channels = deps.channels;
  }

  /** False when the conversation or its channel cannot be reached from this instance. */
  async tell(conversationKey: string, message: BotMessage, update?: (m: ConversationMemory) => void): Promise<boolean> {
    const ref = await this.deps.refs.find(conversationKey);
    const channel = ref ? this.channels.get(ref.channelId) : undefined;
    if (!ref || !channel) {
      this.deps.log.warn(`cannot reach conversation ${conversationKey}`);
      return false;
    }
    await this.speak(channel, ref.reference as Partial<ConversationReference>, message, update);
    return true;
  }

  /**
   * Starts (or continues) the SMS conversation with a phone number; false when SMS is not configured or
   * the number is not a full international one. The SMS adapter refuses numbers that opted out.
   */
  async textPhone(phone: string, message: BotMessage, update?: (m: ConversationMemory) => void): Promise<boolean> {
    const number = phone.replace(/[\s().-]/g, '');
    if (!this.channels.has(SMS_CHANNEL_ID) || !/^\+[1-9]\d{7,14}$/.test(number)) return false;
    const reference = {
      channelId: SMS_CHANNEL_ID,
      conversation: { id: number, isGroup: false, conversationType: 'personal', name: 'sms' },
      user: { id: number, name: 'traveller' },
    };
    await this.speak(this.channels.get(SMS_CHANNEL_ID)!, reference, message, update);
    return true;
  }

  private async speak(
    channel: ProactiveChannel,
    reference: Partial<ConversationReference>,
    message: BotMessage,
    update?: (m: ConversationMemory) => void,
  ): Promise<void> {
    const { memory, conversationState } = this.deps;
    await channel.continue(reference, async (ctx) => {
      await ctx.sendActivity(messageActivity(message));
      const m = await memory.get(ctx, emptyMemory());
      remember(m, 'bot', message.text, this.deps.clock.now());
      update?.(m);
      await memory.set(ctx, m);
      await conversationState.saveChanges(ctx, false);
    });
  }
}

/**
 * Tells travellers about their booking in the conversation they booked in, whatever the channel:
 * subscribed to the domain events, so a payment confirmed by a webhook on another instance still
 * reaches the chat. After a confirmed booking the traveller is asked for a rating.
 */
export function subscribeBookingNotifications(deps: {
  news: BookingNewsApi;
  refs: ConversationRefRepository;
  messenger: Pick<Messenger, 'tell' | 'textPhone'>;
}): void {
  const { news, refs, messenger } = deps;
  news.onEvent(async (event: DomainEvent, delivery) => {
    if (!('pnr' in event) || !event.pnr) return;
    const watchers = await refs.watchers(event.pnr);
    const reminder = REMINDERS.has(event.type);
    if (watchers.length === 0 && !reminder) return;
    // One step per conversation: if telling a later one fails, the retry does not tell the earlier ones again.
    for (const w of watchers)
      await delivery.once(`tell:${w.conversationKey}`, async () => {
        // Each conversation is told what its own traveller may see: the owner whole, a last-name look-up masked.
        const booking = await news.booking(event.pnr, w.userId);
        const message = notificationFor(event, booking, news.ticketUrl(event.pnr, booking?.masked ?? true));
        if (!message) return;
        const told = await messenger.tell(w.conversationKey, message, (m) => {
          if (event.type === 'booking.confirmed')
            m.pending = { kind: 'rating', subject: `booking:${event.pnr}`, feedbackKind: 'booking' };
          noteDisruption(event, m);
        });
        if (told) await delivery.once('reached', async () => undefined);
      });
    if (!reminder || delivery.done('reached')) return;
    // A reminder must reach the traveller even when no conversation can be continued (booked over the API,
    // or the chat was purged): then by SMS to the booking's own phone (its email goes out anyway).
    const booking = await news.bookingForContact(event.pnr);
    const message = notificationFor(event, booking, news.ticketUrl(event.pnr, false));
    const phone = booking?.contact.phone;
    const noted = (m: ConversationMemory) => noteDisruption(event, m);
    if (message && phone)
      await delivery.once('sms', async () => void (await messenger.textPhone(phone, message, noted)));
  });
}

/** After a disruption notice the traveller's answer ("the first one", "refund") is read as about that booking. */
function noteDisruption(event: DomainEvent, m: ConversationMemory): void {
  if (event.type === 'booking.disrupted' && event.offers > 0) m.disruptionNotice = { pnr: event.pnr };
}

/** Events the traveller did not start, which go out even without a conversation to continue. */
const REMINDERS = new Set<DomainEvent['type']>(['checkin.opened', 'booking.hold_ending', 'booking.disrupted']);
