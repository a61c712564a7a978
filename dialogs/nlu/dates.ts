/**
 * Finds date expressions in a token stream. Detection is separate from resolution because a return
 * date ("back sun", "the 20th", "the day after") is resolved against the departure, not against today.
 */
import { dayOf, nextDayOfMonth, nextMonthDay, nextWeekday, partsOf } from './calendar';
import { DATE_WORDS, MONTHS as MONTH_NAMES, WEEKDAYS as WEEKDAY_NAMES } from './lexicon/dates.data';
import { mapOf, wordSet } from './lexicon/types';
import { readNumber, type Token } from './text';

export type DateExpr =
  | { type: 'md'; m: number; d: number; y?: number }
  | { type: 'dom'; d: number }
  | { type: 'wd'; wd: number; next: boolean; inclusive: boolean; last?: boolean }
  | { type: 'wdom'; wd: number; d: number }
  | { type: 'today'; offset: number }
  | { type: 'after'; offset: number }
  | { type: 'duration'; days: number };

export interface DateMention {
  expr: DateExpr;
  start: number;
  end: number;
  /** A second date joined by a range word ("dec 3-10", "from the 3rd to the 10th"). */
  rangeEnd?: DateExpr;
}

/** Month names that are also words ("may", "mar", "march") only count with a day number next to them. */
const MONTHS = mapOf(...MONTH_NAMES);
const WEEKDAYS = mapOf(...WEEKDAY_NAMES);
const WORDY_WEEKDAYS = wordSet(...DATE_WORDS.wordyWeekdays);
const WEEKDAY_CUES = wordSet(...DATE_WORDS.weekdayCues);
const TOMORROW = wordSet(...DATE_WORDS.tomorrow);
const RANGE_WORDS = wordSet(...DATE_WORDS.rangeWords);
const WEEKDAY_DATE_GAP = wordSet(...DATE_WORDS.weekdayDateGap);
const DATE_JOINERS = wordSet(...DATE_WORDS.dateJoiners);
const NOT_A_DAY_AFTER = wordSet(...DATE_WORDS.notADayAfter);

/** Finds every date expression; `taken` marks tokens used by other extractors and is updated. */
export function findDates(toks: readonly Token[], dmyDefault: boolean, taken: Uint8Array): DateMention[] {
  const out: DateMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue;
    const found = dateAt(toks, i, dmyDefault);
    if (!found) continue;
    let { end } = found;
    // Ranges: "dec 3-10", "3rd to the 10th", "dec 3 to dec 10".
    const r = toks[end];
    if (r && RANGE_WORDS.has(r.n) && found.expr.type !== 'today') {
      const j = toks[end + 1]?.n === 'the' ? end + 2 : end + 1;
      const second = dateAt(toks, j, dmyDefault) ?? bareDay(toks, j, found.expr);
      if (second) {
        found.rangeEnd = second.expr;
        end = second.end;
        // "the 3rd - 10th may": the month named at the end applies to both ends.
        if (found.expr.type === 'dom' && second.expr.type === 'md')
          found.expr = { type: 'md', m: second.expr.m, d: found.expr.d, y: second.expr.y };
      }
    }
    // "3-10 dec": the first day borrows the month of the second.
    const before = toks[found.start - 2];
    if (
      found.expr.type === 'md' &&
      !found.rangeEnd &&
      before &&
      !taken[found.start - 2] &&
      !before.code &&
      /^(-|to)$/.test(toks[found.start - 1].n)
    ) {
      const d = /^(\d{1,2})(st|nd|rd|th)?$/.exec(before.n);
      if (d && +d[1] >= 1 && +d[1] <= 31 && +d[1] <= found.expr.d) {
        found.rangeEnd = found.expr;
        found.expr = { type: 'md', m: found.expr.m, d: +d[1], y: found.expr.y };
        found.start -= 2;
      }
    }
    for (let k = found.start; k < end; k++) taken[k] = 1;
    out.push({ expr: found.expr, start: found.start, end, rangeEnd: found.rangeEnd });
    i = end - 1;
  }
  lendMonths(toks, out);
  // "fri 12/4", "wednesday evening june second": a month and day win over the weekday that restates them;
  // "wednesday the 14th" (no month) keeps both, to find a 14th that is a Wednesday.
  const merged: DateMention[] = [];
  for (let k = 0; k < out.length; k++) {
    const m = out[k];
    const next = out[k + 1];
    let adjacent =
      !!next &&
      m.expr.type === 'wd' &&
      (next.expr.type === 'md' || next.expr.type === 'dom') &&
      next.start - m.end <= 2;
    for (let j = m.end; adjacent && j < next.start; j++) if (!WEEKDAY_DATE_GAP.has(toks[j].n)) adjacent = false;
    if (!adjacent) {
      merged.push(m);
      continue;
    }
    if (m.expr.type === 'wd' && next.expr.type === 'dom')
      merged.push({ ...next, start: m.start, expr: { type: 'wdom', wd: m.expr.wd, d: next.expr.d } });
    else merged.push(next);
    k++;
  }
  return merged;
}

