import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { time } from './columns';

/**
 * Signing out or changing a password ends every session the user had: access tokens and Direct Line
 * tokens issued before `sessions_revoked_at` are refused (refresh tokens are revoked in their own table).
 */
export class SessionRevocation1764011100000 implements MigrationInterface {
  name = 'SessionRevocation1764011100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(time('sessions_revoked_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'sessions_revoked_at');
  }
}
