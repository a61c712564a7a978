import { DateTime } from 'luxon';
import {
  addDays,
  ageOn,
  daysBetween,
  isIsoDate,
  localDate,
  localTime,
  localToInstant,
  parseHhmm,
  todayIn,
  toLocalIso,
  weekday,
} from '../../api/domain/time';

describe('toLocalIso', () => {
  it.each([
    // instant, zone, local time with offset
    ['2031-01-15T17:00:00Z', 'America/New_York', '2031-01-15T12:00:00-05:00'], // EST
    ['2031-07-15T17:00:00Z', 'America/New_York', '2031-07-15T13:00:00-04:00'], // EDT
    ['2031-01-15T17:00:00Z', 'Europe/London', '2031-01-15T17:00:00+00:00'], // GMT, written as an offset
    ['2031-07-15T17:00:00Z', 'Europe/London', '2031-07-15T18:00:00+01:00'], // BST
    ['2031-07-15T17:00:00Z', 'Asia/Tokyo', '2031-07-16T02:00:00+09:00'], // no DST, next local day
    ['2031-01-15T17:00:00Z', 'Australia/Sydney', '2031-01-16T04:00:00+11:00'], // southern summer
    ['2031-07-15T17:00:00Z', 'Australia/Sydney', '2031-07-16T03:00:00+10:00'],
    ['2031-07-15T17:00:00Z', 'Asia/Kolkata', '2031-07-15T22:30:00+05:30'],
  ])('%s in %s is %s', (instant, zone, local) => {
    expect(toLocalIso(new Date(instant), zone)).toBe(local);
    // The local string names the same instant.
    expect(new Date(local).getTime()).toBe(new Date(instant).getTime());
  });

  it('switches offset exactly at the DST change (New York, second Sunday of March 2031)', () => {
    expect(toLocalIso(new Date('2031-03-09T06:59:00Z'), 'America/New_York')).toBe('2031-03-09T01:59:00-05:00');
    expect(toLocalIso(new Date('2031-03-09T07:00:00Z'), 'America/New_York')).toBe('2031-03-09T03:00:00-04:00');
  });

  it('switches back in autumn (London, last Sunday of October 2031)', () => {
    expect(toLocalIso(new Date('2031-10-26T00:59:00Z'), 'Europe/London')).toBe('2031-10-26T01:59:00+01:00');
    expect(toLocalIso(new Date('2031-10-26T01:00:00Z'), 'Europe/London')).toBe('2031-10-26T01:00:00+00:00');
  });

  it('keeps milliseconds when there are any', () => {
    expect(toLocalIso(new Date('2031-07-15T17:00:00.250Z'), 'Europe/London')).toBe('2031-07-15T18:00:00.250+01:00');
    expect(toLocalIso(new Date('2031-07-15T17:00:00.007Z'), 'Asia/Kolkata')).toBe('2031-07-15T22:30:00.007+05:30');
  });

  it(
    'writes the UTC zone itself as "Z" (the fallback for an airport ' + 'without a zone) and Etc zones with offsets',
    () => {
      expect(toLocalIso(new Date('2031-01-15T17:00:00Z'), 'UTC')).toBe('2031-01-15T17:00:00Z');
      expect(localDate(new Date('2031-01-15T23:30:00Z'), 'UTC')).toBe('2031-01-15');
      expect(toLocalIso(new Date('2031-01-15T17:00:00Z'), 'Etc/UTC')).toBe('2031-01-15T17:00:00+00:00');
      expect(toLocalIso(new Date('2031-01-15T17:00:00Z'), 'Etc/GMT+5')).toBe('2031-01-15T12:00:00-05:00');
    },
  );

  it('falls back to the UTC instant for a zone that does not exist', () => {
    const instant = new Date('2031-01-15T17:00:00Z');
    expect(toLocalIso(instant, 'Mars/Olympus')).toBe('2031-01-15T17:00:00.000Z');
    expect(localDate(instant, 'Mars/Olympus')).toBe('2031-01-15');
  });

  it('agrees with luxon in every time zone, around the DST changes of 2031 and on ordinary days', () => {
    const instants: Date[] = [];
    for (const [month, day] of [
      [2, 8],
      [2, 9],
      [2, 29],
      [2, 30],
      [3, 6],
      [9, 5],
      [9, 26],
      [10, 2],
      [0, 15],
      [6, 15],
    ] as const)
      for (let minutes = 0; minutes < 24 * 60; minutes += 97)
        instants.push(new Date(Date.UTC(2031, month, day) + minutes * 60_000));
    const luxonIso = (i: Date, zone: string) => DateTime.fromJSDate(i, { zone }).toISO({ suppressMilliseconds: true });
    const mismatches: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone'))
      for (const instant of instants) {
        const expected = luxonIso(instant, zone);
        if (
          toLocalIso(instant, zone) !== expected ||
          localDate(instant, zone) !== expected!.slice(0, 10) ||
          localTime(instant, zone) !== expected!.slice(11, 16)
        )
          mismatches.push(`${zone} ${instant.toISOString()}`);
      }
    expect(mismatches).toEqual([]);
  });
});

