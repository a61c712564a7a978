import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db } from '../db/db';
import {
  CaseMessageEntity,
  ChannelIdentityEntity,
  type ChannelIdentityRow,
  FeedbackEntity,
  SupportCaseEntity,
} from '../db/entities';
import type { CaseMessageRow, FeedbackRow, SupportCaseRow } from '../domain/records';
import type { CaseStatus } from '../domain/types';

export type NewCase = Pick<
  SupportCaseRow,
  'conversationKey' | 'channelId' | 'userId' | 'pnr' | 'kind' | 'reason' | 'context'
>;

/** Support cases with their transcripts, feedback, and verified channel identities. */
export class SupportRepository {
  constructor(private readonly db: Db) {}

  async insertCase(row: NewCase): Promise<number> {
    return this.db.run(async (em) =>
      Number(
        (
          await em
            .createQueryBuilder()
            .insert()
            .into(SupportCaseEntity)
            .values({ ...row, status: 'queued' } as QueryDeepPartialEntity<SupportCaseRow>)
            .execute()
        ).identifiers[0]?.id,
      ),
    );
  }

  findCase(id: number): Promise<SupportCaseRow | null> {
    return this.db.run((em) => em.getRepository(SupportCaseEntity).findOneBy({ id }));
  }

  findByThread(threadRef: string): Promise<SupportCaseRow | null> {
    return this.db.run((em) =>
      em.getRepository(SupportCaseEntity).findOne({ where: { threadRef }, order: { id: 'DESC' } }),
    );
  }

  /** The conversation's open case (queued or with an agent), newest first. */
  async activeFor(conversationKey: string): Promise<SupportCaseRow | null> {
    return (await this.caseStateFor(conversationKey)).active;
  }

  /**
   * The conversation's active case (queued or with an agent), and whether it has any case that is not
   * resolved (a case handed back to the bot can be taken over again by an agent). Asked by bot turns and
   * almost always answered "none": a plain indexed look-up (idx_cases_conversation) finds the ids, and only
   * an actual active case is loaded through TypeORM.
   */
  async caseStateFor(conversationKey: string): Promise<{ active: SupportCaseRow | null; unresolved: boolean }> {
    const found = (await this.db.run((em) =>
      em.query(
        'SELECT id, status FROM support_cases WHERE conversation_key = ? AND status IN ' +
          "('queued', 'agent', 'bot') ORDER BY id DESC",
        [conversationKey],
      ),
    )) as { id: number | string; status: CaseStatus }[];
    const activeId = found.find((r) => r.status === 'queued' || r.status === 'agent')?.id;
    if (activeId === undefined) return { active: null, unresolved: found.length > 0 };
    const row = await this.db.run((em) => em.getRepository(SupportCaseEntity).findOneBy({ id: Number(activeId) }));
    // Closed in between the two reads: no longer active.
    return { active: row && (row.status === 'queued' || row.status === 'agent') ? row : null, unresolved: true };
  }

  /** The latest case a traveller opened, by account or by conversation. */
  latestFor(q: { userId?: number | null; conversationKey: string }): Promise<SupportCaseRow | null> {
    return this.db.run((em) => {
      const qb = em
        .getRepository(SupportCaseEntity)
        .createQueryBuilder('c')
        .where('c.conversationKey = :k', { k: q.conversationKey });
      if (q.userId) qb.orWhere('c.userId = :u', { u: q.userId });
      return qb.orderBy('c.id', 'DESC').getOne();
    });
  }

  async transition(
    id: number,
    from: CaseStatus[],
    to: CaseStatus,
    patch: QueryDeepPartialEntity<SupportCaseRow> = {},
  ): Promise<boolean> {
    // Two agents taking one case through two cluster nodes: the loser's 1213 runs again and finds it taken.
    const r = await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .update(SupportCaseEntity)
        .set({ ...patch, status: to })
        .where('id = :id AND status IN (:...from)', { id, from })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  async update(id: number, patch: QueryDeepPartialEntity<SupportCaseRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(SupportCaseEntity).update({ id }, patch));
  }

