import {
  convert,
  currencyExponent,
  currencyForCountry,
  formatMoney,
  fromUsdCents,
  isKnownCurrency,
  roundUpToWholeUnit,
} from '../../api/domain/money';

describe('currencies', () => {
  it.each([
    ['USD', 2],
    ['GBP', 2],
    ['EUR', 2],
    ['JPY', 0],
    ['KRW', 0],
  ])('%s has %i minor-unit digits', (c, exp) => {
    expect(currencyExponent(c)).toBe(exp);
  });

  it.each([
    ['GB', 'GBP'],
    ['US', 'USD'],
    ['FR', 'EUR'],
    ['JP', 'JPY'],
    ['CH', 'CHF'],
    ['XX', 'USD'],
  ])('a journey from %s is sold in %s', (country, currency) => {
    expect(currencyForCountry(country)).toBe(currency);
  });

  it('knows the currencies it has rates for', () => {
    expect(isKnownCurrency('JPY')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
});

describe('convert', () => {
  it.each([
    [10_000, 'USD', 'USD', 10_000],
    [10_000, 'USD', 'JPY', 15_000], // $100 → ¥15,000 (no minor units)
    [15_000, 'JPY', 'USD', 10_000],
    [10_000, 'USD', 'GBP', 7_900],
    [7_900, 'GBP', 'USD', 10_000],
    [10_000, 'EUR', 'GBP', 8_587], // rounds to the nearest penny
    [1, 'USD', 'GBP', 1],
  ])('%i %s → %i %s', (amount, from, to, expected) => {
    expect(convert(amount, from, to)).toBe(expected);
  });

  it('always returns integers', () => {
    for (const [from, to] of [
      ['USD', 'GBP'],
      ['GBP', 'JPY'],
      ['JPY', 'EUR'],
      ['AED', 'SGD'],
    ]) {
      for (const amount of [1, 99, 12_345, 9_999_999]) expect(Number.isInteger(convert(amount, from!, to!))).toBe(true);
    }
  });

  it('refuses currencies without a rate', () => {
    expect(() => convert(100, 'USD', 'XYZ')).toThrow(/XYZ/);
  });

  it('fromUsdCents converts US cents', () => {
    expect(fromUsdCents(1_200, 'JPY')).toBe(1_800);
    expect(fromUsdCents(1_200, 'GBP')).toBe(948);
  });
});

describe('roundUpToWholeUnit', () => {
  it.each([
    [948, 'GBP', 1_000],
    [1_000, 'GBP', 1_000],
    [1_001, 'USD', 1_100],
    [1_801, 'JPY', 1_801],
    [0, 'USD', 0],
  ])('%i %s → %i', (amount, currency, expected) => {
    expect(roundUpToWholeUnit(amount, currency)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [{ amount: 123_450, currency: 'GBP' }, '£1,234.50'],
    [{ amount: 120_000, currency: 'GBP' }, '£1,200'],
    [{ amount: 5, currency: 'EUR' }, '€0.05'],
    [{ amount: 45_000, currency: 'JPY' }, '¥45,000'],
  ])('%j → %s', (m, text) => {
    // The yen sign may carry a "JP" prefix in en-GB; what matters is no decimals and the grouping.
    expect(formatMoney(m).replace('JP¥', '¥')).toBe(text);
  });

  it('formats for other locales', () => {
    expect(formatMoney({ amount: 123_450, currency: 'EUR' }, 'de-DE')).toMatch(/^1\.234,50\s€$/);
    expect(formatMoney({ amount: 199_999, currency: 'USD' }, 'en-US')).toBe('$1,999.99');
  });
});
