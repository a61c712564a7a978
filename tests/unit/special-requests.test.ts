import {
  duplicateKind,
  isSsrCode,
  requestRefusal,
  SSR_CODE_LIST,
  SSR_CODES,
  ssrKind,
} from '../../api/domain/special-requests';
import { exitRowRefusal } from '../../api/domain/seat-safety';

describe('special request rules', () => {
  it('knows the standard codes and their kinds', () => {
    for (const code of ['VGML', 'AVML', 'KSML', 'MOML', 'DBML', 'GFML', 'CHML']) expect(SSR_CODES).toHaveProperty(code);
    expect(['WCHR', 'WCHS', 'WCHC'].map((c) => ssrKind(c as 'WCHR'))).toEqual([
      'wheelchair',
      'wheelchair',
      'wheelchair',
    ]);
    expect(ssrKind('PETC')).toBe('pet');
    expect(isSsrCode('PETC')).toBe(true);
    expect(isSsrCode('toString')).toBe(false);
    expect(SSR_CODE_LIST.every((c) => /^[A-Z]{4}$/.test(c))).toBe(true);
  });

  it('says who may have which request', () => {
    expect(requestRefusal('VGML', 'ADT')).toBeNull();
    expect(requestRefusal('CHML', 'CHD')).toBeNull();
    expect(requestRefusal('BBML', 'INF')).toBeNull();
    expect(requestRefusal('BBML', 'ADT')).toMatch(/babies/);
    expect(requestRefusal('WCHR', 'INF')).toMatch(/lap/);
    expect(requestRefusal('WCHC', 'CHD')).toBeNull();
    expect(requestRefusal('PETC', 'CHD')).toMatch(/adult/);
    expect(requestRefusal('PETC', 'ADT')).toBeNull();
  });

  it('allows one request of each kind per passenger and flight', () => {
    const meal = { passenger: 0, flightId: 1, code: 'VGML' as const };
    expect(duplicateKind([meal, { ...meal, code: 'WCHR' }, { ...meal, flightId: 2 }])).toBeNull();
    expect(duplicateKind([meal, { ...meal, code: 'KSML' }])).toEqual({ ...meal, code: 'KSML' });
  });

  it('a wheelchair request is special assistance for the exit-row rule', () => {
    const exit = { tier: 'exit_row' as const, features: [] };
    const wheelchair = { type: 'ADT' as const, holdsInfant: false, specialAssistance: true };
    expect(exitRowRefusal(exit, wheelchair)).toBe('exit_row_special_assistance');
    expect(exitRowRefusal({ tier: 'standard', features: [] }, wheelchair)).toBeNull();
  });
});
