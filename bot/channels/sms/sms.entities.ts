import { EntitySchema } from 'typeorm';

/** The SMS channel (Twilio): inbound messages, delivery status of outbound ones, opt-outs (migration 1764000600000). */

/**
 * processing: recorded and claimed (by the instance that answered the webhook, or by recovery after a
 * crash); done: the turn ran; ignored: nothing to run (an opted-out number, a repeated STOP); failed:
 * gave up after repeated crashes; expired: too old to answer when recovery found it.
 */
export type SmsInboundStatus = 'processing' | 'done' | 'ignored' | 'failed' | 'expired';

export interface SmsInboundRow {
  id: number;
  /** Twilio's MessageSid: unique, so a repeated webhook delivery is recorded (and answered) once. */
  messageSid: string;
  /** The traveller's number, E.164. */
  fromNumber: string;
  /** Our number (or short code) it was sent to. */
  toNumber: string;
  /** The text; cleared once the message is handled (kept only on failed rows, to investigate). */
  body: string;
  numMedia: number;
  status: SmsInboundStatus;
  attempts: number;
  receivedAt: Date;
  /** When the current attempt started; a 'processing' row claimed long ago belongs to a crashed process. */
  claimedAt: Date;
  processedAt: Date | null;
}

export interface SmsOutboundRow {
  /** Twilio's MessageSid of one SMS we sent. */
  messageSid: string;
  toNumber: string;
  /** Twilio's latest status: accepted, queued, sending, sent, delivered, undelivered, failed … */
  status: string;
  /** Order of the status in a message's life, so a late "sent" callback cannot overwrite "delivered". */
  statusRank: number;
  errorCode: string | null;
  /** GSM-7 segments the text takes (from our own count), null when only a status callback was seen. */
  segments: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SmsOptOutRow {
  /** E.164. */
  phone: string;
  optedOut: boolean;
  /** What did it: the keyword ("STOP"), a plain request, or Twilio's error 21610. */
  source: string;
  changedAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const SmsInboundEntity = new EntitySchema<SmsInboundRow>({
  name: 'SmsInbound',
  tableName: 'sms_inbound',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    messageSid: { name: 'message_sid', type: 'varchar', length: 64 },
    fromNumber: { name: 'from_number', type: 'varchar', length: 32 },
    toNumber: { name: 'to_number', type: 'varchar', length: 32 },
    body: { type: 'text' },
    numMedia: { name: 'num_media', type: 'int', default: 0 },
    status: { type: 'varchar', length: 16 },
    attempts: { type: 'int', default: 1 },
    receivedAt: when('received_at'),
    claimedAt: when('claimed_at'),
    processedAt: when('processed_at', true),
  },
});

export const SmsOutboundEntity = new EntitySchema<SmsOutboundRow>({
  name: 'SmsOutbound',
  tableName: 'sms_outbound',
  columns: {
    messageSid: { name: 'message_sid', type: 'varchar', length: 64, primary: true },
    toNumber: { name: 'to_number', type: 'varchar', length: 32 },
    status: { type: 'varchar', length: 24 },
    statusRank: { name: 'status_rank', type: 'int', default: 0 },
    errorCode: { name: 'error_code', type: 'varchar', length: 16, nullable: true },
    segments: { type: 'int', nullable: true },
    createdAt: when('created_at'),
    updatedAt: when('updated_at'),
  },
});

export const SmsOptOutEntity = new EntitySchema<SmsOptOutRow>({
  name: 'SmsOptOut',
  tableName: 'sms_opt_outs',
  columns: {
    phone: { type: 'varchar', length: 32, primary: true },
    optedOut: { name: 'opted_out', type: 'boolean' },
    source: { type: 'varchar', length: 64 },
    changedAt: when('changed_at'),
  },
});

/** The SMS channel's entities (in the bot's list, ../../entities.ts). */
export const SMS_ENTITIES = [SmsInboundEntity, SmsOutboundEntity, SmsOptOutEntity];