describe('localToInstant', () => {
  it.each([
    ['2031-01-15', '08:20', 'Europe/London', '2031-01-15T08:20:00.000Z'],
    ['2031-07-15', '08:20', 'Europe/London', '2031-07-15T07:20:00.000Z'],
    ['2031-01-15', '18:15', 'America/New_York', '2031-01-15T23:15:00.000Z'],
    ['2031-07-15', '18:15', 'America/New_York', '2031-07-15T22:15:00.000Z'],
    ['2031-07-15', '00:30', 'Asia/Tokyo', '2031-07-14T15:30:00.000Z'],
  ])('%s %s in %s is %s', (date, hhmm, zone, iso) => {
    const instant = localToInstant(date, hhmm, zone);
    expect(instant.toISOString()).toBe(iso);
    expect(localDate(instant, zone)).toBe(date);
    expect(localTime(instant, zone)).toBe(hhmm);
  });

  it('moves a wall time in the spring-forward gap forward (02:30 does not exist in New York)', () => {
    const instant = localToInstant('2031-03-09', '02:30', 'America/New_York');
    expect(instant.toISOString()).toBe('2031-03-09T07:30:00.000Z');
    expect(toLocalIso(instant, 'America/New_York')).toBe('2031-03-09T03:30:00-04:00');
  });

  it('gives one of the two instants for an ambiguous autumn wall time', () => {
    const instant = localToInstant('2031-11-02', '01:30', 'America/New_York').toISOString();
    expect(['2031-11-02T05:30:00.000Z', '2031-11-02T06:30:00.000Z']).toContain(instant);
  });

  it('refuses impossible input', () => {
    expect(() => localToInstant('2031-02-30', '10:00', 'Europe/London')).toThrow(/Invalid local time/);
    expect(() => localToInstant('2031-01-01', '10:00', 'Mars/Olympus')).toThrow();
  });
});

