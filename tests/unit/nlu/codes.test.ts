import { isAlphanumericCode } from '../../../dialogs/nlu/codes';
import { understand } from './helpers';

// TODAY is Tuesday 2026-11-24. Digits inside a booking reference or flight number are never a date,
// a time or a party size; the date said next to the code is the one the traveller means.
describe('a booking reference next to a date', () => {
  test.each([
    // reference before the date
    ['move booking 4X7PQ2 to 23 dec', '4X7PQ2', '2026-12-23'],
    ['move booking 4x7pq2 to 23 dec', '4X7PQ2', '2026-12-23'],
    ['change my flight 62YTF4 to the 25th', '62YTF4', '2026-11-25'],
    ['change my flight 62ytf4 to the 25th', '62YTF4', '2026-11-25'],
    ['change my flight ABC234 to Friday', 'ABC234', '2026-11-27'],
    ['change my flight abc234 to friday', 'ABC234', '2026-11-27'],
    ['booking 2KX4BD, can I fly on the 3rd instead', '2KX4BD', '2026-12-03'],
    ['ref 7HQ23K move it to dec 12', '7HQ23K', '2026-12-12'],
    // date before the reference
    ['can I move to the 25th, my booking is 62YTF4', '62YTF4', '2026-11-25'],
    ['on 23 dec instead please, ref 4X7PQ2', '4X7PQ2', '2026-12-23'],
    ['friday instead for abc234', 'ABC234', '2026-11-27'],
    ['Dec 12 please - booking ref 7hq23k', '7HQ23K', '2026-12-12'],
  ])('%s', (text, pnr, departDate) => {
    const u = understand(text);
    expect(u.pnr).toBe(pnr);
    expect(u.departDate).toBe(departDate);
    expect(u.returnDate).toBeNull();
    expect(u.departTime).toBeNull();
  });
});

describe('a flight number next to a date', () => {
  test.each([
    ['BA117 on dec 3', '2026-12-03'],
    ['is ba117 on time tomorrow', '2026-11-25'],
    ['move me to UA2345 on the 5th', '2026-12-05'],
    ['the 5th on LH4 please', '2026-12-05'],
    ['DL44 friday', '2026-11-27'],
  ])('%s', (text, departDate) => {
    const u = understand(text);
    expect(u.departDate).toBe(departDate);
    expect(u.returnDate).toBeNull();
    expect(u.departTime).toBeNull();
  });
});

describe('a code alone carries no date, time or party', () => {
  test.each([
    '62YTF4',
    '62ytf4',
    'ABC234',
    'my booking is 4X7PQ2',
    'ref 7HQ23K',
    'booking 2KX4BD',
    'flight BA117',
    'is UA2345 delayed',
    'passport X1234567',
    'seats for 62YTF4',
    // "for 2", "5pm", "for 3" inside the reference
    'for 2KX4BD',
    'confirmation XK5PM2',
    'confirmation xk5pm2',
    'seats for 3KXQ7B',
  ])('%s', (text) => {
    const u = understand(text);
    expect(u.departDate).toBeNull();
    expect(u.returnDate).toBeNull();
    expect(u.departTime).toBeNull();
    expect(u.partySize).toBeNull();
    expect(u.passengers).toBeNull();
  });
});

describe('a number typed against a word it goes with is still read', () => {
  test.each([
    ['dec3 to paris', '2026-12-03'],
    ['5june', '2027-06-05'],
    ['in 3days', '2026-11-27'],
  ])('%s', (text, departDate) => {
    expect(understand(text).departDate).toBe(departDate);
  });

  test('2adults', () => expect(understand('2adults on the 3rd').passengers?.adults).toBe(2));
  test('10a', () => expect(understand('at 10a tomorrow').departTime).toEqual({ from: '10:00', to: '10:00' }));
});

describe('isAlphanumericCode', () => {
  test.each([
    ['62YTF4', true],
    ['BA117', true],
    ['ba117', true],
    ['X1234567', true],
    ['P1234567', true],
    ['2KX4BD', true],
    ['dec3', false],
    ['5june', false],
    ['2adults', false],
    ['10a', false],
    ['ABCDEF', false],
    ['2026', false],
  ])('%s -> %s', (word, code) => expect(isAlphanumericCode(word)).toBe(code));
});

// A day and a month written together are a date, unless a cue says it is the reference.
describe('a date written as one word', () => {
  test.each([
    ['london to paris 25june', null, '2027-06-25'],
    ['fly to rome June25', null, '2027-06-25'],
    ['booking ref 25JUNE', '25JUNE', null],
  ])('%s', (text, pnr, departDate) => {
    const u = understand(text);
    expect(u.pnr).toBe(pnr);
    if (departDate) expect(u.departDate).toBe(departDate);
  });
});
