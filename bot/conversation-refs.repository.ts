import type { ConversationReference } from 'botbuilder';
import type { Db } from '../api/db/db';
import { isUniqueViolation } from '../api/db/db';
import { BookingWatchEntity, ConversationRefEntity, type ConversationRefRow } from '../api/db/entities';

/** Conversation references (to message travellers later) and which conversations follow which booking. */
export class ConversationRefRepository {
  constructor(private readonly db: Db) {}

  async save(conversationKey: string, channelId: string, reference: Partial<ConversationReference>, userId: number | null): Promise<void> {
    await this.db.run((em) =>
      em.getRepository(ConversationRefEntity).upsert({ conversationKey, channelId, reference: reference as never, userId }, ['conversationKey']),
    );
  }

  find(conversationKey: string): Promise<ConversationRefRow | null> {
    return this.db.run((em) => em.getRepository(ConversationRefEntity).findOneBy({ conversationKey }));
  }

  async watch(pnr: string, conversationKey: string): Promise<void> {
    try {
      await this.db.run((em) => em.createQueryBuilder().insert().into(BookingWatchEntity).values({ pnr, conversationKey }).execute());
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** Conversations following a booking, with their references. */
  async watchers(pnr: string): Promise<ConversationRefRow[]> {
    const watches = await this.db.run((em) => em.getRepository(BookingWatchEntity).find({ where: { pnr } }));
    const refs = await Promise.all(watches.map((w) => this.find(w.conversationKey)));
    return refs.filter((r): r is ConversationRefRow => r !== null);
  }
}
