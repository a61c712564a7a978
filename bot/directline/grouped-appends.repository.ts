import type { Activity } from 'botframework-schema';
import { Batcher } from '../../api/db/batcher';
import {
  type BatchSessions,
  type GroupTransaction,
  inGroupTransaction,
  type StatementResult,
  jsonLiteral,
} from '../../api/db/mysql-batch';
import { activityIdFor, storedJsonOf } from './activity-ids';

/** One activity to append to a conversation (its id is given with its sequence number). */
export interface AppendRequest {
  conversationId: string;
  activity: Partial<Activity>;
}

export type AppendOutcome =
  | { kind: 'appended'; seq: number; activity: Partial<Activity> }
  | { kind: 'unknown_conversation' }
  /** Nothing of the group was written (a refused statement, no connection): append on its own. */
  | { kind: 'retry' };

/** The activity id of sequence number `seq` (a session variable), as activityIdFor writes it. */
const idOfSeq = (seq: string) => `CONCAT(?, '|', IF(${seq} < 10000000, LPAD(${seq}, 7, '0'), ${seq}))`;

/**
 * Direct Line activity appends on MySQL, written in groups (see Batcher): the appends that arrive while another group
 * is being written share one transaction of one round trip, whatever their number. Each takes its conversation's next
 * sequence number (`last_seq`, row-locked until the commit, in conversation-id order so that groups never deadlock
 * each other) into a session variable, which the insert of the activities then reads, and a last SELECT hands back.
 * The activity id is derived from the sequence number in SQL, so the activity's JSON is written without it (readers
 * take it from its column).
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
  const seqVar = (k: number) => `@jw_seq_${k}`;
  const statements: string[] = ['START TRANSACTION'];
  const params: unknown[] = [];
  order.forEach(({ item }, k) => {
    statements.push(
      'UPDATE dl_conversations SET last_seq = LAST_INSERT_ID(last_seq + 1), updated_at = ? WHERE id = ?',
      // An unknown conversation changes no row: its variable is NULL and its activity is not inserted.
      `SET ${seqVar(k)} = IF(ROW_COUNT() > 0, LAST_INSERT_ID(), NULL)`,
    );
    params.push(now, item.conversationId);
  });
  statements.push(
    'INSERT INTO dl_activities (conversation_id, seq, activity_id, activity, created_at) ' +
      order
        .map((_, k) => `SELECT ?, ${seqVar(k)}, ${idOfSeq(seqVar(k))}, ?, ? FROM DUAL WHERE ${seqVar(k)} IS NOT NULL`)
        .join(' UNION ALL '),
    `SELECT ${order.map((_, k) => `${seqVar(k)} AS s${k}`).join(', ')}`,
  );
  for (const { item } of order)
    params.push(item.conversationId, item.conversationId, jsonLiteral(storedJsonOf(item.activity)), now);
  const results = await tx.commit(statements, params);
  const seqs = (results[results.length - 2] as Extract<StatementResult, unknown[]>)[0] ?? {};
  const outcomes: AppendOutcome[] = new Array(items.length);
  order.forEach(({ item, index }, k) => {
    const seq = seqs[`s${k}`];
    outcomes[index] =
      seq === null || seq === undefined
        ? { kind: 'unknown_conversation' }
        : {
            kind: 'appended',
            seq: Number(seq),
            activity: { ...item.activity, id: activityIdFor(item.conversationId, Number(seq)) },
          };
  });
  return outcomes;
}
