import { familyMultiplier } from '../../api/domain/fares';
import {
  adultFare,
  advanceFactor,
  type FareInput,
  flightJitter,
  loadFactor,
  PAX_FARE_SHARE,
  paxFare,
  seatPrice,
  taxesFor,
  weekdayFactor,
} from '../../api/domain/pricing';
import { addDays } from '../../api/domain/time';

describe('advanceFactor', () => {
  it.each([
    [0, 1.45],
    [6, 1.45],
    [7, 1.25],
    [13, 1.25],
    [14, 1.1],
    [29, 1.1],
    [30, 1],
    [59, 1],
    [60, 0.92],
    [300, 0.92],
  ])('%i days ahead → ×%d', (days, factor) => {
    expect(advanceFactor(days)).toBe(factor);
  });
});

describe('weekdayFactor', () => {
  // 2030-01-07 is a Monday; the factor only depends on the weekday of the date.
  const monday = '2030-01-07';
  it.each([
    [0, 'Monday', 1],
    [1, 'Tuesday', 0.92],
    [2, 'Wednesday', 0.92],
    [3, 'Thursday', 1],
    [4, 'Friday', 1.12],
    [5, 'Saturday', 1],
    [6, 'Sunday', 1.12],
  ])('Monday + %i (%s) → ×%d', (offset, _name, factor) => {
    expect(weekdayFactor(addDays(monday, offset))).toBe(factor);
  });
});

describe('loadFactor', () => {
  it.each([
    [0, 1],
    [0.3, 1],
    [0.5, 1],
    [0.75, 1.3],
    [1, 1.6],
    [1.7, 1.6], // clamped: never more than +60%
    [-1, 1],
  ])('load %d → ×%d', (load, factor) => {
    expect(loadFactor(load)).toBeCloseTo(factor, 10);
  });

  it('never falls as the cabin fills', () => {
    const values = Array.from({ length: 101 }, (_, i) => loadFactor(i / 100));
    values.slice(1).forEach((v, i) => expect(v).toBeGreaterThanOrEqual(values[i]!));
  });
});

describe('flightJitter', () => {
  it('stays within ±5% and is stable per flight', () => {
    for (let id = 1; id < 2000; id++) {
      const j = flightJitter(id);
      expect(j).toBeGreaterThanOrEqual(0.95);
      expect(j).toBeLessThanOrEqual(1.05);
      expect(flightJitter(id)).toBe(j);
    }
  });
});

describe('adultFare', () => {
  const base: FareInput = {
    flightId: 42,
    baseFare: 25_000, // $250.00
    currency: 'USD',
    departureDate: '2030-01-07', // a Monday: weekday factor 1
    cabin: 'economy',
    fareFamily: 'basic',
    load: 0,
    today: '2029-12-01', // 37 days ahead: advance factor 1
  };

  it('multiplies the base fare by cabin/family, advance, weekday, load and jitter, rounded up to a whole unit', () => {
    const expected = Math.ceil((25_000 * flightJitter(42)) / 100) * 100;
    expect(adultFare(base, 'USD')).toBe(expected);
  });

  it.each(['USD', 'GBP', 'EUR', 'JPY', 'KRW', 'SGD'])('returns an integer number of whole %s units', (currency) => {
    for (const fareFamily of ['basic', 'standard', 'flex'] as const) {
      for (const load of [0, 0.6, 0.97]) {
        const amount = adultFare({ ...base, fareFamily, load }, currency);
        expect(Number.isInteger(amount)).toBe(true);
        expect(amount % (currency === 'JPY' || currency === 'KRW' ? 1 : 100)).toBe(0);
        expect(amount).toBeGreaterThan(0);
      }
    }
  });

  it('JPY has no minor units: $250 is about ¥37,500, not ¥3,750,000', () => {
    const yen = adultFare(base, 'JPY');
    expect(yen).toBeGreaterThan(37_500 * 0.94);
    expect(yen).toBeLessThan(37_500 * 1.06);
  });

  it('converts from the currency of the base fare', () => {
    const inPounds = adultFare({ ...base, currency: 'GBP', baseFare: 19_750 }, 'USD'); // £197.50 = $250
    expect(Math.abs(inPounds - adultFare(base, 'USD'))).toBeLessThanOrEqual(100);
  });

  it('costs more last-minute, on peak days, on fuller flights and in better cabins/families', () => {
    const p = adultFare(base, 'USD');
    expect(adultFare({ ...base, today: addDays(base.departureDate, -3) }, 'USD')).toBeGreaterThan(p);
    expect(adultFare({ ...base, departureDate: '2030-01-11', today: '2029-12-05' }, 'USD')).toBeGreaterThan(p); // Friday
    expect(adultFare({ ...base, load: 0.9 }, 'USD')).toBeGreaterThan(p);
    expect(adultFare({ ...base, fareFamily: 'standard' }, 'USD')).toBeGreaterThan(p);
    expect(adultFare({ ...base, fareFamily: 'flex' }, 'USD')).toBeGreaterThan(
      adultFare({ ...base, fareFamily: 'standard' }, 'USD'),
    );
    expect(adultFare({ ...base, cabin: 'business', fareFamily: 'standard' }, 'USD')).toBeGreaterThan(
      adultFare({ ...base, fareFamily: 'flex' }, 'USD'),
    );
  });

  it('treats a departure in the past of `today` as same-day (never a negative advance)', () => {
    expect(adultFare({ ...base, today: addDays(base.departureDate, 2) }, 'USD')).toBe(
      adultFare({ ...base, today: base.departureDate }, 'USD'),
    );
  });

  it.each([
    ['economy', 'basic', 1],
    ['economy', 'standard', 1.3],
    ['economy', 'flex', 1.85],
    ['premium_economy', 'standard', 1.75 * 1.3],
    ['business', 'flex', 3.6 * 1.85],
    ['first', 'flex', 6.2 * 1.85],
  ] as const)('%s %s multiplies the base fare by %d', (cabin, family, m) => {
    expect(familyMultiplier(cabin, family)).toBeCloseTo(m, 10);
  });
});

