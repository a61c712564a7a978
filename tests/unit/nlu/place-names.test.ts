/**
 * How travellers actually name places: abbreviations and local names, a city with its state or country
 * ("Portland, OR"), and words that only look like places or cabins. Issue 10, "nothing is dropped silently".
 */
import { understand } from './helpers';

const roles = (text: string) => {
  const u = understand(text);
  return { origin: u.origin?.codes[0] ?? null, destination: u.destination?.codes[0] ?? null };
};

describe('abbreviations and local names are places', () => {
  test.each([
    ["I'm going to SD next week", null, 'SAN'],
    ['leaving from SD and flying to London', 'SAN', 'LON'],
    ['i am looking for flights from sd. i have one ticket', 'SAN', null],
    ['I am traveling to CDMX on the 3rd', null, 'MEX'],
    ['cdmx to la tomorrow', 'MEX', 'LAX'],
    ['I am leaving from Chi-town on friday', 'CHI', null],
    ['chitown to nyc', 'CHI', 'NYC'],
    ["I'm leaving from KL and traveling to Atlanta, GA", 'KUL', 'ATL'],
    ['from H-town to the bay area', 'QHO', 'SFO'],
    ['flights to saigon from bangkok', 'BKK', 'SGN'],
    ['nola to atx on the 4th', 'MSY', 'AUS'],
  ])('%s', (text, origin, destination) => {
    expect(roles(text)).toEqual({ origin, destination });
  });
});

describe('a city with its state, province or country is one place, never an airline or "or"', () => {
  test.each([
    ['We want to travel to Portland, OR on the 11th.', null, 'PDX', '2026-12-11'],
    ['I want to fly to Phoenix, AZ tomorrow', null, 'PHX', '2026-11-25'],
    ['from Portland OR to Phoenix AZ on the 30th', 'PDX', 'PHX', '2026-11-30'],
    ['from New Orleans, LA to Boston on Friday', 'MSY', 'BOS', '2026-11-27'],
    ['the 6th from seattle, wa to sydney, NSW', 'SEA', 'SYD', '2026-12-06'],
    ['Toronto, ON to Vancouver, BC on friday', 'YTO', 'YVR', '2026-11-27'],
    ['I am leaving from Paris, France to Philadelphia on the 2nd', 'PAR', 'PHL', '2026-12-02'],
    ['London, UK to Delhi, India on the 5th', 'LON', 'DEL', '2026-12-05'],
  ])('%s', (text, origin, destination, departDate) => {
    const u = understand(text);
    expect({ ...roles(text), departDate: u.departDate, airline: u.airline }).toEqual({
      origin,
      destination,
      departDate,
      airline: null,
    });
  });

  test('an airline named beside a qualified city is still the airline', () => {
    const u = understand('to Phoenix, AZ with Delta on friday');
    expect(u.destination?.codes).toEqual(['PHX']);
    expect(u.airline?.code).toBe('DL');
  });

  test('a lower-case "or" between two cities is still "or", and "Dallas LA" is still two places', () => {
    expect(understand('portland or seattle next friday').destination).toBeNull();
    expect(roles('flights from Dallas LA tomorrow')).toEqual({ origin: 'QDF', destination: 'LAX' });
  });
});

describe('the purpose of a trip is not a cabin', () => {
  test.each([
    ["I'm flying to Chicago for a business conference on the 5th", null],
    ['Business conference in Boston, I need to fly from Denver', null],
    ['I have a business lunch in Seattle, from SFO tomorrow', null],
    ['meeting a business partner in Paris, two tickets from London', null],
    ['business class to Paris for a business conference', 'business'],
    ['fly business to tokyo', 'business'],
  ])('%s', (text, cabin) => {
    expect(understand(text).cabin).toBe(cabin);
  });
});

describe('typo tolerance never turns an everyday word into an airport', () => {
  test.each([
    ['It will be just one person to Atlanta, GA next Thursday.', null, 'ATL'],
    ['one person to Boston please', null, 'BOS'],
    ['a person from my office to Denver', null, 'DEN'],
    ['pairs to london', null, 'LON'],
    ['my login to seattle flights is broken', null, 'SEA'],
    ['Kansas to Denver on friday', null, 'DEN'],
    ['arriving midday to Chicago', null, 'CHI'],
  ])('%s', (text, origin, destination) => {
    expect(roles(text)).toEqual({ origin, destination });
  });

  test('a word of the domain the traveller typed is kept for what it is: "one person" is the party', () => {
    const u = understand('one person to Toronto on friday');
    expect(u.passengers).toEqual({ adults: 1, children: 0, infants: 0 });
    expect(u.origin).toBeNull();
    expect(u.destination?.codes[0]).toBe('YTO');
  });

  test.each([
    ['flights from frankfrut to paris', 'FRA'],
    ['from bostn to denver', 'BOS'],
    ['chicgo to dallas tomorrow', 'CHI'],
    ['leaving from pearsn airport', 'YYZ'],
  ])('real typos of place names still match: %s', (text, origin) => {
    expect(understand(text).origin?.codes[0]).toBe(origin);
  });
});

