import { DateTime, IANAZone } from 'luxon';

/**
 * Time helpers: instants are UTC `Date`s in storage; travellers see local times with their offset.
 *
 * Search prices every fare with these (days ahead, weekday) and shows every segment in local time,
 * so the common cases take fast paths: calendar dates ("YYYY-MM-DD") are plain UTC day arithmetic,
 * and local times come from one cached `Intl.DateTimeFormat` per zone. Luxon stays the fallback for
 * anything unusual (malformed dates, unknown zones, years outside 1000–9999, historical offsets with
 * seconds), so every answer is exactly what luxon gives.
 */

const MS_PER_DAY = 86_400_000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** The parts of a real calendar date "YYYY-MM-DD" (proleptic Gregorian, as luxon), or null. */
function parseYmd(value: string): Ymd | null {
  const match = YMD.exec(value);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** Days since 1970-01-01 of a 4-digit-year date (years ≥ 1000: Date.UTC maps years 0–99 to 19xx), or null. */
function epochDay(value: string): number | null {
  const p = parseYmd(value);
  if (!p || p.y < 1000) return null;
  return Date.UTC(p.y, p.m - 1, p.d) / MS_PER_DAY;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD" of an epoch day, or null outside years 1000–9999 (luxon writes those differently). */
function ymdOfEpochDay(day: number): string | null {
  const date = new Date(day * MS_PER_DAY);
  const y = date.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return null;
  return `${y}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}`;
}

/** Wall-clock fields of an instant in a zone, and the zone's UTC offset then in whole minutes. */
interface LocalParts {
  /** The zone is UTC itself (its offset is written "Z"). */
  utc: boolean;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  offsetMinutes: number;
}

const FIRST_FAST_INSTANT = Date.UTC(1000, 0, 2);
const LAST_FAST_INSTANT = Date.UTC(9999, 11, 30);

/**
 * How a zone name is served: by a cached Intl formatter, as UTC itself ('utc': luxon reads
 * "UTC" and "GMT" as its fixed UTC zone and writes its offset as "Z"), or by luxon (null: names
 * luxon reads specially, like "local" or "UTC+3", and zones Intl refuses).
 */
type ZoneFormat = Intl.DateTimeFormat | 'utc' | null;
const formatters = new Map<string, ZoneFormat>();
const LUXON_SPECIAL = /^(default|local|system|utc(?:[+-]\d{1,2}(?::\d{2})?)?)$/i;

function zoneFormat(zone: string): ZoneFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    const lowered = zone.toLowerCase();
    if (lowered === 'utc' || lowered === 'gmt') f = 'utc';
    else if (LUXON_SPECIAL.test(zone)) f = null;
    else {
      try {
        // One formatter per zone: creating one costs far more than using it.
        f = new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
      } catch {
        f = null;
      }
    }
    formatters.set(zone, f);
  }
  return f;
}

/**
 * Local wall time of an instant in a zone, computed as luxon does (format the instant in the zone,
 * read the fields back as UTC, the difference is the offset). Null when only luxon can answer
 * exactly: an invalid instant or zone, a year outside 1000–9999, an offset that is not whole minutes.
 */
function localParts(instant: Date, zone: string): LocalParts | null {
  const ts = instant.getTime();
  // Local years 1000–9999 only (and never BC), whatever the zone's offset.
  if (!(ts >= FIRST_FAST_INSTANT && ts <= LAST_FAST_INSTANT)) return null;
  const f = zoneFormat(zone);
  if (f === null) return null;
  if (f === 'utc') return shifted(ts, 0, true);
  const offset = hourOffset(f, zone, ts);
  return offset === undefined ? formatted(f, ts) : shifted(ts, offset, false);
}

/** The wall-clock fields of `ts` moved by a known offset. */
function shifted(ts: number, offsetMinutes: number, utc: boolean): LocalParts {
  const d = new Date(ts + offsetMinutes * 60_000);
  return {
    utc,
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    offsetMinutes,
  };
}

/**
 * The wall-clock fields of `ts` as the zone's formatter writes them (null: not a whole-minute offset, or an odd year).
 */
function formatted(f: Intl.DateTimeFormat, ts: number): LocalParts | null {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of f.formatToParts(ts)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        // Some ICU versions write midnight as 24 even with h23.
        hour = Number(p.value) % 24;
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
    }
  }
  if (!(year >= 1000 && year <= 9999)) return null;
  const millisecond = ((ts % 1000) + 1000) % 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offset = (asUtc - (ts - millisecond)) / 60_000;
  if (!Number.isInteger(offset)) return null;
  return { utc: false, year, month, day, hour, minute, second, millisecond, offsetMinutes: offset };
}