/** "the 27th or the 28th of december", "the 3rd - 10th may": the month named last applies to both. */
function lendMonths(toks: readonly Token[], out: DateMention[]): void {
  for (let k = 0; k + 1 < out.length; k++) {
    const a = out[k];
    const b = out[k + 1];
    if (a.expr.type !== 'dom' || b.expr.type !== 'md' || b.start - a.end > 2) continue;
    let joined = true;
    for (let j = a.end; j < b.start; j++) if (!DATE_JOINERS.has(toks[j].n)) joined = false;
    if (joined) a.expr = { type: 'md', m: b.expr.m, d: a.expr.d, y: b.expr.y };
  }
}

interface Found {
  expr: DateExpr;
  start: number;
  end: number;
  rangeEnd?: DateExpr;
}

/** "10" after "dec 3 -": a day number in the same month as the first date. */
function bareDay(toks: readonly Token[], i: number, first: DateExpr): Found | null {
  const n = readNumber(toks, i);
  if (
    !n ||
    n.value < 1 ||
    n.value > 31 ||
    (toks[i + n.len] && /^(am|pm|adults?|people|kids?|children|days?|nights?)$/.test(toks[i + n.len].n))
  )
    return null;
  if (first.type === 'md')
    return {
      expr: { type: 'md', m: n.value < first.d ? (first.m % 12) + 1 : first.m, d: n.value },
      start: i,
      end: i + n.len,
    };
  if (first.type === 'dom' && n.ordinal) return { expr: { type: 'dom', d: n.value }, start: i, end: i + n.len };
  return null;
}

