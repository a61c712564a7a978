import { calendarDate } from '../../api/domain/check-in';

/**
 * Reading passport details typed in a chat: a nationality code and an expiry date in the ways people
 * write dates. Pure; the rules on what is acceptable are the API's (api/domain/check-in.ts).
 */

/** "gbr", "GBR.", "it's USA" → "GBR" / "USA"; null unless exactly one 3-letter code is there. */
export function nationalityOf(text: string): string | null {
  const codes = text.match(/\b[A-Za-z]{3}\b/g) ?? [];
  const candidates = codes.filter((c) => !FILLER.has(c.toLowerCase()));
  return candidates.length === 1 ? candidates[0]!.toUpperCase() : null;
}

const FILLER = new Set(['its', 'the', 'and', 'for', 'yes', 'can', 'are', 'not', 'mine', 'his', 'her', 'our']);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function iso(year: number, month: number, day: number): string | null {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return calendarDate(text);
}

function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

/**
 * "2031-05-20", "20/05/2031" (day first, as printed on passports), "20.05.2031", "20 May 2031",
 * "May 20, 2031" → "2031-05-20"; null when no whole date can be read.
 */
export function expiryDateOf(text: string): string | null {
  const t = text.trim();
  let m = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(t);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/.exec(t);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b/.exec(t);
  if (m && monthOf(m[2]!)) return iso(Number(m[3]), monthOf(m[2]!)!, Number(m[1]));
  m = /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(t);
  if (m && monthOf(m[1]!)) return iso(Number(m[3]), monthOf(m[1]!)!, Number(m[2]));
  return null;
}
