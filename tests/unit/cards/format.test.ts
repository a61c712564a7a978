import {
  dayOffset,
  formatDayOffset,
  formatDuration,
  formatExpiry,
  formatInstant,
  formatLocalDate,
  formatLocalTime,
  numberedChoices,
  offerStops,
  offerTimes,
} from '../../../cards';
import { connection, nonstop, overnight } from './fixtures';
import { MESSAGES } from './messages';

describe('local times are read as written, never converted', () => {
  test.each([
    ['2026-12-01T18:30:00+00:00', '18:30', 'Tue 1 Dec'],
    ['2026-12-01T21:25:00-05:00', '21:25', 'Tue 1 Dec'],
    ['2026-12-01T23:55:00+14:00', '23:55', 'Tue 1 Dec'],
    ['2026-03-29T01:30:00+01:00', '01:30', 'Sun 29 Mar'],
    ['2027-01-01T00:05:00.000Z', '00:05', 'Fri 1 Jan'],
  ])('%s → %s, %s', (iso, time, date) => {
    expect(formatLocalTime(iso)).toBe(time);
    expect(formatLocalDate(iso)).toBe(date);
  });

  test('a bare date and the year', () => {
    expect(formatLocalDate('2026-12-01')).toBe('Tue 1 Dec');
    expect(formatLocalDate('2026-12-01', true)).toBe('Tue 1 Dec 2026');
  });

  test.each([
    ['2026-12-08T19:00:00-05:00', '2026-12-09T07:05:00+00:00', 1, '+1'],
    ['2026-12-01T18:30:00+00:00', '2026-12-01T21:25:00-05:00', 0, ''],
    ['2026-12-01T23:30:00+09:00', '2026-11-30T17:00:00-10:00', -1, '-1'],
    ['2026-12-31T22:00:00+00:00', '2027-01-02T06:00:00+08:00', 2, '+2'],
  ])('day offset %s → %s', (from, to, days, label) => {
    expect(dayOffset(from, to)).toBe(days);
    expect(formatDayOffset(from, to)).toBe(label);
  });
});

test.each([
  [470, '7h 50m'],
  [45, '45m'],
  [120, '2h'],
  [0, '0m'],
  [885, '14h 45m'],
])('formatDuration(%i) = %s', (minutes, text) => expect(formatDuration(minutes)).toBe(text));

describe('offers', () => {
  test('times with the next-day arrival', () => {
    expect(offerTimes(nonstop)).toBe('18:30–21:25');
    expect(offerTimes(overnight)).toBe('19:00–07:05 +1');
  });

  test('stops with the connection airport and layover', () => {
    expect(offerStops(nonstop)).toBe('Nonstop');
    expect(offerStops(connection)).toBe('1 stop ORD 1h 15m');
  });
});

describe('expiry in words', () => {
  const now = new Date('2026-11-01T10:00:00Z');
  test.each([
    ['2026-11-01T10:25:00.000Z', 'in 25 minutes'],
    ['2026-11-01T10:01:00Z', 'in 1 minute'],
    ['2026-11-01T12:05:00+01:00', 'in 1 hour 5 minutes'],
    ['2026-11-01T13:00:00Z', 'in 3 hours'],
    ['2026-11-01T09:59:00Z', 'already'],
  ])('%s', (at, words) => expect(formatExpiry(at, now)).toBe(words));

  test('without a clock the instant is shown as written', () => {
    expect(formatExpiry('2026-11-01T10:25:00.000Z')).toBe('at 10:25 UTC on Sun 1 Nov');
    expect(formatInstant('2026-11-01T11:25:00+01:00')).toBe('11:25 +01:00 on Sun 1 Nov');
  });
});

describe('numberedChoices', () => {
  test("the card's items come first, then the message's other choices", () => {
    const values = numberedChoices(MESSAGES.flight_list!).map((c) => c.value);
    expect(values).toEqual(['offer:o1', 'offer:o2', 'offer:o3', 'more', 'dates']);
  });

  test('a choice repeated in message.choices is numbered once', () => {
    const m = MESSAGES.fare_options!;
    const values = numberedChoices({
      ...m,
      choices: [
        { value: 'fare:basic', label: 'Basic' },
        { value: 'back', label: 'Back' },
      ],
    }).map((c) => c.value);
    expect(values).toEqual(['fare:basic', 'fare:standard', 'fare:flex', 'back']);
  });

  test('calendar days without a choice are not numbered', () => {
    expect(numberedChoices(MESSAGES.price_calendar!)).toHaveLength(6);
  });
});
