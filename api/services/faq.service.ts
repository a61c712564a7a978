import type { Db } from '../db/db';
import { allowanceLines, extraBagPriceLines } from '../domain/baggage';
import type { FaqArticleRow } from '../domain/records';
import { forbidden, notFound, validationError } from '../errors';
import type { FaqArticleInput, FaqRepository } from '../repositories/faq.repository';
import type { HelpContentRepository } from '../repositories/help-content.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import { type Actor, actorRole, actorUserId, isAdmin } from './actor';
import type { Clock } from './clock';

/** An article as clients see it, with `{placeholders}` filled in. */
export interface FaqArticleView {
  slug: string;
  topic: string;
  question: string;
  answer: string;
  keywords: string[];
  position: number;
  /** The published version (1 for the seeded text). */
  version: number;
  updatedAt: string;
}

export interface FaqUpsert {
  topic: string;
  question: string;
  answer: string;
  keywords?: string[];
  position?: number;
}

/**
 * The baggage table in words, for `{checkedBagAllowance}` and `{checkedBagPrices}` in article texts: the allowance
 * the help answers with is the one fares and bag prices use (api/domain/baggage.ts), never a copy of it.
 */
const BAGGAGE_TEXT = {
  checkedBagAllowance: () => allowanceLines().join('\n'),
  checkedBagPrices: () => extraBagPriceLines('USD').join('\n'),
};

/** What `{holdMinutes}`, `{supportEmail}`, `{supportPhone}` and `{brand}` in article texts stand for. */
export interface FaqSettings {
  holdMinutes: number;
  supportEmail: string;
  supportPhone: string;
  brand: string;
}

export interface FaqServiceDeps {
  db: Db;
  faqRepo: FaqRepository;
  helpRepo: HelpContentRepository;
  opsRepo: OpsRepository;
  clock: Clock;
  settings: FaqSettings;
}

/** Help topics people (and the recognizer) name, and the article topics they mean. */
const TOPIC_ALIASES: Record<string, string[]> = {
  fare_rules: ['changes', 'refund', 'baggage'],
  refund: ['refund'],
  cancellation: ['refund'],
  luggage: ['baggage'],
  checkin: ['check_in'],
  payments: ['payment'],
  infants: ['children'],
  support: ['contact'],
  ticket: ['tickets'],
};

const CACHE_MS = 60_000;
const MAX_RESULTS = 5;

interface Indexed {
  view: FaqArticleView;
  keywords: Set<string>;
  question: Set<string>;
  answer: Set<string>;
}

/**
 * Help articles: search for the chat and the API, the /help page, and admin edits (audited). Search
 * is a small in-memory scorer: words are normalised (synonyms, plural and -ing/-ed endings), matches
 * in an article's keywords weigh most, then its question, then its answer, rarer words more, and the
 * topic the recognizer saw gives a boost.
 */
export class FaqService {
  private readonly db: Db;
  private readonly faqRepo: FaqRepository;
  private readonly helpRepo: HelpContentRepository;
  private readonly opsRepo: OpsRepository;
  private readonly clock: Clock;
  private readonly settings: FaqSettings;
  private index: { at: number; items: Indexed[]; df: Map<string, number> } | undefined;

  constructor(deps: FaqServiceDeps) {
    this.db = deps.db;
    this.faqRepo = deps.faqRepo;
    this.helpRepo = deps.helpRepo;
    this.opsRepo = deps.opsRepo;
    this.clock = deps.clock;
    this.settings = deps.settings;
  }

  /** Best-matching articles first (at most five); with only a topic, that topic's articles in order. */
  async search(question: string, topic?: string | null): Promise<FaqArticleView[]> {
    const { items, df } = await this.load();
    const topics = topicsFor(topic);
    const words = [...new Set(tokens(question))];
    if (words.length === 0)
      return topics.length ? items.filter((i) => topics.includes(i.view.topic)).map((i) => i.view) : [];
    const n = items.length;
    const scored = items.map((item, order) => {
      let score = 0;
      for (const w of words) {
        const idf = Math.log(1 + n / (1 + (df.get(w) ?? 0)));
        if (item.keywords.has(w)) score += 3 * idf;
        else if (item.question.has(w)) score += 2 * idf;
        else if (item.answer.has(w)) score += 0.5 * idf;
      }
      if (score > 0 && topics.includes(item.view.topic)) score += 1.5;
      return { item, score, order };
    });
    const best = Math.max(0, ...scored.map((s) => s.score));
    // Nothing matched a word: the topic the recognizer saw is still a good answer.
    if (best === 0) return items.filter((i) => topics.includes(i.view.topic)).map((i) => i.view);
    return scored
      .filter((s) => s.score >= 1.5 && s.score >= best * 0.35)
      .sort((a, b) => b.score - a.score || a.order - b.order)
      .slice(0, MAX_RESULTS)
      .map((s) => s.item.view);
  }

