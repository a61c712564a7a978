import { understand } from './helpers';

const p = (adults: number, children = 0, infants = 0) => ({ adults, children, infants });

describe('passengers', () => {
  test.each([
    ['2 adults', p(2)],
    ['two adults and one child', p(2, 1)],
    ['2 adults 1 child', p(2, 1)],
    ['2 adults, 2 children and an infant', p(2, 2, 1)],
    ['me and my wife', p(2)],
    ['my husband and i', p(2)],
    ['me, my wife and 2 kids', p(2, 2)],
    ['with 2 kids', p(1, 2)],
    ['me and my son', p(1, 1)],
    ['with my husband and our baby', p(2, 0, 1)],
    ['an infant', p(1, 0, 1)],
    ['for three people', p(3)],
    ['3 passengers', p(3)],
    ['2 tickets', p(2)],
    ['the two of us', p(2)],
    ['there are 4 of us', p(4)],
    ['we are 5', p(5)],
    ['just me', p(1)],
    ['with 2 friends', p(3)],
  ])('%s', (text, expected) => {
    expect(understand(`${text} to paris`).passengers).toEqual(expected);
  });

  test('a family of four has a size but no known make-up', () => {
    const u = understand('family of four to orlando');
    expect(u.passengers).toBeNull();
    expect(u.partySize).toBe(4);
  });

  test.each([
    'one way to paris',
    'flight 825 to paris',
    'on the 2nd to paris',
    'how many passengers fit on a 737',
    'at 2 pm to paris',
  ])('no passengers in "%s"', (text) => {
    expect(understand(text).passengers).toBeNull();
  });
});
