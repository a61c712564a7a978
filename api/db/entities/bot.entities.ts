import { EntitySchema } from 'typeorm';

/** Bot runtime: botbuilder state and the Direct Line conversation log (see migration 1764000200000). */

export interface BotStateRow {
  /** The storage key (hashed when it is too long or could collide, see bot/storage). */
  key: string;
  /** The item as JSON, without its eTag. */
  data: string;
  etag: string;
  updatedAt: Date;
}

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

export const BotStateEntity = new EntitySchema<BotStateRow>({
  name: 'BotState',
  tableName: 'bot_state',
  columns: {
    key: { name: 'state_key', type: 'varchar', length: 255, primary: true },
    data: { type: 'text' },
    etag: { type: 'varchar', length: 40 },
    updatedAt: when('updated_at'),
  },
});

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

/** All bot runtime entities (registered in ./index.ts as one element). */
export const BOT_ENTITIES = [BotStateEntity, DlConversationEntity, DlActivityEntity];
