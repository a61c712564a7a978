import { createHash } from 'node:crypto';
import type { Db } from '../api/db/db';
import { acquireLease, DbLeases } from '../api/db/leases';
import { DEFAULT_TURN_TIMEOUT_MS, type HeldTurn, type TurnLease } from './conversation-queue';

const NAME_MAX = 191;

/** The lease row's name: the conversation key, or a hash of it when it is longer than the column. */
export function leaseName(conversationKey: string): string {
  if (conversationKey.length <= NAME_MAX && !conversationKey.startsWith('#')) return conversationKey;
  return `#sha256:${createHash('sha256').update(conversationKey, 'utf8').digest('hex')}`;
}

export interface ConversationLeaseOptions {
  /** A lease not renewed for this long is free again (an instance that died mid-turn). Default 15 s. */
  ttlMs?: number;
  /** Renewal stops after this long, as the in-process queue stops waiting for a hung turn. Default 60 s. */
  turnTimeoutMs?: number;
}

/**
 * A conversation's turn lease in `conversation_leases`: one row per conversation with a turn running,
 * claimed by a conditional write (see api/db/leases.ts: SQLite, MySQL and Galera alike), renewed while the
 * turn runs and deleted at its end. Another instance's turn of the same conversation waits for the row
 * (polling, from 10 ms up to 100 ms apart). A turn that hangs past turnTimeoutMs stops being renewed, so
 * the conversation is free again at most turnTimeoutMs + ttlMs later; so is one of an instance that died.
 */
export class ConversationLeases implements TurnLease {
  private readonly leases: DbLeases;
  private readonly ttlMs: number;
  private readonly turnTimeoutMs: number;

  constructor(db: Db, opts: ConversationLeaseOptions = {}) {
    this.leases = new DbLeases((sql, params) => db.run((em) => em.query(sql, params)), db.kind, 'conversation_leases');
    this.ttlMs = opts.ttlMs ?? 15_000;
    this.turnTimeoutMs = opts.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
  }

  acquire(conversationKey: string): Promise<HeldTurn> {
    return acquireLease(this.leases, leaseName(conversationKey), {
      ttlMs: this.ttlMs,
      maxHoldMs: this.turnTimeoutMs,
      // Longer than a hung turn can keep it (turnTimeoutMs + ttlMs): waiting ends with the lease, not before.
      maxWaitMs: this.turnTimeoutMs + this.ttlMs + 5_000,
      pollMs: 10,
      maxPollMs: 100,
    });
  }
}
