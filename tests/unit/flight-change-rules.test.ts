import { flightChangeMoney, withinFreeChangeWindow } from '../../api/domain/flight-change-rules';
import type { FareFamily } from '../../api/domain/fares';

const bought = new Date('2026-12-01T10:00:00Z');
const hours = (h: number) => new Date(bought.getTime() + h * 3_600_000);

describe('flight change rules', () => {
  it.each<[string, FareFamily, number | null, number, number, number, number, number, Record<string, number>]>([
    // name, family, fee/pax, pax, hours after buying, paid fares, new fares, paid seats, expected
    [
      'Standard pays the fee and a dearer fare',
      'standard',
      6000,
      2,
      48,
      20000,
      26000,
      0,
      { fareDifference: 6000, fee: 12000, feeWaived: 0, due: 18000, refund: 0 },
    ],
    [
      'Standard within 24 hours: fee waived, difference still due',
      'standard',
      6000,
      2,
      23,
      20000,
      26000,
      0,
      { fee: 0, feeWaived: 12000, due: 6000, refund: 0 },
    ],
    ['Flex changes free', 'flex', 0, 1, 72, 30000, 34000, 0, { fee: 0, feeWaived: 0, due: 4000 }],
    [
      'Flex to a cheaper fare refunds the difference',
      'flex',
      0,
      1,
      72,
      30000,
      25000,
      0,
      { fareDifference: -5000, due: 0, refund: 5000 },
    ],
    [
      'Standard to a cheaper fare refunds the difference minus the fee',
      'standard',
      6000,
      1,
      30,
      30000,
      20000,
      0,
      { fee: 6000, due: 0, refund: 4000 },
    ],
    [
      'Standard: a fee larger than the saving is due',
      'standard',
      6000,
      1,
      30,
      30000,
      28000,
      0,
      { due: 4000, refund: 0 },
    ],
    ['Flex seat charges come back', 'flex', 0, 1, 72, 30000, 30000, 1500, { seatCredit: 1500, refund: 1500 }],
    [
      'Standard seat charges stay with the fare',
      'standard',
      6000,
      1,
      72,
      30000,
      30000,
      1500,
      { seatCredit: 0, due: 6000 },
    ],
    [
      'exactly 24 hours after buying is outside the window',
      'standard',
      6000,
      1,
      24,
      100,
      100,
      0,
      { fee: 6000, due: 6000 },
    ],
  ])('%s', (_name, family, feePerPassenger, seatedPassengers, h, paidFares, newFares, paidSeats, expected) => {
    const v = flightChangeMoney({
      family,
      feePerPassenger,
      seatedPassengers,
      boughtAt: bought,
      now: hours(h),
      paidFares,
      newFares,
      paidSeats,
    });
    expect(v.allowed).toBe(true);
    expect(v).toEqual(expect.objectContaining(expected));
  });

  it.each([0, 1, 48])('Basic cannot change, %i hours after buying', (h) => {
    const v = flightChangeMoney({
      family: 'basic',
      feePerPassenger: null,
      seatedPassengers: 1,
      boughtAt: bought,
      now: hours(h),
      paidFares: 100,
      newFares: 100,
      paidSeats: 0,
    });
    expect(v).toEqual({ allowed: false, reason: 'fare_not_changeable' });
  });

  it.each([
    [-1, false],
    [0, true],
    [23.99, true],
    [24, false],
  ])('the free window at %f hours: %s', (h, inside) => {
    expect(withinFreeChangeWindow(bought, hours(h))).toBe(inside);
  });
});
