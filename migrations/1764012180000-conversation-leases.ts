import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';
import { bigint, str } from './columns';

/**
 * Per-conversation turn leases (bot/conversation-leases.ts): while an instance runs a turn of a conversation it
 * holds that conversation's row, so turns of one conversation never overlap across instances. A row lives only
 * while its turn runs (released by DELETE); `expires_at` (epoch ms) frees the row of an instance that died.
 */
export class ConversationLeases1764012180000 implements MigrationInterface {
  name = 'ConversationLeases1764012180000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'conversation_leases',
        columns: [{ ...str('name', 191), isPrimary: true }, str('holder', 80), bigint('expires_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('conversation_leases');
  }
}
