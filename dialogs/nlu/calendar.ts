/**
 * Calendar arithmetic on plain dates. Dates are day numbers since 1970-01-01 (UTC), so no machine
 * time zone can shift them; the traveller's zone only matters when working out "today".
 */

export const MS_PER_DAY = 86_400_000;

/** Day number of a calendar date, or null when the date does not exist (31 April). */
export function dayOf(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return t / MS_PER_DAY;
}

/** Day number of "YYYY-MM-DD". */
export function parseIso(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? dayOf(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/** "YYYY-MM-DD" of a day number. */
export function toIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Year, month (1-12), day of month and weekday (0 = Sunday) of a day number. */
export function partsOf(day: number): { y: number; m: number; d: number; wd: number } {
  const dt = new Date(day * MS_PER_DAY);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate(), wd: dt.getUTCDay() };
}

const todayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date in an IANA time zone (the traveller's, not the server's). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  const zone = timeZone ?? 'UTC';
  let f = todayFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    todayFormatters.set(zone, f);
  }
  return f.format(now);
}

/**
 * Next occurrence of month/day on or after `from` (a month and day earlier than today means next year).
 * Feb 29 skips to the next leap year.
 */
export function nextMonthDay(from: number, m: number, d: number): number | null {
  const { y } = partsOf(from);
  for (let k = 0; k < 8; k++) {
    const day = dayOf(y + k, m, d);
    if (day !== null && day >= from) return day;
  }
  return null;
}

/** Next day numbered `d` on or after `from` ("the 20th"): this month if still ahead, else a later month. */
export function nextDayOfMonth(from: number, d: number): number | null {
  const p = partsOf(from);
  for (let k = 0; k < 3; k++) {
    const m0 = p.m - 1 + k;
    const day = dayOf(p.y + Math.floor(m0 / 12), (m0 % 12) + 1, d);
    if (day !== null && day >= from) return day;
  }
  return null;
}

/** Next occurrence of weekday `wd` (0 = Sunday) strictly after `from`, or on it when `inclusive`. */
export function nextWeekday(from: number, wd: number, inclusive: boolean): number {
  let delta = (wd - partsOf(from).wd + 7) % 7;
  if (delta === 0 && !inclusive) delta = 7;
  return from + delta;
}
