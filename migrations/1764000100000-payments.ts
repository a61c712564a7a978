import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bigint, bool, id, int, stamp, str, text, time } from './columns';

/** Payments and their provider events, refunds, cancellation quotes, ticket serials, mail and event outboxes. */
export class Payments1764000100000 implements MigrationInterface {
  name = 'Payments1764000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'payments',
        columns: [
          id(),
          int('booking_id'),
          str('provider', 16),
          str('session_id', 255, true),
          str('payment_intent_id', 255, true),
          int('amount'),
          str('currency', 3),
          str('status', 16),
          str('url', 1024, true),
          time('expires_at'),
          str('idempotency_key', 100),
          str('failure_reason', 255, true),
          time('paid_at', true),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        uniques: [
          { name: 'uq_payments_idempotency', columnNames: ['idempotency_key'] },
          { name: 'uq_payments_session', columnNames: ['session_id'] },
        ],
        indices: [
          new TableIndex({ name: 'idx_payments_booking', columnNames: ['booking_id'] }),
          new TableIndex({ name: 'idx_payments_intent', columnNames: ['payment_intent_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'payment_events',
        columns: [
          { ...str('id', 255), isPrimary: true },
          str('provider', 16),
          str('type', 100),
          stamp(q, 'received_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refunds',
        columns: [
          id(),
          int('booking_id'),
          int('payment_id'),
          str('provider', 16),
          str('provider_refund_id', 255, true),
          int('amount'),
          str('currency', 3),
          str('status', 16),
          str('reason', 255),
          str('idempotency_key', 100),
          str('failure_reason', 255, true),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        uniques: [{ name: 'uq_refunds_idempotency', columnNames: ['idempotency_key'] }],
        indices: [
          new TableIndex({ name: 'idx_refunds_booking', columnNames: ['booking_id'] }),
          new TableIndex({ name: 'idx_refunds_provider_id', columnNames: ['provider_refund_id'] }),
          new TableIndex({ name: 'idx_refunds_status', columnNames: ['status'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'cancellation_quotes',
        columns: [
          { ...str('id', 36), isPrimary: true },
          int('booking_id'),
          int('booking_version'),
          int('refund_amount'),
          int('fee_amount'),
          str('currency', 3),
          str('rule', 255),
          bool('waived', false),
          str('reason', 500, true),
          int('created_by_user_id', true),
          time('expires_at'),
          time('used_at', true),
          stamp(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_quotes_booking', columnNames: ['booking_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ticket_sequences',
        columns: [{ ...str('prefix', 3), isPrimary: true }, bigint('next_serial')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mail_outbox',
        columns: [
          id(),
          str('dedupe_key', 150),
          str('kind', 40),
          str('to_address', 254),
          str('subject', 255),
          text('body_text'),
          text('body_html', true),
          text('attachments', true),
          str('status', 16),
          int('attempts', false, 0),
          time('next_attempt_at'),
          str('last_error', 500, true),
          time('sent_at', true),
          stamp(q, 'created_at'),
        ],
        uniques: [{ name: 'uq_mail_outbox_dedupe', columnNames: ['dedupe_key'] }],
        indices: [new TableIndex({ name: 'idx_mail_outbox_due', columnNames: ['status', 'next_attempt_at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'domain_events',
        columns: [
          id(),
          str('type', 64),
          text('payload'),
          int('attempts', false, 0),
          time('locked_until', true),
          time('dispatched_at', true),
          stamp(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_domain_events_pending', columnNames: ['dispatched_at', 'id'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'domain_events',
      'mail_outbox',
      'ticket_sequences',
      'cancellation_quotes',
      'refunds',
      'payment_events',
      'payments',
    ])
      await q.dropTable(t);
  }
}
