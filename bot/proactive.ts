import type { ConversationReference, TurnContext } from 'botbuilder';
import type { ApiServices } from '../api/container';
import type { DomainEvent } from '../api/services/domain-events';
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
 * Tells travellers about their booking in the conversation they booked in, whatever the channel:
 * subscribed to the domain events, so a payment confirmed by a webhook on another instance still
 * reaches the chat.
 */
export function subscribeBookingNotifications(s: ApiServices, refs: ConversationRefRepository, channels: ProactiveChannels): void {
  const notify = async (event: DomainEvent) => {
    if (!('pnr' in event) || !event.pnr) return;
    const watchers = await refs.watchers(event.pnr);
    if (watchers.length === 0) return;
    const booking = await s.bookings.view(event.pnr, false).catch(() => null);
    const message = notificationFor(event, booking, s.ticketing.ticketUrl(event.pnr));
    if (!message) return;
    for (const w of watchers) {
      const channel = channels.get(w.channelId);
      if (!channel) {
        s.log.warn(`no proactive channel for ${w.channelId}; cannot tell ${w.conversationKey} about ${event.type}`);
        continue;
      }
      await channel.continue(w.reference as Partial<ConversationReference>, async (ctx) => {
        await ctx.sendActivity(messageActivity(message));
      });
    }
  };
  s.events.subscribe('*', 'chat-notifications', notify);
}
