import {
  allowanceLines,
  bagAllowance,
  bagLimitProblem,
  baggageMarkdownTable,
  extraBagPrice,
  extraBagPriceLines,
  haulBand,
  MAX_ADDED_BAGS_PER_PASSENGER,
  routeHaul,
} from '../../api/domain/baggage';
import { fareConditions } from '../../api/domain/fares';
import { AIRPORTS } from '../../api/seed/data/airports';

const at = (code: string) => {
  const a = AIRPORTS.find((x) => x.code === code);
  if (!a) throw new Error(code);
  return a;
};

describe('bagAllowance', () => {
  it.each([
    ['economy', 'basic', 0, 23],
    ['economy', 'standard', 1, 23],
    ['economy', 'flex', 2, 23],
    ['premium_economy', 'standard', 1, 23],
    ['business', 'standard', 2, 32],
    ['business', 'flex', 3, 32],
    ['first', 'flex', 3, 32],
  ] as const)('%s %s includes %i bags of %i kg', (cabin, family, bags, kg) => {
    expect(bagAllowance(cabin, family)).toEqual({ includedBags: bags, weightKg: kg });
    // The fare conditions travellers see take their number from the same table.
    expect(fareConditions(cabin, family, 'USD').checkedBags).toBe(bags);
  });
});

describe('route length', () => {
  it.each([
    [0, 'short'],
    [1500, 'short'],
    [1501, 'medium'],
    [4000, 'medium'],
    [4001, 'long'],
  ] as const)('%i km is %s haul', (km, band) => expect(haulBand(km)).toBe(band));

  it.each([
    ['LHR', 'CDG', 'short'],
    ['LHR', 'JFK', 'long'],
    ['LHR', 'IST', 'medium'],
  ] as const)('%s–%s is %s haul by great-circle distance', (a, b, band) => expect(routeHaul(at(a), at(b))).toBe(band));
});

describe('extraBagPrice', () => {
  it.each([
    ['basic', 'short', 'USD', 3500],
    ['basic', 'long', 'USD', 7500],
    ['standard', 'medium', 'USD', 4500],
    ['flex', 'long', 'USD', 6000],
    // Converted and rounded up to a whole unit like every fee, in integer minor units.
    ['basic', 'short', 'GBP', 2800],
    ['standard', 'short', 'EUR', 2800],
    ['flex', 'medium', 'JPY', 6000],
  ] as const)('%s %s in %s costs %i', (family, band, currency, amount) =>
    expect(extraBagPrice(family, band, currency)).toBe(amount),
  );

  it('is dearer the longer the route and the cheaper the fare', () => {
    for (const f of ['basic', 'standard', 'flex'] as const) {
      expect(extraBagPrice(f, 'short', 'USD')).toBeLessThan(extraBagPrice(f, 'medium', 'USD'));
      expect(extraBagPrice(f, 'medium', 'USD')).toBeLessThan(extraBagPrice(f, 'long', 'USD'));
    }
    expect(extraBagPrice('flex', 'long', 'USD')).toBeLessThan(extraBagPrice('basic', 'long', 'USD'));
  });
});

describe('bagLimitProblem', () => {
  it.each([
    [0, 1, false, null],
    [0, MAX_ADDED_BAGS_PER_PASSENGER, false, null],
    [0, MAX_ADDED_BAGS_PER_PASSENGER + 1, false, 'At most'],
    [2, 2, false, '2 already added'],
    [0, 0, false, 'at least one'],
    [0, 1, true, 'Lap infants'],
  ] as const)('%i added + %i asked (infant %s)', (added, asked, infant, problem) => {
    const p = bagLimitProblem(added, asked, infant);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });
});

describe('help text from the table', () => {
  it('names every family with its allowance', () => {
    const text = allowanceLines().join('\n');
    expect(text).toContain('**Basic**: no checked bag included (extra bags up to 23 kg each).');
    expect(text).toContain('**Standard**: 1 checked bag included');
    expect(text).toContain('**Flex**: 2 checked bags included');
    expect(text).toContain('32 kg');
  });

  it('prices per family and route length in the currency asked', () => {
    expect(extraBagPriceLines('USD')[0]).toBe('**Basic**: US$35 short haul · US$50 medium haul · US$75 long haul');
    expect(baggageMarkdownTable()).toContain('| Flex | 2 × 23 kg | 3 × 32 kg |');
  });
});
