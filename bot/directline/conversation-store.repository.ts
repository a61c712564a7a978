import { EventEmitter } from 'node:events';
import type { Activity } from 'botframework-schema';
import type { Db } from '../../api/db/db';
import { isUniqueViolation } from '../../api/db/db';
import { DlActivityEntity, DlConversationEntity, type DlConversationRow } from './directline.entities';
import { timeParam } from '../../api/repositories/sql';
import { GroupedAppends } from './grouped-appends.repository';

/** An activity as kept in the log, with its sequence number (the watermark it moves the reader to). */
export interface StoredActivity {
  seq: number;
  activity: Partial<Activity>;
}

export class UnknownConversationError extends Error {
  constructor(readonly conversationId: string) {
    super(`DirectLine: there is no conversation "${conversationId}".`);
    this.name = 'UnknownConversationError';
  }
}

/** The id Direct Line clients see for the activity with sequence number `seq`. */
export const activityIdFor = (conversationId: string, seq: number) =>
  `${conversationId}|${String(seq).padStart(7, '0')}`;

/**
 * Direct Line conversations and their activity logs in the database, so that any app instance can serve
 * any conversation. Each append takes the next sequence number from the conversation row inside one
 * transaction: the row lock orders writers across instances, so sequence numbers are committed in
 * order and a reader that has seen N has seen everything up to N.
 *
 * Emits 'appended' (conversationId: string, stored: StoredActivity) after each local commit.
 */
export class ConversationStore extends EventEmitter {
  /** MySQL: appends go in groups of two round trips (see GroupedAppends); SQLite appends in-process. */
  private readonly grouped: GroupedAppends | null;

  /**
   * @param present turns an activity as stored into what readers get (see DirectLineAdapterOptions.render):
   *   applied to every activity this store hands out (appended, replaced or read), never to what it writes.
   */
  constructor(
    readonly db: Db,
    private readonly present: (stored: Partial<Activity>) => Partial<Activity> = (a) => a,
  ) {
    super();
    this.setMaxListeners(0);
    this.grouped = db.batches ? new GroupedAppends(db.batches) : null;
  }

  find(id: string): Promise<DlConversationRow | null> {
    return this.db.run((em) => em.getRepository(DlConversationEntity).findOneBy({ id }));
  }

  /**
   * Creates the conversation unless it exists; `created` says which. The insert goes first: conversations are
   * nearly always opened new (their id was just minted with the token), so that is one statement, not two.
   */
  async ensure(id: string, userId: string): Promise<{ conversation: DlConversationRow; created: boolean }> {
    const now = new Date();
    const at = timeParam(this.db.kind, now);
    try {
      await this.db.run((em) =>
        em.query(
          'INSERT INTO dl_conversations (id, user_id, last_seq, created_at, updated_at) VALUES (?, ?, 0, ?, ?)',
          [id, userId, at, at],
        ),
      );
      return { conversation: { id, userId, lastSeq: 0, createdAt: now, updatedAt: now }, created: true };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const row = await this.find(id);
      if (!row) throw err;
      return { conversation: row, created: false };
    }
  }

  /**
   * Appends an activity: `build` receives the sequence number and its activity id and returns the
   * activity to store. Throws UnknownConversationError when the conversation does not exist.
   */
  async append(conversationId: string, build: (seq: number, id: string) => Partial<Activity>): Promise<StoredActivity> {
    if (this.grouped && !this.db.inTransaction) {
      const out = await this.grouped.append({
        conversationId,
        build: (seq) => {
          const activity = build(seq, activityIdFor(conversationId, seq));
          return { activityId: String(activity.id), activity };
        },
      });
      if (out.kind === 'unknown_conversation') throw new UnknownConversationError(conversationId);
      if (out.kind === 'appended') {
        const stored = { seq: out.seq, activity: this.present(out.activity) };
        this.emit('appended', conversationId, stored);
        return stored;
      }
      // The group was not written: append on its own below.
    }
    const stored = await this.db.transaction(async () => {
      const seq = await this.nextSeq(conversationId);
      const activity = build(seq, activityIdFor(conversationId, seq));
      await this.insertActivity(conversationId, seq, activity);
      return { seq, activity: this.present(activity) };
    });
    this.emit('appended', conversationId, stored);
    return stored;
  }

  /**
   * Replaces the activity with id `activityId`: the new version is appended (so readers past the old one
   * see it) and the old row removed (so history replays it once). False when there is no such activity.
   * `build` gets the previous version as stored (not presented).
   */
  async replace(
    conversationId: string,
    activityId: string,
    build: (previous: Partial<Activity>, seq: number) => Partial<Activity>,
  ): Promise<StoredActivity | null> {
    const stored = await this.db.transaction(async () => {
      const old = await this.db.run((em) =>
        em
          .getRepository(DlActivityEntity)
          .find({ where: { conversationId, activityId }, order: { seq: 'DESC' }, take: 1 }),
      );
      if (!old[0]) return null;
      const seq = await this.nextSeq(conversationId);
      const activity = build(JSON.parse(old[0].activity) as Partial<Activity>, seq);
      await this.db.run((em) =>
        em
          .createQueryBuilder()
          .delete()
          .from(DlActivityEntity)
          .where('conversation_id = :conversationId AND activity_id = :activityId', { conversationId, activityId })
          .execute(),
      );
      await this.insertActivity(conversationId, seq, activity);
      return { seq, activity: this.present(activity) };
    });
    if (stored) this.emit('appended', conversationId, stored);
    return stored;
  }