  /** How many queued cases are ahead of one opened at `createdAt` (plus itself). */
  async queuePosition(caseId: number): Promise<number> {
    return this.db.run((em) =>
      em
        .getRepository(SupportCaseEntity)
        .createQueryBuilder('c')
        .where("c.status = 'queued' AND c.id <= :caseId", { caseId })
        .getCount(),
    );
  }

  /** Queued cases older than `cutoff` whose traveller has not been offered an email follow-up yet. */
  waitingSince(cutoff: Date): Promise<SupportCaseRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(SupportCaseEntity)
        .createQueryBuilder('c')
        .where("c.status = 'queued' AND c.followupOfferedAt IS NULL AND c.createdAt <= :cutoff", { cutoff })
        .orderBy('c.id')
        .take(100)
        .getMany(),
    );
  }

  /** Marks the follow-up offer once (several instances may find the same case). */
  async markFollowupOffered(id: number, now: Date): Promise<boolean> {
    const r = await this.db.runRetrying((em) =>
      em
        .createQueryBuilder()
        .update(SupportCaseEntity)
        .set({ followupOfferedAt: now })
        .where('id = :id AND followup_offered_at IS NULL', { id })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  list(q: { status?: CaseStatus; offset: number; limit: number }): Promise<[SupportCaseRow[], number]> {
    return this.db.run((em) => {
      const qb = em.getRepository(SupportCaseEntity).createQueryBuilder('c');
      if (q.status) qb.where('c.status = :status', { status: q.status });
      return qb.orderBy('c.id', 'DESC').skip(q.offset).take(q.limit).getManyAndCount();
    });
  }

  async addMessage(caseId: number, author: CaseMessageRow['author'], text: string): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(CaseMessageEntity)
        .values({ caseId, author, text: text.slice(0, 4000) })
        .execute(),
    );
  }

  async messages(caseId: number, limit = 50): Promise<CaseMessageRow[]> {
    const rows = await this.db.run((em) =>
      em.getRepository(CaseMessageEntity).find({ where: { caseId }, order: { id: 'DESC' }, take: limit }),
    );
    return rows.reverse();
  }

  async insertFeedback(row: Omit<FeedbackRow, 'id' | 'createdAt'>): Promise<void> {
    await this.db.run((em) => em.createQueryBuilder().insert().into(FeedbackEntity).values(row).execute());
  }

  /** Adds the traveller's comment to their latest rating of `subject`. */
  async addFeedbackComment(conversationKey: string, subject: string, comment: string): Promise<void> {
    const latest = await this.db.run((em) =>
      em.getRepository(FeedbackEntity).findOne({ where: { conversationKey, subject }, order: { id: 'DESC' } }),
    );
    if (latest)
      await this.db.run((em) =>
        em.getRepository(FeedbackEntity).update({ id: latest.id }, { comment: comment.slice(0, 1000) }),
      );
  }

  feedback(kind?: FeedbackRow['kind']): Promise<FeedbackRow[]> {
    return this.db.run((em) =>
      em.getRepository(FeedbackEntity).find({ where: kind ? { kind } : {}, order: { id: 'DESC' }, take: 500 }),
    );
  }

  async linkIdentity(channelId: string, channelUserId: string, userId: number, now: Date): Promise<void> {
    await this.db.run((em) =>
      em
        .getRepository(ChannelIdentityEntity)
        .upsert({ channelId, channelUserId, userId, verifiedAt: now }, ['channelId', 'channelUserId']),
    );
  }

  identityFor(channelId: string, channelUserId: string): Promise<ChannelIdentityRow | null> {
    return this.db.run((em) => em.getRepository(ChannelIdentityEntity).findOneBy({ channelId, channelUserId }));
  }
}
