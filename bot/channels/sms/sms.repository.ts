import { IsNull } from 'typeorm';
import type { Db } from '../../../api/db/db';
import { isUniqueViolation } from '../../../api/db/db';
import {
  SmsInboundEntity,
  type SmsInboundRow,
  type SmsInboundStatus,
  SmsOptOutEntity,
  SmsOutboundEntity,
} from './sms.entities';

/** Order of Twilio's message statuses: a callback never moves a message back (callbacks can arrive out of order). */
const STATUS_RANK: Record<string, number> = {
  accepted: 1,
  scheduled: 1,
  queued: 2,
  sending: 3,
  sent: 4,
  receiving: 4,
  received: 5,
  delivered: 5,
  undelivered: 5,
  failed: 5,
  read: 6,
  canceled: 6,
};

export const statusRank = (status: string): number => STATUS_RANK[status] ?? 0;

export interface NewInbound {
  messageSid: string;
  fromNumber: string;
  toNumber: string;
  body: string;
  numMedia: number;
}

/** The SMS channel's tables: inbound messages, outbound delivery status, opt-outs. */
export class SmsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records an inbound message, already claimed for processing by the caller. Null when this MessageSid
   * is already recorded (Twilio delivered the webhook again): the unique key decides, atomically.
   */
  async recordInbound(m: NewInbound, now: Date): Promise<SmsInboundRow | null> {
    try {
      const r = await this.db.run((em) =>
        em
          .createQueryBuilder()
          .insert()
          .into(SmsInboundEntity)
          .values({ ...m, status: 'processing', attempts: 1, receivedAt: now, claimedAt: now, processedAt: null })
          .execute(),
      );
      const id = Number((r.identifiers[0] as { id?: number } | undefined)?.id ?? r.raw?.insertId);
      return { id, ...m, status: 'processing', attempts: 1, receivedAt: now, claimedAt: now, processedAt: null };
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  findInbound(messageSid: string): Promise<SmsInboundRow | null> {
    return this.db.run((em) => em.getRepository(SmsInboundEntity).findOneBy({ messageSid }));
  }

  /** Rows still 'processing' whose attempt started before `claimedBefore` (their process died), oldest first. */
  stale(claimedBefore: Date, limit = 50): Promise<SmsInboundRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(SmsInboundEntity)
        .createQueryBuilder('m')
        .where('m.status = :status AND m.claimedAt < :claimedBefore', { status: 'processing', claimedBefore })
        .orderBy('m.id', 'ASC')
        .limit(limit)
        .getMany(),
    );
  }

  /** Takes a stale row for another attempt; false when another instance took it first. */
  async reclaim(id: number, claimedBefore: Date, now: Date): Promise<boolean> {
    // Every instance's sweep may take the same row: on a cluster the loser's 1213 runs again and finds it taken.
    const r = await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .update(SmsInboundEntity)
        .set({ claimedAt: now, attempts: () => 'attempts + 1' })
        .where('id = :id AND status = :status AND claimed_at < :claimedBefore', {
          id,
          status: 'processing',
          claimedBefore,
        })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Closes a row; the text is dropped unless the row failed (then it is kept to investigate). */
  async finishInbound(id: number, status: Exclude<SmsInboundStatus, 'processing'>, now: Date): Promise<void> {
    await this.db.runRetrying((em) =>
      em
        .getRepository(SmsInboundEntity)
        .update({ id }, { status, processedAt: now, ...(status === 'failed' ? {} : { body: '' }) }),
    );
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const row = await this.db.run((em) => em.getRepository(SmsOptOutEntity).findOneBy({ phone }));
    return row?.optedOut === true;
  }

  /** Records an opt-out (true) or opt-in (false); returns whether it changed anything. */
  async setOptedOut(phone: string, optedOut: boolean, source: string, now: Date): Promise<boolean> {
    return this.db.transaction(async () => {
      const was = await this.isOptedOut(phone);
      if (was === optedOut) return false;
      await this.db.run((em) =>
        em
          .getRepository(SmsOptOutEntity)
          .upsert({ phone, optedOut, source: source.slice(0, 64), changedAt: now }, ['phone']),
      );
      return true;
    });
  }

  /**
   * Records a status for an SMS we sent (on sending, and from Twilio's status callbacks), keeping the
   * furthest status when callbacks arrive out of order.
   */
  async recordStatus(
    s: { messageSid: string; toNumber: string; status: string; errorCode?: string | null; segments?: number | null },
    now: Date,
  ): Promise<void> {
    const rank = statusRank(s.status);
    // Our send-time record and Twilio's callbacks write the same row, maybe through two cluster nodes: each
    // write that loses a conflict (1213) runs again.
    const update = () =>
      this.db.runRetrying((em) =>
        em
          .createQueryBuilder()
          .update(SmsOutboundEntity)
          .set({
            status: s.status,
            statusRank: rank,
            updatedAt: now,
            ...(s.errorCode ? { errorCode: s.errorCode } : {}),
            ...(s.segments != null ? { segments: s.segments } : {}),
          })
          .where('message_sid = :sid AND status_rank <= :rank', { sid: s.messageSid, rank })
          .execute(),
      );
    if (((await update()).affected ?? 0) > 0) return;
    const exists = await this.db.run((em) =>
      em.getRepository(SmsOutboundEntity).existsBy({ messageSid: s.messageSid }),
    );
    if (exists) {
      // Only the segment count may still be missing (the callback came before our own record).
      if (s.segments != null)
        await this.db.runRetrying((em) =>
          em
            .getRepository(SmsOutboundEntity)
            .update({ messageSid: s.messageSid, segments: IsNull() }, { segments: s.segments }),
        );
      return;
    }
    try {
      await this.db.runRetrying((em) =>
        em
          .createQueryBuilder()
          .insert()
          .into(SmsOutboundEntity)
          .values({
            messageSid: s.messageSid,
            toNumber: s.toNumber,
            status: s.status,
            statusRank: rank,
            errorCode: s.errorCode ?? null,
            segments: s.segments ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .execute(),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      await update(); // the other writer won the insert: apply ours on top if it is further along
    }
  }

  findOutbound(messageSid: string) {
    return this.db.run((em) => em.getRepository(SmsOutboundEntity).findOneBy({ messageSid }));
  }
}
