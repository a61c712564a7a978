import { Batcher } from '../../api/db/batcher';
import { type BatchSessions, inGroupTransaction, type StatementResult, jsonLiteral } from '../../api/db/mysql-batch';
import type { StoredState } from './bot-state.repository';
import { stateReadOf, stateRowsOf } from './state-prefetch';

/** One state row to replace: only while its eTag is still `expected`, or whatever it is when `expected` is null. */
export interface StateWrite {
  key: string;
  expected: string | null;
  data: string;
  etag: string;
}

/** replaced: written. missing: no row matched (no such row, or another eTag). retry: the group was not written. */
export type StateWriteOutcome = 'replaced' | 'missing' | 'retry';

const UPDATE = 'UPDATE bot_state SET data = ?, etag = ?, updated_at = ? WHERE state_key = ?';

/**
 * Bot state reads and replacements on MySQL, in groups (see Batcher): every bot turn reads its state and
 * writes it back, and the turns running at the same time share one round trip for their reads and one
 * for their writes, on a batch session (plain SQL, no ORM). A write group is one transaction sent as one
 * round trip (`START TRANSACTION; UPDATE …; COMMIT`, rows in key order so groups never deadlock each
 * other): a statement the server refuses stops it before its COMMIT, nothing of the group is written,
 * and each write goes again on its own. Each UPDATE is the same single statement as on its own, so
 * grouping changes no outcome. Inserts (a conversation's first turn) are not grouped.
 */
export class GroupedState {
  private readonly reads: Batcher<string[], Map<string, StoredState>>;
  private readonly writes: Batcher<StateWrite, StateWriteOutcome>;

  constructor(private readonly sessions: BatchSessions) {
    this.reads = new Batcher((asks) => this.readGroup(asks), { maxBatch: 64, maxConcurrent: 2 });
    this.writes = new Batcher((items) => this.writeGroup(items), { maxBatch: 64, maxConcurrent: 2 });
  }

  /** The stored rows of `keys` (shared with the reads that arrive together). */
  read(keys: string[]): Promise<Map<string, StoredState>> {
    return this.reads.submit(keys);
  }

  write(item: StateWrite): Promise<StateWriteOutcome> {
    return this.writes.submit(item);
  }

  private async readGroup(asks: string[][]): Promise<Map<string, StoredState>[]> {
    const read = stateReadOf([...new Set(asks.flat())]);
    const [rows] = await this.sessions.withSession((s) => s.run([read.sql], read.params));
    const found = stateRowsOf(rows as unknown[]);
    return asks.map(() => found);
  }

  private writeGroup(items: StateWrite[]): Promise<StateWriteOutcome[]> {
    const order = items.map((item, index) => ({ item, index })).sort((a, b) => compare(a.item.key, b.item.key));
    const now = new Date();
    return inGroupTransaction(
      this.sessions,
      async (tx) => {
        const results = await tx.commit(
          [
            'START TRANSACTION',
            ...order.map(({ item }) => (item.expected === null ? UPDATE : `${UPDATE} AND etag = ?`)),
          ],
          order.flatMap(({ item }) => [
            jsonLiteral(item.data),
            item.etag,
            now,
            item.key,
            ...(item.expected === null ? [] : [item.expected]),
          ]),
        );
        const outcomes: StateWriteOutcome[] = new Array(items.length);
        order.forEach(({ index }, k) => {
          const r = results[k + 1] as Extract<StatementResult, { affectedRows: number }>;
          outcomes[index] = r.affectedRows > 0 ? 'replaced' : 'missing';
        });
        return outcomes;
      },
      () => items.map((): StateWriteOutcome => 'retry'),
    );
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
