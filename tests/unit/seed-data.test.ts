/** Unit tests validating the static demo inventory: airports, metros, airlines, aircraft layouts and routes. */
import { DateTime, IANAZone } from 'luxon';
import { AIRCRAFT } from '../../api/seed/data/aircraft';
import { AIRLINES } from '../../api/seed/data/airlines';
import { AIRPORTS, METROS } from '../../api/seed/data/airports';
import { ROUTES } from '../../api/seed/data/routes';
import { CABINS, type AirportRecord, type CabinLayout, type RouteRecord } from '../../api/domain/types';

const airportByCode = new Map(AIRPORTS.map((a) => [a.code, a]));
const metroByCode = new Map(METROS.map((m) => [m.code, m]));
const airlineByCode = new Map(AIRLINES.map((a) => [a.code, a]));
const aircraftByCode = new Map(AIRCRAFT.map((a) => [a.code, a]));

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) dup.add(v);
    seen.add(v);
  }
  return [...dup];
}

function airport(code: string): AirportRecord {
  const found = airportByCode.get(code);
  if (!found) throw new Error(`unknown airport ${code}`);
  return found;
}

/** Great-circle distance in kilometres. */
function distanceKm(from: string, to: string): number {
  const a = airport(from);
  const b = airport(to);
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function findRoute(a: string, b: string): RouteRecord | undefined {
  return ROUTES.find((r) => (r.from === a && r.to === b) || (r.from === b && r.to === a));
}

function rowsOf(cabin: CabinLayout): number[] {
  const skip = new Set(cabin.skipRows ?? []);
  const out: number[] = [];
  for (let row = cabin.firstRow; row <= cabin.lastRow; row += 1) if (!skip.has(row)) out.push(row);
  return out;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOWER_ALIAS = /^[^A-Z\s](.*[^A-Z\s])?$/;

const REQUIRED_NORTH_AMERICA = (
  'ATL BWI BUR CLT ORD MDW CVG CLE CMH DFW DAL DEN DTW IAH HOU IND MCI ' +
  'LAS LGB LAX MEM MIA MKE MSP YUL BNA JFK LGA EWR OAK ONT MCO PHL PHX ' +
  'PIT SLC SAN SFO SJC SEA STL PIE TPA YYZ IAD DCA HPN BOS YVR'
).split(' ');
const REQUIRED_INTERNATIONAL = (
  'LHR LGW STN LTN LCY CDG ORY AMS FRA MUC MAD BCN FCO CIA MXP LIN ZRH ' +
  'VIE DUB LIS CPH ARN OSL HEL BRU ATH IST EDI MAN DXB AUH DOH SIN SYD ' +
  'MEL HKG NRT HND ICN BKK DEL BOM PEK PVG KUL AKL'
).split(' ');

describe('airports', () => {
  it('has at least 90 airports with unique, well-formed codes', () => {
    expect(AIRPORTS.length).toBeGreaterThanOrEqual(90);
    for (const a of AIRPORTS) expect(a.code).toMatch(/^[A-Z]{3}$/);
    expect(duplicates(AIRPORTS.map((a) => a.code))).toEqual([]);
  });

  it('includes every required airport', () => {
    const missing = [...REQUIRED_NORTH_AMERICA, ...REQUIRED_INTERNATIONAL].filter((c) => !airportByCode.has(c));
    expect(missing).toEqual([]);
  });

  it('has names, ISO countries, valid IANA zones and coordinates in range', () => {
    for (const a of AIRPORTS) {
      expect(a.name.trim()).not.toBe('');
      expect(a.city.trim()).not.toBe('');
      expect(a.country).toMatch(/^[A-Z]{2}$/);
      expect({ code: a.code, zoneValid: IANAZone.isValidZone(a.timeZone) }).toEqual({ code: a.code, zoneValid: true });
      expect(a.latitude).toBeGreaterThanOrEqual(-90);
      expect(a.latitude).toBeLessThanOrEqual(90);
      expect(a.longitude).toBeGreaterThanOrEqual(-180);
      expect(a.longitude).toBeLessThanOrEqual(180);
    }
  });

  it('spot-checks a few well-known facts', () => {
    expect(airport('LHR')).toMatchObject({ city: 'London', country: 'GB', timeZone: 'Europe/London', metro: 'LON' });
    expect(airport('JFK')).toMatchObject({
      city: 'New York',
      country: 'US',
      timeZone: 'America/New_York',
      metro: 'NYC',
    });
    expect(airport('DTW').timeZone).toBe('America/Detroit');
    expect(airport('PHX').timeZone).toBe('America/Phoenix');
    expect(airport('IND').timeZone).toBe('America/Indiana/Indianapolis');
    expect(airport('SYD').latitude).toBeLessThan(0);
    expect(airport('SFO').longitude).toBeLessThan(0);
    expect(distanceKm('LHR', 'JFK')).toBeGreaterThan(5400);
    expect(distanceKm('LHR', 'JFK')).toBeLessThan(5700);
  });

  it('has lower-case, trimmed aliases that resolve to exactly one place', () => {
    const all: string[] = [];
    for (const place of [...AIRPORTS, ...METROS]) {
      for (const alias of place.aliases ?? []) {
        expect(alias).toBe(alias.toLowerCase());
        expect(alias).toMatch(LOWER_ALIAS);
        all.push(alias);
      }
    }
    expect(duplicates(all)).toEqual([]);
  });

  it('carries the colloquial names the assistant has to understand', () => {
    const resolve = (alias: string): string | undefined =>
      [...AIRPORTS, ...METROS].find((p) => (p.aliases ?? []).includes(alias))?.code;
    const expected: Record<string, string> = {
      heathrow: 'LHR',
      gatwick: 'LGW',
      jfk: 'JFK',
      kennedy: 'JFK',
      'la guardia': 'LGA',
      laguardia: 'LGA',
      "o'hare": 'ORD',
      ohare: 'ORD',
      midway: 'MDW',
      'charles de gaulle': 'CDG',
      orly: 'ORY',
      schiphol: 'AMS',
      changi: 'SIN',
      dulles: 'IAD',
      reagan: 'DCA',
      national: 'DCA',
      logan: 'BOS',
      'sea-tac': 'SEA',
      tacoma: 'SEA',
      la: 'LAX',
      philly: 'PHL',
      vegas: 'LAS',
      'big apple': 'NYC',
      frisco: 'SFO',
      sf: 'SFO',
      dc: 'WAS',
      westchester: 'HPN',
      'westchester county': 'HPN',
      'st petersburg': 'PIE',
      'st. petersburg': 'PIE',
      'minneapolis st paul': 'MSP',
      'st paul': 'MSP',
      'st. paul': 'MSP',
      'dallas fort worth': 'DFW',
      'fort worth': 'DFW',
    };
    const actual = Object.fromEntries(Object.keys(expected).map((alias) => [alias, resolve(alias)]));
    expect(actual).toEqual(expected);
    expect(metroByCode.get('ROM')?.city).toBe('Rome');
    expect(airport('MUC').city).toBe('Munich');
    expect(airport('STL').city).toBe('St. Louis');
    expect(airport('MCI').city).toBe('Kansas City');
    expect(airport('FLL').city).toBe('Fort Lauderdale');
  });
});

describe('metros', () => {
  it('have unique codes that never equal an airport code', () => {
    for (const m of METROS) expect(m.code).toMatch(/^[A-Z]{3}$/);
    expect(duplicates(METROS.map((m) => m.code))).toEqual([]);
    expect(METROS.filter((m) => airportByCode.has(m.code)).map((m) => m.code)).toEqual([]);
  });

  it('reference existing airports of the same country, each of which points back to the metro', () => {
    for (const m of METROS) {
      expect(m.airports.length).toBeGreaterThan(0);
      for (const code of m.airports) {
        const a = airport(code);
        expect({ airport: code, metro: a.metro, country: a.country }).toEqual({
          airport: code,
          metro: m.code,
          country: m.country,
        });
      }
    }
  });

  it('put each airport in at most one metro, and only in a metro that lists it', () => {
    expect(duplicates(METROS.flatMap((m) => m.airports))).toEqual([]);
    for (const a of AIRPORTS) {
      if (a.metro === undefined) continue;
      expect({ airport: a.code, listed: metroByCode.get(a.metro)?.airports.includes(a.code) }).toEqual({
        airport: a.code,
        listed: true,
      });
    }
  });

  it('include the required metros', () => {
    const expected: Record<string, string[]> = {
      LON: ['LCY', 'LGW', 'LHR', 'LTN', 'STN'],
      NYC: ['EWR', 'JFK', 'LGA'],
      PAR: ['CDG', 'ORY'],
      CHI: ['MDW', 'ORD'],
      WAS: ['BWI', 'DCA', 'IAD'],
      ROM: ['CIA', 'FCO'],
      MIL: ['LIN', 'MXP'],
      QDF: ['DAL', 'DFW'],
    };
    for (const [code, airports] of Object.entries(expected))
      expect([...(metroByCode.get(code)?.airports ?? [])].sort()).toEqual(airports);
    const contains: Record<string, string[]> = {
      TYO: ['HND', 'NRT'],
      YTO: ['YYZ'],
      YMQ: ['YUL'],
      DTT: ['DTW'],
      MKC: ['MCI'],
      ORL: ['MCO'],
      BJS: ['PEK'],
      SHA: ['PVG'],
      SEL: ['ICN'],
    };
    for (const [code, airports] of Object.entries(contains))
      expect(metroByCode.get(code)?.airports).toEqual(expect.arrayContaining(airports));
    // Houston's IATA city code is HOU, which is also Hobby airport's code, so the metro uses another code.
    expect(METROS.find((m) => m.city === 'Houston')?.airports.sort()).toEqual(['HOU', 'IAH']);
  });
});

describe('airlines', () => {
  it('have unique 2-character designators and unique 3-digit ticketing prefixes', () => {
    expect(AIRLINES.length).toBeGreaterThanOrEqual(10);
    for (const a of AIRLINES) {
      expect(a.code).toMatch(/^[A-Z0-9]{2}$/);
      expect(a.ticketPrefix).toMatch(/^\d{3}$/);
      expect(a.name.trim()).not.toBe('');
    }
    expect(duplicates(AIRLINES.map((a) => a.code))).toEqual([]);
    expect(duplicates(AIRLINES.map((a) => a.ticketPrefix))).toEqual([]);
  });

  it('use the real prefixes of the main carriers', () => {
    const expected: Record<string, string> = {
      BA: '125',
      AA: '001',
      DL: '006',
      UA: '016',
      AF: '057',
      KL: '074',
      LH: '220',
      EK: '176',
      SQ: '618',
      QF: '081',
      AS: '027',
      NH: '205',
      US: '037',
      CO: '005',
    };
    const actual = Object.fromEntries(
      Object.keys(expected).map((code) => [code, airlineByCode.get(code)?.ticketPrefix]),
    );
    expect(actual).toEqual(expected);
  });

  it('have lower-case aliases that resolve to one airline and never to a place', () => {
    const all = AIRLINES.flatMap((a) => a.aliases ?? []);
    for (const alias of all) {
      expect(alias).toBe(alias.toLowerCase());
      expect(alias).toMatch(LOWER_ALIAS);
    }
    expect(duplicates(all)).toEqual([]);
    const placeAliases = new Set([...AIRPORTS, ...METROS].flatMap((p) => p.aliases ?? []));
    expect(all.filter((alias) => placeAliases.has(alias))).toEqual([]);
    const resolve = (alias: string): string | undefined =>
      AIRLINES.find((a) => (a.aliases ?? []).includes(alias))?.code;
    expect(
      ['british airways', 'delta air lines', 'american', 'united', 'lufthansa', 'klm', 'emirates', 'us air'].map(
        resolve,
      ),
    ).toEqual(['BA', 'DL', 'AA', 'UA', 'LH', 'KL', 'EK', 'US']);
  });
});

describe('aircraft', () => {
  it('have unique codes and include the required types', () => {
    expect(duplicates(AIRCRAFT.map((a) => a.code))).toEqual([]);
    for (const code of ['320', '73H', '789', '77W', '359', 'E75']) expect(aircraftByCode.has(code)).toBe(true);
  });

  it.each(AIRCRAFT.map((a) => [a.code, a] as const))('%s has sane cabin layouts', (_code, aircraft) => {
    expect(aircraft.cabins.length).toBeGreaterThan(0);
    expect(aircraft.cabins.some((c) => c.cabin === 'economy')).toBe(true);
    expect(duplicates(aircraft.cabins.map((c) => c.cabin))).toEqual([]);
    let previousLastRow = 0;
    let previousRank = -1;
    for (const cabin of aircraft.cabins) {
      // Front to back: higher classes first, rows never overlapping.
      const rank = CABINS.length - 1 - CABINS.indexOf(cabin.cabin);
      expect(rank).toBeGreaterThan(previousRank);
      previousRank = rank;
      expect(Number.isInteger(cabin.firstRow) && Number.isInteger(cabin.lastRow)).toBe(true);
      expect(cabin.firstRow).toBeGreaterThan(previousLastRow);
      expect(cabin.lastRow).toBeGreaterThanOrEqual(cabin.firstRow);
      previousLastRow = cabin.lastRow;

      // Seat letters: single spaces between blocks, no I (confused with 1), strictly ascending letters.
      expect(cabin.columns).toMatch(/^[A-Z]+( [A-Z]+)*$/);
      expect(cabin.columns).not.toContain('I');
      const letters = cabin.columns.replace(/ /g, '');
      expect([...letters].sort().join('')).toBe(letters);
      expect(duplicates([...letters])).toEqual([]);

      const skip = cabin.skipRows ?? [];
      for (const row of skip) {
        expect(row).toBeGreaterThanOrEqual(cabin.firstRow);
        expect(row).toBeLessThanOrEqual(cabin.lastRow);
      }
      const seatedRows = new Set(rowsOf(cabin));
      expect(seatedRows.size).toBeGreaterThan(0);
      for (const row of [
        ...(cabin.exitRows ?? []),
        ...(cabin.extraLegroomRows ?? []),
        ...(cabin.preferredRows ?? []),
      ]) {
        expect({ cabin: cabin.cabin, row, inCabin: seatedRows.has(row) }).toEqual({
          cabin: cabin.cabin,
          row,
          inCabin: true,
        });
      }
      for (const row of cabin.exitRows ?? []) expect(cabin.extraLegroomRows ?? []).toContain(row);
    }
  });
});

describe('routes', () => {
  const WIDEBODIES = new Set(['789', '77W', '359']);

  it('has a reasonably sized schedule', () => {
    expect(ROUTES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(ROUTES.map((r) => [`${r.airline}${r.number} ${r.from}-${r.to}`, r] as const))(
    '%s is well formed',
    (_label, route) => {
      expect(airlineByCode.has(route.airline)).toBe(true);
      expect(airportByCode.has(route.from)).toBe(true);
      expect(airportByCode.has(route.to)).toBe(true);
      expect(aircraftByCode.has(route.aircraft)).toBe(true);
      expect(route.from).not.toBe(route.to);
      expect(Number.isInteger(route.number)).toBe(true);
      expect(route.number % 2).toBe(0);
      expect(route.number).toBeGreaterThan(0);
      expect(route.number + 2 * route.outboundTimes.length).toBeLessThanOrEqual(9999);
      expect(route.outboundTimes.length).toBeGreaterThan(0);
      expect(route.returnTimes.length).toBe(route.outboundTimes.length);
      for (const times of [route.outboundTimes, route.returnTimes]) {
        for (const t of times) expect(t).toMatch(HHMM);
        expect([...times].sort()).toEqual(times);
        expect(duplicates(times)).toEqual([]);
      }
      for (const day of route.days ?? []) expect([1, 2, 3, 4, 5, 6, 7]).toContain(day);

      // Sensible equipment: long sectors need a widebody, regional jets stay short.
      const km = distanceKm(route.from, route.to);
      if (km > 6000) expect(WIDEBODIES.has(route.aircraft)).toBe(true);
      if (route.aircraft === 'E75') expect(km).toBeLessThan(2000);
    },
  );

  it('never has two records for the same airline and city pair', () => {
    const keys = ROUTES.map((r) => `${r.airline} ${[r.from, r.to].sort().join('-')}`);
    expect(duplicates(keys)).toEqual([]);
  });

  it('leaves room for every departure flight number (number + 2i, return + 1) without collisions', () => {
    const used = new Map<string, string>();
    const clashes: string[] = [];
    for (const r of ROUTES) {
      r.outboundTimes.forEach((_t, i) => {
        for (const n of [r.number + 2 * i, r.number + 2 * i + 1]) {
          const key = `${r.airline}${n}`;
          const owner = `${r.from}-${r.to}`;
          const previous = used.get(key);
          if (previous !== undefined && previous !== owner) clashes.push(`${key}: ${previous} vs ${owner}`);
          used.set(key, owner);
        }
      });
    }
    expect(clashes).toEqual([]);
  });

  it('includes the required nonstop city pairs', () => {
    const required = [
      'LHR-JFK',
      'LHR-CDG',
      'CDG-JFK',
      'FRA-JFK',
      'AMS-LHR',
      'SFO-LAX',
      'SFO-SEA',
      'ORD-ATL',
      'DXB-LHR',
      'SIN-SYD',
    ];
    expect(
      required.filter((pair) => {
        const [a, b] = pair.split('-') as [string, string];
        return findRoute(a, b) === undefined;
      }),
    ).toEqual([]);
  });

  it('has several daily frequencies on the trunk routes', () => {
    const frequencies = (a: string, b: string): number =>
      ROUTES.filter((r) => (r.from === a && r.to === b) || (r.from === b && r.to === a)).reduce(
        (sum, r) => sum + r.outboundTimes.length,
        0,
      );
    expect(frequencies('LHR', 'JFK')).toBeGreaterThanOrEqual(3);
    expect(frequencies('SFO', 'LAX')).toBeGreaterThanOrEqual(4);
    expect(frequencies('LHR', 'CDG')).toBeGreaterThanOrEqual(3);
  });

  it('has the hub spokes that make one-stop connections possible', () => {
    const spokes: Record<string, string[]> = {
      ATL: ['MIA', 'MCO', 'BOS', 'DFW', 'LGA', 'ORD'],
      ORD: ['SEA', 'DEN', 'LAX', 'SFO', 'BOS', 'MSP', 'DTW', 'LGA', 'EWR'],
      DFW: ['IAH', 'DEN', 'PHX', 'LAX'],
    };
    const missing = Object.entries(spokes).flatMap(([hub, list]) =>
      list.filter((s) => !findRoute(hub, s)).map((s) => `${hub}-${s}`),
    );
    expect(missing).toEqual([]);
  });

  /**
   * Same-day one-stop connections with a 60-300 minute layover. Block times are not in the data, so this estimates them
   * (30 minutes plus 800 km/h) and accepts the connection only if it holds with the estimate 30 minutes off either way.
   */
  describe('connections', () => {
    const DAY = '2025-06-10';
    const blockMinutes = (from: string, to: string): number => 30 + (distanceKm(from, to) / 800) * 60;
    interface Leg {
      from: string;
      to: string;
      dep: DateTime;
      arr: DateTime;
    }
    const legs: Leg[] = [];
    for (const r of ROUTES) {
      const directions: [string, string, string[]][] = [
        [r.from, r.to, r.outboundTimes],
        [r.to, r.from, r.returnTimes],
      ];
      for (const [from, to, times] of directions) {
        for (const date of [DAY, '2025-06-11']) {
          for (const time of times) {
            const dep = DateTime.fromISO(`${date}T${time}`, { zone: airport(from).timeZone });
            legs.push({ from, to, dep, arr: dep.plus({ minutes: blockMinutes(from, to) }) });
          }
        }
      }
    }
    const connects = (origin: string, via: string, destination: string): boolean =>
      legs.some(
        (first) =>
          first.from === origin &&
          first.to === via &&
          first.dep.toISODate() === DAY &&
          legs.some((second) => {
            if (second.from !== via || second.to !== destination) return false;
            const layover = second.dep.diff(first.arr, 'minutes').minutes;
            return layover - 30 >= 60 && layover + 30 <= 300;
          }),
      );

    it.each([
      ['SEA', 'ORD', 'ATL'],
      ['ATL', 'ORD', 'SEA'],
      ['LHR', 'DXB', 'SYD'],
      ['SYD', 'DXB', 'LHR'],
      ['LHR', 'SIN', 'SYD'],
      ['JFK', 'LHR', 'MAD'],
      ['JFK', 'LHR', 'FCO'],
      ['ORD', 'ATL', 'MIA'],
      ['DFW', 'LAX', 'SFO'],
      ['DEN', 'ORD', 'BOS'],
    ])('%s via %s to %s', (origin, via, destination) => {
      expect(connects(origin, via, destination)).toBe(true);
    });
  });
});
