import { localToInstant } from '../../api/domain/time';
import { dateAhead, localDateAhead, MINUTE, type OfferJson, search } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

const LOCAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const LON = ['LHR', 'LGW', 'STN', 'LTN', 'LCY'];
const NYC = ['JFK', 'LGA', 'EWR'];
const localHhmm = (iso: string) => iso.slice(11, 16);
const ids = (offers: OfferJson[]) => offers.map((o) => o.id);

describe.each(DB_TARGETS)('flight search (%s)', (target) => {
  let t: TestApp;
  let date: string;
  const q = (extra: Record<string, string | number | boolean>) =>
    search(t, { origin: 'LHR', destination: 'JFK', departureDate: date, limit: 100, ...extra });

  beforeAll(async () => {
    t = await createTestApp({ target, days: 21 });
    date = dateAhead(t, 10);
  }, 60_000);
  afterAll(() => t.close());

  it('finds nonstop offers with full segments, local times with offsets and fares per family', async () => {
    const r = await q({ nonStop: true });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      currency: 'GBP',
      cabin: 'economy',
      passengers: { adults: 1, children: 0, infants: 0 },
    });
    const offers = r.body.outbound as OfferJson[];
    expect(offers.length).toBeGreaterThanOrEqual(6); // BA ×4 and AA ×2 a day
    for (const o of offers) {
      expect(o.stops).toBe(0);
      const s = o.segments[0]!;
      expect(s).toMatchObject({
        origin: { code: 'LHR' },
        destination: { code: 'JFK' },
        aircraft: { code: '77W', name: 'Boeing 777-300ER' },
      });
      expect(s.flightNumber).toMatch(/^(BA|AA)\d+$/);
      expect(s.airline.name).toMatch(/British Airways|American Airlines/);
      expect(s.flightId).toEqual(expect.any(Number));
      for (const [local, utc] of [
        [s.departureTime, s.departureUtc],
        [s.arrivalTime, s.arrivalUtc],
      ] as const) {
        expect(local).toMatch(LOCAL_ISO);
        expect(Date.parse(local)).toBe(Date.parse(utc));
      }
      expect(s.departureTime.startsWith(date)).toBe(true);
      expect(o.durationMinutes).toBe((Date.parse(s.arrivalUtc) - Date.parse(s.departureUtc)) / MINUTE);
      expect(o.durationMinutes).toBeGreaterThan(7 * 60);
      expect(o.fares.map((f) => f.fareFamily)).toEqual(['basic', 'standard', 'flex']);
      for (const f of o.fares) {
        expect(f.price.currency).toBe('GBP');
        expect(Number.isInteger(f.price.amount) && Number.isInteger(f.taxes.amount)).toBe(true);
        expect(f.price.amount).toBeGreaterThan(f.taxes.amount);
        expect(f.conditions).toEqual(
          expect.objectContaining({
            changeable: expect.any(Boolean),
            refundable: expect.any(Boolean),
            summary: expect.any(String),
          }),
        );
        expect(f.seatsLeft).toBe(290);
      }
      expect(o.lowestPrice).toEqual(o.fares[0]!.price);
    }
    // Local departure times are the schedule's, whatever the season.
    expect(
      offers
        .filter((o) => o.segments[0]!.flightNumber.startsWith('BA'))
        .map((o) => localHhmm(o.departureTime))
        .sort(),
    ).toEqual(['08:20', '11:05', '14:25', '18:40']);
  });

  it(
    'prices the whole party: twice the adults cost twice, children less ' +
      'than adults, lap infants little and no tax',
    async () => {
      const one = (await q({ nonStop: true })).body.outbound as OfferJson[];
      const byId = (offers: OfferJson[]) => new Map(offers.map((o) => [o.id, o.fares[0]!]));
      const two = byId((await q({ nonStop: true, adults: 2 })).body.outbound);
      const withChild = byId((await q({ nonStop: true, adults: 1, children: 1 })).body.outbound);
      const withInfant = byId((await q({ nonStop: true, adults: 1, infants: 1 })).body.outbound);
      for (const o of one) {
        const single = o.fares[0]!;
        expect(two.get(o.id)!.price.amount).toBe(2 * single.price.amount);
        expect(withChild.get(o.id)!.price.amount).toBeGreaterThan(single.price.amount);
        expect(withChild.get(o.id)!.price.amount).toBeLessThan(2 * single.price.amount);
        expect(withInfant.get(o.id)!.taxes.amount).toBe(single.taxes.amount);
        expect(withInfant.get(o.id)!.price.amount - single.price.amount).toBeLessThanOrEqual(
          0.11 * (single.price.amount - single.taxes.amount) + 100,
        );
      }
    },
  );

  it('searches premium cabins with their fare families, and none where the aircraft has no such cabin', async () => {
    const business = (await q({ cabin: 'business', nonStop: true })).body;
    expect(business.cabin).toBe('business');
    for (const o of business.outbound as OfferJson[]) {
      expect(o.fares.map((f) => [f.cabin, f.fareFamily])).toEqual([
        ['business', 'standard'],
        ['business', 'flex'],
      ]);
      expect(o.fares[0]!.seatsLeft).toBe(36);
    }
    const first = await search(t, {
      origin: 'LHR',
      destination: 'CDG',
      departureDate: date,
      cabin: 'first',
      nonStop: true,
    });
    expect(first.status).toBe(200);
    expect(first.body.outbound).toEqual([]);
  });

  it('filters: nonStop, maxPrice, airlines and a local departure window', async () => {
    const all = (await q({})).body.outbound as OfferJson[];
    const prices = all.map((o) => o.lowestPrice.amount).sort((a, b) => a - b);
    const median = prices[Math.floor(prices.length / 2)]!;
    const cheap = (await q({ maxPrice: median })).body.outbound as OfferJson[];
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.length).toBeLessThan(all.length);
    expect(cheap.every((o) => o.lowestPrice.amount <= median)).toBe(true);

    const aa = (await q({ airlines: 'aa' })).body.outbound as OfferJson[];
    expect(aa.length).toBeGreaterThan(0);
    expect(aa.every((o) => o.segments.every((s) => s.airline.code === 'AA'))).toBe(true);
    const both = (await q({ airlines: 'BA,AA' })).body.outbound as OfferJson[];
    expect(both.length).toBeGreaterThan(aa.length);

    const window = (await q({ departAfter: '10:00', departBefore: '15:00', nonStop: true })).body
      .outbound as OfferJson[];
    expect(window.map((o) => localHhmm(o.departureTime)).sort()).toEqual(['11:05', '12:30', '14:25']);

    const lonNyc = (await search(t, { origin: 'LON', destination: 'NYC', departureDate: date, limit: 100 })).body
      .outbound as OfferJson[];
    expect(lonNyc.some((o) => o.stops === 1)).toBe(true);
    const nonstop = (
      await search(t, { origin: 'LON', destination: 'NYC', departureDate: date, nonStop: true, limit: 100 })
    ).body.outbound as OfferJson[];
    expect(nonstop.length).toBeGreaterThan(0);
    expect(nonstop.every((o) => o.stops === 0)).toBe(true);
  });

  it('expands metro codes to their airports', async () => {
    const lonNyc = (await search(t, { origin: 'LON', destination: 'NYC', departureDate: date, limit: 100 })).body
      .outbound as OfferJson[];
    for (const o of lonNyc) {
      expect(LON).toContain(o.segments[0]!.origin.code);
      expect(NYC).toContain(o.segments[o.segments.length - 1]!.destination.code);
    }
    const lhrJfk = ids((await q({})).body.outbound);
    expect(ids(lonNyc)).toEqual(expect.arrayContaining(lhrJfk));
    const parNyc = await search(t, { origin: 'par', destination: 'nyc', departureDate: date, nonStop: true });
    expect(parNyc.status).toBe(200);
    expect(parNyc.body.currency).toBe('EUR');
    expect((parNyc.body.outbound as OfferJson[]).map((o) => o.segments[0]!.airline.code)).toContain('AF');
  });

  it(
    'offers one-stop connections at the same airport with at least 60 ' + 'minutes to connect (SEA→ATL via ORD)',
    async () => {
      const r = await search(t, { origin: 'SEA', destination: 'ATL', departureDate: date, limit: 100 });
      const offers = r.body.outbound as OfferJson[];
      expect(offers.filter((o) => o.segments[0]!.destination.code === 'ORD').length).toBeGreaterThan(0);
      for (const o of offers) {
        expect(o.stops).toBe(1);
        const [a, b] = o.segments as [OfferJson['segments'][0], OfferJson['segments'][0]];
        expect(b.origin.code).toBe(a.destination.code); // connections never change airport
        const layover = (Date.parse(b.departureUtc) - Date.parse(a.arrivalUtc)) / MINUTE;
        expect(o.layovers).toEqual([{ airport: a.destination.code, minutes: layover }]);
        expect(layover).toBeGreaterThanOrEqual(60);
        expect(o.durationMinutes).toBe((Date.parse(b.arrivalUtc) - Date.parse(a.departureUtc)) / MINUTE);
        expect(o.id).toBe(`${a.flightId}-${b.flightId}`);
        expect(a.departureTime).toMatch(/-0[78]:00$/); // Seattle
        expect(b.arrivalTime).toMatch(/-0[45]:00$/); // Atlanta
      }
      const nonstop = await search(t, { origin: 'SEA', destination: 'ATL', departureDate: date, nonStop: true });
      expect(nonstop.body.outbound).toEqual([]);
      expect(nonstop.body.paging.totalOutbound).toBe(0);
    },
  );

  it('never offers a connection shorter than the minimum connection time', async () => {
    const day = dateAhead(t, 12);
    const feeder = (
      await search(t, { origin: 'SEA', destination: 'ORD', departureDate: day, nonStop: true, sort: 'departure' })
    ).body.outbound[0] as OfferJson;
    const arrival = Date.parse(feeder.segments[0]!.arrivalUtc);
    const add = (flightNumber: number, afterMinutes: number) => {
      const departureAt = new Date(arrival + afterMinutes * MINUTE);
      return t.services.repos.flights.insert({
        airlineCode: 'UA',
        flightNumber,
        origin: 'ORD',
        destination: 'ATL',
        departureAt,
        arrivalAt: new Date(departureAt.getTime() + 120 * MINUTE),
        departureDate: departureAt.toISOString().slice(0, 10),
        durationMinutes: 120,
        aircraftCode: '73H',
        baseFare: 15_000,
        currency: 'USD',
      });
    };
    const tooShort = await add(9101, 30);
    const justShort = await add(9103, 59);
    const exact = await add(9105, 60);
    const offers = (await search(t, { origin: 'SEA', destination: 'ATL', departureDate: day, limit: 100 })).body
      .outbound as OfferJson[];
    const from = (id: number) => `${feeder.segments[0]!.flightId}-${id}`;
    expect(ids(offers)).toContain(from(exact.id));
    expect(ids(offers)).not.toContain(from(tooShort.id));
    expect(ids(offers)).not.toContain(from(justShort.id));
  });

  it.each(['price', 'duration', 'departure', 'arrival'] as const)('sorts by %s', async (sort) => {
    const offers = (await search(t, { origin: 'LON', destination: 'NYC', departureDate: date, sort, limit: 100 })).body
      .outbound as OfferJson[];
    expect(offers.length).toBeGreaterThan(3);
    const key = {
      price: (o: OfferJson) => o.lowestPrice.amount,
      duration: (o: OfferJson) => o.durationMinutes,
      departure: (o: OfferJson) => Date.parse(o.segments[0]!.departureUtc),
      arrival: (o: OfferJson) => Date.parse(o.segments[o.segments.length - 1]!.arrivalUtc),
    }[sort];
    const values = offers.map(key);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('pages results', async () => {
    const query = { origin: 'LON', destination: 'NYC', departureDate: date, sort: 'departure' };
    const all = (await search(t, { ...query, limit: 6 })).body;
    const p1 = (await search(t, { ...query, limit: 3, page: 1 })).body;
    const p2 = (await search(t, { ...query, limit: 3, page: 2 })).body;
    expect(p1.paging).toEqual({ page: 1, limit: 3, totalOutbound: all.paging.totalOutbound });
    expect(p2.paging.page).toBe(2);
    expect([...ids(p1.outbound), ...ids(p2.outbound)]).toEqual(ids(all.outbound));
    const beyond = (await search(t, { ...query, limit: 100, page: 50 })).body;
    expect(beyond.outbound).toEqual([]);
    expect(beyond.paging.totalOutbound).toBe(all.paging.totalOutbound);
  });

  it('round trip: inbound offers from the destination on the return date', async () => {
    const back = dateAhead(t, 14);
    const r = await q({ returnDate: back, nonStop: true });
    expect(r.status).toBe(200);
    const inbound = r.body.inbound as OfferJson[];
    expect(inbound.length).toBeGreaterThan(0);
    for (const o of inbound) {
      expect(o.segments[0]!.origin.code).toBe('JFK');
      expect(o.segments[0]!.destination.code).toBe('LHR');
      expect(o.departureTime.startsWith(back)).toBe(true);
      expect(o.fares[0]!.price.currency).toBe('GBP'); // sold in the currency of the journey's start
    }
    expect(r.body.paging.totalInbound).toBe(inbound.length);
    expect((await q({})).body.inbound).toBeUndefined();
  });

  it('flexDays: a calendar of the cheapest price per date around the chosen dates', async () => {
    const back = dateAhead(t, 14);
    const r = await q({ flexDays: 2, returnDate: back });
    expect(r.status).toBe(200);
    const cal = r.body.calendar as {
      outbound: { date: string; lowestPrice: { amount: number } | null }[];
      inbound: { date: string }[];
    };
    expect(cal.outbound.map((d) => d.date)).toEqual([-2, -1, 0, 1, 2].map((n) => dateAhead(t, 10 + n)));
    expect(cal.inbound.map((d) => d.date)).toEqual([-2, -1, 0, 1, 2].map((n) => dateAhead(t, 14 + n)));
    for (const day of cal.outbound) {
      const cheapest = (await q({ departureDate: day.date, sort: 'price', limit: 1 })).body.outbound[0] as OfferJson;
      expect(day.lowestPrice).toEqual(cheapest.lowestPrice);
    }
    // Offers themselves are for the chosen date only.
    expect((r.body.outbound as OfferJson[]).every((o) => o.departureTime.startsWith(date))).toBe(true);
    expect((await q({})).body.calendar).toBeUndefined();
  });

  it('flexDays never reaches into the past', async () => {
    const today = localDateAhead(t, 0, 'Europe/London');
    const r = await q({ departureDate: today, flexDays: 3 });
    expect(r.status).toBe(200);
    expect(r.body.calendar.outbound.map((d: { date: string }) => d.date)).toEqual(
      [0, 1, 2, 3].map((n) => localDateAhead(t, n, 'Europe/London')),
    );
  });

  it('offers only flights still open for booking (not departed, not within 45 minutes)', async () => {
    const saved = t.clock.now();
    const today = localDateAhead(t, 0, 'Europe/London');
    t.clock.set(localToInstant(today, '12:15', 'Europe/London')); // 07:15 has left, 12:45 closes at 12:00
    try {
      const r = await search(t, {
        origin: 'LHR',
        destination: 'CDG',
        departureDate: today,
        nonStop: true,
        flexDays: 1,
      });
      expect(r.status).toBe(200);
      const offers = r.body.outbound as OfferJson[];
      expect(offers.map((o) => localHhmm(o.departureTime))).toEqual(['18:20']);
      expect(offers.every((o) => Date.parse(o.segments[0]!.departureUtc) > t.clock.now().getTime() + 45 * MINUTE)).toBe(
        true,
      );
    } finally {
      t.clock.set(saved);
    }
  });
});
