import { EntitySchema } from 'typeorm';
import type { MailOutboxRow, PaymentRow, RefundRow, SeatChangeRow, VoidedTicketRow } from '../../domain/records';

/**
 * Payments, refunds, cancellation quotes, ticket serials, and the durable mail and event outboxes.
 * Records that code outside the repositories uses are defined in api/domain/records; the rest here.
 */

export interface PaymentEventRow {
  /** The provider's event id: a duplicate delivery finds its row and changes nothing. */
  id: string;
  provider: string;
  type: string;
  receivedAt: Date;
}

export interface CancellationQuoteRow {
  id: string;
  bookingId: number;
  bookingVersion: number;
  refundAmount: number;
  feeAmount: number;
  currency: string;
  rule: string;
  waived: boolean;
  reason: string | null;
  createdByUserId: number | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export interface TicketSequenceRow {
  prefix: string;
  nextSerial: number;
}

export interface DomainEventRow {
  id: number;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  lockedUntil: Date | null;
  dispatchedAt: Date | null;
  createdAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });
const created = { ...when('created_at'), createDate: true };
const updated = { ...when('updated_at'), updateDate: true };

export const PaymentEntity = new EntitySchema<PaymentRow>({
  name: 'Payment',
  tableName: 'payments',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    provider: { type: 'varchar', length: 16 },
    sessionId: { name: 'session_id', type: 'varchar', length: 255, nullable: true },
    paymentIntentId: { name: 'payment_intent_id', type: 'varchar', length: 255, nullable: true },
    amount: { type: 'int' },
    currency: { type: 'varchar', length: 3 },
    status: { type: 'varchar', length: 16 },
    url: { type: 'varchar', length: 1024, nullable: true },
    expiresAt: when('expires_at'),
    idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 100 },
    failureReason: { name: 'failure_reason', type: 'varchar', length: 255, nullable: true },
    paidAt: when('paid_at', true),
    seatChangeId: { name: 'seat_change_id', type: 'int', nullable: true },
    bagOrderId: { name: 'bag_order_id', type: 'int', nullable: true },
    createdAt: created,
    updatedAt: updated,
  },
});

export const SeatChangeEntity = new EntitySchema<SeatChangeRow>({
  name: 'SeatChange',
  tableName: 'seat_changes',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    status: { type: 'varchar', length: 16 },
    moves: { type: 'simple-json' },
    amount: { type: 'int' },
    currency: { type: 'varchar', length: 3 },
    masked: { type: 'boolean', default: false },
    kind: { type: 'varchar', length: 16, default: 'seats' },
    flightChange: { name: 'flight_change', type: 'simple-json', nullable: true },
    expiresAt: when('expires_at'),
    settledAt: when('settled_at', true),
    createdAt: created,
    updatedAt: updated,
  },
});

/** Ticket numbers replaced by a reissue (flight changes). */
export const VoidedTicketEntity = new EntitySchema<VoidedTicketRow>({
  name: 'VoidedTicket',
  tableName: 'voided_tickets',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    passengerId: { name: 'passenger_id', type: 'int' },
    ticketNumber: { name: 'ticket_number', type: 'varchar', length: 13 },
    replacedBy: { name: 'replaced_by', type: 'varchar', length: 13 },
    reason: { type: 'varchar', length: 32 },
    voidedAt: when('voided_at'),
  },
});

export const PaymentEventEntity = new EntitySchema<PaymentEventRow>({
  name: 'PaymentEvent',
  tableName: 'payment_events',
  columns: {
    id: { type: 'varchar', length: 255, primary: true },
    provider: { type: 'varchar', length: 16 },
    type: { type: 'varchar', length: 100 },
    receivedAt: { ...when('received_at'), createDate: true },
  },
});

export const RefundEntity = new EntitySchema<RefundRow>({
  name: 'Refund',
  tableName: 'refunds',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    bookingId: { name: 'booking_id', type: 'int' },
    paymentId: { name: 'payment_id', type: 'int' },
    provider: { type: 'varchar', length: 16 },
    providerRefundId: { name: 'provider_refund_id', type: 'varchar', length: 255, nullable: true },
    amount: { type: 'int' },
    currency: { type: 'varchar', length: 3 },
    status: { type: 'varchar', length: 16 },
    reason: { type: 'varchar', length: 255 },
    idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 100 },
    failureReason: { name: 'failure_reason', type: 'varchar', length: 255, nullable: true },
    createdAt: created,
    updatedAt: updated,
  },
});

export const CancellationQuoteEntity = new EntitySchema<CancellationQuoteRow>({
  name: 'CancellationQuote',
  tableName: 'cancellation_quotes',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    bookingId: { name: 'booking_id', type: 'int' },
    bookingVersion: { name: 'booking_version', type: 'int' },
    refundAmount: { name: 'refund_amount', type: 'int' },
    feeAmount: { name: 'fee_amount', type: 'int' },
    currency: { type: 'varchar', length: 3 },
    rule: { type: 'varchar', length: 255 },
    waived: { type: 'boolean', default: false },
    reason: { type: 'varchar', length: 500, nullable: true },
    createdByUserId: { name: 'created_by_user_id', type: 'int', nullable: true },
    expiresAt: when('expires_at'),
    usedAt: when('used_at', true),
    createdAt: created,
  },
});

export const TicketSequenceEntity = new EntitySchema<TicketSequenceRow>({
  name: 'TicketSequence',
  tableName: 'ticket_sequences',
  columns: {
    prefix: { type: 'varchar', length: 3, primary: true },
    nextSerial: {
      name: 'next_serial',
      type: 'bigint',
      transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
    },
  },
});

export const MailOutboxEntity = new EntitySchema<MailOutboxRow>({
  name: 'MailOutbox',
  tableName: 'mail_outbox',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    dedupeKey: { name: 'dedupe_key', type: 'varchar', length: 150 },
    kind: { type: 'varchar', length: 40 },
    toAddress: { name: 'to_address', type: 'varchar', length: 254 },
    subject: { type: 'varchar', length: 255 },
    bodyText: { name: 'body_text', type: 'text' },
    bodyHtml: { name: 'body_html', type: 'text', nullable: true },
    attachments: { type: 'simple-json', nullable: true },
    status: { type: 'varchar', length: 16 },
    attempts: { type: 'int', default: 0 },
    nextAttemptAt: when('next_attempt_at'),
    lastError: { name: 'last_error', type: 'varchar', length: 500, nullable: true },
    sentAt: when('sent_at', true),
    createdAt: created,
  },
});

export const DomainEventEntity = new EntitySchema<DomainEventRow>({
  name: 'DomainEvent',
  tableName: 'domain_events',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    type: { type: 'varchar', length: 64 },
    payload: { type: 'simple-json' },
    attempts: { type: 'int', default: 0 },
    lockedUntil: when('locked_until', true),
    dispatchedAt: when('dispatched_at', true),
    createdAt: created,
  },
});