describe('paxFare', () => {
  it('shares: adults 100%, children 75%, lap infants 10%', () => {
    expect(PAX_FARE_SHARE).toEqual({ ADT: 1, CHD: 0.75, INF: 0.1 });
  });

  it.each([
    [40_000, 'ADT', 'USD', 40_000],
    [40_000, 'CHD', 'USD', 30_000],
    [40_000, 'INF', 'USD', 4_000],
    [47_100, 'CHD', 'GBP', 35_400], // 353.25 rounds up to 354
    [47_100, 'INF', 'GBP', 4_800], // 47.10 rounds up to 48
    [45_001, 'CHD', 'JPY', 33_751], // yen: whole yen, rounded up
    [45_001, 'INF', 'JPY', 4_501],
  ] as const)('%i for %s in %s → %i', (adult, type, currency, expected) => {
    expect(paxFare(adult, type, currency)).toBe(expected);
  });
});

describe('taxesFor', () => {
  it('charges departure tax by origin country and a security fee per seated passenger', () => {
    expect(taxesFor('GB', 'ADT', 'USD')).toEqual([
      { code: 'DEP', description: 'Departure charges (GB)', amount: 11_000 },
      { code: 'SEC', description: 'Security fee', amount: 560 },
    ]);
    expect(taxesFor('US', 'CHD', 'USD').map((t) => t.amount)).toEqual([2_250, 560]);
  });

  it('lap infants pay no taxes', () => {
    expect(taxesFor('GB', 'INF', 'GBP')).toEqual([]);
  });

  it('falls back to a default departure charge for countries without one', () => {
    expect(taxesFor('ZZ', 'ADT', 'USD')[0]!.amount).toBe(2_000);
  });

  it.each([
    ['GBP', 8_690], // $110 × 0.79
    ['JPY', 16_500], // $110 × 150, no minor units
    ['EUR', 10_120],
  ])('converts to %s minor units as integers', (currency, dep) => {
    const taxes = taxesFor('GB', 'ADT', currency);
    expect(taxes[0]!.amount).toBe(dep);
    taxes.forEach((t) => expect(Number.isInteger(t.amount)).toBe(true));
  });
});

describe('seatPrice', () => {
  it.each([
    // tier, family, USD cents
    ['standard', 'basic', 1_200],
    ['preferred', 'basic', 1_800],
    ['extra_legroom', 'basic', 4_500],
    ['exit_row', 'basic', 3_500],
    ['standard', 'standard', 0],
    ['preferred', 'standard', 1_800],
    ['extra_legroom', 'standard', 4_500],
    ['exit_row', 'standard', 3_500],
    ['standard', 'flex', 0],
    ['preferred', 'flex', 0],
    ['extra_legroom', 'flex', 4_500],
    ['exit_row', 'flex', 3_500],
  ] as const)('economy %s seat on a %s fare costs %i US cents', (tier, family, cents) => {
    expect(seatPrice(tier, 'economy', family, 'USD')).toBe(cents);
  });

  it.each(['premium_economy', 'business', 'first'] as const)('seat choice is included in %s', (cabin) => {
    for (const tier of ['standard', 'preferred', 'extra_legroom', 'exit_row'] as const)
      expect(seatPrice(tier, cabin, 'standard', 'USD')).toBe(0);
  });

  it.each([
    ['GBP', 1_000], // $12 → £9.48 → rounded up to £10
    ['EUR', 1_200], // €11.04 → €12
    ['JPY', 1_800], // ¥1,800 exactly, no minor units
  ])('is a whole amount in %s', (currency, amount) => {
    expect(seatPrice('standard', 'economy', 'basic', currency)).toBe(amount);
  });
});
