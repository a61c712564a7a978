/**
 * Shapes of the lexicon data (`*.data.ts` in this folder) and the helpers that turn it into lookups.
 * Every group of entries says where it comes from, so a rule can be traced to a reason to keep it.
 */

/**
 * - `product`: what travellers say to a booking assistant in chat or SMS.
 * - `ATIS`: added to score on the ATIS corpus (1990s spoken US flight requests).
 * - `SGD`: added to score on the SGD flight dialogues (crowd-written requests).
 */
export type Source = 'product' | 'ATIS' | 'SGD';

/** Single words, written as one string separated by spaces or line breaks. */
export interface WordGroup {
  source: Source;
  /** Why these words are here, when the name of the list does not say it. */
  note?: string;
  words: string;
}

/** Phrases in the syntax of `phrases.ts`, one a line. */
export interface PhraseGroup {
  source: Source;
  note?: string;
  phrases: readonly string[];
}

/** Words or names that stand for a value (a month number, an airport code, a passenger type). */
export interface MapGroup<T> {
  source: Source;
  note?: string;
  entries: Readonly<Record<string, T>>;
}

/** The words of a group string, in order. */
export function wordsOf(words: string): string[] {
  return words.split(/\s+/).filter((w) => w !== '');
}

/** All words of the groups as one set. */
export function wordSet(...groups: readonly WordGroup[]): Set<string> {
  return new Set(groups.flatMap((g) => wordsOf(g.words)));
}

/** All entries of the groups as one record; a later group may not redefine a key. */
export function mapOf<T>(...groups: readonly MapGroup<T>[]): Record<string, T> {
  // No prototype: a message word such as "constructor" or "toString" must not find Object's methods.
  const out = Object.create(null) as Record<string, T>;
  for (const g of groups) {
    for (const [k, v] of Object.entries(g.entries)) {
      if (Object.hasOwn(out, k)) throw new Error(`lexicon: "${k}" is defined twice`);
      out[k] = v;
    }
  }
  return out;
}
