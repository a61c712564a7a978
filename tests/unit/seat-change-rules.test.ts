import { familyRule, FARE_FAMILY_NAMES } from '../../api/domain/fares';
import { breakdownAfterMoves, seatChangeMoney, seatMoveMoney } from '../../api/domain/seat-change-rules';
import type { PriceBreakdown } from '../../api/domain/types';

describe('seat change money on a paid booking', () => {
  it('seat charges come back with Flex only, the one rule fares.ts gives cancellations too', () => {
    expect(FARE_FAMILY_NAMES.map((f) => [f, familyRule(f).seatChargesRefundable])).toEqual([
      ['basic', false],
      ['standard', false],
      ['flex', true],
    ]);
  });

  it.each([
    // family, paid, price → charge, refund, kept, amount in the breakdown
    ['basic', 1_000, 1_500, 500, 0, 0, 1_500],
    ['standard', 0, 2_800, 2_800, 0, 0, 2_800],
    ['flex', 0, 0, 0, 0, 0, 0],
    ['flex', 2_800, 0, 0, 2_800, 0, 0],
    ['flex', 2_800, 1_500, 0, 1_300, 0, 1_500],
    ['standard', 2_800, 0, 0, 0, 2_800, 2_800],
    ['basic', 1_500, 1_000, 0, 0, 500, 1_500],
    ['basic', 1_500, 1_500, 0, 0, 0, 1_500],
  ] as const)(
    '%s: paid %d, new seat %d → charge %d, refund %d, kept %d, seat line %d',
    (family, paid, price, ...out) => {
      const [charge, refund, kept, amount] = out;
      expect(seatMoveMoney({ family, paid, price })).toEqual({ charge, refund, kept, amount });
    },
  );

  it('nets refundable differences against charges in one request', () => {
    const money = seatChangeMoney([
      { family: 'flex', paid: 0, price: 3_000 },
      { family: 'flex', paid: 2_000, price: 0 },
    ]);
    expect([money.due, money.refund, money.kept]).toEqual([1_000, 0, 0]);
    const back = seatChangeMoney([
      { family: 'flex', paid: 0, price: 500 },
      { family: 'flex', paid: 2_000, price: 0 },
    ]);
    expect([back.due, back.refund]).toEqual([0, 1_500]);
  });

  it('never nets what a fare keeps against a charge', () => {
    const money = seatChangeMoney([
      { family: 'basic', paid: 0, price: 1_000 },
      { family: 'basic', paid: 2_000, price: 1_000 },
    ]);
    expect([money.due, money.refund, money.kept]).toEqual([1_000, 0, 1_000]);
  });

  it('replaces the passenger’s seat line and sums the totals again', () => {
    const breakdown: PriceBreakdown = {
      currency: 'GBP',
      fares: [{ segment: 0, flightId: 7, passengerType: 'ADT', count: 1, unitAmount: 10_000, amount: 10_000 }],
      seats: [{ flightId: 7, passenger: 0, designator: '20A', tier: 'standard', amount: 0 }],
      taxes: [{ code: 'GB', description: 'Air passenger duty', amount: 1_300 }],
      fareTotal: 10_000,
      seatTotal: 0,
      taxTotal: 1_300,
      total: 11_300,
    };
    const after = breakdownAfterMoves(breakdown, [
      { flightId: 7, passenger: 0, to: '12C', tier: 'extra_legroom', amount: 2_800 },
    ]);
    expect(after.seats).toEqual([
      { flightId: 7, passenger: 0, designator: '12C', tier: 'extra_legroom', amount: 2_800 },
    ]);
    expect([after.seatTotal, after.total]).toEqual([2_800, 14_100]);
    expect(breakdown.total).toBe(11_300);
  });
});
