import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The admin report (ReportRepository) reads each table by a date window: bookings by creation,
 * payments by when they were paid, refunds by when they settled, feedback and support cases by
 * creation. These indexes let the database seek to the window instead of reading every row; the
 * booking list for admins (newest first) uses the bookings one too. Refunds' status-only index is
 * replaced by one on (status, updated_at), which serves both kinds of query.
 */
export class ReportIndexes1764001000000 implements MigrationInterface {
  name = 'ReportIndexes1764001000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('bookings', new TableIndex({ name: 'idx_bookings_created', columnNames: ['created_at'] }));
    await q.createIndex(
      'payments',
      new TableIndex({ name: 'idx_payments_status_paid', columnNames: ['status', 'paid_at'] }),
    );
    await q.createIndex(
      'refunds',
      new TableIndex({ name: 'idx_refunds_status_updated', columnNames: ['status', 'updated_at'] }),
    );
    await q.dropIndex('refunds', 'idx_refunds_status');
    await q.createIndex('feedback', new TableIndex({ name: 'idx_feedback_created', columnNames: ['created_at'] }));
    await q.createIndex('support_cases', new TableIndex({ name: 'idx_cases_created', columnNames: ['created_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('support_cases', 'idx_cases_created');
    await q.dropIndex('feedback', 'idx_feedback_created');
    await q.createIndex('refunds', new TableIndex({ name: 'idx_refunds_status', columnNames: ['status'] }));
    await q.dropIndex('refunds', 'idx_refunds_status_updated');
    await q.dropIndex('payments', 'idx_payments_status_paid');
    await q.dropIndex('bookings', 'idx_bookings_created');
  }
}