  /**
   * A traveller's question in the chat: the best articles, and a note of what was asked (the article answered
   * with, or the question's words when none was) for the console's "asked most" and "left unanswered".
   */
  async ask(question: string, topic: string | null | undefined, channel: string): Promise<FaqArticleView[]> {
    const found = await this.search(question, topic);
    const words = askedWords(question);
    if (found.length || words)
      // A lost note must never cost the traveller the answer: the statistics are best effort.
      await this.helpRepo.recordAsk({ channel, slug: found[0]?.slug ?? null, words }).catch(() => undefined);
    return found;
  }

  /** Every article, by topic and position. */
  async list(): Promise<FaqArticleView[]> {
    return (await this.load()).items.map((i) => i.view);
  }

  async get(slug: string): Promise<FaqArticleView> {
    const row = await this.faqRepo.findBySlug(slug);
    if (!row) throw notFound('article_not_found', `There is no help article "${slug}".`);
    return this.view(row);
  }

  /** Publishes an article, new or a new version of it (admins only, audited, every version kept). */
  async upsert(actor: Actor, slug: string, input: FaqUpsert): Promise<{ article: FaqArticleView; created: boolean }> {
    this.requireAdmin(actor);
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) || slug.length > 64)
      throw validationError(
        'invalid_slug',
        'The slug must be lower-case words joined by hyphens (at most 64 characters).',
      );
    const row: FaqArticleInput = {
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
    const created = await this.db.transaction(async () => {
      const isNew = await this.faqRepo.upsert(row);
      const published = (await this.faqRepo.findBySlug(slug))!;
      await this.helpRepo.addVersion(row, published.version ?? 1, actorUserId(actor));
      await this.opsRepo.audit({
        actorUserId: actorUserId(actor),
        actorRole: actorRole(actor),
        action: isNew ? 'faq.created' : 'faq.updated',
        entityType: 'faq_article',
        entityId: slug,
        reason: null,
        data: { topic: row.topic, question: row.question, version: published.version ?? 1 },
      });
      return isNew;
    });
    this.index = undefined;
    return { article: await this.get(slug), created };
  }

  /** Deletes an article (admins only, audited). */
  async remove(actor: Actor, slug: string): Promise<void> {
    this.requireAdmin(actor);
    if (!(await this.faqRepo.remove(slug))) throw notFound('article_not_found', `There is no help article "${slug}".`);
    await this.opsRepo.audit({
      actorUserId: actorUserId(actor),
      actorRole: actorRole(actor),
      action: 'faq.deleted',
      entityType: 'faq_article',
      entityId: slug,
      reason: null,
      data: null,
    });
    this.index = undefined;
  }

  private requireAdmin(actor: Actor): void {
    if (!isAdmin(actor)) throw forbidden('forbidden', 'Only admins can edit help articles.');
  }

  /** Articles with their word sets, cached briefly (other instances' edits show within a minute). */
  private async load(): Promise<{ items: Indexed[]; df: Map<string, number> }> {
    const now = this.clock.now().getTime();
    if (this.index && now - this.index.at < CACHE_MS && now >= this.index.at) return this.index;
    const items = (await this.faqRepo.all()).map((row) => {
      const view = this.view(row);
      return {
        view,
        keywords: new Set(tokens(view.keywords.join(' '))),
        question: new Set(tokens(view.question)),
        answer: new Set(tokens(view.answer)),
      };
    });
    const df = new Map<string, number>();
    for (const i of items) for (const w of new Set([...i.keywords, ...i.question])) df.set(w, (df.get(w) ?? 0) + 1);
    this.index = { at: now, items, df };
    return this.index;
  }

  /** An article as travellers would read it, placeholders filled (the console's preview of a draft). */
  render(a: Omit<FaqArticleRow, 'id' | 'updatedAt'> & { updatedAt?: Date }): FaqArticleView {
    return this.view({ id: 0, updatedAt: a.updatedAt ?? this.clock.now(), ...a });
  }

  /** Forgets the cached articles (after a publication made elsewhere in this process). */
  invalidate(): void {
    this.index = undefined;
  }

  private view(row: FaqArticleRow): FaqArticleView {
    const fill = (s: string) =>
      s
        .replace(/\{(holdMinutes|supportEmail|supportPhone|brand)\}/g, (_m, k: keyof FaqSettings) =>
          String(this.settings[k]),
        )
        .replace(/\{(checkedBagAllowance|checkedBagPrices)\}/g, (_m, k: keyof typeof BAGGAGE_TEXT) =>
          BAGGAGE_TEXT[k](),
        );
    return {
      slug: row.slug,
      topic: row.topic,
      question: fill(row.question),
      answer: fill(row.answer),
      keywords: row.keywords.split(/[\s,]+/).filter(Boolean),
      position: row.position,
      version: row.version ?? 1,
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

function topicsFor(topic: string | null | undefined): string[] {
  if (!topic) return [];
  const t = topic.trim().toLowerCase();
  return TOPIC_ALIASES[t] ?? [t];
}

/**
 * The words of a question kept for the statistics: normalised, without numbers (references, phones, amounts),
 * at most twelve, in order: what was asked, never who asked.
 */
export function askedWords(question: string): string {
  const kept = [...new Set(tokens(question))].filter((w) => !/\d/.test(w)).slice(0, 12);
  return kept.join(' ').slice(0, 200);
}

/** Phrases that mean one thing, spotted before the text is split into words. */
const PHRASES: [RegExp, string][] = [
  [/\bcheck(?:ing)?[\s-]?in\b/g, ' checkin '],
  [/\bhand[\s-]?(?:luggage|baggage|bags?)\b/g, ' cabinbag '],
  [/\bcarry[\s-]?ons?\b/g, ' cabinbag '],
  [/\bcabin[\s-]?(?:luggage|baggage|bags?)\b/g, ' cabinbag '],
  [/\bmoney back\b/g, ' refund '],
  [/\be[\s-]?tickets?\b/g, ' eticket '],
  [/\bboarding[\s-]?pass(?:es)?\b/g, ' boardingpass '],
  [/\bleg[\s-]?room\b/g, ' legroom '],
  [/\bexit[\s-]?rows?\b/g, ' exitrow '],
  [/\bone[\s-]?time\b/g, ' otp '],
  // "How much is a checked bag?" asks a price ("how much baggage" asks an amount: much stays a stopword there).
  [/\bhow much (?:is|are|does|do|will|would)\b/g, ' price '],
];

/** Words that stand for another (after the ending is stripped). */
const SYNONYMS: Record<string, string> = {
  luggage: 'bag',
  baggage: 'bag',
  suitcase: 'bag',
  cancellation: 'cancel',
  cancell: 'cancel',
  cancel: 'cancel',
  canceled: 'cancel',
  refundable: 'refund',
  reimburse: 'refund',
  reimbursement: 'refund',
  payment: 'pay',
  paid: 'pay',
  kid: 'child',
  children: 'child',
  toddler: 'child',
  baby: 'infant',
  babie: 'infant',
  reschedule: 'change',
  rebook: 'change',
  modify: 'change',
  amend: 'change',
  wheelchair: 'assistance',
  disability: 'assistance',
  disabled: 'assistance',
  mobility: 'assistance',
  assist: 'assistance',
  agent: 'contact',
  human: 'contact',
  person: 'contact',
  someone: 'contact',
  phone: 'contact',
  call: 'contact',
  kilo: 'kg',
  kilogram: 'kg',
  seating: 'seat',
  sit: 'seat',
  sitting: 'seat',
  verification: 'verify',
  verified: 'verify',
  otp: 'code',
  pnr: 'reference',
  ref: 'reference',
};

const STOPWORDS = new Set(
  (
    'a an the i me my mine we our you your it its is are am be been was ' +
    'were do does did can could will would should shall may might must to ' +
    'of in on at for from by with about as and or if so not no how what ' +
    'when where which who why much many any some there this that these ' +
    'those have has had get got need want please just also still up out ' +
    'too than then into'
  ).split(' '),
);

/** A word without its plural or -ing/-ed ending. */
function stem(w: string): string {
  if (w.length > 4 && w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && /(?:ss|x|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The normalised words of a text that carry meaning. */
export function tokens(text: string): string[] {
  let t = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  const out: string[] = [];
  for (const raw of t.split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOPWORDS.has(raw)) continue;
    const s = SYNONYMS[raw] ?? stem(raw);
    const w = SYNONYMS[s] ?? s;
    if (w.length > 1 || /\d/.test(w)) out.push(w);
  }
  return out;
}
