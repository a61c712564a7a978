import { isDomainError } from '../../api/errors';
import {
  assertLegs,
  isMultiCity,
  legProblem,
  MIN_LEG_GAP_MINUTES,
  tripPartName,
  type LegTiming,
} from '../../api/domain/multi-city';

const at = (iso: string) => new Date(iso);
const leg = (departureDate: string, dep?: string, arr?: string): LegTiming => ({
  departureDate,
  ...(dep ? { departureAt: at(dep) } : {}),
  ...(arr ? { arrivalAt: at(arr) } : {}),
});

describe('multi-city leg rules', () => {
  it.each([
    ['one leg', [leg('2026-12-20')], { code: 'invalid_leg_count', count: 1 }],
    [
      'five legs',
      ['20', '21', '22', '23', '24'].map((d) => leg(`2026-12-${d}`)),
      { code: 'invalid_leg_count', count: 5 },
    ],
    [
      'a leg dated before the previous',
      [leg('2026-12-20'), leg('2026-12-19')],
      { code: 'leg_dates_out_of_order', leg: 1 },
    ],
    [
      'the third leg out of order',
      [leg('2026-12-20'), leg('2026-12-23'), leg('2026-12-22')],
      { code: 'leg_dates_out_of_order', leg: 2 },
    ],
    [
      'a leg leaving before the previous lands',
      [leg('2026-12-20', '2026-12-20T07:15Z', '2026-12-20T09:30Z'), leg('2026-12-20', '2026-12-20T09:00Z')],
      { code: 'leg_too_soon', leg: 1, minutes: -30 },
    ],
    [
      'a leg leaving a minute short of the gap',
      [
        leg('2026-12-20', '2026-12-20T07:00Z', '2026-12-20T09:00Z'),
        leg('2026-12-20', new Date(Date.parse('2026-12-20T09:00Z') + (MIN_LEG_GAP_MINUTES - 1) * 60_000).toISOString()),
      ],
      { code: 'leg_too_soon', leg: 1, minutes: MIN_LEG_GAP_MINUTES - 1 },
    ],
  ])('refuses %s', (_name, legs, problem) => {
    expect(legProblem(legs)).toEqual(problem);
  });

  it.each([
    ['two legs on later dates', [leg('2026-12-20'), leg('2026-12-23')]],
    ['four legs, two on one date', [leg('2026-12-20'), leg('2026-12-20'), leg('2026-12-22'), leg('2026-12-30')]],
    [
      'a same-day leg leaving exactly the gap after landing',
      [
        leg('2026-12-20', '2026-12-20T07:00Z', '2026-12-20T09:00Z'),
        leg('2026-12-20', new Date(Date.parse('2026-12-20T09:00Z') + MIN_LEG_GAP_MINUTES * 60_000).toISOString()),
      ],
    ],
  ])('accepts %s', (_name, legs) => {
    expect(legProblem(legs)).toBeNull();
    expect(() => assertLegs(legs)).not.toThrow();
  });

  it('throws a coded validation error with the leg in its details', () => {
    let thrown: unknown;
    try {
      assertLegs([leg('2026-12-20'), leg('2026-12-19')]);
    } catch (e) {
      thrown = e;
    }
    expect(isDomainError(thrown) && thrown.kind === 'validation' && thrown.code).toBe('leg_dates_out_of_order');
    expect(isDomainError(thrown) && thrown.details).toEqual({ leg: 1 });
  });

  it('names the parts of a trip: outbound and return, or numbered legs', () => {
    const ret = [
      { direction: 'outbound' as const, leg: 0 },
      { direction: 'inbound' as const, leg: 1 },
    ];
    const multi = [
      { direction: 'outbound' as const, leg: 0 },
      { direction: 'outbound' as const, leg: 1 },
    ];
    expect(isMultiCity(ret)).toBe(false);
    expect(isMultiCity([{ direction: 'outbound', leg: 0 }])).toBe(false);
    expect(isMultiCity(multi)).toBe(true);
    expect(ret.map((p) => tripPartName(p, false))).toEqual(['Outbound', 'Return']);
    expect(multi.map((p) => tripPartName(p, true))).toEqual(['Leg 1', 'Leg 2']);
  });
});
