import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Clock } from '../../api/services/clock';
import type { Recognizer } from '../nlu';
import type { ChatIdentity, DisruptionApi, TravelApi } from '../ports';
import { type ConversationMemory, emptyMemory } from './memory';

/** Everything dialogs are built with. One instance per bot; nothing per conversation lives here. */
export interface DialogDeps {
  api: TravelApi;
  /** Flights delayed or cancelled by the airline, and what the traveller chooses about them. */
  disruptions: DisruptionApi;
  recognizer: Recognizer;
  clock: Clock;
  /** The traveller's verified identity, kept in user state by the bot. */
  identity: StatePropertyAccessor<ChatIdentity>;
  /** Transcript, booking in progress, misunderstandings: kept in conversation state by the bot. */
  memory: StatePropertyAccessor<ConversationMemory>;
  brand: { name: string; supportEmail: string; supportPhone: string; publicUrl: string };
  /** Offers shown per page. */
  pageSize: number;
}

export const NOBODY: ChatIdentity = { userId: null, role: 'traveller', email: null, firstName: null };

export async function identityOf(deps: DialogDeps, ctx: TurnContext): Promise<ChatIdentity> {
  return deps.identity.get(ctx, { ...NOBODY });
}

export async function memoryOf(deps: DialogDeps, ctx: TurnContext): Promise<ConversationMemory> {
  return deps.memory.get(ctx, emptyMemory());
}

/** The key proactive messages and support cases find this conversation by. */
export function conversationKey(ctx: TurnContext): string {
  return `${ctx.activity.channelId}:${ctx.activity.conversation.id}`;
}

const KNOWN_ZONES = new Set<string>();

/** The traveller's time zone when the client said one (for payment pages; they fall back to the journey's zone). */
export function statedTimeZoneOf(ctx: TurnContext): string | undefined {
  return ctx.activity.localTimezone ? timeZoneOf(ctx) : undefined;
}

/** The traveller's time zone: what the client says (Web Chat sends it), else UTC. */
export function timeZoneOf(ctx: TurnContext): string {
  const tz = ctx.activity.localTimezone;
  if (!tz) return 'UTC';
  // Checking a zone builds an Intl.DateTimeFormat (costly, and asked several times a turn): remember good ones.
  if (KNOWN_ZONES.has(tz)) return tz;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    return 'UTC';
  }
  if (KNOWN_ZONES.size < 1000) KNOWN_ZONES.add(tz);
  return tz;
}
