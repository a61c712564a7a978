import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { int, stamp, str, text } from './columns';

/** Conversation references for proactive messages, and the conversations that follow each booking. */
export class Conversations1764000400000 implements MigrationInterface {
  name = 'Conversations1764000400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'conversation_refs',
        columns: [
          { ...str('conversation_key', 191), isPrimary: true },
          str('channel_id', 32),
          text('reference'),
          int('user_id', true),
          stamp(q, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'idx_conversation_refs_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'booking_watches',
        columns: [
          { ...str('pnr', 6), isPrimary: true },
          { ...str('conversation_key', 191), isPrimary: true },
          stamp(q, 'created_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('booking_watches');
    await q.dropTable('conversation_refs');
  }
}
