import { EntitySchema } from 'typeorm';
import type { UserRow } from '../../domain/records';

/**
 * Accounts and operations: users, refresh tokens, the audit log and rate-limit counters.
 * Records that code outside the repositories uses are defined in api/domain/records; the rest here.
 */

export interface RefreshTokenRow {
  id: number;
  userId: number;
  /** SHA-256 of the token: a stolen table cannot be replayed. */
  tokenHash: string;
  /** Tokens rotated from one sign-in share a family; reuse of a spent token revokes the whole family. */
  familyId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}

export interface AuditLogRow {
  id: number;
  actorUserId: number | null;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  reason: string | null;
  data: Record<string, unknown> | null;
  /** Where the action came from (console actions; null for the chat and workers). */
  ip?: string | null;
  userAgent?: string | null;
  /** The thing as it was before the action and after it (console actions). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  createdAt: Date;
}

export interface RateLimitRow {
  key: string;
  hits: number;
  resetAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const UserEntity = new EntitySchema<UserRow>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    email: { type: 'varchar', length: 254 },
    passwordHash: { name: 'password_hash', type: 'varchar', length: 255, nullable: true },
    firstName: { name: 'first_name', type: 'varchar', length: 60 },
    lastName: { name: 'last_name', type: 'varchar', length: 60 },
    role: { type: 'varchar', length: 16, default: 'traveller' },
    phone: { type: 'varchar', length: 32, nullable: true },
    emailVerifiedAt: when('email_verified_at', true),
    disabledAt: when('disabled_at', true),
    sessionsRevokedAt: when('sessions_revoked_at', true),
    mustChangePassword: { name: 'must_change_password', type: 'boolean', default: false },
    createdAt: { ...when('created_at'), createDate: true },
    updatedAt: { ...when('updated_at'), updateDate: true },
  },
});

export const RefreshTokenEntity = new EntitySchema<RefreshTokenRow>({
  name: 'RefreshToken',
  tableName: 'refresh_tokens',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    userId: { name: 'user_id', type: 'int' },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64 },
    familyId: { name: 'family_id', type: 'varchar', length: 36 },
    expiresAt: when('expires_at'),
    usedAt: when('used_at', true),
    revokedAt: when('revoked_at', true),
    createdAt: { ...when('created_at'), createDate: true },
  },
});

export const AuditLogEntity = new EntitySchema<AuditLogRow>({
  name: 'AuditLog',
  tableName: 'audit_log',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    actorUserId: { name: 'actor_user_id', type: 'int', nullable: true },
    actorRole: { name: 'actor_role', type: 'varchar', length: 16 },
    action: { type: 'varchar', length: 64 },
    entityType: { name: 'entity_type', type: 'varchar', length: 32 },
    entityId: { name: 'entity_id', type: 'varchar', length: 64 },
    reason: { type: 'varchar', length: 500, nullable: true },
    data: { type: 'simple-json', nullable: true },
    ip: { type: 'varchar', length: 64, nullable: true },
    userAgent: { name: 'user_agent', type: 'varchar', length: 255, nullable: true },
    before: { name: 'before_data', type: 'simple-json', nullable: true },
    after: { name: 'after_data', type: 'simple-json', nullable: true },
    createdAt: { ...when('created_at'), createDate: true },
  },
});

export const RateLimitEntity = new EntitySchema<RateLimitRow>({
  name: 'RateLimit',
  tableName: 'rate_limits',
  columns: {
    key: { name: 'bucket', type: 'varchar', length: 190, primary: true },
    hits: { type: 'int' },
    resetAt: when('reset_at'),
  },
});

/** A one-time link mailed to an address (api/domain/account-links.ts has its rules). */
export interface AccountLinkRow {
  id: string;
  purpose: 'reset' | 'signin';
  email: string;
  /** SHA-256 of the token in the link: the link itself is never stored. */
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export const AccountLinkEntity = new EntitySchema<AccountLinkRow>({
  name: 'AccountLink',
  tableName: 'account_links',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    purpose: { type: 'varchar', length: 16 },
    email: { type: 'varchar', length: 254 },
    tokenHash: { name: 'token_hash', type: 'varchar', length: 64 },
    expiresAt: when('expires_at'),
    usedAt: when('used_at', true),
    createdAt: { ...when('created_at'), createDate: true },
  },
});