const HOUR_MS = 3_600_000;
/** Per zone: the offset of each UTC hour seen so far, or null for an hour with an offset change in it. */
const hourOffsets = new Map<string, Map<number, number | null>>();
const MAX_HOURS_PER_ZONE = 50_000;

/**
 * The zone's offset throughout the UTC hour of `ts`, when it is the same at the hour's first and last
 * millisecond (zones change offset at most twice a year, never twice within an hour); undefined for
 * the hour of a change, which is formatted instant by instant. Formatting costs a few microseconds,
 * and search shows every segment's local times, so each hour is formatted only once.
 */
function hourOffset(f: Intl.DateTimeFormat, zone: string, ts: number): number | undefined {
  let hours = hourOffsets.get(zone);
  if (!hours) hourOffsets.set(zone, (hours = new Map()));
  const hour = Math.floor(ts / HOUR_MS);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const start = formatted(f, hour * HOUR_MS);
    const end = formatted(f, hour * HOUR_MS + HOUR_MS - 1);
    offset = start && end && start.offsetMinutes === end.offsetMinutes ? start.offsetMinutes : null;
    if (hours.size >= MAX_HOURS_PER_ZONE) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? undefined;
}

function ymdOf(p: LocalParts): string {
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** "+05:30", "-04:00", "+00:00": luxon's ISO offset. */
function isoOffset(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** Zones found valid: checking one builds an Intl.DateTimeFormat, which costs tens of microseconds. */
const VALID_ZONES = new Set<string>();

export function isValidZone(zone: string): boolean {
  if (VALID_ZONES.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (VALID_ZONES.size < 1000) VALID_ZONES.add(zone);
  return true;
}

/** "2026-12-01T18:30:00+00:00": the instant in the airport's zone, with its offset. */
export function toLocalIso(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  if (!p) return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();
  const ms = p.millisecond === 0 ? '' : `.${String(p.millisecond).padStart(3, '0')}`;
  return (
    `${ymdOf(p)}T${pad2(p.hour)}:${pad2(p.minute)}:` +
    `${pad2(p.second)}${ms}` +
    `${p.utc ? 'Z' : isoOffset(p.offsetMinutes)}`
  );
}

/** The local calendar date ("YYYY-MM-DD") of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  if (!p) return DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
  return ymdOf(p);
}

/** Local "HH:MM" of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  const p = localParts(instant, zone);
  if (!p) return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
  return `${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** The UTC instant of a local date and "HH:MM" wall time in a zone (DST gaps move forward). */
export function localToInstant(date: string, hhmm: string, zone: string): Date {
  const dt = DateTime.fromISO(`${date}T${hhmm}`, { zone });
  if (!dt.isValid) throw new Error(`Invalid local time ${date} ${hhmm} in ${zone}`);
  return dt.toJSDate();
}

/** Today's date in a zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  return localDate(now, zone);
}

export function addDays(date: string, days: number): string {
  const day = Number.isInteger(days) ? epochDay(date) : null;
  const fast = day === null ? null : ymdOfEpochDay(day + days);
  return fast ?? (DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string);
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  const a = epochDay(from);
  const b = epochDay(to);
  if (a !== null && b !== null) return b - a;
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const day = epochDay(date);
  // 1970-01-01 was a Thursday (4).
  if (day !== null) return ((((day + 3) % 7) + 7) % 7) + 1;
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

export function isIsoDate(value: string): boolean {
  return parseYmd(value) !== null;
}

/** Minutes of a "HH:MM" string, or null when malformed. */
export function parseHhmm(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Age in whole years on a given date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const dob = parseYmd(dateOfBirth) ?? luxonYmd(dateOfBirth);
  const on = parseYmd(onDate) ?? luxonYmd(onDate);
  let age = on.y - dob.y;
  if (on.m < dob.m || (on.m === dob.m && on.d < dob.d)) age -= 1;
  return age;
}

/** What luxon reads from anything that is not a plain date (NaN fields when it cannot). */
function luxonYmd(value: string): Ymd {
  const dt = DateTime.fromISO(value, { zone: 'UTC' });
  return { y: dt.year, m: dt.month, d: dt.day };
}
