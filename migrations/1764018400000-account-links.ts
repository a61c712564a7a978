import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { stamp, str, time } from './columns';

/**
 * One-time account links mailed to an address: "forgot password" (set a password, which is also how a guest
 * claims an account) and passwordless web sign-in. Only a SHA-256 of each link's token is kept.
 */
export class AccountLinks1764018400000 implements MigrationInterface {
  name = 'AccountLinks1764018400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'account_links',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('purpose', 16),
          str('email', 254),
          str('token_hash', 64),
          time('expires_at'),
          time('used_at', true),
          stamp(q, 'created_at'),
        ],
        uniques: [{ name: 'uq_account_links_token_hash', columnNames: ['token_hash'] }],
        indices: [new TableIndex({ name: 'idx_account_links_expires', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('account_links');
  }
}
