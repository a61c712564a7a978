import type { Activity } from 'botframework-schema';
import { Batcher } from '../../api/db/batcher';
import {
  type BatchSessions,
  type GroupTransaction,
  inGroupTransaction,
  type StatementResult,
  jsonLiteral,
} from '../../api/db/mysql-batch';

/** One activity to append: its conversation, and how to build it once its sequence number is known. */
export interface AppendRequest {
  conversationId: string;
  build: (seq: number) => { activityId: string; activity: Partial<Activity> };
}

export type AppendOutcome =
  | { kind: 'appended'; seq: number; activity: Partial<Activity> }
  | { kind: 'unknown_conversation' }
  /** Nothing of the group was written (a refused statement, no connection): append on its own. */
  | { kind: 'retry' };

/**
 * Direct Line activity appends on MySQL, written in groups (see Batcher): the appends that arrive
 * while another group is being written share one transaction of two round trips, whatever their
 * number. The first takes each conversation's next sequence numbers (`last_seq`, row-locked until the
 * commit, in conversation-id order so that groups never deadlock each other); the second inserts the
 * activities and commits. One append alone costs two round trips instead of four; under load much less.
 */
export class GroupedAppends {
  private readonly batcher: Batcher<AppendRequest, AppendOutcome>;

  constructor(private readonly sessions: BatchSessions) {
    this.batcher = new Batcher((items) => this.writeGroup(items), { maxBatch: 64, maxConcurrent: 2 });
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    return this.batcher.submit(request);
  }

  private writeGroup(items: AppendRequest[]): Promise<AppendOutcome[]> {
    // A lost connection while the commit may have landed throws: appending again could show a reply twice.
    return inGroupTransaction(
      this.sessions,
      (tx) => writeInTransaction(tx, items),
      () => items.map((): AppendOutcome => ({ kind: 'retry' })),
    );
  }
}

async function writeInTransaction(tx: GroupTransaction, items: AppendRequest[]): Promise<AppendOutcome[]> {
  // Conversation-id order (then arrival order within a conversation) for the row locks.
  const order = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) =>
      a.item.conversationId < b.item.conversationId
        ? -1
        : a.item.conversationId > b.item.conversationId
          ? 1
          : a.index - b.index,
    );
  const now = new Date();
  const seqResults = await tx.run(
    [
      'START TRANSACTION',
      ...order.map(
        () => 'UPDATE dl_conversations SET last_seq = LAST_INSERT_ID(last_seq + 1), updated_at = ? WHERE id = ?',
      ),
    ],
    order.flatMap(({ item }) => [now, item.conversationId]),
  );
  const outcomes: AppendOutcome[] = new Array(items.length);
  const rows: unknown[][] = [];
  order.forEach(({ item, index }, k) => {
    const r = seqResults[k + 1] as Extract<StatementResult, { affectedRows: number }>;
    if (!r.affectedRows) {
      outcomes[index] = { kind: 'unknown_conversation' };
      return;
    }
    const seq = Number(r.insertId);
    const { activityId, activity } = item.build(seq);
    rows.push([item.conversationId, seq, activityId, jsonLiteral(JSON.stringify(activity)), now]);
    outcomes[index] = { kind: 'appended', seq, activity };
  });
  if (rows.length === 0) {
    await tx.run(['ROLLBACK'], []);
    return outcomes;
  }
  await tx.commit(
    [
      `INSERT INTO dl_activities (conversation_id, seq, activity_id, activity, created_at) VALUES ` +
        `${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
    ],
    rows.flat(),
  );
  return outcomes;
}
