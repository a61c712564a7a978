import { Gazetteer } from '../../../dialogs/nlu/gazetteer';
import { OfflineRecognizer } from '../../../dialogs/nlu/offline-recognizer';
import type { AirlineRecord, AirportRecord, MetroRecord } from '../../../api/domain/types';
import { seedGazetteer } from '../../../dialogs/nlu/default-gazetteer';
import { TODAY, understand } from './helpers';

const codes = (text: string) => {
  const u = understand(text);
  return [u.origin?.codes ?? null, u.destination?.codes ?? null];
};

describe('places: codes, cities, metros', () => {
  test.each([
    ['flights from boston to denver', ['BOS'], ['DEN']],
    ['LHR to JFK', ['LHR'], ['JFK']],
    ['sfo-lax tomorrow', ['SFO'], ['LAX']],
    ['nyc 2 mia on 12/3', ['NYC', 'JFK', 'LGA', 'EWR'], ['MIA']],
    ['LHR JFK fri', ['LHR'], ['JFK']],
    ['to denver from boston', ['BOS'], ['DEN']],
    ['between dallas and pittsburgh', ['QDF', 'DFW', 'DAL'], ['PIT']],
    ['leaving seattle arriving in atlanta', ['SEA'], ['ATL']],
    ['out of chicago into newark', ['CHI', 'ORD', 'MDW'], ['EWR']],
    ['from the airport in philadelphia to boston', ['PHL'], ['BOS']],
    ["i'm in boston and need to get to miami", ['BOS'], ['MIA']],
    ['fares for denver to boston', ['DEN'], ['BOS']],
    ['fly from salt lake city back to st. petersburg', ['SLC'], ['PIE']],
  ])('%s', (text, origin, destination) => {
    expect(codes(text)).toEqual([origin, destination]);
  });

  test('a metro lists its code first and is ambiguous, so the dialog can ask which airport', () => {
    const u = understand('london to new york');
    expect(u.origin).toMatchObject({
      text: 'london',
      codes: ['LON', 'LHR', 'LGW', 'STN', 'LTN', 'LCY'],
      ambiguous: true,
    });
    expect(u.origin?.candidates.map((c) => c.code)).toEqual(['LHR', 'LGW', 'STN', 'LTN', 'LCY']);
    expect(u.destination).toMatchObject({ codes: ['NYC', 'JFK', 'LGA', 'EWR'], ambiguous: true });
  });

  test('a single airport is not ambiguous', () => {
    expect(understand('to denver').destination).toMatchObject({ codes: ['DEN'], ambiguous: false });
  });

  test.each([
    ['to heathrow', ['LHR']],
    ['to the big apple', ['NYC', 'JFK', 'LGA', 'EWR']],
    ['to philly', ['PHL']],
    ['to vegas', ['LAS']],
    ['to la guardia', ['LGA']],
    ["to o'hare", ['ORD']],
    ['to washington dc', ['WAS', 'IAD', 'DCA', 'BWI']],
    ['to Zürich', ['ZRH']],
    ['to münchen', ['MUC']],
  ])('alias %s', (text, expected) => {
    expect(understand(text).destination?.codes).toEqual(expected);
  });

  test.each([
    ['flights from frankfurt to new yrok', 'new yrok', 'NYC'],
    ['trip from san fransisco to denver', 'san fransisco', 'SFO'],
    ['fly from chicgo to dallas', 'chicgo', 'CHI'],
    ['frankfrut to lodnon tomorrow', 'frankfrut', 'FRA'],
  ])('typo: %s', (text, typed, code) => {
    const u = understand(text);
    const p = [u.origin, u.destination].find((x) => x?.text === typed);
    expect(p?.codes[0]).toBe(code);
    expect(p?.distance).toBeGreaterThan(0);
  });

  test.each([
    'i want to settle down',
    'the sun is shining',
    'man that was a long day',
    'we can go now',
    'nice to meet you',
  ])('no place in "%s"', (text) => {
    const u = understand(text);
    expect([u.origin, u.destination]).toEqual([null, null]);
  });

  test('words that are codes only after a place cue: "to sea" yes, "the sea" no', () => {
    expect(understand('sfo to sea').destination?.codes).toEqual(['SEA']);
    expect(understand('flights near the sea').destination).toBeNull();
  });

  test('a stop is kept apart from origin and destination', () => {
    const u = understand('from boston to denver with a stop in chicago');
    expect(u.via.map((p) => p.codes[0])).toEqual(['CHI']);
    expect(u.destination?.codes).toEqual(['DEN']);
  });
});

