import { ContextSlot } from '../async-context';
import type { AuditLogRow } from './entities';

export type InnerAuditEntry = Omit<AuditLogRow, 'id' | 'createdAt'>;

/**
 * One staff action, one audit entry. A console action calls services that audit their own changes (the schedule,
 * cancellations, seat changes, help articles); inside the console's audited scope those entries are taken here
 * instead of written, and the console writes a single entry that carries them (`data.services`). Two ways:
 * - collecting: the console action runs in one transaction and writes its entry at the end (collectingAudits);
 * - at the change: the action runs outside any transaction (its service calls a payment provider between its own
 *   transactions), and its entry is written when the service audits its change, inside that service's transaction
 *   (auditingAtChange), so the entry lands or rolls back with the change and no provider call holds a transaction.
 */
interface AuditScope {
  inner: InnerAuditEntry[];
  /** At the change: writes the action's entry for a service's entry, in the caller's (the service's) transaction. */
  atChange?: (entry: InnerAuditEntry) => Promise<void>;
}
const scope = new ContextSlot<AuditScope>('audit scope');

/** Runs `fn` collecting the entries services would write; returns its result and what was collected. */
export async function collectingAudits<T>(fn: () => Promise<T>): Promise<{ result: T; inner: InnerAuditEntry[] }> {
  const inner: InnerAuditEntry[] = [];
  const result = await scope.run({ inner }, fn);
  return { result, inner };
}

/**
 * Runs `fn` so that each entry a service would write calls `atChange` instead, in the same transaction as the
 * service's change. Returns `fn`'s result and the entries taken.
 */
export async function auditingAtChange<T>(
  atChange: (entry: InnerAuditEntry) => Promise<void>,
  fn: () => Promise<T>,
): Promise<{ result: T; inner: InnerAuditEntry[] }> {
  const inner: InnerAuditEntry[] = [];
  const result = await scope.run({ inner, atChange }, fn);
  return { result, inner };
}

/** True when the entry was taken by an enclosing audited action (the caller must then not write it). */
export async function absorbedAudit(entry: InnerAuditEntry): Promise<boolean> {
  const s = scope.getStore();
  if (!s) return false;
  s.inner.push(entry);
  await s.atChange?.(entry);
  return true;
}
