import type { EntitySchema, ObjectLiteral } from 'typeorm';
import type { Db } from '../api/db/db';
import { SmsInboundEntity, SmsOutboundEntity } from './channels/sms/sms.entities';
import { BookingWatchEntity, ConversationRefEntity } from './conversation-refs.entities';
import { DlActivityEntity, DlConversationEntity } from './directline/directline.entities';
import { BotStateEntity } from './storage/bot-state.entities';

/** Purges of the bot's personal data (conversations and SMS logs) idle since before a cutoff. */
export class BotRetentionRepository {
  constructor(private readonly db: Db) {}

  /**
   * Conversations idle since `cutoff`: Direct Line conversations with their activities, bot state
   * (dialog and user state of every channel), conversation references and their booking watches, and turn
   * leases that ran out before the cutoff.
   */
  async purgeIdleConversations(cutoff: Date): Promise<number> {
    return this.db.transaction(() =>
      this.db.run(async (em) => {
        const del = <T extends ObjectLiteral>(entity: EntitySchema<T>, where: string) =>
          em.createQueryBuilder().delete().from(entity).where(where, { cutoff }).execute();
        // Children before parents: the subqueries find them through the rows about to go.
        const activities = await del(
          DlActivityEntity,
          'conversation_id IN (SELECT id FROM dl_conversations WHERE updated_at < :cutoff)',
        );
        const conversations = await del(DlConversationEntity, 'updated_at < :cutoff');
        const state = await del(BotStateEntity, 'updated_at < :cutoff');
        const watches = await del(
          BookingWatchEntity,
          'conversation_key IN (SELECT conversation_key FROM conversation_refs WHERE updated_at < :cutoff)',
        );
        const refs = await del(ConversationRefEntity, 'updated_at < :cutoff');
        // Turn leases left behind by an instance that died mid-turn (their names hold SMS numbers).
        await em.query('DELETE FROM conversation_leases WHERE expires_at < ?', [cutoff.getTime()]);
        return [activities, conversations, state, watches, refs].reduce((n, r) => n + (r.affected ?? 0), 0);
      }),
    );
  }

  /** SMS message logs (numbers and texts) received or sent before `cutoff`. Opt-outs are kept (law). */
  async purgeSmsLogs(cutoff: Date): Promise<number> {
    return this.db.run(async (em) => {
      const inbound = await em
        .createQueryBuilder()
        .delete()
        .from(SmsInboundEntity)
        .where('received_at < :cutoff', { cutoff })
        .execute();
      const outbound = await em
        .createQueryBuilder()
        .delete()
        .from(SmsOutboundEntity)
        .where('created_at < :cutoff', { cutoff })
        .execute();
      return (inbound.affected ?? 0) + (outbound.affected ?? 0);
    });
  }
}
