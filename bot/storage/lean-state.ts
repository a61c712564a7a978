import {
  type Activity,
  type BotState,
  type CachedBotState,
  ConversationState,
  type TurnContext,
  UserState,
} from 'botbuilder';
import { type DbStorage, STORED_JSON, storageKey } from './db-storage';

/**
 * botbuilder's BotState finds out whether a state changed by hashing a safe stringification of it: once when
 * it is loaded, again before saving and once more after, and the storage then stringifies it a fourth time.
 * Over DbStorage the state's JSON is known already: the text read from the database when it is loaded, and
 * one JSON.stringify before saving, which is both the change check and what is written. Same contract as
 * BotState (a state is written only when it changed, or when forced; last writer wins with eTag '*').
 */
function leanLoadAndSave(state: BotState, storage: DbStorage) {
  // BotState keeps a turn's cached state under a private symbol; the accessors read it through get().
  const stateKey = (state as unknown as { stateKey: symbol }).stateKey;
  const keyOf = (ctx: TurnContext) =>
    (state as unknown as { storageKey: (c: TurnContext) => Promise<string> | string }).storageKey(ctx);

  async function load(ctx: TurnContext, force = false): Promise<Record<string, unknown>> {
    const cached = ctx.turnState.get(stateKey) as CachedBotState | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await keyOf(ctx);
    const item = ((await storage.read([key]))[key] ?? {}) as Record<string | symbol, unknown>;
    const text = item[STORED_JSON];
    const loaded: CachedBotState = { state: item, hash: typeof text === 'string' ? text : jsonOf(item) };
    ctx.turnState.set(stateKey, loaded);
    return item;
  }

  async function saveChanges(ctx: TurnContext, force = false): Promise<void> {
    let cached = ctx.turnState.get(stateKey) as CachedBotState | undefined;
    if (!cached && !force) return;
    cached ??= { state: {}, hash: '' };
    const text = jsonOf(cached.state);
    if (!force && text === cached.hash) return;
    const item = cached.state as Record<string | symbol, unknown>;
    item.eTag = '*';
    // Enumerable: DbStorage writes a text only its writer marked so (the one read with the item is not).
    Object.defineProperty(item, STORED_JSON, { value: text, enumerable: true, writable: true, configurable: true });
    try {
      await storage.write({ [await keyOf(ctx)]: item });
    } finally {
      delete item[STORED_JSON];
    }
    cached.hash = text;
    ctx.turnState.set(stateKey, cached);
  }

  return { load, saveChanges };
}

/** The state as DbStorage stores it: its JSON without the eTag. */
function jsonOf(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

/** ConversationState over DbStorage without the change hashes (see leanLoadAndSave). */
export class LeanConversationState extends ConversationState {
  constructor(storage: DbStorage) {
    super(storage);
    Object.assign(this, leanLoadAndSave(this, storage));
  }
}

/** UserState over DbStorage without the change hashes (see leanLoadAndSave). */
export class LeanUserState extends UserState {
  constructor(storage: DbStorage) {
    super(storage);
    Object.assign(this, leanLoadAndSave(this, storage));
  }
}

/**
 * The rows (DbStorage's keys) of the states a turn for `activity` loads: what its conversation lease can bring
 * along (see ConversationQueue.runTurn). None for an activity without the ids a state key needs.
 */
export function botStateKeys(activity: Partial<Activity>, states: (ConversationState | UserState)[]): string[] {
  // getStorageKey reads only the activity.
  const ctx = { activity } as TurnContext;
  const keys: string[] = [];
  try {
    for (const state of states) keys.push(storageKey(state.getStorageKey(ctx) ?? ''));
  } catch {
    return [];
  }
  return keys.filter((k) => k !== '');
}
