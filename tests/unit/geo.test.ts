import { blockMinutes, distanceKm } from '../../api/domain/geo';
import { AIRPORTS } from '../../api/seed/data/airports';

const at = (code: string) => {
  const a = AIRPORTS.find((x) => x.code === code);
  if (!a) throw new Error(code);
  return a;
};

describe('distanceKm', () => {
  it.each([
    ['LHR', 'JFK', 5_540],
    ['LHR', 'CDG', 348],
    ['SYD', 'LAX', 12_050],
    ['SFO', 'LAX', 543],
  ])('%s–%s is about %i km', (a, b, km) => {
    expect(Math.abs(distanceKm(at(a), at(b)) - km) / km).toBeLessThan(0.02);
  });

  it('is symmetric and zero for the same place', () => {
    expect(distanceKm(at('LHR'), at('JFK'))).toBeCloseTo(distanceKm(at('JFK'), at('LHR')), 6);
    expect(distanceKm(at('LHR'), at('LHR'))).toBe(0);
  });
});

describe('blockMinutes', () => {
  it('LHR→JFK is plausible: between 7 and 9 hours', () => {
    const m = blockMinutes(at('LHR'), at('JFK'));
    expect(m).toBeGreaterThanOrEqual(7 * 60);
    expect(m).toBeLessThanOrEqual(9 * 60);
  });

  it.each([
    // [westbound from, to]: the same route flown east is shorter.
    ['LHR', 'JFK'],
    ['CDG', 'JFK'],
    ['SIN', 'LHR'],
    ['LAX', 'SYD'], // across the date line
    ['SFO', 'HND'],
  ])('westbound %s→%s takes longer than eastbound', (from, to) => {
    expect(blockMinutes(at(from), at(to))).toBeGreaterThan(blockMinutes(at(to), at(from)));
  });

  it('is rounded to 5 minutes, at least 45, and includes taxi time', () => {
    for (const [a, b] of [
      ['LHR', 'CDG'],
      ['SFO', 'OAK'],
      ['SYD', 'MEL'],
      ['DXB', 'SYD'],
    ]) {
      const m = blockMinutes(at(a!), at(b!));
      expect(m % 5).toBe(0);
      expect(m).toBeGreaterThanOrEqual(45);
    }
    expect(blockMinutes(at('SFO'), at('OAK'))).toBe(45);
    const cdg = blockMinutes(at('LHR'), at('CDG'));
    expect(cdg).toBeGreaterThanOrEqual(55);
    expect(cdg).toBeLessThanOrEqual(75);
  });

  it('flies longer routes longer', () => {
    expect(blockMinutes(at('LHR'), at('SIN'))).toBeGreaterThan(blockMinutes(at('LHR'), at('JFK')));
    expect(blockMinutes(at('LHR'), at('JFK'))).toBeGreaterThan(blockMinutes(at('LHR'), at('FCO')));
  });
});
