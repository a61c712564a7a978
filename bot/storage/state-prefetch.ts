import { ContextSlot } from '../../api/async-context';
import type { StoredState } from './bot-state.repository';

/**
 * Bot state rows read in the round trip that claimed the turn's conversation lease (see ConversationLeases), for
 * the turn's first read of each key: read once the lease was held, they are what a read at the turn's start would
 * give. A key answers one read; none answers once the turn wrote or deleted state (see DbStorage).
 */
export interface PrefetchedState {
  /** The storage keys read (found or not) that no read of the turn has used yet. */
  readonly unread: Set<string>;
  readonly rows: ReadonlyMap<string, StoredState>;
}

/** The current turn's prefetched state, if its lease claim brought any. */
export const turnPrefetch = new ContextSlot<PrefetchedState | null>('prefetched bot state');

/** The statement that reads state rows with a lease claim, and how to take its rows apart. */
export function stateReadOf(keys: readonly string[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT state_key AS k, data, etag FROM bot_state WHERE state_key IN (${keys.map(() => '?').join(', ')})`,
    params: [...keys],
  };
}

export function stateRowsOf(rows: unknown[]): Map<string, StoredState> {
  const found = new Map<string, StoredState>();
  for (const r of rows as { k: string; data: string; etag: string }[])
    found.set(r.k, { key: r.k, data: r.data, etag: r.etag });
  return found;
}
