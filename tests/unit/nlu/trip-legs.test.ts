import { legTexts } from '../../../dialogs/nlu/trip-legs';
import { understand } from './helpers';

/** "LON>PAR 2026-12-20" per leg, the metro or airport code first; "?" for an origin not said. */
function legsOf(text: string, departDate?: string): string[] | null {
  const trip = understand(text, departDate ? { departDate } : {}).trip;
  if (!trip) return null;
  return trip.legs.map((l) => `${l.origin?.codes[0] ?? '?'}>${l.destination.codes[0]} ${l.departDate ?? '-'}`);
}

// TODAY is Tuesday 2026-11-24.
describe('multi-city legs in one message', () => {
  test.each([
    ['London to Paris on the 20th, then Paris to Rome on the 23rd', ['LON>PAR 2026-12-20', 'PAR>ROM 2026-12-23']],
    ['london to paris dec 20 and then on to rome dec 23', ['LON>PAR 2026-12-20', 'PAR>ROM 2026-12-23']],
    [
      'fly from New York to London on Dec 2, after that London to Paris on Dec 5, then Paris to Rome on Dec 9',
      ['NYC>LON 2026-12-02', 'LON>PAR 2026-12-05', 'PAR>ROM 2026-12-09'],
    ],
    [
      'Boston to Chicago on the 1st then to Denver on the 3rd then Denver to Seattle on the 6th and then ' +
        'to San Francisco on the 9th',
      ['BOS>CHI 2026-12-01', 'CHI>DEN 2026-12-03', 'DEN>SEA 2026-12-06', 'SEA>SFO 2026-12-09'],
    ],
    ['London to Paris on the 20th followed by Madrid on the 22nd', ['LON>PAR 2026-12-20', 'PAR>MAD 2026-12-22']],
    // An open jaw: the next leg leaves from somewhere else.
    ['London to Paris on the 20th, then Madrid to Rome on the 23rd', ['LON>PAR 2026-12-20', 'MAD>ROM 2026-12-23']],
  ])('%s', (text, legs) => {
    expect(legsOf(text)).toEqual(legs);
  });

  test.each([
    // Not multi-city: one trip, a return, or "then" about something else.
    ['London to Paris on the 20th'],
    ['London to Paris on the 20th, then back on the 23rd'],
    ['London to Paris on the 20th then Paris to London on the 27th'],
    ['I want to fly to Paris, then I will decide'],
  ])('%s: no legs', (text) => {
    expect(legsOf(text)).toBeNull();
  });

  it('a leg added later continues the trip under way', () => {
    for (const text of ['then on to Rome on the 23rd', 'and after that Rome on the 23rd', 'then Rome, the 23rd']) {
      const trip = understand(text).trip;
      expect(trip?.continues).toBe(true);
      expect(trip?.legs.map((l) => [l.origin, l.destination.codes[0], l.departDate])).toEqual([
        [null, 'ROM', '2026-12-23'],
      ]);
    }
  });

  it('keeps the one-trip reading of the message alongside the legs', () => {
    const u = understand('London to Paris on the 20th, then Paris to Rome on the 23rd');
    expect(u.origin?.codes[0]).toBe('LON');
    expect(u.intent).toBe('search_flights');
  });

  it('cuts a message at its next-leg phrases', () => {
    expect(legTexts('A to B, and then C to D; after that E')).toEqual(['A to B', 'C to D', 'E']);
    expect(legTexts('then on to Rome')).toEqual(['', 'on to Rome']);
  });
});