test('a message with "constructor" in it is understood like any other word (no Object prototype lookups)', () => {
  expect(() => understand('to constructor tomorrow')).not.toThrow();
  expect(understand('constructor and 2 adults to paris').destination?.codes[0]).toBe('PAR');
});

describe('a place that cannot be searched is named back, never dropped', () => {
  const unknown = (text: string, options = {}) => {
    const p = understand(text, options).unknownPlace;
    return p && { ...p, suggestions: p.suggestions.map((c) => c.code) };
  };

  test.each([
    ['fly to SJ tomorrow', 'destination', 'SJ', ['SJC']],
    ['from LV to Seattle on friday', 'origin', 'LV', ['LAS']],
    ['from philad to boston', 'origin', 'philad', ['PHL']],
    ['flights from Atlantis to Paris', 'origin', 'Atlantis', ['ATL']],
    ['fly to Xyzzyq next week', 'destination', 'Xyzzyq', []],
  ])('unknown: %s', (text, role, typed, suggestions) => {
    expect(unknown(text)).toEqual({ role, text: typed, suggestions, notServed: null });
  });

  test.each([
    ['To Nairobi, Kenya', 'destination', 'Nairobi', 'NBO'],
    ['I am leaving from Nairobi on the 3rd', 'origin', 'Nairobi', 'NBO'],
    ['fly to Rio next friday', 'destination', 'Rio de Janeiro', 'GIG'],
    ['Johannesburg to London on the 5th', 'origin', 'Johannesburg', 'JNB'],
  ])('known but not served: %s', (text, role, name, code) => {
    expect(unknown(text)).toMatchObject({ role, text: name, notServed: { name, code } });
  });

  test('a place we do not serve comes with the nearest airports we do', () => {
    const u = understand('from Albuquerque to Denver tomorrow');
    expect(u.origin).toBeNull();
    expect(u.destination?.codes[0]).toBe('DEN');
    expect(u.unknownPlace?.suggestions.map((c) => c.code)).toEqual(['PHX', 'DEN', 'LAS']);
  });

  test('a bare answer to "where to?" that names no known place is named back', () => {
    expect(unknown('Nairobi', { expect: 'destination' })).toMatchObject({
      role: 'destination',
      notServed: { code: 'NBO' },
    });
    expect(unknown('SJ', { expect: 'origin' })).toMatchObject({ role: 'origin', text: 'SJ', suggestions: ['SJC'] });
    expect(unknown('yes', { expect: 'origin' })).toBeNull();
    expect(unknown('no thanks', { expect: 'destination' })).toBeNull();
  });

  test('a served city is never reported as unserved, whatever the list says', () => {
    expect(understand('to Santiago').unknownPlace?.notServed?.code).toBe('SCL');
    expect(understand('to San Jose tomorrow').destination?.codes[0]).toBe('SJC');
    expect(understand('to Florence on friday').unknownPlace?.notServed?.code).toBe('FLR');
  });
});

describe('"<role noun> is <place>" names the role', () => {
  test.each([
    ['The departure city is Vegas.', 'LAS', null],
    ['The city of departure is New York', 'NYC', null],
    ['Departure is LA and arrival is Seattle', 'LAX', 'SEA'],
    ['my final destination is Rome, origin is Paris', 'PAR', 'ROM'],
  ])('%s', (text, origin, destination) => {
    expect(roles(text)).toEqual({ origin, destination });
  });
});

test('two letters that are both a place and an airline ("KL") are the place after a cue, else the airline', () => {
  expect(understand('from KL to Singapore').origin?.codes[0]).toBe('KUL');
  const u = understand('with KL from London to Amsterdam');
  expect(u.airline?.code).toBe('KL');
  expect(roles('with KL from London to Amsterdam')).toEqual({ origin: 'LON', destination: 'AMS' });
});