describe('Gazetteer built from records (the bot builds it from the database)', () => {
  const airports: AirportRecord[] = [
    {
      code: 'AAA',
      name: 'Alpha International Airport',
      city: 'Springfield',
      country: 'US',
      timeZone: 'America/Chicago',
      latitude: 0,
      longitude: 0,
      metro: 'SPX',
    },
    {
      code: 'BBB',
      name: 'Springfield Beta Field',
      city: 'Springfield',
      country: 'US',
      timeZone: 'America/Chicago',
      latitude: 0,
      longitude: 0,
      metro: 'SPX',
      aliases: ['beta'],
    },
    {
      code: 'CCC',
      name: 'Springfield Airport',
      city: 'Springfield',
      country: 'AU',
      timeZone: 'Australia/Sydney',
      latitude: 0,
      longitude: 0,
    },
    {
      code: 'DDD',
      name: 'Shelbyville Regional Airport',
      city: 'Shelbyville',
      country: 'US',
      timeZone: 'America/Chicago',
      latitude: 0,
      longitude: 0,
    },
  ];
  const metros: MetroRecord[] = [
    { code: 'SPX', name: 'Springfield (all airports)', city: 'Springfield', country: 'US', airports: ['AAA', 'BBB'] },
  ];
  const airlines: AirlineRecord[] = [{ code: 'ZZ', name: 'Zed Airways', ticketPrefix: '999', aliases: ['zed'] }];
  const gaz = new Gazetteer({ airports, metros, airlines, extraAliases: { 'shelby town': 'DDD' } });
  const r = new OfflineRecognizer(gaz);

  test('a name shared by two cities lists both and is ambiguous', () => {
    const u = r.recognizeSync('from shelbyville to springfield on zed', { today: TODAY });
    expect(u.origin?.codes).toEqual(['DDD']);
    expect(u.destination?.codes).toEqual(['SPX', 'AAA', 'BBB', 'CCC']);
    expect(u.destination?.ambiguous).toBe(true);
    expect(u.airline).toEqual({ code: 'ZZ', name: 'Zed Airways' });
  });

  test('derived airport names, aliases and extra aliases resolve', () => {
    expect(gaz.byName('alpha')[0]?.codes).toEqual(['AAA']);
    expect(gaz.byName('beta')[0]?.codes).toEqual(['BBB']);
    expect(gaz.byName('shelby town')[0]?.codes).toEqual(['DDD']);
    expect(gaz.byCode('spx')?.codes).toEqual(['SPX', 'AAA', 'BBB']);
  });
});

describe('unknown places', () => {
  const u = (text: string) => new OfflineRecognizer(seedGazetteer()).recognizeSync(text, { today: '2026-12-05' });
  it.each([
    ['book a flight from atlantis to paris tomorrow', { role: 'origin', text: 'atlantis' }],
    ['fly to Narnia next friday', { role: 'destination', text: 'Narnia' }],
    ['from london to gondor', { role: 'destination', text: 'gondor' }],
  ])('%s names the word it could not place', (text, expected) => {
    expect(u(text).unknownPlace).toMatchObject(expected);
  });

  it.each([
    'flights from boston to denver',
    'I want to book a flight from my home town',
    'from heathrow',
    'LHR to JFK fri back sun 2 adults',
    'from tomorrow to friday',
    'I need to change my booking',
    'from frankfrut to paris',
  ])('%s has none', (text) => {
    expect(u(text).unknownPlace).toBeNull();
  });
});
