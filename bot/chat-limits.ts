import { ContextSlot } from '../api/async-context';
import type { Config } from '../api/config/config';
import type { LimitRule, RateLimitService } from '../api/services/rate-limit.service';

/** Who is on the other end of the current chat turn: their address (client IP, phone, Slack user) and chat. */
export interface TurnCaller {
  address: string;
  conversationKey: string;
}

/** Set by JetwayBot for the length of each turn, so the booking port can limit look-ups without the dialogs. */
export const turnCaller = new ContextSlot<TurnCaller>('turn caller');

const FIFTEEN_MINUTES = 15 * 60_000;
const MINUTE = 60_000;

/**
 * The chat's rate limits, in the same database counters as the HTTP API's:
 * - booking look-ups by reference + last name share the HTTP API's limit per client address ('lookup',
 *   keyed by IP for the web chat, by phone number or Slack user elsewhere) and have one per conversation,
 *   so a guesser can neither spread guesses over channels nor over conversations from one place;
 * - chat tokens per client address, and messages per conversation and per address, so one client cannot
 *   flood the bot (each message is a turn: database work and, with OpenAI on, a paid model call).
 */
export class ChatLimits {
  readonly lookupPerAddress: LimitRule;
  readonly lookupPerConversation: LimitRule;
  readonly tokensPerAddress: LimitRule;
  readonly messagesPerConversation: LimitRule;
  readonly messagesPerAddress: LimitRule;

  constructor(
    private readonly limits: Pick<RateLimitService, 'consume'>,
    config: Pick<
      Config,
      'RATE_LIMIT_LOOKUP_PER_15_MIN' | 'RATE_LIMIT_CHAT_TOKENS_PER_15_MIN' | 'RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE'
    >,
  ) {
    const lookups = config.RATE_LIMIT_LOOKUP_PER_15_MIN;
    this.lookupPerAddress = { bucket: 'lookup', limit: lookups, windowMs: FIFTEEN_MINUTES };
    this.lookupPerConversation = { bucket: 'lookup-chat', limit: lookups, windowMs: FIFTEEN_MINUTES };
    this.tokensPerAddress = {
      bucket: 'chat-token',
      limit: config.RATE_LIMIT_CHAT_TOKENS_PER_15_MIN,
      windowMs: FIFTEEN_MINUTES,
    };
    const messages = config.RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE;
    this.messagesPerConversation = { bucket: 'chat-msg', limit: messages, windowMs: MINUTE };
    // A few conversations from one address (a shared office connection) before it is held back.
    this.messagesPerAddress = { bucket: 'chat-msg-addr', limit: messages * 4, windowMs: MINUTE };
  }

  /** A booking look-up by last name in the current turn (outside a turn, e.g. a proactive message: none). */
  async lookup(): Promise<void> {
    const caller = turnCaller.getStore();
    if (!caller) return;
    // Both counted at once (one grouped round trip on MySQL, not two in a row): a refused look-up counts on both.
    await Promise.all([
      this.limits.consume(this.lookupPerAddress, caller.address),
      this.limits.consume(this.lookupPerConversation, caller.conversationKey),
    ]);
  }

  async token(address: string): Promise<void> {
    await this.limits.consume(this.tokensPerAddress, address);
  }

  async message(address: string, conversationKey: string): Promise<void> {
    // Both counted at once (one grouped round trip on MySQL, not two in a row): a refused message counts on both.
    await Promise.all([
      this.limits.consume(this.messagesPerConversation, conversationKey),
      this.limits.consume(this.messagesPerAddress, address),
    ]);
  }
}
