import { dateAhead, nonstopOffers, type OfferJson } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * The next 10 January or 10 July (noon UTC) after the wall clock: deep winter or summer in both London and New York.
 */
function next(month: 0 | 6): Date {
  const now = new Date();
  const candidate = new Date(Date.UTC(now.getUTCFullYear(), month, 10, 12));
  return candidate > now ? candidate : new Date(Date.UTC(now.getUTCFullYear() + 1, month, 10, 12));
}

const SEASONS = [
  { season: 'winter', month: 0 as const, london: '+00:00', newYork: '-05:00', paris: '+01:00', tokyo: '+09:00' },
  { season: 'summer', month: 6 as const, london: '+01:00', newYork: '-04:00', paris: '+02:00', tokyo: '+09:00' },
];

describe.each(DB_TARGETS)('local times with offsets (%s)', (target) => {
  describe.each(SEASONS)('in $season', ({ month, london, newYork, paris, tokyo }) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ target, days: 4, now: next(month) });
    }, 60_000);
    afterAll(() => t.close());

    it(`LHR→JFK departs at London time (${london}) and arrives at New York time (${newYork})`, async () => {
      const offers = await nonstopOffers(t, 'LHR', 'JFK', 2);
      for (const o of offers) {
        const s = o.segments[0]!;
        expect(s.departureTime.endsWith(london)).toBe(true);
        expect(s.arrivalTime.endsWith(newYork)).toBe(true);
        expect(Date.parse(s.arrivalTime) - Date.parse(s.departureTime)).toBe(s.durationMinutes * 60_000);
      }
      const ba = offers.filter((o: OfferJson) => o.segments[0]!.airline.code === 'BA');
      expect(ba.map((o) => o.departureTime.slice(11, 16)).sort()).toEqual(['08:20', '11:05', '14:25', '18:40']);
    });

    it(`the return JFK→LHR leaves at the scheduled New York wall time (${newYork})`, async () => {
      const offers = await nonstopOffers(t, 'JFK', 'LHR', 2, { airlines: 'BA' });
      expect(offers.map((o) => o.departureTime.slice(11, 16)).sort()).toEqual(['17:30', '19:05', '20:40', '22:20']);
      for (const o of offers) {
        expect(o.departureTime.endsWith(newYork)).toBe(true);
        expect(o.arrivalTime.endsWith(london)).toBe(true);
        expect(o.arrivalTime.slice(0, 10) > o.departureTime.slice(0, 10)).toBe(true); // overnight: lands the next local day
      }
    });

    it('Paris and Tokyo show their own offsets', async () => {
      const cdg = await nonstopOffers(t, 'LHR', 'CDG', 2);
      expect(cdg.every((o) => o.arrivalTime.endsWith(paris))).toBe(true);
      const nrt = await nonstopOffers(t, 'SIN', 'NRT', 2);
      expect(nrt.every((o) => o.arrivalTime.endsWith(tokyo) && o.departureTime.endsWith('+08:00'))).toBe(true);
    });

    it('booking views show the same local times as search', async () => {
      const offer = (await nonstopOffers(t, 'LHR', 'JFK', 2))[0]!;
      const token = await t.token();
      const r = await t.http
        .post('/api/v1/bookings')
        .set('Authorization', `Bearer ${token}`)
        .send({
          flights: [{ flightId: offer.segments[0]!.flightId, cabin: 'economy', fareFamily: 'standard' }],
          passengers: [{ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-12-10' }],
          contact: { email: 'ada@example.com' },
        });
      expect(r.status).toBe(201);
      expect(r.body.flights[0]).toMatchObject({
        departureTime: offer.segments[0]!.departureTime,
        arrivalTime: offer.segments[0]!.arrivalTime,
      });
      expect(dateAhead(t, 2)).toBe(offer.departureTime.slice(0, 10));
    });
  });
});
