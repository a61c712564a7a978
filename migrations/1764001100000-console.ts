import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { str, text, time } from './columns';

/**
 * The operations console (issue 14). The audit log says from where an action came (address and browser) and
 * what the thing looked like before and after it; admins read it newest first, by actor or by time window.
 * Accounts can be disabled by an admin without deleting them (their history stays attributable).
 */
export class Console1764001100000 implements MigrationInterface {
  name = 'Console1764001100000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('audit_log', [
      new TableColumn(str('ip', 64, true)),
      new TableColumn(str('user_agent', 255, true)),
      new TableColumn(text('before_data', true)),
      new TableColumn(text('after_data', true)),
    ]);
    await q.createIndex('audit_log', new TableIndex({ name: 'idx_audit_created', columnNames: ['created_at'] }));
    await q.createIndex(
      'audit_log',
      new TableIndex({ name: 'idx_audit_actor', columnNames: ['actor_user_id', 'created_at'] }),
    );
    await q.addColumn('users', new TableColumn(time('disabled_at', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'disabled_at');
    await q.dropIndex('audit_log', 'idx_audit_actor');
    await q.dropIndex('audit_log', 'idx_audit_created');
    for (const c of ['after_data', 'before_data', 'user_agent', 'ip']) await q.dropColumn('audit_log', c);
  }
}
