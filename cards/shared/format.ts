/**
 * Formatting helpers shared by every channel. Times in views are local ISO strings with their offset
 * ("2026-12-01T18:30:00+00:00"); they are read as written (wall time at the airport) and never
 * converted to the server's zone.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** The parts of a local ISO date or date-time as written; null when it is not one. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  /** "HH:MM", or null for a bare date. */
  time: string | null;
  /** "Z", "+01:00" …, or null when absent. */
  offset: string | null;
}

/** Splits "2026-12-01T18:30:00+00:00" into its written parts (no zone conversion). */
export function parseLocal(iso: string): LocalParts | null {
  const m = ISO.exec(iso.trim());
  if (!m) return null;
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    time: m[4] !== undefined && m[5] !== undefined ? `${m[4]}:${m[5]}` : null,
    offset: m[6] ?? null,
  };
}

/** Days since 1970-01-01 of a calendar date (used only to compare dates). */
function dayNumber(p: LocalParts): number {
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

/** "18:30": the local wall time of a local ISO date-time. */
export function formatLocalTime(iso: string): string {
  return parseLocal(iso)?.time ?? iso;
}

/** "Tue 1 Dec" (or "Tue 1 Dec 2026" with `withYear`) for "2026-12-01" or a local ISO date-time. */
export function formatLocalDate(iso: string, withYear = false): string {
  const p = parseLocal(iso);
  if (!p) return iso;
  const weekday = WEEKDAYS[new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay()] ?? '';
  const text = `${weekday} ${p.day} ${MONTHS[p.month - 1] ?? ''}`;
  return withYear ? `${text} ${p.year}` : text;
}

/** Calendar days between two local date-times as written (arrival next day = 1). */
export function dayOffset(fromIso: string, toIso: string): number {
  const a = parseLocal(fromIso);
  const b = parseLocal(toIso);
  return a && b ? dayNumber(b) - dayNumber(a) : 0;
}

/** "+1" for a next-day arrival, "-1" for the day before, "" for the same day. */
export function formatDayOffset(fromIso: string, toIso: string): string {
  const d = dayOffset(fromIso, toIso);
  return d === 0 ? '' : d > 0 ? `+${d}` : String(d);
}

/** "7h 50m", "45m", "2h". */
export function formatDuration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (h === 0) return `${rest}m`;
  return rest === 0 ? `${h}h` : `${h}h ${rest}m`;
}

/** "UTC" for Z or +00:00, else the offset as written ("+01:00"). */
function offsetLabel(offset: string | null): string {
  if (offset === null || offset === 'Z' || /^[+-]00:?00$/.test(offset)) return 'UTC';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}

/** "18:45 UTC on Tue 1 Dec": an instant as written in its ISO string, with its offset. */
export function formatInstant(iso: string): string {
  const p = parseLocal(iso);
  if (!p || p.time === null) return iso;
  return `${p.time} ${offsetLabel(p.offset)} on ${formatLocalDate(iso)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * "in 25 minutes", "in 2 hours 5 minutes", "in 3 days" when `now` is given (renderers stay pure:
 * the caller passes the clock); otherwise "at 18:45 UTC on Tue 1 Dec". "already" when past.
 */
export function formatExpiry(expiresAt: string, now?: Date): string {
  const at = Date.parse(expiresAt);
  if (now === undefined || Number.isNaN(at)) return `at ${formatInstant(expiresAt)}`;
  const minutes = Math.ceil((at - now.getTime()) / 60_000);
  if (minutes <= 0) return 'already';
  if (minutes < 60) return `in ${plural(minutes, 'minute')}`;
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `in ${plural(h, 'hour')}${m ? ` ${plural(m, 'minute')}` : ''}`;
  }
  return `in ${plural(Math.floor(minutes / 1440), 'day')} (${formatInstant(expiresAt)})`;
}

/** "Expires in 25 minutes." / "Expired." */
export function expirySentence(subject: string, expiresAt: string, now?: Date): string {
  const when = formatExpiry(expiresAt, now);
  return when === 'already' ? `${subject} has expired.` : `${subject} expires ${when}.`;
}

/** Pluralises a count: plural(2, 'passenger') → "2 passengers". */
export function count(n: number, word: string): string {
  return plural(n, word);
}

/** Cuts text to `max` characters, ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
