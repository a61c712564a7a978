import { numberedChoices, renderText } from '../../../cards';
import { MESSAGES } from './messages';

const now = new Date('2026-11-01T10:05:00Z');

describe.each(Object.entries(MESSAGES))('%s', (_name, message) => {
  const text = renderText(message, { now });

  test('starts with the message text', () => expect(text.startsWith(message.text)).toBe(true));

  test('numbers every pickable choice 1…n, in numberedChoices order', () => {
    numberedChoices(message).forEach((_c, i) => expect(text).toMatch(new RegExp(`^${i + 1}\\. `, 'm')));
    expect(text).not.toMatch(new RegExp(`^${numberedChoices(message).length + 1}\\. `, 'm'));
  });
});

test('flight list: one compact line per offer with times, +1, route, duration, stops, flights and price', () => {
  const text = renderText(MESSAGES.flight_list!);
  expect(text).toContain('1. 18:30–21:25  LHR→JFK  7h 55m  Nonstop  BA117  from £467');
  expect(text).toContain('2. 09:10–15:55  LHR→LAX  14h 45m  1 stop ORD 1h 15m  AA87/AA1234  from £512');
  expect(text).toContain('3. 19:00–07:05 +1  JFK→LHR');
  expect(text).toContain('4. More flights');
  expect(text).toContain('5. Other dates');
});

test('seat map: a grid with letters for free seats, × taken, ✓ chosen and the tier at the row end', () => {
  const lines = renderText(MESSAGES.seat_map_narrow!).split('\n');
  expect(lines).toContain('    A B C   D E F');
  expect(lines).toContain(' 4  × × C   D E F   Preferred £12');
  expect(lines).toContain('12  ✓ B C   × E F   Exit row £45');
  expect(lines).toContain('20  A B C   D × ×');
  expect(lines.some((l) => /^13 /.test(l))).toBe(false);
  expect(lines).toContain('Type a seat like 8C, or WINDOW, AISLE or ANY.');
  expect(lines).toContain('1. Any seat');
});

test('seat map 3-4-3: aisles line up in every row', () => {
  const grid = renderText(MESSAGES.seat_map_wide!)
    .split('\n')
    .filter((l) => /^\d\d {2}/.test(l));
  expect(grid).toHaveLength(29);
  for (const line of grid) expect(line.slice(0, 27)).toMatch(/^\d\d {2}(\S ){3} {2}(\S ){4} {2}(\S ){2}\S$/);
});

test('forms are instructions with an example and the errors', () => {
  const text = renderText(MESSAGES.passenger_form!);
  expect(text).toContain(
    "Type the second passenger's first name, last name and date of birth, " +
      'as on the passport, e.g. Ada Lovelace 1990-12-10',
  );
  expect(text).toContain('! Please enter the last name.');
  expect(renderText(MESSAGES.contact_form!)).toContain('Type an email address');
});

test('review: price breakdown aligned, total last', () => {
  const lines = renderText(MESSAGES.review!).split('\n');
  const at = lines.indexOf('Price:');
  expect(lines.slice(at + 1, at + 5)).toEqual([
    '  Fares           £1,010',
    '  Seats           £45',
    '  Taxes and fees  £249.40',
    '  Total           £1,304.40',
  ]);
});

test('expiries in words when the caller passes the clock, as a clock time otherwise', () => {
  expect(renderText(MESSAGES.payment_link!, { now })).toContain('The link expires in 25 minutes.');
  expect(renderText(MESSAGES.payment_link!)).toContain('The link expires at 10:30 UTC on Sun 1 Nov.');
});
