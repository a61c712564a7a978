import type { Response } from 'supertest';
import {
  bearer,
  bookingBody,
  countRows,
  DAY,
  dateAhead,
  expectError,
  nonstopFlight,
  pax,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/** Every bad request gets a 4xx with the one error shape, never a 500, and writes nothing. */
describe.each(DB_TARGETS)('bad input (%s)', (target) => {
  let t: TestApp;
  let token: string;
  let f1: number; // LHR→CDG, A320: business and economy
  let f2: number; // another LHR→CDG
  let back: number; // CDG→LHR three days later
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14 });
    token = await t.token();
    [f1, f2, back] = await Promise.all([
      nonstopFlight(t, 'LHR', 'CDG', 7),
      nonstopFlight(t, 'LHR', 'CDG', 7, 1),
      nonstopFlight(t, 'CDG', 'LHR', 10),
    ]);
  }, 60_000);
  afterAll(() => t.close());

  const day = (n: number) => dateAhead(t, n);
  const searchWith = (extra: Record<string, string>) =>
    t.http.get('/api/v1/flights/search').query({ origin: 'LHR', destination: 'JFK', departureDate: day(7), ...extra });

  describe('search', () => {
    it.each([
      [
        'a missing origin',
        () => t.http.get('/api/v1/flights/search').query({ destination: 'JFK', departureDate: day(7) }),
        400,
        'invalid_request',
      ],
      ['a malformed date', () => searchWith({ departureDate: 'next friday' }), 400, 'invalid_request'],
      ['an impossible date', () => searchWith({ departureDate: '2031-02-30' }), 400, 'invalid_request'],
      ['an unknown airport', () => searchWith({ destination: 'QQQ' }), 422, 'unknown_airport'],
      ['a malformed airport code', () => searchWith({ origin: 'LONDON' }), 400, 'invalid_request'],
      [
        'the same place twice (metro and its airport)',
        () => searchWith({ origin: 'LON', destination: 'LHR' }),
        422,
        'same_origin_destination',
      ],
      ['a date in the past', () => searchWith({ departureDate: day(-2) }), 422, 'departure_in_past'],
      ['a date more than a year ahead', () => searchWith({ departureDate: day(400) }), 422, 'date_too_far'],
      ['a return before the departure', () => searchWith({ returnDate: day(5) }), 422, 'return_before_departure'],
      ['10 adults', () => searchWith({ adults: '10' }), 400, 'invalid_request'],
      ['10 seated passengers', () => searchWith({ adults: '5', children: '5' }), 422, 'too_many_passengers'],
      ['no adult', () => searchWith({ adults: '0', children: '2' }), 422, 'adult_required'],
      ['more infants than adults', () => searchWith({ adults: '1', infants: '2' }), 422, 'too_many_infants'],
      ['flexDays 4', () => searchWith({ flexDays: '4' }), 400, 'invalid_request'],
      ['an unknown cabin', () => searchWith({ cabin: 'luxury' }), 400, 'invalid_request'],
      ['an unknown sort', () => searchWith({ sort: 'cheapest' }), 400, 'invalid_request'],
      ['a malformed time window', () => searchWith({ departAfter: '25:00' }), 400, 'invalid_request'],
      [
        'an empty time window',
        () => searchWith({ departAfter: '15:00', departBefore: '10:00' }),
        422,
        'invalid_time_window',
      ],
      ['a malformed airline list', () => searchWith({ airlines: 'BA,BRITISH' }), 400, 'invalid_request'],
      ['a negative maxPrice', () => searchWith({ maxPrice: '-5' }), 400, 'invalid_request'],
      ['page 0', () => searchWith({ page: '0' }), 400, 'invalid_request'],
      ['limit 1000', () => searchWith({ limit: '1000' }), 400, 'invalid_request'],
      ['nonStop=maybe', () => searchWith({ nonStop: 'maybe' }), 400, 'invalid_request'],
      [
        'a parameter given twice',
        () => t.http.get(`/api/v1/flights/search?origin=LHR&origin=CDG&destination=JFK&departureDate=${day(7)}`),
        400,
        'invalid_request',
      ],
      ['an unknown parameter', () => searchWith({ class: 'first' }), 400, 'invalid_request'],
    ])('%s', async (_what, send, status, code) => {
      expectError(await send(), status, code);
    });

    it('names the problem field in the details', async () => {
      const r = await searchWith({ departureDate: 'soon', cabin: 'luxury' });
      expect(r.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'departureDate' }),
          expect.objectContaining({ path: 'cabin' }),
        ]),
      );
      expect(r.body.error.message).toMatch(/^departureDate: /);
    });
  });

  describe('bookings', () => {
    const snapshot = async () => ({
      bookings: await countRows(t, 'bookings'),
      passengers: await countRows(t, 'passengers'),
      segments: await countRows(t, 'booking_segments'),
      seats: await countRows(t, 'seats', "state <> 'free' OR booking_id IS NOT NULL"),
    });
    const post = (body: unknown, auth: string | null = token) => {
      const req = t.http.post('/api/v1/bookings');
      if (auth) req.set('Authorization', auth.startsWith('Bearer') ? auth : `Bearer ${auth}`);
      return req.send(body as object);
    };
    const valid = () => bookingBody([f1], [pax('Ada', 'Lovelace')]);
    const baby = () => new Date(t.clock.now().getTime() - 200 * DAY).toISOString().slice(0, 10);
    const kid = () => new Date(t.clock.now().getTime() - 7 * 365 * DAY).toISOString().slice(0, 10);

    it.each<[string, () => Promise<Response>, number, string]>([
      ['no token', () => post(valid(), null), 401, 'sign_in_required'],
      ['a wrong token', () => post(valid(), 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.wrong'), 401, 'invalid_token'],
      ['a malformed Authorization header', () => post(valid(), 'Token abc'), 401, 'invalid_token'],
      [
        'malformed JSON',
        () =>
          t.http
            .post('/api/v1/bookings')
            .set(bearer(token))
            .set('Content-Type', 'application/json')
            .send('{"flights": [{"flightId": 1,'),
        400,
        'invalid_json',
      ],
      ['a JSON array', () => post([valid()]), 400, 'invalid_request'],
      [
        'a text body',
        () =>
          t.http.post('/api/v1/bookings').set(bearer(token)).set('Content-Type', 'text/plain').send('book me a flight'),
        400,
        'invalid_request',
      ],
      [
        'an unsupported charset',
        () =>
          t.http
            .post('/api/v1/bookings')
            .set(bearer(token))
            .set('Content-Type', 'application/json; charset=klingon')
            .send('{}'),
        415,
        'unsupported_encoding',
      ],
      ['a body over 100 kB', () => post({ ...valid(), channel: 'x'.repeat(120_000) }), 413, 'payload_too_large'],
      ['an unknown field', () => post({ ...valid(), discount: 'FREE' }), 400, 'invalid_request'],
      ['no flights', () => post({ ...valid(), flights: [] }), 400, 'invalid_request'],
      ['no passengers', () => post({ ...valid(), passengers: [] }), 400, 'invalid_request'],
      [
        '19 passengers',
        () =>
          post(
            bookingBody(
              [f1],
              Array.from({ length: 19 }, () => pax('Ada', 'Lovelace')),
            ),
          ),
        400,
        'invalid_request',
      ],
      ['a bad contact email', () => post({ ...valid(), contact: { email: 'ada at example' } }), 400, 'invalid_request'],
      [
        'a flight id that is not a number',
        () => post(bookingBody([{ flightId: 'abc' as unknown as number }], [pax('Ada', 'Lovelace')])),
        400,
        'invalid_request',
      ],
      ['an unknown flight', () => post(bookingBody([987_654], [pax('Ada', 'Lovelace')])), 422, 'flight_not_found'],
      ['the same flight twice', () => post(bookingBody([f1, f1], [pax('Ada', 'Lovelace')])), 422, 'invalid_flights'],
      [
        'two flights at the same time',
        () =>
          post(
            bookingBody(
              [f1, f2].sort((a, b) => b - a),
              [pax('Ada', 'Lovelace')],
            ),
          ),
        422,
        'invalid_itinerary',
      ],
      [
        'the return before the outbound flight',
        () => post(bookingBody([back, f1], [pax('Ada', 'Lovelace')])),
        422,
        'invalid_itinerary',
      ],
      [
        'a cabin the aircraft lacks',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace')], { cabin: 'first', fareFamily: 'flex' })),
        422,
        'cabin_not_available',
      ],
      [
        'a fare family the cabin does not sell',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace')], { cabin: 'business', fareFamily: 'basic' })),
        422,
        'fare_family_not_available',
      ],
      [
        'an unknown seat',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace', '1980-01-01', { [f1]: '99Z' })])),
        422,
        'invalid_seat',
      ],
      [
        'a malformed seat',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace', '1980-01-01', { [f1]: '!!' })])),
        422,
        'invalid_seat',
      ],
      [
        'a seat in another cabin',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace', '1980-01-01', { [f1]: '1A' })])),
        422,
        'invalid_seat',
      ],
      [
        'a seat on a flight not booked',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace', '1980-01-01', { [f2]: '20A' })])),
        422,
        'invalid_seat',
      ],
      [
        'one seat for two passengers',
        () =>
          post(
            bookingBody(
              [f1],
              [
                pax('Ada', 'Lovelace', '1980-01-01', { [f1]: '20A' }),
                pax('Bob', 'Lovelace', '1980-01-01', { [f1]: '20a' }),
              ],
            ),
          ),
        422,
        'invalid_seat',
      ],
      [
        'a seat for a lap infant',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace'), pax('Baby', 'Lovelace', baby(), { [f1]: '20A' })])),
        422,
        'invalid_seat',
      ],
      [
        'a child in an exit row',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace'), pax('Kid', 'Lovelace', kid(), { [f1]: '11A' })])),
        422,
        'exit_row_child',
      ],
      [
        '10 seated passengers',
        () =>
          post(
            bookingBody(
              [f1],
              Array.from({ length: 10 }, () => pax('Ada', 'Lovelace')),
            ),
          ),
        422,
        'invalid_passengers',
      ],
      ['an impossible name', () => post(bookingBody([f1], [pax('Ada', 'L0velace')])), 422, 'invalid_passengers'],
      [
        'a future birth date',
        () => post(bookingBody([f1], [pax('Ada', 'Lovelace', day(3))])),
        422,
        'invalid_passengers',
      ],
    ])('%s', async (_what, send, status, code) => {
      const before = await snapshot();
      expectError(await send(), status, code);
      expect(await snapshot()).toEqual(before);
    });

    it('a booking that fails on its second flight leaves nothing behind on the first', async () => {
      const out = await nonstopFlight(t, 'DFW', 'IAH', 8);
      const home = await nonstopFlight(t, 'IAH', 'DFW', 11);
      const nine = Array.from({ length: 9 }, (_, i) => pax(`Guest${'ABCDEFGHI'[i]}`, 'Party'));
      expect((await post(bookingBody([home], nine, { cabin: 'first', fareFamily: 'flex' }))).status).toBe(201);
      const before = await snapshot();
      const r = await post(
        bookingBody([out, home], [pax('Ada', 'Lovelace', '1980-01-01', { [out]: '2A' }), pax('Bob', 'Lovelace')], {
          cabin: 'first',
          fareFamily: 'flex',
        }),
      );
      expectError(r, 409, 'sold_out');
      expect(await snapshot()).toEqual(before);
      expect(await countRows(t, 'seats', "flight_id = ? AND state <> 'free'", [out])).toBe(0);
    });
  });

  describe('everything else', () => {
    it('names a bad path parameter, not the body', async () => {
      const res = await t.http.get('/api/v1/bookings/ABC10O').query({ lastName: 'X' });
      expectError(res, 400, 'invalid_request');
      expect(res.body.error.message).toBe('pnr: must be a 6-character booking reference');
      expect(res.body.error.details).toEqual([{ path: 'pnr', message: 'must be a 6-character booking reference' }]);
    });

    it.each<[string, () => Promise<Response>, number, string]>([
      ['an unknown API route', () => t.http.get('/api/v1/flights'), 404, 'route_not_found'],
      ['an unknown page', () => t.http.get('/no/such/page'), 404, 'route_not_found'],
      ['a wrong method', () => t.http.delete('/api/v1/bookings/ABCDEF'), 404, 'route_not_found'],
      [
        'a reference that cannot be a PNR',
        () => t.http.get('/api/v1/bookings/ABC10O').query({ lastName: 'X' }),
        400,
        'invalid_request',
      ],
      ['broken percent-encoding in the path', () => t.http.get('/api/v1/bookings/%E0%A4%A'), 400, 'bad_request'],
      ['an unknown booking', () => t.http.get('/api/v1/bookings/ZZZZZZ').set(bearer(token)), 404, 'booking_not_found'],
      [
        'a seat change with malformed JSON',
        () => t.http.put('/api/v1/bookings/ZZZZZZ/seats').set('Content-Type', 'application/json').send('{"seats":'),
        400,
        'invalid_json',
      ],
      [
        'a seat change without a body',
        () => t.http.put('/api/v1/bookings/ZZZZZZ/seats').set(bearer(token)),
        400,
        'invalid_request',
      ],
      [
        'a seat change with a wrong token',
        () => t.http.put('/api/v1/bookings/ZZZZZZ/seats').set('Authorization', 'Bearer nope').send({ seats: [] }),
        401,
        'invalid_token',
      ],
      [
        'a cancel of an unknown booking',
        () => t.http.post('/api/v1/bookings/ZZZZZZ/cancel').set(bearer(token)),
        404,
        'booking_not_found',
      ],
      [
        'a refresh with a too-short token',
        () => t.http.post('/api/v1/auth/refresh').send({ refreshToken: 'x' }),
        400,
        'invalid_request',
      ],
      [
        'a login with no password',
        () => t.http.post('/api/v1/auth/login').send({ email: 'a@example.com', password: '' }),
        400,
        'invalid_request',
      ],
      ['an airport lookup without a query', () => t.http.get('/api/v1/airports'), 400, 'invalid_request'],
    ])('%s', async (_what, send, status, code) => {
      expectError(await send(), status, code);
    });
  });
});
