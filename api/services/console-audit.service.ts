import type { Db } from '../db/db';
import { auditingAtChange, collectingAudits, type InnerAuditEntry } from '../db/audit-scope';
import type { AuditLogRow } from '../db/entities';
import type { AuditFilter, ConsoleAuditRepository } from '../repositories/console-audit.repository';
import type { ConsoleAccess, StaffUser } from './console-access';
import type { Actor } from './actor';

/** Where a console request came from: kept with each action in the audit log. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/** What an action is about. */
export interface AuditSubject {
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
}

/** What a change did: its result for the caller, and the thing before and after it for the log. */
export interface AuditedChange<T> {
  result: T;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  data?: Record<string, unknown> | null;
}

export interface ConsoleAuditServiceDeps {
  db: Db;
  auditRepo: ConsoleAuditRepository;
  access: ConsoleAccess;
}

/** An audit entry as admins read it. */
export interface AuditView {
  id: number;
  at: string;
  actorUserId: number | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  ip: string | null;
  userAgent: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  data: Record<string, unknown> | null;
}

/**
 * Every console action by an agent or admin is written to the audit log in the same transaction as the change
 * (who, what, when, from where, before and after): if the change rolls back, so does its entry, and no change
 * lands without one. Admins read, filter and export the log.
 */
export class ConsoleAuditService {
  constructor(private readonly deps: ConsoleAuditServiceDeps) {}

  audited<T>(
    who: StaffUser,
    origin: RequestOrigin,
    subject: AuditSubject,
    change: () => Promise<AuditedChange<T>>,
  ): Promise<T> {
    return this.deps.db.transaction(async () => {
      // What the services called here would log on their own joins this one entry (one action, one row).
      const { result: done, inner } = await collectingAudits(change);
      await this.insert(who, origin, subject, done, inner);
      return done.result;
    });
  }

  /**
   * For an action whose service calls a payment provider between its own transactions (a seat change that makes a
   * link for a difference): nothing encloses it in a transaction, so no provider call holds one open. The action's
   * entry is written when the service audits its change, inside that service's transaction, so it lands or rolls
   * back with the change; `describe` makes the entry from the service's own (null: the service changed nothing and
   * the action is logged on its own at the end). One action, one entry.
   */
  async auditedAtChange<T>(
    who: StaffUser,
    origin: RequestOrigin,
    subject: AuditSubject,
    describe: (service: InnerAuditEntry | null) => Omit<AuditedChange<null>, 'result'>,
    change: () => Promise<T>,
  ): Promise<T> {
    let committed = false;
    const write = (service: InnerAuditEntry | null) =>
      this.insert(who, origin, subject, describe(service), service ? [service] : []);
    const { result } = await auditingAtChange(async (service) => {
      if (committed) return;
      await write(service);
      this.deps.db.afterCommit(() => {
        committed = true;
      });
    }, change);
    if (!committed) await this.deps.db.transaction(() => write(null));
    return result;
  }

  private async insert(
    who: StaffUser,
    origin: RequestOrigin,
    subject: AuditSubject,
    done: Omit<AuditedChange<unknown>, 'result'>,
    inner: InnerAuditEntry[],
  ): Promise<void> {
    const services = inner.map((e) => ({ action: e.action, reason: e.reason, data: e.data }));
    const data = services.length ? { ...done.data, services } : (done.data ?? null);
    await this.deps.auditRepo.insert({
      actorUserId: who.user.id,
      actorRole: who.user.role,
      action: subject.action,
      entityType: subject.entityType,
      entityId: subject.entityId.slice(0, 64),
      reason: subject.reason?.slice(0, 500) ?? null,
      data,
      ip: origin.ip?.slice(0, 64) ?? null,
      userAgent: origin.userAgent?.slice(0, 255) ?? null,
      before: done.before ?? null,
      after: done.after ?? null,
    });
  }

  async list(actor: Actor, f: AuditFilter, beforeId: number | undefined, limit: number): Promise<AuditView[]> {
    await this.deps.access.admin(actor);
    return (await this.deps.auditRepo.page(f, beforeId, limit)).map(auditView);
  }

  /** Checks the admin first, then yields every matching entry oldest first, a page at a time. */
  async export(actor: Actor, f: AuditFilter): Promise<AsyncGenerator<AuditView>> {
    await this.deps.access.admin(actor);
    const rows = this.deps.auditRepo.all(f);
    return (async function* () {
      for await (const r of rows) yield auditView(r);
    })();
  }
}

export function auditView(r: AuditLogRow): AuditView {
  return {
    id: r.id,
    at: r.createdAt.toISOString(),
    actorUserId: r.actorUserId,
    actorRole: r.actorRole,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    reason: r.reason,
    ip: r.ip ?? null,
    userAgent: r.userAgent ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
    data: r.data,
  };
}
