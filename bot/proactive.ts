import type { ConversationReference, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ApiServices } from '../api/container';
import type { DomainEvent } from '../api/services/domain-events';
import type { BotMessage } from '../cards/types';
import { type ConversationMemory, emptyMemory, remember } from '../dialogs/core/memory';
import { messageActivity } from '../dialogs/messages';
import { notificationFor } from '../dialogs/notifications';
import type { ConversationRefRepository } from './conversation-refs.repository';

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

  /** The channel's own adapter, else the Azure Bot Service adapter ('*') that serves its other channels. */
  get(channelId: string): ProactiveChannel | undefined {
    return this.channels.get(channelId) ?? this.channels.get('*');
  }
}

/**
 * Speaks first in a stored conversation, on whatever channel it lives, and can update that
 * conversation's memory in the same turn (e.g. "a rating is now expected").
 */
export class Messenger {
  constructor(
    private readonly s: ApiServices,
    private readonly refs: ConversationRefRepository,
    readonly channels: ProactiveChannels,
    private readonly conversationState: ConversationState,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
  ) {}

  /** False when the conversation or its channel cannot be reached from this instance. */
  async tell(conversationKey: string, message: BotMessage, update?: (m: ConversationMemory) => void): Promise<boolean> {
    const ref = await this.refs.find(conversationKey);
    const channel = ref ? this.channels.get(ref.channelId) : undefined;
    if (!ref || !channel) {
      this.s.log.warn(`cannot reach conversation ${conversationKey}`);
      return false;
    }
    await channel.continue(ref.reference as Partial<ConversationReference>, async (ctx) => {
      await ctx.sendActivity(messageActivity(message));
      const m = await this.memory.get(ctx, emptyMemory());
      remember(m, 'bot', message.text, this.s.clock.now());
      update?.(m);
      await this.memory.set(ctx, m);
      await this.conversationState.saveChanges(ctx, false);
    });
    return true;
  }
}

/**
 * Tells travellers about their booking in the conversation they booked in, whatever the channel:
 * subscribed to the domain events, so a payment confirmed by a webhook on another instance still
 * reaches the chat. After a confirmed booking the traveller is asked for a rating.
 */
export function subscribeBookingNotifications(
  s: ApiServices,
  refs: ConversationRefRepository,
  messenger: Messenger,
): void {
  s.events.subscribe('*', 'chat-notifications', async (event: DomainEvent) => {
    if (!('pnr' in event) || !event.pnr) return;
    const watchers = await refs.watchers(event.pnr);
    if (watchers.length === 0) return;
    const booking = await s.bookings.view(event.pnr, false).catch(() => null);
    const message = notificationFor(event, booking, s.ticketing.ticketUrl(event.pnr));
    if (!message) return;
    for (const w of watchers)
      await messenger.tell(w.conversationKey, message, (m) => {
        if (event.type === 'booking.confirmed')
          m.pending = { kind: 'rating', subject: `booking:${event.pnr}`, feedbackKind: 'booking' };
      });
  });
}
