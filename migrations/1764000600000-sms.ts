import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableIndex } from 'typeorm';
import { bool, id, int, str, text, time } from './columns';

/**
 * The SMS channel (Twilio): inbound messages (unique MessageSid, so a repeated webhook is handled once,
 * and a status for recovery after a crash), the delivery status of each SMS sent, and opted-out numbers.
 * Twilio's ids compare byte for byte on MySQL (binary collation) as they do on SQLite.
 */
export class Sms1764000600000 implements MigrationInterface {
  name = 'Sms1764000600000';

  async up(q: QueryRunner): Promise<void> {
    const mysql = q.connection.driver.options.type === 'mysql';
    const exact = (c: TableColumnOptions): TableColumnOptions =>
      mysql ? { ...c, charset: 'utf8mb4', collation: 'utf8mb4_bin' } : c;

    await q.createTable(
      new Table({
        name: 'sms_inbound',
        columns: [
          id(),
          exact(str('message_sid', 64)),
          str('from_number', 32),
          str('to_number', 32),
          text('body'),
          int('num_media', false, 0),
          str('status', 16),
          int('attempts', false, 1),
          time('received_at'),
          time('claimed_at'),
          time('processed_at', true),
        ],
        uniques: [{ name: 'uq_sms_inbound_sid', columnNames: ['message_sid'] }],
        indices: [new TableIndex({ name: 'idx_sms_inbound_status', columnNames: ['status', 'claimed_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sms_outbound',
        columns: [
          { ...exact(str('message_sid', 64)), isPrimary: true },
          str('to_number', 32),
          str('status', 24),
          int('status_rank', false, 0),
          str('error_code', 16, true),
          int('segments', true),
          time('created_at'),
          time('updated_at'),
        ],
        indices: [new TableIndex({ name: 'idx_sms_outbound_to', columnNames: ['to_number', 'created_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sms_opt_outs',
        columns: [
          { ...str('phone', 32), isPrimary: true },
          bool('opted_out', true),
          str('source', 64),
          time('changed_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sms_opt_outs', 'sms_outbound', 'sms_inbound']) await q.dropTable(t);
  }
}
