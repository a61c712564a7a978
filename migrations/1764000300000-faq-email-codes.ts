import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str, text, time } from './columns';

/**
 * Traveller support: the help articles (`faq_articles`, editable by admins, shown on /help and in the
 * chat) and the one-time codes that verify an email address in the chat (`email_codes`; only a salted
 * hash of each code is kept).
 */
export class FaqEmailCodes1764000300000 implements MigrationInterface {
  name = 'FaqEmailCodes1764000300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'faq_articles',
        columns: [
          id(),
          str('slug', 64),
          str('topic', 32),
          str('question', 200),
          text('answer'),
          text('keywords'),
          int('position', false, 0),
          stamp(q, 'updated_at'),
        ],
        uniques: [{ name: 'uq_faq_articles_slug', columnNames: ['slug'] }],
        indices: [new TableIndex({ name: 'idx_faq_articles_topic', columnNames: ['topic', 'position'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'email_codes',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('email', 254),
          str('code_hash', 64),
          str('conversation_key', 255),
          int('attempts', false, 0),
          time('expires_at'),
          time('used_at', true),
          stamp(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_email_codes_email', columnNames: ['email', 'created_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['email_codes', 'faq_articles']) await q.dropTable(t);
  }
}
