/** Times of day: periods ("morning"), clock times with a relation ("before 7 am", "around 8"), ranges. */
import { PERIOD_PARTS, PERIODS as PERIOD_WORDS, TIME_WORDS } from './lexicon/times.data';
import { mapOf, wordSet } from './lexicon/types';
import type { TimeWindow } from './recognizer';
import { readNumber, type Token } from './text';

export interface TimeMention {
  window: TimeWindow;
  start: number;
  end: number;
}

const DAY_END = 24 * 60 - 1;
const PERIODS = mapOf(...PERIOD_WORDS);
const EARLY_LATE = mapOf(...PERIOD_PARTS);
/** Cheap first check before parsing a clock time: a digit, a number word, noon or midnight. */
const CLOCK_START = /^(\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midday|midnight)/;
const BEFORE = wordSet(...TIME_WORDS.before);
const AFTER = wordSet(...TIME_WORDS.after);
const AROUND = wordSet(...TIME_WORDS.around);

const hhmm = (min: number): string =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;

interface Clock {
  min: number;
  end: number;
  /** am/pm or a 24-hour form was given, so the hour is certain. */
  sure: boolean;
}

/** A clock time at `i`: "8", "8am", "8 pm", "8:30", "830 am", "1505", "noon", "8 o'clock", "eight pm". */
function clockAt(toks: readonly Token[], i: number): Clock | null {
  const w = toks[i]?.n;
  // "7HQ23K": the 23 in a booking reference is not eleven at night.
  if (!w || toks[i].code) return null;
  if (w === 'noon' || w === 'noontime' || w === 'midday') return { min: 12 * 60, end: i + 1, sure: true };
  if (w === 'midnight') return { min: DAY_END, end: i + 1, sure: true };
  let h: number;
  let mm = 0;
  let sure = false;
  let end = i + 1;
  let suffix = '';
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s?([ap])?\.?m?\.?$/.exec(w);
  const four = /^(\d{3,4})(am|pm|h)?$/.exec(w);
  if (four) {
    const v = Number(four[1]);
    h = Math.floor(v / 100);
    mm = v % 100;
    if (h > 23 || mm > 59) return null;
    suffix = four[2] ?? '';
    sure = four[1].length === 4 && (h >= 13 || four[1].startsWith('0') || suffix === 'h');
  } else if (m && (m[2] !== undefined || m[3] !== undefined || /^\d{1,2}$/.test(w))) {
    h = Number(m[1]);
    mm = m[2] ? Number(m[2]) : 0;
    suffix = m[3] ? `${m[3]}m` : '';
    if (h > 23 || mm > 59) return null;
    if (h >= 13) sure = true;
  } else {
    const n = readNumber(toks, i);
    if (!n || n.ordinal || n.value < 1 || n.value > 12 || /^(a|an)$/.test(w)) return null;
    h = n.value;
    end = i + n.len;
  }
  // "8 o'clock", "8 am", "8 a.m.", "8 o'clock pm", "12 noon", "1200 hours", "8 in the morning"
  if (/^(o'clock|oclock)$/.test(toks[end]?.n ?? '')) end++;
  const next = toks[end]?.n ?? '';
  if (!suffix && (next === 'am' || next === 'pm')) {
    suffix = next;
    end++;
  } else if (!suffix && next === 'a' && toks[end + 1]?.n === 'm') {
    suffix = 'am';
    end += 2;
  } else if (!suffix && next === 'p' && toks[end + 1]?.n === 'm') {
    suffix = 'pm';
    end += 2;
  } else if (next === 'noon' && h === 12) {
    end++;
    sure = true;
  } else if (/^(hours|hrs|h)$/.test(next)) {
    sure = true;
    end++;
  }
  if (suffix === 'am' || suffix === 'pm') {
    if (h > 12) return null;
    h = (h % 12) + (suffix === 'pm' ? 12 : 0);
    sure = true;
  }
  return { min: h * 60 + mm, end, sure };
}

/** Hour of an unmarked clock time: business sense (7-11 is morning, 1-6 afternoon) unless a period says. */
function disambiguate(c: Clock, period: [number, number] | null): number {
  if (c.sure || c.min >= 13 * 60) return c.min;
  const am = c.min % (12 * 60);
  const pm = am + 12 * 60;
  if (period) return period[0] >= 12 * 60 ? pm : am;
  const h = Math.floor(c.min / 60);
  return h >= 1 && h <= 6 ? pm : h === 12 ? c.min : am;
}

/** Finds times of day; marks the tokens it uses in `taken`. */
export function findTimes(toks: readonly Token[], taken: Uint8Array): TimeMention[] {
  const raw: { start: number; end: number; period?: [number, number]; rel?: string; clock?: Clock; clock2?: Clock }[] =
    [];
  for (let i = 0; i < toks.length; i++) {
    // "tonight" is both a date (today) and a time (evening): the date finder has already claimed it.
    if (taken[i] && toks[i].n !== 'tonight') continue;
    const w = toks[i].n;
    // "early morning", "late afternoon", "in the morning", "red eye"
    const skip = toks[i + 1]?.n === 'in' && toks[i + 2]?.n === 'the' ? 2 : 0;
    const periodWord = toks[i + 1 + skip]?.n.replace(/s$/, '') ?? '';
    if (EARLY_LATE[w]?.[periodWord]) {
      raw.push({ start: i, end: i + 2 + skip, period: EARLY_LATE[w][periodWord] });
      i += 1 + skip;
      continue;
    }
    if ((w === 'red' && /^eyes?$/.test(toks[i + 1]?.n ?? '')) || w === 'redeye') {
      raw.push({ start: i, end: w === 'red' ? i + 2 : i + 1, period: PERIODS.redeye });
      if (w === 'red') i++;
      continue;
    }
    // "tmrw pm", "in the am": am/pm on their own (after a number they belong to the clock time).
    const prevWord = toks[i - 1]?.n ?? '';
    const standalone =
      prevWord === 'the' ||
      (i > 0 && taken[i - 1] === 1 && !/^\d/.test(prevWord)) ||
      /^flights?$/.test(toks[i + 1]?.n ?? '');
    if (PERIODS[w] && ((w !== 'am' && w !== 'pm') || standalone) && w !== 'noon' && w !== 'midnight') {
      raw.push({ start: i, end: i + 1, period: PERIODS[w] });
      continue;
    }
    const rel = BEFORE.has(w) || AFTER.has(w) || AROUND.has(w) || w === 'at' || w === 'between' ? w : null;
    const relStart = i;
    let j = rel ? i + 1 : i;
    if (rel && toks[j]?.n === 'than') j++;
    if (taken[j] || !CLOCK_START.test(toks[j]?.n ?? '')) continue;
    const c = clockAt(toks, j);
    if (!c || (!rel && !c.sure && !/^(noon|midnight)$/.test(toks[j].n) && !/o'?clock/.test(toks[j + 1]?.n ?? '')))
      continue;
    // A bare number is a time only with a relation word before it or am/pm/o'clock after it.
    if (!rel && /^\d{3,4}$/.test(toks[j].n) && c.end === j + 1) continue;
    if (rel === 'from' && !c.sure) continue;
    let end = c.end;
    let clock2: Clock | undefined;
    const joiner = toks[end]?.n;
    if (
      (rel === 'between' && joiner === 'and') ||
      ((rel === 'from' || !rel || rel === 'at') && (joiner === '-' || joiner === 'to'))
    ) {
      const c2 = clockAt(toks, end + 1);
      if (c2) {
        clock2 = c2;
        end = c2.end;
      }
    }
    if (rel === 'between' && !clock2) continue;
    raw.push({ start: relStart, end, rel: rel ?? 'at', clock: c, clock2 });
    i = end - 1;
  }
  for (const r of raw) for (let k = r.start; k < r.end; k++) taken[k] = 1;

  // Rows separated only by glue words describe one window ("in the morning before 8", "after 10 and
  // before 2 pm", "after 3 in the afternoon"): a period sets am/pm for the clock times, then they intersect.
  const out: TimeMention[] = [];
  for (let k = 0; k < raw.length;) {
    let last = k;
    while (last + 1 < raw.length && glued(toks, raw[last].end, raw[last + 1].start)) last++;
    const group = raw.slice(k, last + 1);
    const period = group.find((r) => r.period)?.period ?? null;
    let lo = 0;
    let hi = DAY_END;
    let first: [number, number] | null = null;
    for (const r of group) {
      const w: [number, number] =
        r.period ??
        windowOf(r.rel ?? 'at', disambiguate(r.clock!, period), r.clock2 ? disambiguate(r.clock2, period) : null);
      first ??= w;
      lo = Math.max(lo, w[0]);
      hi = Math.min(hi, w[1]);
    }
    // Contradictions ("before 8 in the evening") keep the first window rather than none.
    const [a, b] = lo <= hi ? [lo, hi] : first!;
    out.push({ window: { from: hhmm(a), to: hhmm(b) }, start: group[0].start, end: group[group.length - 1].end });
    k = last + 1;
  }
  return out;
}

const GLUE = wordSet(...TIME_WORDS.glue);

/** True when only glue words lie between two time expressions. */
function glued(toks: readonly Token[], from: number, to: number): boolean {
  if (to - from > 2) return false;
  for (let j = from; j < to; j++) if (!GLUE.has(toks[j].n)) return false;
  return true;
}

function windowOf(rel: string, t: number, t2: number | null): [number, number] {
  if (t2 !== null) return t <= t2 ? [t, t2] : [t, DAY_END];
  if (BEFORE.has(rel)) return [0, t];
  if (AFTER.has(rel)) return [t, DAY_END];
  if (AROUND.has(rel)) return [Math.max(0, t - 60), Math.min(DAY_END, t + 60)];
  return [t, t];
}
