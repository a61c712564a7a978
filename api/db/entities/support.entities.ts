import { EntitySchema } from 'typeorm';
import type { FaqArticleRow } from '../../domain/records';

/**
 * Traveller support: help articles and emailed one-time codes (see migration 1764000300000).
 * Records that code outside the repositories uses are defined in api/domain/records; the rest here.
 */

export interface EmailCodeRow {
  /** The request id the chat keeps; also salts the code hash. */
  id: string;
  email: string;
  /** SHA-256 of code + id: the code itself is never stored. */
  codeHash: string;
  conversationKey: string;
  attempts: number;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

const when = (name: string, nullable = false) => ({ name, type: 'datetime' as const, precision: 3, nullable });

export const FaqArticleEntity = new EntitySchema<FaqArticleRow>({
  name: 'FaqArticle',
  tableName: 'faq_articles',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    slug: { type: 'varchar', length: 64 },
    topic: { type: 'varchar', length: 32 },
    question: { type: 'varchar', length: 200 },
    answer: { type: 'text' },
    keywords: { type: 'text' },
    position: { type: 'int', default: 0 },
    version: { type: 'int', default: 1 },
    updatedAt: { ...when('updated_at'), updateDate: true },
  },
});

export const EmailCodeEntity = new EntitySchema<EmailCodeRow>({
  name: 'EmailCode',
  tableName: 'email_codes',
  columns: {
    id: { type: 'varchar', length: 36, primary: true },
    email: { type: 'varchar', length: 254 },
    codeHash: { name: 'code_hash', type: 'varchar', length: 64 },
    conversationKey: { name: 'conversation_key', type: 'varchar', length: 255 },
    attempts: { type: 'int', default: 0 },
    expiresAt: when('expires_at'),
    usedAt: when('used_at', true),
    createdAt: { ...when('created_at'), createDate: true },
  },
});

/** All support entities (registered in ./index.ts as one element). */
export const SUPPORT_ENTITIES = [FaqArticleEntity, EmailCodeEntity];
