import { createHash } from 'node:crypto';
import type { Db } from '../api/db/db';
import { Batcher } from '../api/db/batcher';
import { singleStatements, statementsTogether } from '../api/db/mysql-batch';
import { acquireLease, DbLeases, keepRenewed, leaseHolder } from '../api/db/leases';
import { DEFAULT_TURN_TIMEOUT_MS, type HeldTurn, type TurnLease } from './conversation-queue';
import { type PrefetchedState, stateReadOf, stateRowsOf } from './storage/state-prefetch';

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

interface Claim {
  name: string;
  holder: string;
  /** Bot state rows to read with the claim (see PrefetchedState). */
  stateKeys?: readonly string[];
}

/** A claim's outcome: won or not, and the state rows read with it when it was won. */
interface ClaimOutcome {
  won: boolean;
  prefetched: PrefetchedState | null;
}

/**
 * A conversation's turn lease in `conversation_leases`: one row per conversation with a turn running,
 * claimed by a conditional write (see api/db/leases.ts: SQLite, MySQL and Galera alike), renewed while the
 * turn runs and deleted at its end. Another instance's turn of the same conversation waits for the row
 * (polling, from 10 ms up to 100 ms apart). A turn that hangs past turnTimeoutMs stops being renewed, so
 * the conversation is free again at most turnTimeoutMs + ttlMs later; so is one of an instance that died.
 *
 * Claims and releases of turns that arrive together are grouped (see Batcher): a group of claims is one
 * multi-row insert that skips taken names and one read of the holders, a group of releases one delete, so
 * under load the lease costs a fraction of a statement per turn instead of two. A claim the group did not
 * win (the conversation is busy on another instance, or its lease ran out there) waits on its own as before.
 *
 * On a plain MySQL server (multi-statement sessions) a lone claim also brings the bot state its turn loads first
 * (the keys given to acquire): one SELECT after the claim in the same round trip, so a turn that won its claim reads
 * its state without a round trip of its own (see PrefetchedState). A claim not won waits as above, and its turn reads
 * its state itself.
 */
export class ConversationLeases implements TurnLease {
  private readonly leases: DbLeases;
  private readonly ttlMs: number;
  private readonly turnTimeoutMs: number;
  private readonly claims: Batcher<Claim, ClaimOutcome>;
  /** Multi-statement sessions: a lone claim brings its turn's state rows (one round trip fewer per turn). */
  private readonly prefetching: boolean;
  private readonly releases: Batcher<Claim, null>;

  constructor(db: Db, opts: ConversationLeaseOptions = {}) {
    // On MySQL plain sessions: two or three lease statements go with every chat turn.
    const run = db.batches
      ? singleStatements(db.batches)
      : (sql: string, params: unknown[]) => db.run((em) => em.query(sql, params));
    const together = db.batches ? statementsTogether(db.batches) : undefined;
    this.leases = new DbLeases(run, db.kind, 'conversation_leases', together);
    this.prefetching = together !== undefined;
    this.ttlMs = opts.ttlMs ?? 15_000;
    this.turnTimeoutMs = opts.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS;
    const grouping = { maxBatch: 64, maxConcurrent: 2 };
    this.claims = new Batcher((claims) => this.claimGroup(claims), grouping);
    this.releases = new Batcher(async (held) => {
      if (held.length === 1) await this.leases.release(held[0]!.name, held[0]!.holder);
      else await this.leases.releaseMany(held);
      return held.map(() => null);
    }, grouping);
  }

  async acquire(conversationKey: string, stateKeys?: readonly string[]): Promise<HeldTurn> {
    const claim: Claim = { name: leaseName(conversationKey), holder: leaseHolder(), stateKeys };
    const opts = { ttlMs: this.ttlMs, maxHoldMs: this.turnTimeoutMs };
    const outcome = await this.claims.submit(claim);
    if (outcome.won) {
      const held = keepRenewed(this.leases, claim.name, claim.holder, opts, async () => {
        await this.releases.submit(claim);
      });
      return { release: () => held.release(), prefetched: outcome.prefetched };
    }
    return acquireLease(this.leases, claim.name, {
      ...opts,
      // Longer than a hung turn can keep it (turnTimeoutMs + ttlMs): waiting ends with the lease, not before.
      maxWaitMs: this.turnTimeoutMs + this.ttlMs + 5_000,
      pollMs: 10,
      maxPollMs: 100,
    });
  }

  private async claimGroup(claims: Claim[]): Promise<ClaimOutcome[]> {
    // Only a lone claim brings state along: measured flat-out, a group's claim carrying its turns' state cost more
    // CPU than the grouped state reads it saved (which share their round trips with other turns' reads anyway).
    const stateKeys = this.prefetching && claims.length === 1 ? [...(claims[0]!.stateKeys ?? [])] : [];
    if (stateKeys.length === 0) {
      if (claims.length === 1)
        return [
          { won: await this.leases.tryAcquire(claims[0]!.name, claims[0]!.holder, this.ttlMs), prefetched: null },
        ];
      const won = await this.leases.tryAcquireMany(claims, this.ttlMs);
      return claims.map((c) => ({ won: won.has(c.holder), prefetched: null }));
    }
    // A taken name is skipped, not taken over: a claim not won here waits (acquireLease), as in a group.
    const { won, rows } = await this.leases.claimMany(claims, this.ttlMs, stateReadOf(stateKeys));
    if (!won.has(claims[0]!.holder)) return [{ won: false, prefetched: null }];
    return [{ won: true, prefetched: rows ? { unread: new Set(stateKeys), rows: stateRowsOf(rows) } : null }];
  }
}
