import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { SelectQueryBuilder } from 'typeorm';
import type { Db } from '../db/db';
import { AuditLogEntity, type AuditLogRow } from '../db/entities';

export type AuditEntry = Omit<AuditLogRow, 'id' | 'createdAt'>;

/** What an admin filters the audit log by (all optional; times are UTC instants, `to` exclusive). */
export interface AuditFilter {
  actorUserId?: number;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

/** The audit log as the console writes and reads it: one entry per staff action, newest first. */
export class ConsoleAuditRepository {
  constructor(private readonly db: Db) {}

  /** Joins the enclosing transaction (Db carries it), so the entry lands with the change or not at all. */
  async insert(entry: AuditEntry): Promise<void> {
    await this.db.run((em) =>
      em
        .createQueryBuilder()
        .insert()
        .into(AuditLogEntity)
        .values(entry as QueryDeepPartialEntity<AuditLogRow>)
        .updateEntity(false)
        .execute(),
    );
  }

  /** A page newest first; `beforeId` continues from the last entry of the previous page. */
  page(f: AuditFilter, beforeId: number | undefined, limit: number): Promise<AuditLogRow[]> {
    return this.db.run((em) => {
      const qb = filtered(em.getRepository(AuditLogEntity).createQueryBuilder('a'), f);
      if (beforeId) qb.andWhere('a.id < :beforeId', { beforeId });
      return qb.orderBy('a.id', 'DESC').take(limit).getMany();
    });
  }

  /** Every matching entry, oldest first, a page at a time (for CSV: memory stays flat however many there are). */
  async *all(f: AuditFilter, pageSize = 500): AsyncGenerator<AuditLogRow> {
    let afterId = 0;
    for (;;) {
      const rows = await this.db.run((em) =>
        filtered(em.getRepository(AuditLogEntity).createQueryBuilder('a'), f)
          .andWhere('a.id > :afterId', { afterId })
          .orderBy('a.id', 'ASC')
          .take(pageSize)
          .getMany(),
      );
      yield* rows;
      if (rows.length < pageSize) return;
      afterId = rows[rows.length - 1]!.id;
    }
  }
}

function filtered(qb: SelectQueryBuilder<AuditLogRow>, f: AuditFilter): SelectQueryBuilder<AuditLogRow> {
  qb.where('1 = 1');
  if (f.actorUserId !== undefined) qb.andWhere('a.actor_user_id = :actor', { actor: f.actorUserId });
  if (f.action) qb.andWhere('a.action LIKE :action', { action: `${f.action}%` });
  if (f.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: f.entityType });
  if (f.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: f.entityId });
  if (f.from) qb.andWhere('a.created_at >= :from', { from: f.from });
  if (f.to) qb.andWhere('a.created_at < :to', { to: f.to });
  return qb;
}