function dateAt(toks: readonly Token[], i: number, dmyDefault: boolean): Found | null {
  const t = toks[i];
  // "62YTF4", "BA117": digits of a code are not a day, and neither are its letters a month ("DEC4X2").
  if (!t || t.code) return null;
  const w = t.n;
  let m: RegExpExecArray | null;
  const digit = w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57;
  if (digit && (m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(w)))
    return { expr: { type: 'md', y: +m[1], m: +m[2], d: +m[3] }, start: i, end: i + 1 };
  if (digit && (m = /^(\d{1,2})([/.])(\d{1,2})(?:[/.](\d{2,4}))?(\.?)$/.exec(w))) {
    // "8.30" is more likely a time than a date unless it ends in a dot or carries a year.
    if (m[2] === '.' && !m[4] && !m[5]) return null;
    const a = +m[1];
    const b = +m[3];
    const dmy = a > 12 || (b <= 12 && (m[2] === '.' || dmyDefault));
    const y = m[4] ? (m[4].length === 2 ? 2000 + +m[4] : +m[4]) : undefined;
    return { expr: { type: 'md', m: dmy ? b : a, d: dmy ? a : b, y }, start: i, end: i + 1 };
  }
  const month = MONTHS[w];
  if (month !== undefined) {
    // "feb 14", "february the fourteenth", "june twenty six", "dec 3rd, 2027"
    let j = i + 1;
    if (toks[j]?.n === 'the') j++;
    const n = readNumber(toks, j);
    if (n && n.value >= 1 && n.value <= 31 && !isTimeAfter(toks, j + n.len))
      return withYear(toks, { type: 'md', m: month, d: n.value }, i, j + n.len);
    return null;
  }
  const wd = WEEKDAYS[w];
  if (wd !== undefined) {
    const prev = toks[i - 1]?.n ?? '';
    // "sat", "sun", "wed", "mon" are words too: a weekday after a cue, capitalised, last, or before a time.
    const after = toks[i + 1]?.n;
    const timeAfter =
      after === undefined || /^(\d|morning|afternoon|evening|night|am|pm|-|back|return|returning)/.test(after);
    if (WORDY_WEEKDAYS.has(w) && !/^[A-Z]/.test(t.raw) && !WEEKDAY_CUES.has(prev) && !timeAfter) return null;
    const next = prev === 'next' || (prev === 'following' && toks[i - 2]?.n !== 'the');
    const start = prev === 'next' || prev === 'this' || prev === 'coming' ? i - 1 : i;
    // "next friday" said on Tuesday means next week's Friday; "friday after next" one more week.
    if (toks[i + 1]?.n === 'after' && toks[i + 2]?.n === 'next')
      return { expr: { type: 'wd', wd, next: true, inclusive: false }, start, end: i + 3 };
    // "last monday" is in the past: the dialog says so rather than booking next Monday.
    if (prev === 'last')
      return { expr: { type: 'wd', wd, next: false, inclusive: false, last: true }, start: i - 1, end: i + 1 };
    return { expr: { type: 'wd', wd, next, inclusive: prev === 'this' }, start, end: i + 1 };
  }
  if (TOMORROW.has(w)) return { expr: { type: 'today', offset: 1 }, start: i, end: i + 1 };
  // Read so that the dialog can say it has passed (rather than not hearing a date at all).
  if (w === 'yesterday') return { expr: { type: 'today', offset: -1 }, start: i, end: i + 1 };
  if (w === 'today' || w === 'tonight' || w === 'tonite' || w === '2nite')
    return { expr: { type: 'today', offset: 0 }, start: i, end: i + 1 };
  if (w === 'this' && /^(morning|afternoon|evening)$/.test(toks[i + 1]?.n ?? ''))
    return { expr: { type: 'today', offset: 0 }, start: i, end: i + 1 };
  if (w === 'day' && toks[i + 1]?.n === 'after') {
    const start = toks[i - 1]?.n === 'the' ? i - 1 : i;
    if (TOMORROW.has(toks[i + 2]?.n ?? '')) return { expr: { type: 'today', offset: 2 }, start, end: i + 3 };
    return { expr: { type: 'after', offset: 1 }, start, end: i + 2 };
  }
  if ((w === 'next' || w === 'following') && toks[i + 1]?.n === 'day')
    return { expr: { type: 'after', offset: 1 }, start: toks[i - 1]?.n === 'the' ? i - 1 : i, end: i + 2 };
  if (w === 'weekend' && /^(this|next|the)$/.test(toks[i - 1]?.n ?? '')) {
    const nextWeek = toks[i - 1].n === 'next';
    return { expr: { type: 'wd', wd: 6, next: nextWeek, inclusive: true }, start: i - 1, end: i + 1 };
  }
  if (w === 'in' || w === 'for') return spanOfDays(toks, i);
  const fromNow = daysFromNow(toks, i);
  if (fromNow) return fromNow;
  // "the 20th", "on the twentieth", "20th": a day of the month with no month.
  const n = readNumber(toks, i);
  if (n && n.ordinal && n.value >= 1 && n.value <= 31) {
    const prev = toks[i - 1]?.n;
    const digits = /^\d/.test(w);
    const after = toks[i + n.len]?.n ?? '';
    if (after === 'of' && MONTHS[toks[i + n.len + 1]?.n ?? ''] !== undefined)
      return withYear(
        toks,
        { type: 'md', m: MONTHS[toks[i + n.len + 1].n], d: n.value },
        prev === 'the' ? i - 1 : i,
        i + n.len + 2,
      );
    const monthAfter = MONTHS[after];
    if (monthAfter !== undefined)
      return withYear(toks, { type: 'md', m: monthAfter, d: n.value }, prev === 'the' ? i - 1 : i, i + n.len + 1);
    if (NOT_A_DAY_AFTER.has(after)) return null;
    // Word ordinals need "the": "on the twentieth" yes, "the first flight" no; first-third need a date cue too.
    const cue = /^(on|back|returning|return|until|till|by|before|after|for|and|or|to)$/.test(toks[i - 2]?.n ?? '');
    if (digits || (prev === 'the' && (cue || n.value >= 4)))
      return { expr: { type: 'dom', d: n.value }, start: prev === 'the' ? i - 1 : i, end: i + n.len };
    return null;
  }
  // "14 feb", "3 december 2027"
  if (n && !n.ordinal && /^\d/.test(w) && n.value >= 1 && n.value <= 31) {
    const monthAfter = MONTHS[toks[i + 1]?.n ?? ''];
    if (monthAfter !== undefined) return withYear(toks, { type: 'md', m: monthAfter, d: n.value }, i, i + 2);
  }
  if (
    /^\d/.test(w) &&
    toks[i - 1]?.n === 'the' &&
    toks[i - 2]?.n === 'on' &&
    n &&
    n.value >= 1 &&
    n.value <= 31 &&
    !isTimeAfter(toks, i + 1)
  )
    return { expr: { type: 'dom', d: n.value }, start: i - 1, end: i + 1 };
  return null;
}

