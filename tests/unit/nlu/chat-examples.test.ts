import { toBenchmarkJson } from '../../../dialogs/nlu/benchmark-format';
import { understand } from './helpers';

// The product issue's chat and SMS examples, end to end. TODAY is Tuesday 2026-11-24.
describe('chat and SMS examples', () => {
  test('LHR to JFK fri back sun 2 adults', () => {
    expect(understand('LHR to JFK fri back sun 2 adults')).toMatchObject({
      intent: 'search_flights',
      origin: { codes: ['LHR'] },
      destination: { codes: ['JFK'] },
      departDate: '2026-11-27',
      returnDate: '2026-11-29',
      tripType: 'round_trip',
      passengers: { adults: 2, children: 0, infants: 0 },
    });
  });

  test('me and my wife to Rome from Amsterdam on 14 Feb', () => {
    expect(understand('me and my wife to Rome from Amsterdam on 14 Feb')).toMatchObject({
      intent: 'search_flights',
      origin: { text: 'Amsterdam', codes: ['AMS'] },
      destination: { text: 'Rome', codes: ['ROM', 'FCO', 'CIA'], ambiguous: true },
      departDate: '2027-02-14',
      passengers: { adults: 2, children: 0, infants: 0 },
    });
  });

  test('london to nyc next friday returning the 20th, 2 adults 1 child, business', () => {
    expect(understand('london to nyc next friday returning the 20th, 2 adults 1 child, business')).toMatchObject({
      intent: 'search_flights',
      origin: { codes: ['LON', 'LHR', 'LGW', 'STN', 'LTN', 'LCY'], ambiguous: true },
      destination: { codes: ['NYC', 'JFK', 'LGA', 'EWR'], ambiguous: true },
      departDate: '2026-12-04',
      returnDate: '2026-12-20',
      tripType: 'round_trip',
      cabin: 'business',
      passengers: { adults: 2, children: 1, infants: 0 },
    });
  });

  test('cheapest nonstop sfo-lax tomorrow morning', () => {
    expect(understand('cheapest nonstop sfo-lax tomorrow morning')).toMatchObject({
      intent: 'search_flights',
      origin: { codes: ['SFO'] },
      destination: { codes: ['LAX'] },
      departDate: '2026-11-25',
      nonStop: true,
      sort: 'price',
      departTime: { from: '05:00', to: '12:00' },
    });
  });

  test('flights from frankfurt to new yrok on dec 3 (typo)', () => {
    expect(understand('flights from frankfurt to new yrok on dec 3')).toMatchObject({
      intent: 'search_flights',
      origin: { codes: ['FRA'] },
      destination: { text: 'new yrok', codes: ['NYC', 'JFK', 'LGA', 'EWR'] },
      departDate: '2026-12-03',
    });
  });

  test.each([
    [
      'Paris to Tokyo Dec 3-10, premium economy',
      { departDate: '2026-12-03', returnDate: '2026-12-10', cabin: 'premium_economy' },
    ],
    [
      'book me on BA from heathrow to JFK next tuesday after 5pm',
      { airline: { code: 'BA' }, departDate: '2026-12-01', departTime: { from: '17:00', to: '23:59' } },
    ],
    [
      'flying out of seattle friday evening, back monday morning',
      {
        origin: { codes: ['SEA'] },
        departDate: '2026-11-27',
        returnDate: '2026-11-30',
        returnTime: { from: '05:00', to: '12:00' },
      },
    ],
    [
      'one way to miami for 3 people',
      { destination: { codes: ['MIA'] }, tripType: 'one_way', passengers: { adults: 3, children: 0, infants: 0 } },
    ],
    [
      'Can I get a direct flight from Munich to Barcelona on the 2nd of January?',
      { origin: { codes: ['MUC'] }, destination: { codes: ['BCN'] }, departDate: '2027-01-02', nonStop: true },
    ],
  ])('%s', (text, expected) => {
    expect(understand(text)).toMatchObject(expected);
  });

  test('empty and whitespace-only messages understand nothing', () => {
    expect(understand('')).toMatchObject({ intent: 'none', origin: null, departDate: null });
    expect(understand('   ')).toMatchObject({ intent: 'none', origin: null, departDate: null });
  });
});

describe('benchmark format', () => {
  test('has exactly the scorer fields', () => {
    const j = toBenchmarkJson(understand('LHR to JFK fri morning back sun 2 adults on BA nonstop'));
    expect(Object.keys(j).sort()).toEqual(
      [
        'airline',
        'cabin',
        'departDate',
        'departTime',
        'destination',
        'intent',
        'nonStop',
        'origin',
        'passengers',
        'returnDate',
        'tripType',
      ].sort(),
    );
    expect(j).toEqual({
      intent: 'search_flights',
      origin: { text: 'LHR', codes: ['LHR'] },
      destination: { text: 'JFK', codes: ['JFK'] },
      departDate: '2026-11-27',
      returnDate: '2026-11-29',
      tripType: 'round_trip',
      cabin: null,
      nonStop: true,
      departTime: { from: '05:00', to: '12:00' },
      airline: { code: 'BA' },
      passengers: { adults: 2, children: 0, infants: 0 },
    });
  });

  test('a party size without make-up is reported as adults', () => {
    expect(toBenchmarkJson(understand('family of four to orlando')).passengers).toEqual({
      adults: 4,
      children: 0,
      infants: 0,
    });
    expect(toBenchmarkJson(understand('to orlando')).passengers).toBeNull();
  });
});
