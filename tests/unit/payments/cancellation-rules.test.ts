import type { PriceBreakdown } from '../../../api/domain/types';
import { cancellationOutcome, type CancellationInput } from '../../../api/domain/cancellation-rules';
import type { FareFamily } from '../../../api/domain/fares';

/**
 * The cancellation rules, table-driven: by fare family and time to departure, the 24-hour rule, taxes
 * always back, seat charges only with Flex, mixed families per segment, no fee for lap infants, and
 * staff waivers. Amounts in minor units.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date('2026-03-10T12:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

/** Two adults and a lap infant on each segment; every segment's fare is the same. */
function breakdown(
  segments: number,
  opts: { adultFare?: number; infantFare?: number; seats?: number; taxes?: number; currency?: string } = {},
): PriceBreakdown {
  const adult = opts.adultFare ?? 30_000;
  const infant = opts.infantFare ?? 3_000;
  const fares = Array.from({ length: segments }, (_, segment) => [
    { segment, flightId: 100 + segment, passengerType: 'ADT' as const, count: 2, unitAmount: adult, amount: 2 * adult },
    { segment, flightId: 100 + segment, passengerType: 'INF' as const, count: 1, unitAmount: infant, amount: infant },
  ]).flat();
  const seats = opts.seats
    ? [{ flightId: 100, passenger: 0, designator: '12A', tier: 'extra_legroom', amount: opts.seats }]
    : [];
  const taxes = [{ code: 'YQ', description: 'Carrier surcharge', amount: opts.taxes ?? 8_000 }];
  const fareTotal = fares.reduce((s, f) => s + f.amount, 0);
  const seatTotal = seats.reduce((s, f) => s + f.amount, 0);
  const taxTotal = taxes.reduce((s, f) => s + f.amount, 0);
  return {
    currency: opts.currency ?? 'USD',
    fares,
    seats,
    taxes,
    fareTotal,
    seatTotal,
    taxTotal,
    total: fareTotal + seatTotal + taxTotal,
  };
}

function input(families: FareFamily[], o: Partial<CancellationInput> & { b?: PriceBreakdown } = {}): CancellationInput {
  const b = o.b ?? breakdown(families.length, { seats: 2_500 });
  return {
    paid: b.total,
    currency: b.currency,
    breakdown: b,
    families,
    feePassengers: 2,
    bookedAt: at(-3 * DAY), // outside the 24-hour rule unless a case says otherwise
    firstDeparture: at(10 * DAY),
    now: NOW,
    waived: false,
    ...o,
  };
}

const ONE = breakdown(1, { seats: 2_500 }); // fares 63 000 (2 × 30 000 + 3 000), seats 2 500, taxes 8 000 → 73 500
const TWO = breakdown(2, { seats: 2_500 }); // fares 126 000, seats 2 500, taxes 8 000 → 136 500
const FEE = 15_000; // Standard: USD 150 per passenger who pays a fee