  /** Up to `limit` activities after `watermark`, oldest first. */
  async after(conversationId: string, watermark: number, limit = 100): Promise<StoredActivity[]> {
    const rows = await this.db.run((em) =>
      em
        .getRepository(DlActivityEntity)
        .createQueryBuilder('a')
        .select(['a.seq', 'a.activity'])
        .where('a.conversationId = :conversationId AND a.seq > :watermark', { conversationId, watermark })
        .orderBy('a.seq', 'ASC')
        .limit(limit)
        .getMany(),
    );
    return rows.map((r) => ({ seq: r.seq, activity: this.present(JSON.parse(r.activity) as Partial<Activity>) }));
  }

  /** The stored activity with this id, if any. */
  async findActivity(conversationId: string, activityId: string): Promise<StoredActivity | null> {
    const rows = await this.db.run((em) =>
      em
        .getRepository(DlActivityEntity)
        .find({ where: { conversationId, activityId }, order: { seq: 'DESC' }, take: 1 }),
    );
    if (!rows[0]) return null;
    return { seq: rows[0].seq, activity: this.present(JSON.parse(rows[0].activity) as Partial<Activity>) };
  }

  /** The current watermark (last sequence number) of each of these conversations that exists. */
  async lastSeqs(ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.run((em) =>
        em
          .getRepository(DlConversationEntity)
          .createQueryBuilder('c')
          .select(['c.id', 'c.lastSeq'])
          .where('c.id IN (:...chunk)', { chunk })
          .getMany(),
      );
      for (const r of rows) out.set(r.id, r.lastSeq);
    }
    return out;
  }

  /**
   * Retention: deletes up to `batch` conversations idle since before `cutoff`, with their activities, and
   * returns how many went (call until 0). Activities go first, so a conversation that wakes up meanwhile
   * keeps its row and numbering.
   */
  async purgeIdle(cutoff: Date, batch = 500): Promise<number> {
    const idle = await this.db.run((em) =>
      em
        .getRepository(DlConversationEntity)
        .createQueryBuilder('c')
        .select(['c.id'])
        .where('c.updatedAt < :cutoff', { cutoff })
        .limit(batch)
        .getMany(),
    );
    const ids = idle.map((c) => c.id);
    if (ids.length === 0) return 0;
    await this.db.run((em) =>
      em.createQueryBuilder().delete().from(DlActivityEntity).where('conversation_id IN (:...ids)', { ids }).execute(),
    );
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .delete()
        .from(DlConversationEntity)
        .where('id IN (:...ids) AND updated_at < :cutoff', { ids, cutoff })
        .execute(),
    );
    return r.affected ?? ids.length;
  }

  /**
   * Takes the conversation's next sequence number in one statement; the row stays locked until the
   * enclosing transaction commits, so activities become visible in sequence order. MySQL hands the new
   * value back through LAST_INSERT_ID(expr) in the UPDATE's result; SQLite through RETURNING.
   */
  private async nextSeq(conversationId: string): Promise<number> {
    const now = timeParam(this.db.kind, new Date());
    const seq = await this.db.run(async (em) => {
      if (this.db.kind === 'mysql') {
        const r = (await em.query(
          'UPDATE dl_conversations SET last_seq = LAST_INSERT_ID(last_seq + 1), updated_at = ? WHERE id = ?',
          [now, conversationId],
        )) as {
          affectedRows: number;
          insertId: number;
        };
        return r.affectedRows ? Number(r.insertId) : null;
      }
      const rows = (await em.query(
        'UPDATE dl_conversations SET last_seq = last_seq + 1, updated_at = ? WHERE id = ? RETURNING last_seq AS seq',
        [now, conversationId],
      )) as {
        seq: number;
      }[];
      return rows[0] ? Number(rows[0].seq) : null;
    });
    if (seq === null) throw new UnknownConversationError(conversationId);
    return seq;
  }

  private async insertActivity(conversationId: string, seq: number, activity: Partial<Activity>): Promise<void> {
    const row = {
      conversationId,
      seq,
      activityId: String(activity.id),
      activity: JSON.stringify(activity),
      createdAt: new Date(),
    };
    await this.db.run((em) =>
      em.createQueryBuilder().insert().into(DlActivityEntity).values(row).updateEntity(false).execute(),
    );
  }
}
