import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str, text, time } from './columns';

/**
 * One row per domain event and subscriber: each subscriber's delivery is tried, retried with back-off and
 * dead-lettered on its own, so a failing subscriber never makes the others see an event twice.
 * `steps` lists the parts of a delivery already done (e.g. each conversation told), so a retry skips them.
 */
export class EventDeliveries1764018200000 implements MigrationInterface {
  name = 'EventDeliveries1764018200000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'event_deliveries',
        columns: [
          id(),
          int('event_id'),
          str('subscriber', 64),
          str('status', 16, false, 'pending'),
          int('attempts', false, 0),
          time('next_attempt_at'),
          text('steps', true),
          str('last_error', 255, true),
          time('finished_at', true),
          stamp(q, 'created_at'),
        ],
        indices: [
          new TableIndex({ name: 'uq_event_deliveries', columnNames: ['event_id', 'subscriber'], isUnique: true }),
          new TableIndex({ name: 'idx_event_deliveries_due', columnNames: ['status', 'next_attempt_at'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_deliveries');
  }
}
