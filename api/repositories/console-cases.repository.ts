import type { Db } from '../db/db';
import { CaseMessageEntity, SupportCaseEntity, UserEntity } from '../db/entities';
import type { CaseMessageRow, SupportCaseRow } from '../domain/records';
import type { CaseStatus } from '../domain/types';

export interface CaseListRow {
  c: SupportCaseRow;
  agentName: string | null;
  travellerName: string | null;
  lastMessage: CaseMessageRow | null;
}

/** Support cases as the console's inbox reads them. */
export class ConsoleCasesRepository {
  constructor(private readonly db: Db) {}

  async list(statuses: CaseStatus[], limit: number): Promise<CaseListRow[]> {
    return this.db.run(async (em) => {
      const cases = await em
        .getRepository(SupportCaseEntity)
        .createQueryBuilder('c')
        .where('c.status IN (:...statuses)', { statuses })
        .orderBy('c.id', statuses.includes('resolved') ? 'DESC' : 'ASC')
        .take(limit)
        .getMany();
      if (cases.length === 0) return [];
      const userIds = [...new Set(cases.flatMap((c) => [c.agentUserId, c.userId]).filter((id): id is number => !!id))];
      const users = userIds.length
        ? await em
            .getRepository(UserEntity)
            .createQueryBuilder('u')
            .where('u.id IN (:...userIds)', { userIds })
            .getMany()
        : [];
      const name = (id: number | null) => {
        const u = id ? users.find((x) => x.id === id) : undefined;
        return u ? `${u.firstName} ${u.lastName}`.trim() : null;
      };
      const lastIds = (await em
        .getRepository(CaseMessageEntity)
        .createQueryBuilder('m')
        .select('MAX(m.id)', 'id')
        .where('m.case_id IN (:...ids)', { ids: cases.map((c) => c.id) })
        .andWhere("m.author <> 'note'")
        .groupBy('m.case_id')
        .getRawMany()) as { id: number | string }[];
      const last = lastIds.length
        ? await em
            .getRepository(CaseMessageEntity)
            .createQueryBuilder('m')
            .where('m.id IN (:...ids)', { ids: lastIds.map((r) => Number(r.id)) })
            .getMany()
        : [];
      return cases.map((c) => ({
        c,
        agentName: name(c.agentUserId),
        travellerName: name(c.userId),
        lastMessage: last.find((m) => m.caseId === c.id) ?? null,
      }));
    });
  }

  /**
   * A mark that changes whenever a case opens or changes or a message is added: each console compares it on a
   * short poll, so every app instance sees changes made on any other (the database is the shared truth).
   */
  async changeMark(): Promise<string> {
    return this.db.run(async (em) => {
      const cases = (await em
        .getRepository(SupportCaseEntity)
        .createQueryBuilder('c')
        .select('MAX(c.id)', 'maxId')
        .addSelect('MAX(c.updated_at)', 'updated')
        .getRawOne()) as { maxId: number | null; updated: string | Date | null } | undefined;
      const msgs = (await em
        .getRepository(CaseMessageEntity)
        .createQueryBuilder('m')
        .select('MAX(m.id)', 'maxId')
        .getRawOne()) as { maxId: number | null } | undefined;
      const updated = cases?.updated instanceof Date ? cases.updated.toISOString() : String(cases?.updated ?? '');
      return `${cases?.maxId ?? 0}.${updated}.${msgs?.maxId ?? 0}`;
    });
  }
}
