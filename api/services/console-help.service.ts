import { notFound } from '../errors';
import type { FaqArticleInput } from '../repositories/faq.repository';
import type { FaqDraftRow, HelpContentRepository } from '../repositories/help-content.repository';
import type { Actor } from './actor';
import type { ConsoleAccess } from './console-access';
import type { ConsoleAuditService, RequestOrigin } from './console-audit.service';
import type { FaqArticleView, FaqService, FaqUpsert } from './faq.service';

/** One help article in the admins' list: what travellers read now, and whether an unpublished draft waits. */
export interface HelpArticleSummary {
  slug: string;
  topic: string;
  question: string;
  /** Null for an article never published (only a draft). */
  version: number | null;
  publishedAt: string | null;
  draftSavedAt: string | null;
}

export interface HelpArticleDetail {
  slug: string;
  published: FaqArticleView | null;
  draft: (FaqUpsert & { savedAt: string }) | null;
  versions: { version: number; question: string; publishedBy: number | null; publishedAt: string }[];
}

export interface HelpInsights {
  from: string;
  to: string;
  mostAsked: { slug: string; question: string | null; asks: number }[];
  unanswered: { words: string; asks: number }[];
}

export interface ConsoleHelpServiceDeps {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  faq: FaqService;
  helpRepo: HelpContentRepository;
}

const DAY_MS = 86_400_000;

/**
 * Help articles for admins: edit a draft (travellers still read the published text), preview it as travellers
 * will see it, publish it (a new version through FaqService, which the chat and /help read), and see what
 * travellers asked for most and what the help left unanswered. Every change is checked here and audited.
 */
export class ConsoleHelpService {
  constructor(private readonly deps: ConsoleHelpServiceDeps) {}

  async list(actor: Actor): Promise<HelpArticleSummary[]> {
    await this.deps.access.admin(actor);
    const [published, drafts] = await Promise.all([this.deps.faq.list(), this.deps.helpRepo.drafts()]);
    const bySlug = new Map<string, HelpArticleSummary>();
    for (const a of published)
      bySlug.set(a.slug, {
        slug: a.slug,
        topic: a.topic,
        question: a.question,
        version: a.version,
        publishedAt: a.updatedAt,
        draftSavedAt: null,
      });
    for (const d of drafts) {
      const known = bySlug.get(d.slug);
      if (known) known.draftSavedAt = d.updatedAt.toISOString();
      else
        bySlug.set(d.slug, {
          slug: d.slug,
          topic: d.topic,
          question: d.question,
          version: null,
          publishedAt: null,
          draftSavedAt: d.updatedAt.toISOString(),
        });
    }
    return [...bySlug.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.slug.localeCompare(b.slug));
  }

  async article(actor: Actor, slug: string): Promise<HelpArticleDetail> {
    await this.deps.access.admin(actor);
    const [published, draft, versions] = await Promise.all([
      this.deps.faq.get(slug).catch(() => null),
      this.deps.helpRepo.draft(slug),
      this.deps.helpRepo.versions(slug),
    ]);
    if (!published && !draft) throw notFound('article_not_found', `There is no help article "${slug}".`);
    return {
      slug,
      published,
      draft: draft ? { ...upsertOf(draft), savedAt: draft.updatedAt.toISOString() } : null,
      versions: versions.map((v) => ({
        version: v.version,
        question: v.question,
        publishedBy: v.publishedBy,
        publishedAt: v.publishedAt.toISOString(),
      })),
    };
  }

  /** The article as travellers would read it (placeholders filled), without saving anything. */
  async preview(actor: Actor, slug: string, input: FaqUpsert): Promise<FaqArticleView> {
    await this.deps.access.admin(actor);
    return this.deps.faq.render({ ...rowOf(slug, input), version: 0 });
  }

  async saveDraft(actor: Actor, origin: RequestOrigin, slug: string, input: FaqUpsert): Promise<HelpArticleDetail> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'help.draft_saved', entityType: 'faq_article', entityId: slug };
    await this.deps.audit.audited(admin, origin, subject, async () => {
      const row = rowOf(slug, input);
      await this.deps.helpRepo.saveDraft(row, admin.user.id);
      return { result: null, after: { topic: row.topic, question: row.question } };
    });
    return this.article(actor, slug);
  }

  async discardDraft(actor: Actor, origin: RequestOrigin, slug: string): Promise<void> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'help.draft_discarded', entityType: 'faq_article', entityId: slug };
    await this.deps.audit.audited(admin, origin, subject, async () => {
      const draft = await this.deps.helpRepo.draft(slug);
      if (!draft) throw notFound('article_not_found', `There is no draft of "${slug}".`);
      await this.deps.helpRepo.removeDraft(slug);
      return { result: null, before: { question: draft.question } };
    });
  }

  /** Publishes the draft: travellers read the new version at once here, on other instances within a minute. */
  async publish(actor: Actor, origin: RequestOrigin, slug: string): Promise<FaqArticleView> {
    const admin = await this.deps.access.admin(actor);
    const subject = { action: 'help.published', entityType: 'faq_article', entityId: slug };
    const view = await this.deps.audit.audited(admin, origin, subject, async () => {
      const draft = await this.deps.helpRepo.draft(slug);
      if (!draft) throw notFound('article_not_found', `"${slug}" has no draft to publish.`);
      const before = await this.deps.faq.get(slug).catch(() => null);
      const { article } = await this.deps.faq.upsert(admin.actor, slug, upsertOf(draft));
      await this.deps.helpRepo.removeDraft(slug);
      return {
        result: article,
        before: before ? { version: before.version, question: before.question } : null,
        after: { version: article.version, question: article.question },
      };
    });
    this.deps.faq.invalidate();
    return view;
  }

  /** Over UTC days `from`..`to` (inclusive): the articles the help answered with most, and what it could not. */
  async insights(actor: Actor, from: string, to: string): Promise<HelpInsights> {
    await this.deps.access.admin(actor);
    const start = new Date(`${from}T00:00:00Z`);
    const end = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS);
    const [asked, unanswered, articles] = await Promise.all([
      this.deps.helpRepo.mostAsked(start, end, 20),
      this.deps.helpRepo.unanswered(start, end, 20),
      this.deps.faq.list(),
    ]);
    const question = new Map(articles.map((a) => [a.slug, a.question]));
    return {
      from,
      to,
      mostAsked: asked.map((a) => ({ slug: a.slug!, question: question.get(a.slug!) ?? null, asks: a.asks })),
      unanswered: unanswered.map((u) => ({ words: u.words, asks: u.asks })),
    };
  }
}

function rowOf(slug: string, input: FaqUpsert): FaqArticleInput {
  return {
    slug,
    topic: input.topic.trim().toLowerCase(),
    question: input.question.trim(),
    answer: input.answer.trim(),
    keywords: (input.keywords ?? [])
      .map((k) => k.trim())
      .filter(Boolean)
      .join(' '),
    position: input.position ?? 0,
  };
}

function upsertOf(d: FaqDraftRow): FaqUpsert {
  return {
    topic: d.topic,
    question: d.question,
    answer: d.answer,
    keywords: d.keywords.split(/[\s,]+/).filter(Boolean),
    position: d.position,
  };
}
