import {
  cabinCapacity,
  cabinRows,
  columnPositions,
  expandLayout,
  normaliseDesignator,
} from '../../api/domain/seat-layout';
import type { AircraftTypeRecord } from '../../api/domain/types';
import { AIRCRAFT } from '../../api/seed/data/aircraft';

const aircraft = (code: string): AircraftTypeRecord => {
  const a = AIRCRAFT.find((x) => x.code === code);
  if (!a) throw new Error(code);
  return a;
};
const positions = (columns: string) => Object.fromEntries(columnPositions(columns).map((c) => [c.column, c.position]));

describe('columnPositions', () => {
  it.each([
    ['3-3', 'ABC DEF', { A: 'window', B: 'middle', C: 'aisle', D: 'aisle', E: 'middle', F: 'window' }],
    ['1-2-1', 'A DG K', { A: 'window', D: 'aisle', G: 'aisle', K: 'window' }],
    [
      '3-4-3',
      'ABC DEFG HJK',
      {
        A: 'window',
        B: 'middle',
        C: 'aisle',
        D: 'aisle',
        E: 'middle',
        F: 'middle',
        G: 'aisle',
        H: 'aisle',
        J: 'middle',
        K: 'window',
      },
    ],
    ['2-2', 'AC DF', { A: 'window', C: 'aisle', D: 'aisle', F: 'window' }],
    ['2-3-2', 'AC DEF HK', { A: 'window', C: 'aisle', D: 'aisle', E: 'middle', F: 'aisle', H: 'aisle', K: 'window' }],
    ['1-2', 'A CD', { A: 'window', C: 'aisle', D: 'window' }],
    ['1-1-1', 'A E K', { A: 'window', E: 'aisle', K: 'window' }],
  ])('%s (%s)', (_name, columns, expected) => {
    expect(positions(columns)).toEqual(expected);
  });

  it('keeps the left-to-right order and skips aisles', () => {
    expect(
      columnPositions('ABC DEFG HJK')
        .map((c) => c.column)
        .join(''),
    ).toBe('ABCDEFGHJK');
  });
});

describe('expandLayout', () => {
  const a320 = expandLayout(aircraft('320'));
  const seat = (d: string) => a320.find((s) => s.designator === d);

  it('skips rows the airline does not number (no row 13)', () => {
    expect(cabinRows({ cabin: 'economy', firstRow: 10, lastRow: 15, columns: 'AB', skipRows: [13] })).toEqual([
      10, 11, 12, 14, 15,
    ]);
    expect(seat('13A')).toBeUndefined();
    expect(seat('14A')).toBeDefined();
  });

  it('marks exit rows with their features and tier', () => {
    for (const d of ['11A', '11F', '12C']) {
      expect(seat(d)).toMatchObject({ tier: 'exit_row', cabin: 'economy' });
      expect(seat(d)!.features).toEqual(expect.arrayContaining(['exit_row', 'extra_legroom']));
    }
    expect(a320.filter((s) => s.features.includes('exit_row')).map((s) => s.row)).toEqual(
      Array(12)
        .fill(0)
        .map((_, i) => (i < 6 ? 11 : 12)),
    );
  });

  it('prices tiers only in economy: premium cabins are all standard', () => {
    expect(seat('1A')).toMatchObject({ cabin: 'business', tier: 'standard', position: 'window' });
    expect(seat('1A')!.features).toEqual(expect.arrayContaining(['front_of_cabin', 'preferred']));
    expect(seat('4B')).toMatchObject({ cabin: 'economy', tier: 'preferred', position: 'middle' });
    expect(seat('4B')!.features).toContain('front_of_cabin');
    expect(seat('20C')).toMatchObject({ tier: 'standard', position: 'aisle', features: [] });
  });

  it('gives every seat a unique designator row+column', () => {
    for (const a of AIRCRAFT) {
      const seats = expandLayout(a);
      expect(new Set(seats.map((s) => s.designator)).size).toBe(seats.length);
      seats.forEach((s) => expect(s.designator).toBe(`${s.row}${s.column}`));
    }
  });

  it('777-300ER economy is 3-4-3 with two exit rows', () => {
    const seats = expandLayout(aircraft('77W')).filter((s) => s.cabin === 'economy' && s.row === 40);
    expect(seats.map((s) => `${s.column}:${s.position}`)).toEqual([
      'A:window',
      'B:middle',
      'C:aisle',
      'D:aisle',
      'E:middle',
      'F:middle',
      'G:aisle',
      'H:aisle',
      'J:middle',
      'K:window',
    ]);
    const exitRows = new Set(
      expandLayout(aircraft('77W'))
        .filter((s) => s.tier === 'exit_row')
        .map((s) => s.row),
    );
    expect([...exitRows]).toEqual([30, 45]);
  });
});

describe('cabinCapacity', () => {
  it.each([
    ['320', { business: 12, economy: 156 }], // 3×4; 26 numbered rows (no 13) × 6
    ['73H', { first: 16, economy: 174 }],
    ['E75', { first: 9, economy: 68 }],
    ['789', { business: 32, premium_economy: 42, economy: 207 }],
    ['77W', { first: 6, business: 36, premium_economy: 48, economy: 290 }],
    ['359', { business: 40, premium_economy: 28, economy: 189 }],
  ])('%s seats %j', (code, expected) => {
    expect(cabinCapacity(aircraft(code))).toEqual(expected);
    const seats = expandLayout(aircraft(code));
    for (const [cabin, n] of Object.entries(expected)) expect(seats.filter((s) => s.cabin === cabin)).toHaveLength(n);
  });
});

describe('normaliseDesignator', () => {
  it.each([
    ['12A', '12A'],
    [' 12a ', '12A'],
    ['07c', '7C'],
    ['4 F', '4F'],
    ['A12', null],
    ['123A', null],
    ['12', null],
    ['12AB', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normaliseDesignator(input)).toBe(expected);
  });
});
