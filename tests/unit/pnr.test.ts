import { generatePnr, normalisePnr, PNR_ALPHABET, PNR_PATTERN } from '../../api/domain/pnr';

describe('PNR alphabet', () => {
  it('has no look-alikes 0, O, 1, I or L', () => {
    for (const c of '0O1IL') expect(PNR_ALPHABET).not.toContain(c);
    expect(new Set(PNR_ALPHABET).size).toBe(PNR_ALPHABET.length);
    expect(PNR_ALPHABET).toHaveLength(31);
  });

  it('accepts exactly the alphabet in the pattern', () => {
    for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      expect({ c, ok: PNR_PATTERN.test(c.repeat(6)) }).toEqual({ c, ok: PNR_ALPHABET.includes(c) });
    }
  });
});

describe('generatePnr', () => {
  it('makes 6-character references from the alphabet, using all of it', () => {
    const seen = new Set<string>();
    const refs = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const p = generatePnr();
      expect(p).toMatch(PNR_PATTERN);
      refs.add(p);
      for (const c of p) seen.add(c);
    }
    expect(seen.size).toBe(PNR_ALPHABET.length);
    expect(refs.size).toBeGreaterThan(2990); // 31^6 ≈ 887 million: collisions are rare
  });

  it('always puts a letter in, so a reference never reads as a number', () => {
    // (8/31)^6: about one reference in 3,400 would be all digits without the rule; 40,000 tries make that certain.
    for (let i = 0; i < 40_000; i++) expect(generatePnr()).toMatch(/[A-Z]/);
  });
});

describe('normalisePnr', () => {
  it.each([
    ['ABC234', 'ABC234'],
    [' abc234 ', 'ABC234'],
    ['xk7pqr', 'XK7PQR'],
    ['ABC10O', null], // 1 and 0, O are not in the alphabet
    ['ABCDIL', null],
    ['ABC23', null],
    ['ABC2345', null],
    ['AB C23', null],
    ['', null],
  ])('%p → %p', (input, expected) => {
    expect(normalisePnr(input)).toBe(expected);
  });
});
