import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { str, time } from './columns';

/** The Slack channel: Events API / interactivity deliveries already handled (Slack retries them). */
export class Slack1764000700000 implements MigrationInterface {
  name = 'Slack1764000700000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'slack_events',
        columns: [{ ...str('event_key', 191), isPrimary: true }, time('received_at')],
        indices: [new TableIndex({ name: 'idx_slack_events_received', columnNames: ['received_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('slack_events');
  }
}
