/**
 * A range of UTC days cut into whole calendar months and the days left at its ends, so that a report over a year
 * reads twelve monthly summary rows per key and a few daily ones instead of 366 daily ones.
 */
export interface MonthSpans {
  /** First and last whole month ('YYYY-MM'), or null when the range holds none. */
  months: [string, string] | null;
  /** Inclusive day ranges ('YYYY-MM-DD') outside those months: none, one or two. */
  days: [string, string][];
}

const DAY_MS = 86_400_000;
const dayAt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ms = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** The first day of the month after `day`'s. */
function nextMonthStart(day: string): string {
  const d = new Date(ms(day));
  return dayAt(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** Splits `from`…`to` (inclusive UTC days, from <= to). */
export function monthSpans(from: string, to: string): MonthSpans {
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const afterTo = dayAt(ms(to) + DAY_MS);
  // The last whole month ends on `to` when the day after it starts a month.
  const endOfWhole = afterTo.endsWith('-01') ? afterTo : `${to.slice(0, 7)}-01`;
  if (first >= endOfWhole) return { months: null, days: [[from, to]] };
  const lastMonth = dayAt(ms(endOfWhole) - DAY_MS).slice(0, 7);
  const days: [string, string][] = [];
  if (from < first) days.push([from, dayAt(ms(first) - DAY_MS)]);
  if (endOfWhole <= to) days.push([endOfWhole, to]);
  return { months: [first.slice(0, 7), lastMonth], days };
}
