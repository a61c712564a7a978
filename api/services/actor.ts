import type { Role } from '../domain/types';

/** Who is asking. Authorization is decided in services from this, never from what a client claims. */
export type Actor =
  { kind: 'user'; userId: number; role: Role } | { kind: 'anonymous' } | { kind: 'system'; name: string };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && (actor.role === 'agent' || actor.role === 'admin'));
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || (actor.kind === 'user' && actor.role === 'admin');
}

export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.userId : null;
}

export function actorRole(actor: Actor): string {
  return actor.kind === 'user' ? actor.role : actor.kind;
}
