import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('booking smoke (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target });
  }, 60_000);
  afterAll(() => t.close());

  it('searches, holds with and without seat choice, reads back', async () => {
    const date = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString().slice(0, 10);
    const search = await t.http
      .get('/api/v1/flights/search')
      .query({ origin: 'SEA', destination: 'ATL', departureDate: date, adults: 2 });
    expect(search.status).toBe(200);
    const connecting = search.body.outbound.find((o: { stops: number }) => o.stops === 1);
    expect(connecting).toBeDefined();
    const token = await t.token();
    const flights = connecting.segments.map((s: { flightId: number }) => ({
      flightId: s.flightId,
      cabin: 'economy',
      fareFamily: 'standard',
    }));
    const res = await t.http
      .post('/api/v1/bookings')
      .set('Authorization', `Bearer ${token}`)
      .send({
        flights,
        passengers: [
          {
            firstName: 'Ada',
            lastName: 'Lovelace',
            dateOfBirth: '1990-12-10',
            seats: { [flights[0].flightId]: '20A' },
          },
          { firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1985-01-01' },
        ],
        contact: { email: 'ada@example.com', phone: '+44 20 7946 0000' },
      });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('held');
    expect(res.body.pnr).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(res.body.passengers[0].seats[String(flights[0].flightId)]).toBe('20A');
    expect(Object.keys(res.body.passengers[1].seats)).toHaveLength(2);
    const again = await t.http.get(`/api/v1/bookings/${res.body.pnr}`).query({ lastName: 'lovelace' });
    expect(again.status).toBe(200);
    expect(again.body.masked).toBe(true);
    const taken = await t.http
      .post('/api/v1/bookings')
      .set('Authorization', `Bearer ${token}`)
      .send({
        flights,
        passengers: [
          { firstName: 'Eve', lastName: 'Smith', dateOfBirth: '1990-01-01', seats: { [flights[0].flightId]: '20A' } },
        ],
        contact: { email: 'e@example.com' },
      });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('seat_unavailable');
  });
});
