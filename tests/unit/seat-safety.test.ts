import { expandLayout } from '../../api/domain/seat-layout';
import { exitRowRefusal, lapHolders, maskBlock, seatRefusal } from '../../api/domain/seat-safety';
import { AIRCRAFT } from '../../api/seed/data/aircraft';

const A320 = expandLayout(AIRCRAFT.find((a) => a.code === '320')!);
const seat = (d: string) => A320.find((s) => s.designator === d)!;
const exit = A320.find((s) => s.tier === 'exit_row')!;
const adult = { type: 'ADT' as const, holdsInfant: false, specialAssistance: false };

describe('seat safety rules', () => {
  it('keeps children, adults with lap infants and passengers needing assistance out of exit rows', () => {
    expect(exitRowRefusal(exit, adult)).toBeNull();
    expect(exitRowRefusal(exit, { ...adult, type: 'CHD' })).toBe('exit_row_child');
    expect(exitRowRefusal(exit, { ...adult, holdsInfant: true })).toBe('exit_row_lap_infant');
    expect(exitRowRefusal(exit, { ...adult, specialAssistance: true })).toBe('exit_row_special_assistance');
    expect(exitRowRefusal(seat('20A'), { ...adult, type: 'CHD' })).toBeNull();
  });

  it('has one block per group of seats between aisles, with one spare mask for one lap infant', () => {
    expect([maskBlock(seat('20A')), maskBlock(seat('20C')), maskBlock(seat('20D'))]).toEqual(['20:0', '20:0', '20:1']);
    const blocks = new Set(['20:0']);
    expect(seatRefusal(seat('20B'), { ...adult, holdsInfant: true }, blocks)).toBe('lap_infant_oxygen_masks');
    expect(seatRefusal(seat('20B'), adult, blocks)).toBeNull();
    expect(seatRefusal(seat('20F'), { ...adult, holdsInfant: true }, blocks)).toBeNull();
  });

  it('puts each lap infant on a different adult: the one named, else the first adult free', () => {
    expect(lapHolders(['ADT', 'ADT', 'INF'])).toEqual([true, false, false]);
    expect(lapHolders(['ADT', 'ADT', 'INF'], [undefined, undefined, 1])).toEqual([false, true, false]);
    expect(lapHolders(['ADT', 'ADT', 'INF', 'INF'], [undefined, undefined, 0])).toEqual([true, true, false, false]);
    expect(lapHolders(['ADT', 'CHD', 'INF'], [undefined, undefined, 1])).toBeNull();
    expect(lapHolders(['ADT', 'INF', 'INF'])).toBeNull();
  });
});
