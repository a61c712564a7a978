import { EntitySchema } from 'typeorm';

/** Support cases (handoff to agents, complaints), their transcripts, feedback, and channel identities. */

/**
 * queued: waiting for an agent (the bot still answers); agent: an agent holds the conversation (the bot
 * is silent); bot: handed back; resolved: closed.
 */
export type CaseStatus = 'queued' | 'agent' | 'bot' | 'resolved';
export type CaseKind = 'handoff' | 'complaint';

export interface SupportCaseRow {
  id: number;
  conversationKey: string;
  channelId: string;
  userId: number | null;
  pnr: string | null;
  kind: CaseKind;
  reason: string;
  status: CaseStatus;
  /** Agents' progress note on a complaint, shown to the traveller who asks ("in progress", …). */
  progress: string | null;
  agentUserId: number | null;
  /** Where agents discuss it, e.g. a Slack thread "C123:1700000000.000100". */
  threadRef: string | null;
  context: Record<string, unknown> | null;
  followupOfferedAt: Date | null;
  createdAt: Date;
  assignedAt: Date | null;
  resolvedAt: Date | null;
  updatedAt: Date;
}

export interface CaseMessageRow {
  id: number;
  caseId: number;
  author: 'traveller' | 'agent' | 'bot' | 'system';
  text: string;
  createdAt: Date;
}

export interface FeedbackRow {
  id: number;
  conversationKey: string;
  userId: number | null;
  kind: 'booking' | 'case';
  subject: string;
  rating: number;
  comment: string | null;
  createdAt: Date;
}

export interface ChannelIdentityRow {
  channelId: string;
  /** The traveller's address on the channel: a phone number, a Slack user id, a Direct Line user id. */
  channelUserId: string;
  userId: number;
  verifiedAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const SupportCaseEntity = new EntitySchema<SupportCaseRow>({
  name: 'SupportCase',
  tableName: 'support_cases',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    conversationKey: { name: 'conversation_key', type: 'varchar', length: 191 },
    channelId: { name: 'channel_id', type: 'varchar', length: 32 },
    userId: { name: 'user_id', type: 'int', nullable: true },
    pnr: { type: 'varchar', length: 6, nullable: true },
    kind: { type: 'varchar', length: 16 },
    reason: { type: 'varchar', length: 64 },
    status: { type: 'varchar', length: 16 },
    progress: { type: 'varchar', length: 255, nullable: true },
    agentUserId: { name: 'agent_user_id', type: 'int', nullable: true },
    threadRef: { name: 'thread_ref', type: 'varchar', length: 191, nullable: true },
    context: { type: 'simple-json', nullable: true },
    followupOfferedAt: when('followup_offered_at', true),
    createdAt: { ...when('created_at'), createDate: true },
    assignedAt: when('assigned_at', true),
    resolvedAt: when('resolved_at', true),
    updatedAt: { ...when('updated_at'), updateDate: true },
  },
});

export const CaseMessageEntity = new EntitySchema<CaseMessageRow>({
  name: 'CaseMessage',
  tableName: 'case_messages',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    caseId: { name: 'case_id', type: 'int' },
    author: { type: 'varchar', length: 16 },
    text: { type: 'text' },
    createdAt: { ...when('created_at'), createDate: true },
  },
});

export const FeedbackEntity = new EntitySchema<FeedbackRow>({
  name: 'Feedback',
  tableName: 'feedback',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    conversationKey: { name: 'conversation_key', type: 'varchar', length: 191 },
    userId: { name: 'user_id', type: 'int', nullable: true },
    kind: { type: 'varchar', length: 16 },
    subject: { type: 'varchar', length: 64 },
    rating: { type: 'int' },
    comment: { type: 'varchar', length: 1000, nullable: true },
    createdAt: { ...when('created_at'), createDate: true },
  },
});

export const ChannelIdentityEntity = new EntitySchema<ChannelIdentityRow>({
  name: 'ChannelIdentity',
  tableName: 'channel_identities',
  columns: {
    channelId: { name: 'channel_id', type: 'varchar', length: 32, primary: true },
    channelUserId: { name: 'channel_user_id', type: 'varchar', length: 128, primary: true },
    userId: { name: 'user_id', type: 'int' },
    verifiedAt: when('verified_at'),
  },
});

export const HANDOFF_ENTITIES = [SupportCaseEntity, CaseMessageEntity, FeedbackEntity, ChannelIdentityEntity];
