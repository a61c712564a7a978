import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { DbKind } from './db';
import { isRetryableDbError, isUniqueViolation } from './db';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Runs one statement (`?` placeholders) and gives back the driver's result. */
export type SqlRunner = (sql: string, params: unknown[]) => Promise<unknown>;
/** Runs several statements in one round trip (MySQL multi-statement sessions); one result per statement. */
export type SqlBatchRunner = (statements: string[], params: unknown[]) => Promise<unknown[]>;

/**
 * Leases in a table of (name PRIMARY KEY, holder, expires_at epoch ms): "who may do X until when", shared by
 * every instance on the database. Each step is one conditional single-row write, so it holds on SQLite, one
 * MySQL server and a multi-primary cluster alike. On Galera two nodes may both find the row free, but only
 * one write passes certification: the other fails with 1213 (or, retried by the server, finds the row taken),
 * which counts here as "not acquired". GET_LOCK is not used: on Galera it is local to one node.
 *
 * Expiry uses the instances' clocks (epoch ms): they must agree to well within the lease's time to live.
 */
export class DbLeases {
  constructor(
    private readonly run: SqlRunner,
    private readonly kind: DbKind,
    private readonly table: string,
    /** When given, a group's claim and the read of who won go in one round trip. */
    private readonly runTogether?: SqlBatchRunner,
  ) {}

  /** True when `holder` now holds `name` (it was free, or its lease had run out). */
  async tryAcquire(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    try {
      await this.run(`INSERT INTO ${this.table} (name, holder, expires_at) VALUES (?, ?, ?)`, [
        name,
        holder,
        now + ttlMs,
      ]);
      return true;
    } catch (err) {
      if (!isUniqueViolation(err) && !isRetryableDbError(err)) throw err;
    }
    // Held, or left behind by a holder that died: take it over only once its time is up.
    const sql = `UPDATE ${this.table} SET holder = ?, expires_at = ? WHERE name = ? AND expires_at < ?`;
    try {
      const result = await this.run(this.kind === 'sqlite' ? `${sql} RETURNING name` : sql, [
        holder,
        now + ttlMs,
        name,
        now,
      ]);
      return rowsChanged(result) > 0;
    } catch (err) {
      if (isRetryableDbError(err)) return false; // lost a conflict: someone else's write won
      throw err;
    }
  }

  /**
   * Extends the lease; false when `holder` no longer holds it (it ran out and someone else took it). A write
   * that lost a conflict or found the database busy throws: the lease may well still be ours, try again.
   */
  async renew(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const sql = `UPDATE ${this.table} SET expires_at = ? WHERE name = ? AND holder = ?`;
    const result = await this.run(this.kind === 'sqlite' ? `${sql} RETURNING name` : sql, [
      Date.now() + ttlMs,
      name,
      holder,
    ]);
    return rowsChanged(result) > 0;
  }

  /**
   * Claims several free leases in two statements whatever their number (a multi-row insert that skips the
   * names already taken, then a read of who holds them; one round trip with `runTogether`); gives back the
   * holders that won. A name not won
   * (taken, or left behind by a holder that died) is for tryAcquire, which also takes over one whose time is
   * up. On Galera a claim that lost certification either fails the whole insert (nothing claimed: each goes
   * to tryAcquire) or, retried by the node, finds the row taken and is skipped.
   */
  async tryAcquireMany(claims: { name: string; holder: string }[], ttlMs: number): Promise<Set<string>> {
    return (await this.claimMany(claims, ttlMs)).won;
  }

  /**
   * tryAcquireMany, with `alsoRead` (one SELECT) sent right after the claim in the same round trip when statements
   * can go together: its rows are read once the leases won are held, so whoever holds one may use them as read under
   * it. `rows` is null when the read did not run (no `runTogether`, or the claim lost a conflict).
   */
  async claimMany(
    claims: { name: string; holder: string }[],
    ttlMs: number,
    alsoRead?: { sql: string; params: unknown[] },
  ): Promise<{ won: Set<string>; rows: unknown[] | null }> {
    const expires = Date.now() + ttlMs;
    // Name order: two groups never lock rows in opposite orders.
    const sorted = [...claims].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const ignore = this.kind === 'sqlite' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    const insert = `${ignore} INTO ${this.table} (name, holder, expires_at) VALUES ${sorted.map(() => '(?, ?, ?)').join(', ')}`;
    const insertParams = sorted.flatMap((c) => [c.name, c.holder, expires]);
    const select = `SELECT name, holder FROM ${this.table} WHERE name IN (${sorted.map(() => '?').join(', ')})`;
    const selectParams = sorted.map((c) => c.name);
    type Holder = { name: string; holder: string };
    let rows: Holder[];
    let read: unknown[] | null = null;
    try {
      if (this.runTogether) {
        const statements = alsoRead ? [insert, select, alsoRead.sql] : [insert, select];
        const results = await this.runTogether(statements, [
          ...insertParams,
          ...selectParams,
          ...(alsoRead?.params ?? []),
        ]);
        rows = results[1] as Holder[];
        if (alsoRead) read = results[2] as unknown[];
      } else {
        await this.run(insert, insertParams);
        rows = (await this.run(select, selectParams)) as Holder[];
      }
    } catch (err) {
      if (!isRetryableDbError(err)) throw err;
      if (!this.runTogether) return { won: new Set(), rows: null }; // lost a conflict: each claim tries again alone
      // Together, which statement was refused is unknown: who holds the names now says what the insert claimed.
      rows = (await this.run(select, selectParams)) as Holder[];
      read = null;
    }
    const holders = new Set(claims.map((c) => c.holder));
    return { won: new Set(rows.filter((r) => holders.has(r.holder)).map((r) => r.holder)), rows: read };
  }

