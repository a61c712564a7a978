import { understand } from './helpers';

// Answers to a prompt are short: the dialog says which slot it asked for.
describe('answers to a prompt', () => {
  test('a bare city fills the slot the dialog asked for', () => {
    expect(understand('Paris', { expect: 'origin' }).origin?.codes[0]).toBe('PAR');
    expect(understand('Paris', { expect: 'destination' }).destination?.codes[0]).toBe('PAR');
    const u = understand('Paris');
    expect([u.origin, u.destination]).toEqual([null, null]);
    expect(u.places.map((p) => p.codes[0])).toEqual(['PAR']);
  });

  test('a lone city in a flight request is the destination', () => {
    expect(understand('paris next friday').destination?.codes[0]).toBe('PAR');
  });

  test('a plain date answering "when are you back?" is the return, after the agreed departure', () => {
    const u = understand('the 2nd', { expect: 'returnDate', departDate: '2026-12-28' });
    expect(u.departDate).toBeNull();
    expect(u.returnDate).toBe('2027-01-02');
  });

  test('"back sun" in a later turn is resolved after the agreed departure', () => {
    expect(understand('back sun', { departDate: '2026-12-04' }).returnDate).toBe('2026-12-06');
  });
});