describe('cancellationOutcome', () => {
  it.each<[string, CancellationInput, number, RegExp]>([
    // family, ten days out, booked three days ago
    [
      'Basic: taxes only',
      input(['basic']),
      8_000,
      /^Basic fare: no fare refund; taxes refunded; seat charges are not refunded\.$/,
    ],
    [
      'Standard: fare minus the fee per paying passenger, taxes',
      input(['standard']),
      63_000 - 2 * FEE + 8_000,
      /Standard fare: refund minus US\$150 per passenger; taxes refunded; seat charges are not refunded/,
    ],
    ['Flex: everything, seats included', input(['flex']), ONE.total, /^Flex fare: full refund\.$/],
    // within 24 hours of departure
    [
      'Basic within 24 h of departure: taxes only',
      input(['basic'], { firstDeparture: at(23 * HOUR) }),
      8_000,
      /no fare refund/,
    ],
    [
      'Standard within 24 h of departure: taxes only',
      input(['standard'], { firstDeparture: at(23 * HOUR) }),
      8_000,
      /Standard fare within 24 hours of departure: no fare refund/,
    ],
    [
      'Standard just over 24 h before departure: fare minus fee',
      input(['standard'], { firstDeparture: at(DAY) }),
      63_000 - 2 * FEE + 8_000,
      /refund minus/,
    ],
    [
      'Flex within 24 h of departure: everything',
      input(['flex'], { firstDeparture: at(HOUR) }),
      ONE.total,
      /full refund/,
    ],
    // the 24-hour rule
    [
      '24-hour rule: Basic booked 2 h ago, 10 days out',
      input(['basic'], { bookedAt: at(-2 * HOUR) }),
      ONE.total,
      /^Free cancellation within 24 hours of booking: full refund\.$/,
    ],
    [
      '24-hour rule: exactly 24 h after booking still counts',
      input(['standard'], { bookedAt: at(-DAY) }),
      ONE.total,
      /within 24 hours of booking/,
    ],
    [
      '24-hour rule off: 24 h and 1 ms after booking',
      input(['basic'], { bookedAt: at(-DAY - 1) }),
      8_000,
      /^Basic fare/,
    ],
    [
      '24-hour rule: departure exactly 7 days after booking',
      input(['basic'], { bookedAt: at(-HOUR), firstDeparture: at(7 * DAY - HOUR) }),
      ONE.total,
      /within 24 hours of booking/,
    ],
    [
      '24-hour rule off: departure under 7 days after booking',
      input(['basic'], { bookedAt: at(-HOUR), firstDeparture: at(7 * DAY - HOUR - 1) }),
      8_000,
      /^Basic fare/,
    ],
    // mixed families: each segment by its own family; the rule names the strictest first, then the kinder ones
    [
      'Flex + Basic: the Flex segment and taxes',
      input(['flex', 'basic'], { b: TWO }),
      63_000 + 8_000,
      /^Basic fare: no fare refund; Flex flights refunded in full; taxes refunded; seat charges are not refunded\.$/,
    ],
    [
      'Standard + Flex: Flex segment, Standard minus fee, taxes',
      input(['standard', 'flex'], { b: TWO }),
      63_000 + (63_000 - 2 * FEE) + 8_000,
      /^Standard fare: refund minus .* per passenger; Flex flights refunded in full; taxes refunded; seat charges are not refunded\.$/,
    ],
    [
      'Basic + Standard: Standard minus fee, taxes',
      input(['basic', 'standard'], { b: TWO }),
      63_000 - 2 * FEE + 8_000,
      /^Basic fare: no fare refund; Standard flights refunded minus .* per passenger; taxes refunded; seat charges are not refunded\.$/,
    ],
    ['Flex + Flex: everything', input(['flex', 'flex'], { b: TWO }), TWO.total, /^Flex fare: full refund\.$/],
    [
      'Standard + Standard: the fee once per passenger',
      input(['standard', 'standard'], { b: TWO }),
      126_000 - 2 * FEE + 8_000,
      /refund minus/,
    ],
    [
      'Standard + Basic within 24 h: taxes only',
      input(['standard', 'basic'], { b: TWO, firstDeparture: at(2 * HOUR) }),
      8_000,
      /^Basic fare/,
    ],
    // fees, infants, currencies, caps
    [
      'infants pay no fee: three paying passengers pay three fees',
      input(['standard'], { feePassengers: 3 }),
      63_000 - 3 * FEE + 8_000,
      /refund minus/,
    ],
    [
      'the fee never exceeds the fare',
      input(['standard'], { b: breakdown(1, { adultFare: 5_000, infantFare: 0 }) }),
      8_000,
      /refund minus/,
    ],
    [
      'GBP: the fee converted and rounded up to whole pounds (£119)',
      input(['standard'], { currency: 'GBP', b: breakdown(1, { currency: 'GBP' }) }),
      63_000 - 2 * 11_900 + 8_000,
      /refund minus £119 per passenger/,
    ],
    [
      'JPY (no minor unit): fee ¥22,500',
      input(['standard'], { currency: 'JPY', b: breakdown(1, { adultFare: 60_000, currency: 'JPY' }) }),
      123_000 - 2 * 22_500 + 8_000,
      /refund minus (JP)?¥22,500 per passenger/,
    ],
    ['never more back than was paid', input(['flex'], { paid: 50_000 }), 50_000, /full refund/],
    // staff waiver
    [
      'waived by staff: everything',
      input(['basic'], { waived: true, firstDeparture: at(HOUR) }),
      ONE.total,
      /^Fee waived by our support team: full refund\.$/,
    ],
  ])('%s', (_name, i, refund, rule) => {
    const out = cancellationOutcome(i);
    expect(out.refund).toBe(refund);
    expect(out.fee).toBe(i.paid - refund);
    expect(out.rule).toMatch(rule);
  });

  it('always refunds the taxes and never refunds seat charges without Flex', () => {
    for (const family of ['basic', 'standard'] as const)
      for (const departure of [HOUR, 2 * DAY, 30 * DAY]) {
        const withSeats = cancellationOutcome(input([family], { firstDeparture: at(departure) }));
        const b = breakdown(1);
        const without = cancellationOutcome(input([family], { firstDeparture: at(departure), b }));
        expect(withSeats.refund).toBe(without.refund);
        expect(withSeats.refund).toBeGreaterThanOrEqual(ONE.taxTotal);
      }
  });

  it('never refunds more than was paid nor less than nothing, and refund + fee = paid', () => {
    for (const families of [
      ['basic'],
      ['standard'],
      ['flex'],
      ['basic', 'flex'],
      ['standard', 'basic'],
    ] as FareFamily[][])
      for (const dep of [HOUR, 3 * DAY, 9 * DAY])
        for (const booked of [-HOUR, -3 * DAY])
          for (const waived of [false, true]) {
            const i = input(families, {
              b: breakdown(families.length, { seats: 1_000 }),
              firstDeparture: at(dep),
              bookedAt: at(booked),
              waived,
            });
            const out = cancellationOutcome(i);
            expect(out.refund).toBeGreaterThanOrEqual(0);
            expect(out.refund).toBeLessThanOrEqual(i.paid);
            expect(out.refund + out.fee).toBe(i.paid);
            expect(Number.isInteger(out.refund)).toBe(true);
          }
  });
  describe('extra checked bags paid for separately', () => {
    // 4 000 of bags on segment 0 and 2 000 on segment 1, paid on top of the booking.
    const bags = [
      { segment: 0, amount: 4_000 },
      { segment: 1, amount: 2_000 },
    ];
    const withBags = (families: FareFamily[], o: Partial<CancellationInput> = {}) =>
      input(families, { b: TWO, paid: TWO.total + 6_000, bags, ...o });
    it.each<[string, CancellationInput, number, RegExp]>([
      ['Flex: bags refunded', withBags(['flex', 'flex']), TWO.total + 6_000, /extra bags refunded/],
      [
        'Standard: bags refunded with the fare, minus the fee on the fare only',
        withBags(['standard', 'standard']),
        TWO.total - 2_500 - 2 * FEE + 6_000,
        /extra bags refunded/,
      ],
      [
        'Standard within 24 hours of departure: no bag refund',
        withBags(['standard', 'standard'], { firstDeparture: at(12 * HOUR) }),
        8_000,
        /extra bags are not refunded/,
      ],
      ['Basic: bags kept', withBags(['basic', 'basic']), 8_000, /extra bags are not refunded/],
      [
        'mixed: each flight by its own fare',
        withBags(['basic', 'flex']),
        63_000 + 8_000 + 2_000,
        /extra bags: US\$20(\.00)? of US\$60(\.00)? refunded/,
      ],
      ['waived: everything paid', withBags(['basic', 'basic'], { waived: true }), TWO.total + 6_000, /waived/],
    ])('%s', (_name, i, refund, rule) => {
      const out = cancellationOutcome(i);
      expect(out.refund).toBe(refund);
      expect(out.fee).toBe(i.paid - refund);
      expect(out.rule).toMatch(rule);
    });
  });
});