describe('dates', () => {
  it('todayIn follows the zone, not UTC', () => {
    const lateEvening = new Date('2031-01-16T04:00:00Z');
    expect(todayIn('America/Los_Angeles', lateEvening)).toBe('2031-01-15');
    expect(todayIn('Europe/London', lateEvening)).toBe('2031-01-16');
    expect(todayIn('Pacific/Auckland', new Date('2031-01-15T12:00:00Z'))).toBe('2031-01-16');
  });

  it.each([
    ['2031-01-31', 1, '2031-02-01'],
    ['2032-02-28', 1, '2032-02-29'],
    ['2031-03-08', 1, '2031-03-09'], // across a DST change: still one calendar day
    ['2031-01-01', -1, '2030-12-31'],
  ])('addDays(%s, %i) = %s', (d, n, r) => {
    expect(addDays(d, n)).toBe(r);
  });

  it.each([
    ['2031-12-31', 1, '2032-01-01'],
    ['2032-03-01', -1, '2032-02-29'],
    ['2100-02-28', 1, '2100-03-01'], // not a leap year
    ['2000-02-28', 1, '2000-02-29'], // a leap year
    ['2031-06-15', 366, '2032-06-15'],
    ['2031-06-15', 0, '2031-06-15'],
  ])('addDays(%s, %i) = %s across months, years and leap days', (d, n, r) => {
    expect(addDays(d, n)).toBe(r);
  });

  it('daysBetween counts calendar days, also across DST', () => {
    expect(daysBetween('2031-03-01', '2031-04-01')).toBe(31);
    expect(daysBetween('2031-10-20', '2031-11-10')).toBe(21);
    expect(daysBetween('2031-01-10', '2031-01-03')).toBe(-7);
  });

  it('daysBetween counts leap days and long spans', () => {
    expect(daysBetween('2032-02-28', '2032-03-01')).toBe(2);
    expect(daysBetween('2031-02-28', '2031-03-01')).toBe(1);
    expect(daysBetween('2031-01-01', '2032-01-01')).toBe(365);
    expect(daysBetween('2032-01-01', '2033-01-01')).toBe(366);
    expect(daysBetween('1999-12-31', '2031-01-01')).toBe(11_324);
  });

  it('weekday is ISO (1 = Monday … 7 = Sunday)', () => {
    expect(weekday('2031-01-06')).toBe(1);
    expect(weekday('2031-01-12')).toBe(7);
  });

  it('dates agree with luxon day after day (weekday, addDays, daysBetween)', () => {
    for (let i = 0; i < 800; i++) {
      const date = new Date(Date.UTC(2029, 11, 1) + i * 86_400_000).toISOString().slice(0, 10);
      const dt = DateTime.fromISO(date, { zone: 'UTC' });
      expect(weekday(date)).toBe(dt.weekday);
      expect(addDays(date, 45)).toBe(dt.plus({ days: 45 }).toISODate());
      expect(addDays(date, -45)).toBe(dt.minus({ days: 45 }).toISODate());
      expect(daysBetween('2030-06-15', date)).toBe(
        Math.round(dt.diff(DateTime.fromISO('2030-06-15', { zone: 'UTC' }), 'days').days),
      );
    }
  });

  it.each([
    ['2031-02-28', true],
    ['2032-02-29', true],
    ['2031-02-29', false],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2031-04-31', false],
    ['2031-00-10', false],
    ['2031-01-00', false],
    ['2031-13-01', false],
    ['2031-1-01', false],
    ['31-01-01', false],
    ['not a date', false],
  ])('isIsoDate(%s) = %p', (d, ok) => {
    expect(isIsoDate(d)).toBe(ok);
  });

  it.each([
    ['00:00', 0],
    ['08:20', 500],
    ['23:59', 1439],
    ['24:00', null],
    ['8:20', null],
    ['12:60', null],
  ])('parseHhmm(%s) = %p', (v, m) => {
    expect(parseHhmm(v)).toBe(m);
  });
});

describe('ageOn', () => {
  it.each([
    ['2000-06-15', '2031-06-14', 30],
    ['2000-06-15', '2031-06-15', 31], // birthday: a year older that day
    ['2000-06-15', '2031-06-16', 31],
    ['2019-06-15', '2031-06-14', 11],
    ['2019-06-15', '2031-06-15', 12],
    ['2029-06-15', '2031-06-14', 1],
    ['2029-06-15', '2031-06-15', 2],
    ['2031-06-15', '2031-06-15', 0],
    ['2004-02-29', '2031-02-28', 26], // leap-day birthday, not yet in a common year
    ['2004-02-29', '2031-03-01', 27],
    ['2004-02-29', '2032-02-29', 28],
  ])('born %s, on %s: %i', (dob, on, age) => {
    expect(ageOn(dob, on)).toBe(age);
  });
});
