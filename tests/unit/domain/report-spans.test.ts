import { monthSpans } from '../../../api/domain/report-spans';

describe('monthSpans: a range of UTC days as whole months and the days at its ends', () => {
  it('a year ending on a month end: one odd day, then twelve whole months', () => {
    expect(monthSpans('2025-11-30', '2026-11-30')).toEqual({
      months: ['2025-12', '2026-11'],
      days: [['2025-11-30', '2025-11-30']],
    });
  });
  it('days on both sides of whole months', () => {
    expect(monthSpans('2026-01-15', '2026-04-02')).toEqual({
      months: ['2026-02', '2026-03'],
      days: [
        ['2026-01-15', '2026-01-31'],
        ['2026-04-01', '2026-04-02'],
      ],
    });
  });
  it('a range inside one month, or across a month end without a whole month, is days only', () => {
    expect(monthSpans('2026-01-15', '2026-01-20')).toEqual({ months: null, days: [['2026-01-15', '2026-01-20']] });
    expect(monthSpans('2026-01-20', '2026-02-10')).toEqual({ months: null, days: [['2026-01-20', '2026-02-10']] });
  });
  it('exactly whole months, including February of a leap year and a December', () => {
    expect(monthSpans('2028-02-01', '2028-02-29')).toEqual({ months: ['2028-02', '2028-02'], days: [] });
    expect(monthSpans('2026-12-01', '2027-01-31')).toEqual({ months: ['2026-12', '2027-01'], days: [] });
  });
});