  /**
   * Gives several leases up in one statement (each only if its holder still holds it: holders are unique to
   * one acquisition, so the pairs cannot cross). Retried like release.
   */
  async releaseMany(held: { name: string; holder: string }[]): Promise<void> {
    const marks = held.map(() => '?').join(', ');
    const sql = `DELETE FROM ${this.table} WHERE name IN (${marks}) AND holder IN (${marks})`;
    await this.retried(() => this.run(sql, [...held.map((h) => h.name), ...held.map((h) => h.holder)]));
  }

  /**
   * Gives the lease up (nothing happens when `holder` no longer holds it). A delete that lost a conflict (a
   * cluster's certification) is tried again: left behind, the row would keep others waiting until it ran out.
   */
  async release(name: string, holder: string): Promise<void> {
    await this.retried(() => this.run(`DELETE FROM ${this.table} WHERE name = ? AND holder = ?`, [name, holder]));
  }

  private async retried(write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (attempt >= 3 || !isRetryableDbError(err)) throw err;
        await sleep(5 * attempt);
      }
    }
  }
}

function rowsChanged(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  return Number((result as { affectedRows?: number } | null)?.affectedRows ?? 0);
}

/** A holder name unique to this acquisition, readable in the table: host, process, random part. */
export function leaseHolder(): string {
  return `${hostname().slice(0, 24)}:${process.pid}:${randomBytes(6).toString('hex')}`;
}

export interface HoldOptions {
  ttlMs: number;
  /** Give up waiting after this long (throws LeaseWaitTimeoutError). */
  maxWaitMs: number;
  /** Stop renewing after this long, so a hung holder cannot keep the lease for ever (default: no limit). */
  maxHoldMs?: number;
  /** First pause between attempts (doubles, with jitter, up to maxPollMs). */
  pollMs?: number;
  maxPollMs?: number;
  /** Called once when the first attempt finds the lease taken (for a log line). */
  onWait?: () => void;
  /** Called when a renewal failed (`err`: the database's error) or found the lease taken over (no `err`). */
  onRenewFailed?: (err?: unknown) => void;
}

export class LeaseWaitTimeoutError extends Error {
  constructor(readonly lease: string) {
    super(`Waited too long for the lease "${lease}".`);
    this.name = 'LeaseWaitTimeoutError';
  }
}

/** A lease held, renewed in the background until `release`. */
export interface HeldLease {
  readonly holder: string;
  release(): Promise<void>;
}

/**
 * Waits for `name`, then keeps it renewed (every third of its time to live) until released or until
 * `maxHoldMs` has passed. A renewal that fails (database away) is tried again at the next tick; a lease
 * that has been taken over stops being renewed.
 */
export async function acquireLease(leases: DbLeases, name: string, opts: HoldOptions): Promise<HeldLease> {
  const holder = leaseHolder();
  const started = Date.now();
  let pause = opts.pollMs ?? 10;
  for (let attempt = 0; !(await leases.tryAcquire(name, holder, opts.ttlMs)); attempt++) {
    if (attempt === 0) opts.onWait?.();
    if (Date.now() - started > opts.maxWaitMs) throw new LeaseWaitTimeoutError(name);
    await sleep(pause / 2 + Math.random() * pause);
    pause = Math.min(pause * 2, opts.maxPollMs ?? 250);
  }
  return keepRenewed(leases, name, holder, opts, () => leases.release(name, holder));
}

/**
 * A lease just acquired by `holder`, renewed every third of its time to live until released or until
 * `maxHoldMs` has passed; `release` gives it up (e.g. in a group with others).
 */
export function keepRenewed(
  leases: DbLeases,
  name: string,
  holder: string,
  opts: Pick<HoldOptions, 'ttlMs' | 'maxHoldMs' | 'onRenewFailed'>,
  release: () => Promise<void>,
): HeldLease {
  const acquired = Date.now();
  const heartbeat = setInterval(
    () => {
      if (opts.maxHoldMs !== undefined && Date.now() - acquired > opts.maxHoldMs) return clearInterval(heartbeat);
      leases.renew(name, holder, opts.ttlMs).then(
        (held) => {
          if (held) return;
          clearInterval(heartbeat);
          opts.onRenewFailed?.();
        },
        (err: unknown) => opts.onRenewFailed?.(err), // busy or away: try again at the next tick
      );
    },
    Math.max(Math.floor(opts.ttlMs / 3), 1),
  );
  heartbeat.unref();
  return {
    holder,
    async release() {
      clearInterval(heartbeat);
      await release();
    },
  };
}

/** Runs `fn` holding `name`; releases it afterwards (a failed release leaves the lease to run out). */
export async function withLease<T>(
  leases: DbLeases,
  name: string,
  opts: HoldOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const lease = await acquireLease(leases, name, opts);
  try {
    return await fn();
  } finally {
    await lease.release().catch(() => undefined);
  }
}
