/**
 * Card numbers never belong in a chat, a log or a transcript: travellers pay only on the payment page.
 * A card-like number is 13–19 digits that pass the Luhn check (or 16 digits typed in four groups of four,
 * the way cards are printed, even with a typo), whatever is typed between the digits — spaces, dashes,
 * dots, underscores, slashes — in any script's digits (full-width "４２４２" included), and even glued to
 * letters ("card4242424242424242exp"). Pure functions, used wherever text enters or leaves the system.
 */
export const CARD_REMOVED = '[card number removed]';

/** Characters people type between a card's digit groups (at most three in a row). */
const SEPARATOR = /[\s\-\u2010-\u2015\u2212._/\\·•*,'~+|:]/u;
const MAX_SEPARATORS = 3;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The ASCII digit a character stands for ("４", "𝟒" and "4" are all 4), or null. */
function digitOf(ch: string): string | null {
  if (ch >= '0' && ch <= '9') return ch;
  if (!/\p{Nd}/u.test(ch)) return null;
  const folded = ch.normalize('NFKC');
  if (/^[0-9]$/.test(folded)) return folded;
  // Other scripts' digits (Arabic-Indic, Devanagari…) come in runs of ten from zero: the value is the offset.
  const code = ch.codePointAt(0)!;
  let first = code;
  while (first > 0 && /\p{Nd}/u.test(String.fromCodePoint(first - 1))) first--;
  return String((code - first) % 10);
}

interface DigitRun {
  /** Index in the text (UTF-16) where each digit starts, and where it ends. */
  starts: number[];
  ends: number[];
  digits: string;
  /** Indexes (into `digits`) where a group typed after a separator begins. */
  groupStarts: Set<number>;
}

/** Runs of digits with at most MAX_SEPARATORS separator characters between neighbours. */
function digitRuns(text: string): DigitRun[] {
  const runs: DigitRun[] = [];
  let run: DigitRun | null = null;
  let gap = 0;
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const digit = digitOf(ch);
    if (digit !== null) {
      if (!run) runs.push((run = { starts: [], ends: [], digits: '', groupStarts: new Set([0]) }));
      else if (gap > 0) run.groupStarts.add(run.digits.length);
      run.starts.push(i);
      run.ends.push(i + ch.length);
      run.digits += digit;
      gap = 0;
    } else if (run && SEPARATOR.test(ch) && gap < MAX_SEPARATORS) gap++;
    else {
      run = null;
      gap = 0;
    }
    i += ch.length;
  }
  return runs;
}

/** Whether these digits, typed in these groups, look like a card number. */
function cardLike(digits: string, groupSizes: number[]): boolean {
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return false;
  if (luhnValid(digits)) return true;
  return digits.length === 16 && groupSizes.length === 4 && groupSizes.every((n) => n === 4);
}

/** [from, to) digit indexes of the card-like windows in a run: whole typed groups, or the whole run. */
function cardWindows(run: DigitRun): [number, number][] {
  const n = run.digits.length;
  const starts = [...run.groupStarts].sort((a, b) => a - b);
  const groupEnds = new Set([...starts.slice(1), n]);
  const sizesBetween = (from: number, to: number) => {
    const cuts = [from, ...starts.filter((s) => s > from && s < to), to];
    return cuts.slice(1).map((c, i) => c - cuts[i]!);
  };
  const found: [number, number][] = [];
  let covered = 0;
  const candidates = starts.length > 1 ? starts : [0];
  for (const from of candidates) {
    if (from < covered) continue;
    for (let len = Math.min(MAX_DIGITS, n - from); len >= MIN_DIGITS; len--) {
      const to = from + len;
      // Glued digits (one group) are one number: only the whole run counts; typed groups end at a group end.
      if (starts.length > 1 ? !groupEnds.has(to) : to !== n || from !== 0) continue;
      if (cardLike(run.digits.slice(from, to), sizesBetween(from, to))) {
        found.push([from, to]);
        covered = to;
        break;
      }
    }
  }
  return found;
}

/** The text with card-like numbers replaced by CARD_REMOVED, and whether any were found. */
export function redactCardNumbers(text: string): { text: string; found: boolean } {
  const cuts: [number, number][] = [];
  for (const run of digitRuns(text))
    for (const [from, to] of cardWindows(run)) cuts.push([run.starts[from]!, run.ends[to - 1]!]);
  if (!cuts.length) return { text, found: text.includes(CARD_REMOVED) };
  let out = '';
  let at = 0;
  for (const [from, to] of cuts) {
    out += text.slice(at, from) + CARD_REMOVED;
    at = to;
  }
  return { text: out + text.slice(at), found: true };
}

/** Keys whose values are identifiers or timestamps we (or a provider) made, never typed by a traveller. */
const IDENTIFIER_KEY = /(^|_)(id|ts|sid)$|[a-z](Id|Ts|Sid)$|^(timestamp|localTimestamp)$/;

/**
 * A copy of any JSON-like value with card-like numbers removed from every string in it (keys that hold
 * identifiers and timestamps are left alone), and whether any were found. Depth and size are bounded by
 * the request parsers in front of this.
 */
export function redactCardNumbersDeep<T>(value: T): { value: T; found: boolean } {
  let found = false;
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') {
      if (IDENTIFIER_KEY.test(key)) return v;
      const r = redactCardNumbers(v);
      found ||= r.found;
      return r.text;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object' && !(v instanceof Date)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k);
      return out;
    }
    return v;
  };
  const value2 = walk(value, '') as T;
  return { value: value2, found };
}
