import type { Activity } from 'botbuilder';
import { ContextSlot } from '../api/async-context';
import { type PrefetchedState, turnPrefetch } from './storage/state-prefetch';

/** A conversation held by this instance for one turn (see ConversationLeases). */
export interface HeldTurn {
  release(): Promise<void>;
  /** The turn's bot state, read with the lease (see PrefetchedState). */
  prefetched?: PrefetchedState | null;
}

/** Mutual exclusion of a conversation's turns across instances; resolves once this instance may run a turn. */
export interface TurnLease {
  /** `stateKeys`: bot state rows the turn reads first, which the lease may bring along. */
  acquire(conversationKey: string, stateKeys?: readonly string[]): Promise<HeldTurn>;
}

export interface ConversationQueueOptions {
  /** After this long a turn no longer holds up the next turn of its conversation (it keeps running). Default 60 s. */
  turnTimeoutMs?: number;
  /** Turns of one conversation on other instances (the database lease). None: this process only. */
  lease?: TurnLease;
  /** The storage keys of the bot state a turn for `activity` loads first (see runTurn). */
  stateKeysOf?: (activity: Partial<Activity>) => readonly string[];
}

export const DEFAULT_TURN_TIMEOUT_MS = 60_000;

/**
 * One turn at a time per conversation, for every channel: Direct Line, SMS and Slack run their turns and
 * proactive messages through one queue, keyed by `<channel>:<conversation id>` (conversationKey). In this
 * process turns of a conversation wait in arrival order; across instances the conversation's lease in the
 * database is held from before its state is loaded until after it is saved, so two instances never run turns
 * of one conversation at once and neither overwrites the other's state. A turn that asks for its own
 * conversation again (a proactive message sent from inside the turn) runs at once instead of waiting for itself.
 */
export class ConversationQueue {
  readonly turnTimeoutMs: number;
  private readonly lease?: TurnLease;
  private readonly stateKeysOf?: (activity: Partial<Activity>) => readonly string[];
  private readonly tails = new Map<string, Promise<void>>();
  /** The conversations the current async context is a turn of (nested: a turn that continues another one). */
  private readonly held = new ContextSlot<ReadonlySet<string>>('turn conversations');

  constructor(opts: ConversationQueueOptions = {}) {
    this.turnTimeoutMs = opts.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
    this.lease = opts.lease;
    this.stateKeysOf = opts.stateKeysOf;
  }

  /** Runs the bot's turn for an incoming `activity` (see run), with its bot state read together with the lease. */
  runTurn<T>(conversationKey: string, activity: Partial<Activity>, fn: () => Promise<T>): Promise<T> {
    return this.run(conversationKey, fn, this.stateKeysOf?.(activity));
  }

  /**
   * Runs `fn` as a turn of `conversationKey`, after its earlier turns (at once when already inside one). `stateKeys`:
   * the storage keys of the bot state the turn loads first, read with the lease's claim where that saves a round trip.
   */
  run<T>(conversationKey: string, fn: () => Promise<T>, stateKeys?: readonly string[]): Promise<T> {
    const held = this.held.getStore();
    if (held?.has(conversationKey)) return fn();
    const inTurn = new Set(held ?? []).add(conversationKey);
    const previous = this.tails.get(conversationKey) ?? Promise.resolve();
    const run = previous.then(() => this.held.run(inTurn, () => this.leased(conversationKey, fn, stateKeys)));
    // The next turn waits for this one to settle, or for turnTimeoutMs at most (a hung turn must not stall the chat).
    const tail = previous.then(
      () =>
        new Promise<void>((release) => {
          const timer = setTimeout(release, this.turnTimeoutMs);
          timer.unref();
          const done = () => {
            clearTimeout(timer);
            release();
          };
          run.then(done, done);
        }),
    );
    this.tails.set(conversationKey, tail);
    void tail.then(() => {
      if (this.tails.get(conversationKey) === tail) this.tails.delete(conversationKey);
    });
    return run;
  }

  private async leased<T>(conversationKey: string, fn: () => Promise<T>, stateKeys?: readonly string[]): Promise<T> {
    if (!this.lease) return turnPrefetch.run(null, fn);
    const turn = await this.lease.acquire(conversationKey, stateKeys);
    try {
      // Set for every turn: a turn of another conversation inside this one must not see this one's state.
      return await turnPrefetch.run(turn.prefetched ?? null, fn);
    } finally {
      // A release that fails leaves the lease to run out on its own.
      await turn.release().catch(() => undefined);
    }
  }
}
