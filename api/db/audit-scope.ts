import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditLogRow } from './entities';

export type InnerAuditEntry = Omit<AuditLogRow, 'id' | 'createdAt'>;

/**
 * One staff action, one audit entry. A console action calls services that audit their own changes (the schedule,
 * cancellations, seat changes, help articles); inside the console's audited scope those entries are collected
 * here instead of written, and the console writes a single entry that carries them (`data.services`).
 */
const scope = new AsyncLocalStorage<InnerAuditEntry[]>();

/** Runs `fn` collecting the entries services would write; returns its result and what was collected. */
export async function collectingAudits<T>(fn: () => Promise<T>): Promise<{ result: T; inner: InnerAuditEntry[] }> {
  const inner: InnerAuditEntry[] = [];
  const result = await scope.run(inner, fn);
  return { result, inner };
}

/** True when the entry was taken by an enclosing audited action (the caller must then not write it). */
export function absorbedAudit(entry: InnerAuditEntry): boolean {
  const inner = scope.getStore();
  if (!inner) return false;
  inner.push(entry);
  return true;
}
