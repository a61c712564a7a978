import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str, text, time } from './columns';

/** Support cases and their transcripts, traveller feedback, and travellers' verified channel addresses. */
export class SupportCases1764000500000 implements MigrationInterface {
  name = 'SupportCases1764000500000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'support_cases',
        columns: [
          id(),
          str('conversation_key', 191),
          str('channel_id', 32),
          int('user_id', true),
          str('pnr', 6, true),
          str('kind', 16),
          str('reason', 64),
          str('status', 16),
          str('progress', 255, true),
          int('agent_user_id', true),
          str('thread_ref', 191, true),
          text('context', true),
          time('followup_offered_at', true),
          stamp(q, 'created_at'),
          time('assigned_at', true),
          time('resolved_at', true),
          stamp(q, 'updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_cases_conversation', columnNames: ['conversation_key', 'status'] }),
          new TableIndex({ name: 'idx_cases_status', columnNames: ['status', 'created_at'] }),
          new TableIndex({ name: 'idx_cases_thread', columnNames: ['thread_ref'] }),
          new TableIndex({ name: 'idx_cases_user', columnNames: ['user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'case_messages',
        columns: [id(), int('case_id'), str('author', 16), text('text'), stamp(q, 'created_at')],
        indices: [new TableIndex({ name: 'idx_case_messages_case', columnNames: ['case_id', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'feedback',
        columns: [
          id(),
          str('conversation_key', 191),
          int('user_id', true),
          str('kind', 16),
          str('subject', 64),
          int('rating'),
          str('comment', 1000, true),
          stamp(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_feedback_kind', columnNames: ['kind', 'created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'channel_identities',
        columns: [
          { ...str('channel_id', 32), isPrimary: true },
          { ...str('channel_user_id', 128), isPrimary: true },
          int('user_id'),
          time('verified_at'),
        ],
        indices: [new TableIndex({ name: 'idx_channel_identities_user', columnNames: ['user_id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['channel_identities', 'feedback', 'case_messages', 'support_cases']) await q.dropTable(t);
  }
}
