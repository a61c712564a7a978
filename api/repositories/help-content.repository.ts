import type { Db } from '../db/db';
import { timeParam, timeValue } from './sql';
import type { FaqArticleInput } from './faq.repository';

/** An admin's unpublished text for an article (a new one, or a change to a published one). */
export interface FaqDraftRow extends FaqArticleInput {
  updatedBy: number | null;
  updatedAt: Date;
}

/** One published version of an article, as it read then. */
export interface FaqVersionRow extends FaqArticleInput {
  version: number;
  publishedBy: number | null;
  publishedAt: Date;
}

/** What travellers asked the help for: an article and how often, or (slug null) words nothing answered. */
export interface HelpAskCount {
  slug: string | null;
  words: string;
  asks: number;
}

type Numeric = number | string;
type ArticleCols = { slug: string; topic: string; question: string; answer: string; keywords: string };
const ARTICLE = 'slug, topic, question, answer, keywords, position';

/**
 * Help articles' drafts, published versions and the record of what travellers asked (plain SQL for SQLite and
 * MySQL). The published text itself stays in `faq_articles` (FaqRepository), which the chat and /help read.
 */
export class HelpContentRepository {
  constructor(private readonly db: Db) {}

  async drafts(): Promise<FaqDraftRow[]> {
    const rows = await this.query<ArticleCols & { position: Numeric; updated_by: Numeric | null; updated_at: string }>(
      `SELECT ${ARTICLE}, updated_by, updated_at FROM faq_drafts ORDER BY topic, position, slug`,
      [],
    );
    return rows.map((r) => ({
      ...article(r),
      updatedBy: r.updated_by === null ? null : Number(r.updated_by),
      updatedAt: timeValue(r.updated_at),
    }));
  }

  async draft(slug: string): Promise<FaqDraftRow | null> {
    return (await this.drafts()).find((d) => d.slug === slug) ?? null;
  }

  /** Creates or replaces the draft of `slug` (one draft per article: the newest text wins). */
  async saveDraft(d: FaqArticleInput, by: number): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run((em) => em.query('DELETE FROM faq_drafts WHERE slug = ?', [d.slug]));
      await this.db.run((em) =>
        em.query(`INSERT INTO faq_drafts (${ARTICLE}, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
          d.slug,
          d.topic,
          d.question,
          d.answer,
          d.keywords,
          d.position,
          by,
        ]),
      );
    });
  }

  async removeDraft(slug: string): Promise<void> {
    await this.db.run((em) => em.query('DELETE FROM faq_drafts WHERE slug = ?', [slug]));
  }

  async versions(slug: string): Promise<FaqVersionRow[]> {
    const rows = await this.query<
      ArticleCols & { position: Numeric; version: Numeric; published_by: Numeric | null; published_at: string }
    >(
      `SELECT ${ARTICLE}, version, published_by, published_at FROM faq_versions WHERE slug = ?
        ORDER BY version DESC`,
      [slug],
    );
    return rows.map((r) => ({
      ...article(r),
      version: Number(r.version),
      publishedBy: r.published_by === null ? null : Number(r.published_by),
      publishedAt: timeValue(r.published_at),
    }));
  }

  /** Keeps a published version (in the transaction that publishes it). */
  async addVersion(a: FaqArticleInput, version: number, by: number | null): Promise<void> {
    await this.db.run((em) =>
      em.query(`INSERT INTO faq_versions (${ARTICLE}, version, published_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [
        a.slug,
        a.topic,
        a.question,
        a.answer,
        a.keywords,
        a.position,
        version,
        by,
      ]),
    );
  }

  async recordAsk(ask: { channel: string; slug: string | null; words: string }): Promise<void> {
    await this.db.run((em) =>
      em.query('INSERT INTO help_asks (channel, slug, words) VALUES (?, ?, ?)', [
        ask.channel.slice(0, 32),
        ask.slug,
        ask.words.slice(0, 200),
      ]),
    );
  }

  /** Articles the help answered with most often in the window (most asked first). */
  async mostAsked(start: Date, end: Date, limit: number): Promise<HelpAskCount[]> {
    const rows = await this.query<{ slug: string; n: Numeric }>(
      `SELECT slug, COUNT(*) AS n FROM help_asks WHERE asked_at >= ? AND asked_at < ? AND slug IS NOT NULL
        GROUP BY slug ORDER BY n DESC, slug LIMIT ?`,
      [timeParam(this.db.kind, start), timeParam(this.db.kind, end), limit],
    );
    return rows.map((r) => ({ slug: r.slug, words: '', asks: Number(r.n) }));
  }

  /** What travellers asked that no article answered, by the same words (most frequent first). */
  async unanswered(start: Date, end: Date, limit: number): Promise<HelpAskCount[]> {
    const rows = await this.query<{ words: string; n: Numeric }>(
      `SELECT words, COUNT(*) AS n FROM help_asks WHERE asked_at >= ? AND asked_at < ? AND slug IS NULL
          AND words <> '' GROUP BY words ORDER BY n DESC, words LIMIT ?`,
      [timeParam(this.db.kind, start), timeParam(this.db.kind, end), limit],
    );
    return rows.map((r) => ({ slug: null, words: r.words, asks: Number(r.n) }));
  }

  private query<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.db.run((em) => em.query(sql, params) as Promise<T[]>);
  }
}

function article(r: ArticleCols & { position: Numeric }): FaqArticleInput {
  return {
    slug: r.slug,
    topic: r.topic,
    question: r.question,
    answer: r.answer,
    keywords: r.keywords,
    position: Number(r.position),
  };
}
