import { todayIn } from '../../../dialogs/nlu/calendar';
import { understand } from './helpers';

// TODAY is Tuesday 2026-11-24.
describe('departure dates', () => {
  test.each([
    ['flights today', '2026-11-24'],
    ['tonight', '2026-11-24'],
    ['this evening', '2026-11-24'],
    ['tomorrow', '2026-11-25'],
    ['tmrw', '2026-11-25'],
    ['the day after tomorrow', '2026-11-26'],
    ['in 3 days', '2026-11-27'],
    ['two days from today', '2026-11-26'],
    ['friday', '2026-11-27'],
    ['on fri', '2026-11-27'],
    ['this friday', '2026-11-27'],
    // "next friday" on a Tuesday is next week's Friday
    ['next friday', '2026-12-04'],
    ['next monday', '2026-11-30'],
    // the same weekday as today means a week ahead; "this tuesday" means today
    ['tuesday', '2026-12-01'],
    ['this tuesday', '2026-11-24'],
    ['on sat', '2026-11-28'],
    ['this weekend', '2026-11-28'],
    ['14 Feb', '2027-02-14'],
    ['feb 14th', '2027-02-14'],
    ['february fourteenth', '2027-02-14'],
    ['the 14th of february', '2027-02-14'],
    ['on december twenty seventh', '2026-12-27'],
    ['dec 3', '2026-12-03'],
    ['Dec 3rd, 2027', '2027-12-03'],
    ['12/20', '2026-12-20'],
    ['20/12', '2026-12-20'],
    ['2026-12-20', '2026-12-20'],
    ['on the 20th', '2026-12-20'],
    ['on the 30th', '2026-11-30'],
    ['the twentieth', '2026-12-20'],
    // a month and day earlier than today is next year
    ['november 1', '2027-11-01'],
    ['november 24', '2026-11-24'],
    // a weekday with a day number finds a date that is both, else trusts the weekday
    ['tuesday the 1st', '2026-12-01'],
    ['wednesday evening june second', '2027-06-02'],
    ['fri 12/4', '2026-12-04'],
  ])('%s -> %s', (text, date) => {
    expect(understand(text).departDate).toBe(date);
  });

  test.each(['may i book a flight', 'the first flight out', 'march on', 'second class', 'i sat there', 'one way'])(
    'no date in "%s"',
    (text) => {
      expect(understand(text).departDate).toBeNull();
    },
  );

  test('an ambiguous 03/04 follows the traveller: March 4 in America, 3 April in Europe', () => {
    expect(understand('on 03/04', { timeZone: 'America/New_York' }).departDate).toBe('2027-03-04');
    expect(understand('on 03/04', { timeZone: 'Europe/London' }).departDate).toBe('2027-04-03');
  });

  test('today comes from the traveller time zone when not given', () => {
    const now = new Date('2026-11-24T23:30:00Z');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-24');
    expect(todayIn('Asia/Tokyo', now)).toBe('2026-11-25');
  });

  test('an arrival date is not a departure date', () => {
    const u = understand('flights arriving in boston on monday');
    expect(u.departDate).toBeNull();
    expect(u.arriveDate).toBe('2026-11-30');
  });
});

describe('return dates', () => {
  test.each([
    ['LHR to JFK fri back sun', '2026-11-27', '2026-11-29'],
    ['london to nyc next friday returning the 20th', '2026-12-04', '2026-12-20'],
    ['leaving dec 3 return on dec 10', '2026-12-03', '2026-12-10'],
    ['round trip on monday coming back wednesday', '2026-11-30', '2026-12-02'],
    ['paris dec 3-10', '2026-12-03', '2026-12-10'],
    ['3-10 dec', '2026-12-03', '2026-12-10'],
    ['the 3rd - 10th may', '2027-05-03', '2027-05-10'],
    ['friday to sunday', '2026-11-27', '2026-11-29'],
    ['ams-bcn 15/3 ret 22/3', '2027-03-15', '2027-03-22'],
    ['from the 3rd to the 10th', '2026-12-03', '2026-12-10'],
    ['12/20 - 1/3', '2026-12-20', '2027-01-03'],
    ['dec 28 back jan 3', '2026-12-28', '2027-01-03'],
    ['leaving next wednesday and returning the following day', '2026-12-02', '2026-12-03'],
    ['to seattle for 5 days starting dec 12', '2026-12-12', '2026-12-17'],
    ['on 12/20 for a week', '2026-12-20', '2026-12-27'],
    // "the 2nd" after a departure on the 28th is next month's 2nd
    ['on dec 28 returning the 2nd', '2026-12-28', '2027-01-02'],
  ])('%s', (text, depart, ret) => {
    const u = understand(text);
    expect([u.departDate, u.returnDate]).toEqual([depart, ret]);
    expect(u.tripType).toBe('round_trip');
  });

  test('a return before the departure is dropped for the dialog to ask again', () => {
    const u = understand('on the 31st, back tomorrow');
    expect(u.departDate).toBe('2026-12-31');
    expect(u.returnDate).toBeNull();
  });

  test('impossible dates are ignored; a recent explicit year is kept even when past, a far one rolls forward', () => {
    expect(understand('on 2027-02-30').departDate).toBeNull();
    expect(understand('on feb 3 2026').departDate).toBe('2026-02-03');
    expect(understand('on 2026-11-01').departDate).toBe('2026-11-01');
    expect(understand('on feb 3 1994').departDate).toBe('2027-02-03');
    expect(understand('last monday').departDate).toBe('2026-11-23');
  });

  test('"on the 27th or the 28th of december" is one date with an alternative, not a return', () => {
    const u = understand('round trip on the 27th or the 28th of december');
    expect(u.departDate).toBe('2026-12-27');
    expect(u.returnDate).toBeNull();
  });
});

describe('date flexibility', () => {
  test.each([
    ['+/- 3 days', 3],
    ['± 2 days', 2],
    ['flexible by 2 days', 2],
    ['give or take a day', 1],
    ['plus or minus a week', 7],
    ["i'm flexible on dates", 3],
  ])('%s -> %d', (text, days) => {
    expect(understand(`to rome on dec 3 ${text}`).flexDays).toBe(days);
  });
});
