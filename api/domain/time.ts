import { DateTime, IANAZone } from 'luxon';

/** Time helpers: instants are UTC `Date`s in storage; travellers see local times with their offset. */

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** "2026-12-01T18:30:00+00:00": the instant in the airport's zone, with its offset. */
export function toLocalIso(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();
}

/** The local calendar date ("YYYY-MM-DD") of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** Local "HH:MM" of an instant in a zone. */
export function localTime(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
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
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() as string;
}

/** Whole days from `from` to `to` (both "YYYY-MM-DD"). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

/** Minutes of a "HH:MM" string, or null when malformed. */
export function parseHhmm(value: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** Age in whole years on a given date. */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const dob = DateTime.fromISO(dateOfBirth, { zone: 'UTC' });
  const on = DateTime.fromISO(onDate, { zone: 'UTC' });
  let age = on.year - dob.year;
  if (on.month < dob.month || (on.month === dob.month && on.day < dob.day)) age -= 1;
  return age;
}
