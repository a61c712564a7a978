/** Tokenisation and number words shared by the extractors. */
import { isAlphanumericCode, wordAround } from './codes';

export interface Token {
  /** Lower-case, accent-free form ("st." -> "st", "york's" -> "york's"). */
  n: string;
  /** `n` without a possessive "'s" — what gazetteer lookups use. */
  base: string;
  /** The token as typed. */
  raw: string;
  start: number;
  end: number;
  /** True when typed in capitals (a hint for IATA codes and booking references). */
  upper: boolean;
  /** Part of a booking reference, flight number or document number ("62YTF4", "BA117"): never a number to read. */
  code: boolean;
}

// Keeps times (8:30pm), dates (12/20, 2026-12-20, 20.12.) and words with inner apostrophes together;
// everything else that is not a letter or digit becomes its own token or a separator.
const TOKEN_RE = new RegExp(
  [
    String.raw`\d{4}-\d{1,2}-\d{1,2}`,
    String.raw`\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\.?`,
    String.raw`\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?`,
    String.raw`\d+(?:st|nd|rd|th|am|pm|a\.m\.|p\.m\.|h|x)?`,
    String.raw`[\p{L}]+(?:['’][\p{L}]+)*\.?`,
    '->|→|[-–—+±/&@>]',
    "'s",
  ].join('|'),
  'gu',
);
const ACCENTS = /[\u0300-\u036f]/g;
const ASCII = /^[ -~]*$/;

/** Lower-cases and strips accents so "Zürich" and "zurich" meet. */
export function fold(s: string): string {
  // Most chat text is ASCII: skip Unicode normalisation when there is nothing to fold.
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFD').replace(ACCENTS, '').toLowerCase().replace(/’/g, "'");
}

/** Splits a message into tokens with offsets into the original text. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const raw = m[0];
    let n = fold(raw);
    // A trailing period on a word is sentence punctuation or an abbreviation ("st.", "feb."): drop it.
    if (n.length > 1 && n.endsWith('.') && /\p{L}\.$/u.test(n)) n = n.slice(0, -1);
    if (n === '–' || n === '—') n = '-';
    if (n === '→') n = '->';
    const base = n.endsWith("'s") ? n.slice(0, -2) : n;
    const end = m.index + raw.length;
    const word = wordAround(text, m.index, end);
    out.push({
      n,
      base,
      raw,
      start: m.index,
      end,
      upper: /\p{Lu}/u.test(raw) && raw === raw.toUpperCase(),
      // "25th" is one token and a number; "62YTF4" is three tokens of one code.
      code: word !== null && word.length > raw.length && isAlphanumericCode(word),
    });
  }
  return out;
}

const UNITS: Record<string, number> = {
  zero: 0,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  couple: 2,
  pair: 2,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50 };
const ORDINAL_UNITS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
};
const ORDINAL_TENS: Record<string, number> = { twentieth: 20, thirtieth: 30 };

export interface NumberMatch {
  value: number;
  /** Tokens consumed. */
  len: number;
  ordinal: boolean;
}

/** Reads a number at `i`: digits ("3", "21st"), words ("twenty two", "twenty-seventh"), "a"/"an". */
export function readNumber(toks: readonly Token[], i: number, allowArticle = false): NumberMatch | null {
  const t = toks[i];
  if (!t || t.code) return null;
  const c = t.n.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    const d = /^(\d{1,4})(st|nd|rd|th)?$/.exec(t.n);
    return d ? { value: Number(d[1]), len: 1, ordinal: d[2] !== undefined } : null;
  }
  if (!allowArticle && (t.n === 'a' || t.n === 'an')) return null;
  if (ORDINAL_UNITS[t.n] !== undefined) return { value: ORDINAL_UNITS[t.n], len: 1, ordinal: true };
  if (ORDINAL_TENS[t.n] !== undefined) return { value: ORDINAL_TENS[t.n], len: 1, ordinal: true };
  const tens = TENS[t.n];
  if (tens !== undefined) {
    // "twenty seventh", "twenty-two", "thirty first"
    let j = i + 1;
    if (toks[j]?.n === '-') j++;
    const u = toks[j];
    if (u && ORDINAL_UNITS[u.n] !== undefined && ORDINAL_UNITS[u.n] < 10)
      return { value: tens + ORDINAL_UNITS[u.n], len: j - i + 1, ordinal: true };
    if (u && UNITS[u.n] !== undefined && UNITS[u.n] > 0 && UNITS[u.n] < 10 && u.n !== 'a' && u.n !== 'an')
      return { value: tens + UNITS[u.n], len: j - i + 1, ordinal: false };
    return { value: tens, len: 1, ordinal: false };
  }
  if (UNITS[t.n] !== undefined) return { value: UNITS[t.n], len: 1, ordinal: false };
  return null;
}
