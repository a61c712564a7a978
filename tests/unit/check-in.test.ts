import {
  checkInPhase,
  checkInWindow,
  documentProblems,
  keptDocument,
  maskDocumentNumber,
} from '../../api/domain/check-in';
import { asksToCheckIn } from '../../dialogs/manage-booking/check-in-request';
import { expiryDateOf, nationalityOf } from '../../dialogs/manage-booking/passport-input';

const DEPARTURE = new Date('2026-12-10T18:30:00Z');
const WINDOW = { opensHours: 24, closesMinutes: 60 };
const at = (iso: string) => new Date(iso);

describe('check-in window', () => {
  it('opens 24 h and closes 60 min before departure', () => {
    expect(checkInWindow(DEPARTURE, WINDOW)).toEqual({
      opensAt: at('2026-12-09T18:30:00Z'),
      closesAt: at('2026-12-10T17:30:00Z'),
    });
  });

  it.each([
    ['2026-12-09T18:29:59.999Z', 'not_open'],
    ['2026-12-09T18:30:00Z', 'open'],
    ['2026-12-10T17:29:59.999Z', 'open'],
    ['2026-12-10T17:30:00Z', 'closed'],
    ['2026-12-10T18:29:59Z', 'closed'],
    ['2026-12-10T18:30:00Z', 'departed'],
    ['2026-12-11T00:00:00Z', 'departed'],
  ])('at %s the flight is %s', (now, phase) => {
    expect(checkInPhase(at(now), DEPARTURE, WINDOW)).toBe(phase);
  });

  it('follows the configured window', () => {
    const wide = { opensHours: 48, closesMinutes: 45 };
    expect(checkInPhase(at('2026-12-08T19:00:00Z'), DEPARTURE, wide)).toBe('open');
    expect(checkInPhase(at('2026-12-10T17:40:00Z'), DEPARTURE, wide)).toBe('open');
    expect(checkInPhase(at('2026-12-10T17:50:00Z'), DEPARTURE, wide)).toBe('closed');
  });
});

describe('travel documents', () => {
  const doc = { documentNumber: 'ab 123-4567', nationality: 'gbr', expiryDate: '2031-05-20' };

  it('accepts a passport valid after the last day of travel', () => {
    expect(documentProblems(doc, '2026-12-20')).toEqual([]);
  });

  it.each([
    [{ expiryDate: '2026-12-20' }, 'expiryDate'],
    [{ expiryDate: '2026-02-30' }, 'expiryDate'],
    [{ expiryDate: '20/05/2031' }, 'expiryDate'],
    [{ nationality: 'UK' }, 'nationality'],
    [{ nationality: 'G8R' }, 'nationality'],
    [{ documentNumber: '1234' }, 'documentNumber'],
    [{ documentNumber: 'AB12345!' }, 'documentNumber'],
    [{ documentNumber: 'A'.repeat(21) }, 'documentNumber'],
  ])('refuses %j (%s)', (change, field) => {
    expect(documentProblems({ ...doc, ...change }, '2026-12-20').map((p) => p.field)).toEqual([field]);
  });

  it('keeps only the last 4 characters of the number, and masks it when shown', () => {
    expect(keptDocument(doc)).toEqual({ documentLast4: '4567', nationality: 'GBR', expiryDate: '2031-05-20' });
    expect(maskDocumentNumber('AB1234567')).toBe('•••• 4567');
    expect(maskDocumentNumber('4567')).toBe('•••• 4567');
  });
});

describe('passport details typed in the chat', () => {
  it.each([
    ['GBR', 'GBR'],
    ['usa', 'USA'],
    ["it's FRA", 'FRA'],
    ['British', null],
    ['GBR or USA', null],
  ])('nationality %j → %j', (text, code) => {
    expect(nationalityOf(text)).toBe(code);
  });

  it.each([
    ['2031-05-20', '2031-05-20'],
    ['20/05/2031', '2031-05-20'],
    ['20.5.2031', '2031-05-20'],
    ['20 May 2031', '2031-05-20'],
    ['20th may, 2031', '2031-05-20'],
    ['May 20, 2031', '2031-05-20'],
    ['31/02/2031', null],
    ['next year', null],
    ['05/2031', null],
  ])('expiry %j → %j', (text, date) => {
    expect(expiryDateOf(text)).toBe(date);
  });

  it.each([
    ['check in', true],
    ['check me in for ABC234', true],
    ["I'd like to check-in please", true],
    ['send me the boarding passes', true],
    ['when does check-in open?', false],
    ['How early should I check in', false],
    ['book a flight to Paris', false],
  ])('%j asks to check in: %s', (text, yes) => {
    expect(asksToCheckIn(text)).toBe(yes);
  });
});
