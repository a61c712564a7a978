import { understand } from './helpers';

describe('cabin', () => {
  test.each([
    ['first class', 'first'],
    ['in first', 'first'],
    ['business class', 'business'],
    ['2 adults, business', 'business'],
    ['premium economy', 'premium_economy'],
    ['economy', 'economy'],
    ['coach', 'economy'],
    ['the first flight', null],
    ['on april first', null],
    ['a business trip', null],
    ['on business', null],
  ])('%s -> %s', (text, cabin) => {
    expect(understand(`boston to denver ${text}`).cabin).toBe(cabin);
  });
});

describe('non-stop, trip type, sort', () => {
  test.each([
    ['nonstop', true],
    ['non-stop', true],
    ['direct flights', true],
    ['no layovers', true],
    ['with a stop in chicago', false],
    ['connecting', false],
    ['', null],
  ])('"%s" -> nonStop %s', (text, v) => {
    expect(understand(`boston to denver ${text}`).nonStop).toBe(v);
  });

  test.each([
    ['one way', 'one_way'],
    ['one-way', 'one_way'],
    ['round trip', 'round_trip'],
    ['return ticket', 'round_trip'],
    ['and back', 'round_trip'],
    ['', null],
  ])('"%s" -> tripType %s', (text, v) => {
    expect(understand(`boston to denver ${text}`).tripType).toBe(v);
  });

  test.each([
    ['cheapest', 'price', 'asc'],
    ['lowest fare', 'price', 'asc'],
    ['fastest', 'duration', 'asc'],
    ['earliest', 'departure', 'asc'],
    ['latest', 'departure', 'desc'],
    ['earliest arriving', 'arrival', 'asc'],
  ])('%s -> sort %s %s', (text, sort, dir) => {
    const u = understand(`${text} flight boston to denver`);
    expect([u.sort, u.sortDirection]).toEqual([sort, dir]);
  });

  test('airline by name and by code', () => {
    expect(understand('on delta from boston to denver').airline?.code).toBe('DL');
    expect(understand('fly BA to london').airline?.code).toBe('BA');
    expect(understand('american airlines to miami').airline?.code).toBe('AA');
    expect(understand('flights to the united states').airline).toBeNull();
    expect(understand('let us fly to denver').airline).toBeNull();
  });
});