/** "in 3 days", "in a week", "for 5 days", "for a week": offsets from today or stay lengths. */
function spanOfDays(toks: readonly Token[], i: number): Found | null {
  const n = readNumber(toks, i + 1, true);
  const unit = n ? toks[i + 1 + n.len]?.n : toks[i + 1]?.n;
  if (!n || !unit) return null;
  const days = /^(days?|nights?)$/.test(unit) ? n.value : /^weeks?$/.test(unit) ? n.value * 7 : 0;
  if (!days || days > 365) return null;
  const end = i + 2 + n.len;
  if (toks[i].n === 'in') return { expr: { type: 'today', offset: days }, start: i, end };
  return { expr: { type: 'duration', days }, start: i, end };
}

/** "two days from today", "a week from now", "3 days from tomorrow". */
function daysFromNow(toks: readonly Token[], i: number): Found | null {
  const n = readNumber(toks, i, true);
  if (!n) return null;
  const unit = toks[i + n.len]?.n ?? '';
  const days = /^days?$/.test(unit) ? n.value : /^weeks?$/.test(unit) ? n.value * 7 : 0;
  if (!days || toks[i + n.len + 1]?.n !== 'from') return null;
  const base = toks[i + n.len + 2]?.n ?? '';
  const offset = base === 'today' || base === 'now' ? 0 : TOMORROW.has(base) ? 1 : -1;
  if (offset < 0) return null;
  return { expr: { type: 'today', offset: offset + days }, start: i, end: i + n.len + 3 };
}

function isTimeAfter(toks: readonly Token[], j: number): boolean {
  const n = toks[j]?.n ?? '';
  return /^(am|pm|a|p|o'clock|oclock|hours|hrs|h|:)$/.test(n);
}

/** Takes a year after the date ("dec 3 2027", "dec 3rd, 2027"); years already past are ignored. */
function withYear(
  toks: readonly Token[],
  expr: { type: 'md'; m: number; d: number },
  start: number,
  end: number,
): Found {
  const t = toks[end];
  if (t && /^\d{4}$/.test(t.n)) return { expr: { ...expr, y: Number(t.n) }, start, end: end + 1 };
  return { expr, start, end };
}

/**
 * Day number of an expression. `anchor` is today for a departure and the departure for a return;
 * a year that is missing or already past rolls forward to the next occurrence after the anchor.
 */
export function resolveDate(expr: DateExpr, anchor: number, today: number): number | null {
  switch (expr.type) {
    case 'md': {
      // A recent explicit year is what the traveller said, even when that date has passed (the dialog
      // then says so); years far off either way cannot be travel dates and are taken for slips.
      const y = partsOf(today).y;
      const exact = expr.y !== undefined && expr.y >= y - 1 && expr.y <= y + 2 ? dayOf(expr.y, expr.m, expr.d) : null;
      return exact !== null ? exact : nextMonthDay(anchor, expr.m, expr.d);
    }
    case 'dom':
      return nextDayOfMonth(anchor, expr.d);
    case 'wdom': {
      // The next "wednesday the 14th" within three months; if the two disagree, trust the weekday.
      for (let from = anchor, k = 0; k < 3; k++) {
        const day = nextDayOfMonth(from, expr.d);
        if (day === null) break;
        if (partsOf(day).wd === expr.wd) return day;
        from = day + 1;
      }
      return nextWeekday(anchor, expr.wd, false);
    }
    case 'wd': {
      if (expr.last) return nextWeekday(anchor - 8, expr.wd, false); // the latest one strictly before today
      const bare = nextWeekday(anchor, expr.wd, expr.inclusive);
      if (!expr.next) return bare;
      // Monday-to-Sunday weeks: "next X" skips a bare occurrence that still falls in this week.
      const endOfWeek = anchor + ((7 - partsOf(anchor).wd) % 7);
      return bare <= endOfWeek ? bare + 7 : bare;
    }
    case 'today':
      return today + expr.offset;
    case 'after':
    case 'duration':
      return anchor + (expr.type === 'after' ? expr.offset : expr.days);
  }
}
