/**
 * Builds regular expressions from phrase lists. Rules run over the normalised sentence: lower case, one
 * space between tokens and one at each end (" book a flight to rome "), so a phrase matches whole words.
 *
 * Phrase syntax (everything else is a literal word, escaped):
 * - `a|b|c`      one of these words
 * - `<name>`     any entry of the named list (entries use this syntax too, without `^` and `$`)
 * - `word*`      the word or any word that starts with it ("frustrat*": frustrated, frustrating)
 * - `word(s)`    the ending in brackets is optional ("ticket(s)": ticket, tickets)
 * - `[words]`    optional; `{words}` any number of times, none included
 * - `_`          any one word; `...` one or more words
 * - `^` first    the message starts here; `$` last: the message ends here
 */
import type { PhraseGroup } from './types';

/** Named lists a phrase may refer to as `<name>`. */
export type PhraseLists = Readonly<Record<string, readonly string[]>>;

const UNITS = /\[|\]|\{|\}|[^\s[\]{}]+/g;
const LIST = /^<([\w-]+)>$/;

/** The text as a regex matching it literally. */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const OPTIONAL_ENDING = /^(.+)\((\w+)\)$/;

/** One word (with `*` or an optional ending), followed by the space that ends it. */
function wordSource(word: string): string {
  if (word.length > 1 && word.endsWith('*')) return `${escapeRegExp(word.slice(0, -1))}\\S* `;
  const ending = OPTIONAL_ENDING.exec(word);
  if (ending) return `${escapeRegExp(ending[1])}(?:${escapeRegExp(ending[2])})? `;
  return `${escapeRegExp(word)} `;
}

class PhraseCompiler {
  private units: string[] = [];
  private at = 0;

  constructor(
    private readonly lists: PhraseLists,
    private readonly phrase: string,
  ) {}

  /** The phrase's regex source: each word with its trailing space, no leading space, anchors applied. */
  compile(anchors: boolean): { source: string; start: boolean; end: boolean } {
    this.units = this.phrase.match(UNITS) ?? [];
    this.at = 0;
    const start = anchors && this.units[0] === '^';
    if (start) this.at++;
    const end = anchors && this.units[this.units.length - 1] === '$';
    if (end) this.units.pop();
    const source = this.sequence(null);
    if (this.at < this.units.length) this.fail(`unexpected "${this.units[this.at]}"`);
    if (!source) this.fail('empty phrase');
    return { source, start, end };
  }

  private sequence(close: string | null): string {
    let out = '';
    while (this.at < this.units.length) {
      const u = this.units[this.at++];
      if (u === close) return out;
      if (u === ']' || u === '}') this.fail(`unbalanced "${u}"`);
      if (u === '[') out += `(?:${this.sequence(']')})?`;
      else if (u === '{') out += `(?:${this.sequence('}')})*`;
      else out += this.unit(u);
    }
    if (close) this.fail(`missing "${close}"`);
    return out;
  }

  private unit(u: string): string {
    if (u === '_') return '\\S+ ';
    if (u === '...') return '(?:\\S+ )+';
    if (u === '^' || u === '$') this.fail(`"${u}" only at the start or end of a rule's phrase`);
    const list = LIST.exec(u);
    if (list) {
      const entries = this.lists[list[1]];
      if (!entries) this.fail(`no list <${list[1]}>`);
      return `(?:${entries.map((e) => new PhraseCompiler(this.lists, e).compile(false).source).join('|')})`;
    }
    if (u.includes('|'))
      return `(?:${u
        .split('|')
        .map((w) => wordSource(w).slice(0, -1))
        .join('|')}) `;
    return wordSource(u);
  }

  private fail(why: string): never {
    throw new Error(`lexicon phrase "${this.phrase}": ${why}`);
  }
}

/** A regex for names that end with one of these words ("denver international"), the words taken literally. */
export function endingRegex(endings: readonly string[]): RegExp {
  return new RegExp(`\\s+(?:${endings.map(escapeRegExp).join('|')})$`);
}

/** Regex source matching any of the phrases, without anchors: "(?:a b |c )", each ending in a space. */
export function phraseSource(phrases: readonly string[], lists: PhraseLists = {}): string {
  return `(?:${phrases.map((p) => new PhraseCompiler(lists, p).compile(false).source).join('|')})`;
}

/** One regex matching any phrase of the groups as whole words of the normalised sentence. */
export function phraseRegex(groups: readonly PhraseGroup[], lists: PhraseLists = {}): RegExp {
  const alternatives = groups.flatMap((g) =>
    g.phrases.map((p) => {
      const { source, start, end } = new PhraseCompiler(lists, p).compile(true);
      return `${start ? '^' : ''} ${source}${end ? '$' : ''}`;
    }),
  );
  // No phrases: a rule that never matches (an empty pattern would match everything).
  return new RegExp(alternatives.length ? alternatives.join('|') : '(?!)');
}
