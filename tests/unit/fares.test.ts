import { CABIN_FAMILIES, fareConditions, familyRule, isFareFamily } from '../../api/domain/fares';
import { seatPrice } from '../../api/domain/pricing';
import { CABINS, SEAT_TIERS } from '../../api/domain/types';
import { conditionLines } from '../../cards/shared/describe';

describe('fare families', () => {
  it('sells basic only in economy and flex in every cabin', () => {
    expect(CABIN_FAMILIES).toEqual({
      economy: ['basic', 'standard', 'flex'],
      premium_economy: ['standard', 'flex'],
      business: ['standard', 'flex'],
      first: ['flex'],
    });
  });

  it.each([
    ['basic', true],
    ['flex', true],
    ['Basic', false],
    ['premium', false],
    ['', false],
  ])('isFareFamily(%p) → %p', (v, ok) => {
    expect(isFareFamily(v)).toBe(ok);
  });
});

describe('fareConditions', () => {
  it('basic: no changes, no refund, cabin bag only, paid seats', () => {
    expect(fareConditions('economy', 'basic', 'USD')).toEqual({
      changeable: false,
      changeFee: null,
      refundable: false,
      cancellationFee: null,
      checkedBags: 0,
      freeSeatTiers: [],
      summary: 'No changes · No refund (taxes refunded) · Cabin bag only · Seat choice for a fee',
    });
  });

  it('standard: changes and refunds for a fee, one bag, free standard seats', () => {
    const c = fareConditions('economy', 'standard', 'USD');
    expect(c).toMatchObject({ changeable: true, refundable: true, checkedBags: 1, freeSeatTiers: ['standard'] });
    expect(c.changeFee).toEqual({ amount: 7_500, currency: 'USD' });
    expect(c.cancellationFee).toEqual({ amount: 15_000, currency: 'USD' });
    expect(c.summary).toBe('Changes for a fee · Refund minus a fee · 1 checked bag · Free standard seats');
  });

  it('flex: free changes, full refund, two bags, free standard and preferred seats', () => {
    const c = fareConditions('economy', 'flex', 'EUR');
    expect(c.changeFee).toEqual({ amount: 0, currency: 'EUR' });
    expect(c.cancellationFee).toEqual({ amount: 0, currency: 'EUR' });
    expect(c.checkedBags).toBe(2);
    expect(c.summary).toBe('Free changes · Full refund · 2 checked bags · Free standard and preferred seats');
  });

  // One source: what a fare promises about seats is what its seats cost, in every cabin and family.
  it.each(CABINS.flatMap((cabin) => CABIN_FAMILIES[cabin].map((family) => [cabin, family] as const)))(
    '%s %s: the seats the conditions call free cost nothing and the others cost their price',
    (cabin, family) => {
      const c = fareConditions(cabin, family, 'GBP');
      for (const tier of SEAT_TIERS) {
        const price = seatPrice(tier, cabin, family, 'GBP');
        expect({ tier, free: price === 0 }).toEqual({ tier, free: c.freeSeatTiers.includes(tier) });
      }
      if (c.summary.endsWith('Free seat choice')) expect(c.freeSeatTiers).toEqual([...SEAT_TIERS]);
      expect(conditionLines(c)[3]).toBe(c.summary.split(' · ')[3]);
    },
  );

  it.each(['business', 'first'] as const)('%s adds a checked bag', (cabin) => {
    expect(fareConditions(cabin, 'flex', 'USD').checkedBags).toBe(3);
    expect(fareConditions('premium_economy', 'flex', 'USD').checkedBags).toBe(2);
  });

  it.each([
    ['GBP', 6_000, 11_900], // $75 → £59.25 → £60; $150 → £118.50 → £119
    ['JPY', 11_250, 22_500], // no minor units
    ['EUR', 6_900, 13_800],
  ])('fees are whole units of %s', (currency, change, cancel) => {
    const c = fareConditions('economy', 'standard', currency);
    expect(c.changeFee).toEqual({ amount: change, currency });
    expect(c.cancellationFee).toEqual({ amount: cancel, currency });
  });

  it('every cabin and family has consistent rules', () => {
    for (const cabin of CABINS) {
      for (const family of CABIN_FAMILIES[cabin]) {
        const c = fareConditions(cabin, family, 'USD');
        const r = familyRule(family);
        expect(c.changeable).toBe(r.changeable);
        expect(c.changeFee === null).toBe(!r.changeable);
        expect(c.cancellationFee === null).toBe(!r.refundable);
        expect(c.summary.split(' · ')).toHaveLength(4);
      }
    }
  });
});
