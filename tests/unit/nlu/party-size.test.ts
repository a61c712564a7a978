/**
 * Who travels, as travellers say it (issue 10, "the party"): head counts ("N tickets", "seats for 2"), people
 * named in a story ("me and my 8 year old", "my wife and our two kids"), and the rule that a number the
 * traveller states wins over a story that adds up differently.
 */
import { understand } from './helpers';

const p = (adults: number, children = 0, infants = 0) => ({ adults, children, infants });

describe('head counts', () => {
  test.each([
    ['I need 3 tickets to Boston on Friday', p(3)],
    ['2 seats from London to Paris', p(2)],
    ['book seats for 2 on American from Miami to Dallas', p(2)],
    ['a round trip flight for four departing from SFO', p(4)],
    ['I need tickets for four, back on the 12th', p(4)],
    ['Will you find one-way flights for two departing from Denver?', p(2)],
    ['4 people to Orlando next week', p(4)],
    ['I would like three Economy tickets to New York', p(3)],
    ['2 round trip tickets to Rome please', p(2)],
    ['we are a group of 3 members flying to Tokyo', p(3)],
    ['tix for 5 ppl to vegas', p(5)],
    ['I am the one and only person in my group, going to Seattle', p(1)],
  ])('%s', (text, expected) => {
    expect(understand(text).passengers).toEqual(expected);
  });

  test.each([
    'a one-way premium economy ticket to Paris',
    'I need a ticket to Boston',
    "I'm looking for an economy flight from Chicago",
    'staying for 2 nights in Rome, flying from Paris',
    'one way for 2 hours? no, from London to Paris',
    'the flight for 10:30 from Boston',
  ])('no head count in "%s"', (text) => {
    expect(understand(text).passengers).toBeNull();
  });
});

describe('the party from a story', () => {
  test.each([
    ['me and my 8 year old to Paris on the 3rd', p(1, 1)],
    ['me and my 8-year-old son, London to Rome', p(1, 1)],
    ['just me and my 15 year old daughter to Madrid', p(2)],
    ['me and our 18 month old baby to Lisbon', p(1, 0, 1)],
    ['my wife and our two kids to Orlando', p(2, 2)],
    ['me, my husband and our 3 kids to Cancun', p(2, 3)],
    ['my wife and I with our 6yo from Boston to Denver', p(2, 1)],
    ['me and my parents to Honolulu', p(3)],
  ])('%s', (text, expected) => {
    expect(understand(text).passengers).toEqual(expected);
  });
});

describe('a number said wins over a story that adds up differently', () => {
  test.each([
    ['my aunt says she might come with me and my cousin, but book it for 2 adults', p(2)],
    ['I will need to book 3 tickets. My wife and son are coming with me.', p(3)],
    ['me and my wife, plus my sister and her husband: 4 tickets to Rome', p(4)],
    ['me and my 8 year old and my mum, 3 seats to Nice', p(2, 1)],
    ['my wife and our two kids, so 4 tickets to Orlando', p(2, 2)],
  ])('%s', (text, expected) => {
    expect(understand(text).passengers).toEqual(expected);
  });

  test('when the children alone reach the number said, the make-up is asked for, not guessed', () => {
    const u = understand('2 tickets for my two kids to Paris');
    expect(u.passengers).toBeNull();
    expect(u.partySize).toBe(2);
  });
});
