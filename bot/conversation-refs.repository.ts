import type { ConversationReference } from 'botbuilder';
import type { Db } from '../api/db/db';
import { isUniqueViolation } from '../api/db/db';
import { BookingWatchEntity, ConversationRefEntity, type ConversationRefRow } from './conversation-refs.entities';

const MAX_REMEMBERED = 50_000;

/** Conversation references (to message travellers later) and which conversations follow which booking. */
export class ConversationRefRepository {
  /**
   * What this process last wrote per conversation. Every turn saves the reference, but it only changes
   * when the traveller signs in or the channel moves: an unchanged one is not written again. (Another
   * instance writes the same reference for the same conversation, so skipping is safe across instances.)
   */
  private readonly written = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async save(
    conversationKey: string,
    channelId: string,
    reference: Partial<ConversationReference>,
    userId: number | null,
  ): Promise<void> {
    // The id of the activity a reference was taken from changes every turn and is not needed to write later.
    const { activityId: _turnActivity, ...lasting } = reference;
    const value = JSON.stringify([channelId, lasting, userId]);
    if (this.written.get(conversationKey) === value) return;
    // An upsert that does not read the row back (Repository.upsert would, for its update time): one round trip.
    // Two instances on two cluster nodes may write one conversation's first reference at once: the loser retries.
    await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(ConversationRefEntity)
        .values({ conversationKey, channelId, reference: lasting as never, userId, updatedAt: new Date() })
        .orUpdate(['channel_id', 'reference', 'user_id', 'updated_at'], ['conversation_key'])
        .updateEntity(false)
        .execute(),
    );
    if (this.written.size >= MAX_REMEMBERED) this.written.clear();
    this.written.set(conversationKey, value);
  }

  find(conversationKey: string): Promise<ConversationRefRow | null> {
    return this.db.run((em) => em.getRepository(ConversationRefEntity).findOneBy({ conversationKey }));
  }

  async watch(pnr: string, conversationKey: string): Promise<void> {
    try {
      await this.db.run((em) =>
        em
          .createQueryBuilder()
          .insert()
          .into(BookingWatchEntity)
          .values({ pnr, conversationKey })
          .updateEntity(false)
          .execute(),
      );
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
