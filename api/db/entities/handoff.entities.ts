import { EntitySchema } from 'typeorm';
import type { CaseMessageRow, FeedbackRow, SupportCaseRow } from '../../domain/records';

/**
 * Support cases (handoff to agents, complaints), their transcripts, feedback, and channel identities.
 * Records that code outside the repositories uses are defined in api/domain/records; the rest here.
 */

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
