import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableIndex } from 'typeorm';
import { int, stamp, str } from './columns';

/**
 * Bot runtime tables: botbuilder state (`bot_state`) and the Direct Line conversations and activity
 * log (`dl_conversations`, `dl_activities`). Keys and ids compare byte for byte on MySQL (binary
 * collation) as they do on SQLite, so 'U1' and 'u1' are different keys. JSON payloads use MEDIUMTEXT on
 * MySQL (TEXT stops at 64 kB, too little for a large Adaptive Card or dialog stack).
 */
export class BotRuntime1764000200000 implements MigrationInterface {
  name = 'BotRuntime1764000200000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const exact = (c: TableColumnOptions): TableColumnOptions =>
      mysql ? { ...c, charset: 'utf8mb4', collation: 'utf8mb4_bin' } : c;
    const json = (name: string): TableColumnOptions => ({
      name,
      type: mysql ? 'mediumtext' : 'text',
      isNullable: false,
    });

    await q.createTable(
      new Table({
        name: 'bot_state',
        columns: [
          { ...exact(str('state_key', 255)), isPrimary: true },
          json('data'),
          str('etag', 40),
          stamp(q, 'updated_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dl_conversations',
        columns: [
          { ...exact(str('id', 64)), isPrimary: true },
          exact(str('user_id', 128)),
          // The sequence number of the conversation's last activity: the Direct Line watermark.
          int('last_seq', false, 0),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        indices: [new TableIndex({ name: 'idx_dl_conversations_user', columnNames: ['user_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'dl_activities',
        columns: [
          { ...exact(str('conversation_id', 64)), isPrimary: true },
          { ...int('seq'), isPrimary: true },
          exact(str('activity_id', 100)),
          json('activity'),
          stamp(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'idx_dl_activities_activity', columnNames: ['conversation_id', 'activity_id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['dl_activities', 'dl_conversations', 'bot_state']) await q.dropTable(t);
  }
}
