import { EntitySchema } from 'typeorm';

/** Direct Line conversations and their activity logs (see migration 1764000200000). */

export interface DlConversationRow {
  id: string;
  userId: string;
  /** Sequence number of the last activity (0 when none): the conversation's current watermark. */
  lastSeq: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DlActivityRow {
  conversationId: string;
  /** 1, 2, 3 … per conversation, in commit order: the Direct Line watermark. */
  seq: number;
  activityId: string;
  /** The activity as JSON. */
  activity: string;
  createdAt: Date;
}

const when = (name: string) => ({ name, type: 'datetime' as const, precision: 3 });

export const DlConversationEntity = new EntitySchema<DlConversationRow>({
  name: 'DlConversation',
  tableName: 'dl_conversations',
  columns: {
    id: { type: 'varchar', length: 64, primary: true },
    userId: { name: 'user_id', type: 'varchar', length: 128 },
    lastSeq: { name: 'last_seq', type: 'int', default: 0 },
    createdAt: { ...when('created_at'), createDate: true },
    updatedAt: { ...when('updated_at'), updateDate: true },
  },
});

export const DlActivityEntity = new EntitySchema<DlActivityRow>({
  name: 'DlActivity',
  tableName: 'dl_activities',
  columns: {
    conversationId: { name: 'conversation_id', type: 'varchar', length: 64, primary: true },
    seq: { type: 'int', primary: true },
    activityId: { name: 'activity_id', type: 'varchar', length: 100 },
    activity: { type: 'text' },
    createdAt: { ...when('created_at'), createDate: true },
  },
});
