import { taxesFor } from '../../api/domain/pricing';
import {
  birthDate,
  book,
  bookingBody,
  countRows,
  DAY,
  expectError,
  localDateAhead,
  MINUTE,
  nonstopFlight,
  type OfferJson,
  pax,
  search,
  seatMapSeats,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

const PNR = /^[2-9A-HJKMNP-Z]{6}$/;

describe.each(DB_TARGETS)('creating bookings (%s)', (target) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 21 });
    token = await t.token();
  }, 60_000);
  afterAll(() => t.close());

  /** Bookings, passengers and segments in the database. */
  const rows = async () => ({
    bookings: await countRows(t, 'bookings'),
    passengers: await countRows(t, 'passengers'),
    segments: await countRows(t, 'booking_segments'),
  });

  it('holds a booking: 6-character PNR, hold expiry, Location, flights and contact', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 7);
    const r = await book(t, token, bookingBody([flight], [pax('Ada', 'Lovelace', '1985-12-10')]));
    expect(r.status).toBe(201);
    expect(r.body.pnr).toMatch(PNR);
    expect(r.headers.location).toBe(`/api/v1/bookings/${r.body.pnr}`);
    expect(r.body).toMatchObject({
      status: 'held',
      holdExpiresAt: new Date(t.clock.now().getTime() + 15 * MINUTE).toISOString(),
      masked: false,
      confirmedAt: null,
      cancelledAt: null,
      contact: { email: 'traveller@example.com', phone: '+44 20 7946 0123' },
    });
    expect(r.body.flights).toEqual([
      expect.objectContaining({
        flightId: flight,
        segment: 0,
        direction: 'outbound',
        cabin: 'economy',
        fareFamily: 'standard',
        fareName: 'Economy Standard',
        origin: expect.objectContaining({ code: 'LHR' }),
      }),
    ]);
    expect(r.body.passengers[0]).toMatchObject({
      index: 0,
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1985-12-10',
      type: 'ADT',
      ticketNumber: null,
    });
    expect(await countRows(t, 'bookings', "pnr = ? AND status = 'held'", [r.body.pnr])).toBe(1);
  });

  it('a round trip is outbound then inbound', async () => {
    const out = await nonstopFlight(t, 'LHR', 'JFK', 8);
    const back = await nonstopFlight(t, 'JFK', 'LHR', 12);
    const r = await book(t, token, bookingBody([out, back], [pax('Ada', 'Lovelace')]));
    expect(r.status).toBe(201);
    expect(r.body.flights.map((f: { direction: string }) => f.direction)).toEqual(['outbound', 'inbound']);
    expect(r.body.price.breakdown.currency).toBe('GBP');
  });

  it(
    'seats every seated passenger once on every flight: chosen seats as ' +
      'asked, others assigned in the cabin, none for lap infants',
    async () => {
      const date = localDateAhead(t, 9, 'America/Los_Angeles');
      const offer = (
        (await search(t, { origin: 'SEA', destination: 'ATL', departureDate: date, adults: 2 })).body
          .outbound as OfferJson[]
      ).find((o) => o.stops === 1)!;
      const [f1, f2] = offer.segments.map((s) => s.flightId) as [number, number];
      const travel = offer.departureTime.slice(0, 10);
      const r = await book(
        t,
        token,
        bookingBody(
          [f1, f2],
          [
            pax('Ada', 'Lovelace', '1985-12-10', { [f1]: '20a', [f2]: '7C' }),
            pax('Charles', 'Lovelace', '1983-01-01'),
            pax('Byron', 'Lovelace', birthDate(travel, 8)),
            pax('Baby', 'Lovelace', birthDate(travel, 1)),
          ],
        ),
      );
      expect(r.status).toBe(201);
      const p = r.body.passengers as { type: string; seats: Record<string, string> }[];
      expect(p.map((x) => x.type)).toEqual(['ADT', 'ADT', 'CHD', 'INF']);
      expect(p[0]!.seats).toEqual({ [f1]: '20A', [f2]: '7C' });
      expect(p[3]!.seats).toEqual({});
      for (const f of [f1, f2]) {
        const layout = new Map((await seatMapSeats(t, f)).map((s) => [s.designator, s]));
        const mine = p.slice(0, 3).map((x) => x.seats[String(f)]!);
        expect(new Set(mine).size).toBe(3);
        for (const d of mine) expect(layout.get(d)).toMatchObject({ cabin: 'economy', available: false });
        expect(layout.get(p[2]!.seats[String(f)]!)!.tier).not.toBe('exit_row');
        expect(await countRows(t, 'seats', "flight_id = ? AND state = 'held'", [f])).toBe(3);
      }
    },
  );

  it('types passengers by their age on the travel date', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 7, 1);
    const travel = (await t.services.repos.flights.findById(flight))!.departureDate;
    const r = await book(
      t,
      token,
      bookingBody(
        [flight],
        [
          pax('Grown', 'Up'),
          pax('Twelve', 'Today', birthDate(travel, 12)),
          pax('Eleven', 'Still', birthDate(travel, 12, 1)),
          pax('Two', 'Today', birthDate(travel, 2)),
          pax('One', 'Still', birthDate(travel, 2, 1)),
        ],
      ),
    );
    expect(r.status).toBe(201);
    expect(r.body.passengers.map((x: { type: string }) => x.type)).toEqual(['ADT', 'ADT', 'CHD', 'CHD', 'INF']);
  });

  it('breaks the price down into fares per passenger type, seat charges and taxes that add up', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 10);
    const travel = (await t.services.repos.flights.findById(flight))!.departureDate;
    const r = await book(
      t,
      token,
      bookingBody(
        [flight],
        [
          pax('Ada', 'Lovelace', '1985-12-10', { [flight]: '20A' }), // a standard seat: £10 on a basic fare
          pax('Charles', 'Lovelace'),
          pax('Byron', 'Lovelace', birthDate(travel, 8)),
          pax('Baby', 'Lovelace', birthDate(travel, 1)),
        ],
        { fareFamily: 'basic' },
      ),
    );
    expect(r.status).toBe(201);
    const b = r.body.price.breakdown;
    const adult = b.fares.find((f: { passengerType: string }) => f.passengerType === 'ADT');
    const child = b.fares.find((f: { passengerType: string }) => f.passengerType === 'CHD');
    const infant = b.fares.find((f: { passengerType: string }) => f.passengerType === 'INF');
    expect(adult).toMatchObject({ segment: 0, flightId: flight, count: 2, amount: 2 * adult.unitAmount });
    expect(child).toMatchObject({ count: 1, unitAmount: Math.ceil((adult.unitAmount * 0.75) / 100) * 100 });
    expect(infant).toMatchObject({ count: 1, unitAmount: Math.ceil((adult.unitAmount * 0.1) / 100) * 100 });
    expect(b.seats).toEqual([{ flightId: flight, passenger: 0, designator: '20A', tier: 'standard', amount: 1_000 }]);
    const perSeated = taxesFor('GB', 'ADT', 'GBP');
    expect(b.taxes).toEqual(perSeated.map((x) => ({ ...x, amount: 3 * x.amount }))); // three seated, the infant pays none
    const sum = (xs: { amount: number }[]) => xs.reduce((s, x) => s + x.amount, 0);
    expect(b.fareTotal).toBe(sum(b.fares));
    expect(b.seatTotal).toBe(1_000);
    expect(b.taxTotal).toBe(sum(b.taxes));
    expect(b.total).toBe(b.fareTotal + b.seatTotal + b.taxTotal);
    expect(r.body.price).toEqual({
      total: { amount: b.total, currency: 'GBP' },
      fares: { amount: b.fareTotal, currency: 'GBP' },
      seats: { amount: b.seatTotal, currency: 'GBP' },
      taxes: { amount: b.taxTotal, currency: 'GBP' },
      breakdown: b,
    });
  });

  it('costs what search quoted for the same party and fare', async () => {
    const date = localDateAhead(t, 11, 'Europe/London');
    const offer = (
      (
        await search(t, {
          origin: 'LHR',
          destination: 'FCO',
          departureDate: date,
          adults: 2,
          children: 1,
          nonStop: true,
        })
      ).body.outbound as OfferJson[]
    )[0]!;
    const fare = offer.fares.find((f) => f.fareFamily === 'flex')!;
    const flight = offer.segments[0]!.flightId;
    const r = await book(
      t,
      token,
      bookingBody(
        [flight],
        [pax('Ada', 'Lovelace'), pax('Bob', 'Lovelace'), pax('Kid', 'Lovelace', birthDate(date, 6))],
        { fareFamily: 'flex' },
      ),
    );
    expect(r.status).toBe(201);
    expect(r.body.price.total).toEqual(fare.price);
    expect(r.body.price.taxes).toEqual(fare.taxes);
  });

  it('409 seat_unavailable for a chosen seat someone else holds, and nothing is written', async () => {
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 8);
    expect(
      (await book(t, token, bookingBody([flight], [pax('First', 'Come', '1980-01-01', { [flight]: '15C' })]))).status,
    ).toBe(201);
    const before = await rows();
    const r = await book(
      t,
      await t.token(),
      bookingBody(
        [flight],
        [
          pax('Late', 'Comer', '1980-01-01', { [flight]: '21A' }),
          pax('Also', 'Late', '1980-01-01', { [flight]: '15c' }),
        ],
      ),
    );
    expectError(r, 409, 'seat_unavailable');
    expect(r.body.error.message).toMatch(/15C/);
    expect(await rows()).toEqual(before);
    expect(
      await countRows(t, 'seats', "flight_id = ? AND designator = '21A' AND state = 'free' AND booking_id IS NULL", [
        flight,
      ]),
    ).toBe(1);
  });

  it('409 sold_out when the cabin has too few seats, and nothing is written', async () => {
    const flight = await nonstopFlight(t, 'DFW', 'IAH', 9); // Embraer 175: 9 first-class seats
    const nine = Array.from({ length: 9 }, (_, i) => pax(`Guest${'ABCDEFGHI'[i]}`, 'Party'));
    const party = (n: number) => bookingBody([flight], nine.slice(0, n), { cabin: 'first', fareFamily: 'flex' });
    expect((await book(t, token, party(7))).status).toBe(201);
    const before = await rows();
    expectError(await book(t, token, party(3)), 409, 'sold_out');
    expect(await rows()).toEqual(before);
    expect(await countRows(t, 'seats', "flight_id = ? AND cabin = 'first' AND state <> 'free'", [flight])).toBe(7);
    expect((await book(t, token, party(2))).status).toBe(201);
    expectError(await book(t, token, party(1)), 409, 'sold_out');
    const offers = (
      await search(t, {
        origin: 'DFW',
        destination: 'IAH',
        departureDate: (await t.services.repos.flights.findById(flight))!.departureDate,
        cabin: 'first',
        nonStop: true,
      })
    ).body.outbound as OfferJson[];
    expect(offers.map((o) => o.segments[0]!.flightId)).not.toContain(flight);
  });

  describe('422 for invalid passengers, writing nothing', () => {
    const tomorrow = () => new Date(t.clock.now().getTime() + DAY).toISOString().slice(0, 10);
    const baby = () => new Date(t.clock.now().getTime() - 200 * DAY).toISOString().slice(0, 10);
    const kid = () => new Date(t.clock.now().getTime() - 6 * 365 * DAY).toISOString().slice(0, 10);
    it.each([
      ['an empty first name', () => [pax('', 'Lovelace')], /First name is required/],
      ['a blank last name', () => [pax('Ada', '   ')], /Last name is required/],
      ['an impossible name', () => [pax('R2-D2', 'Droid')], /cannot contain digits/],
      ['a name of symbols', () => [pax('Ada', '<script>')], /may contain only letters/],
      ['an impossible birth date', () => [pax('Ada', 'Lovelace', '1985-02-30')], /real date/],
      [
        'a birth date in the future',
        () => [pax('Ada', 'Lovelace'), pax('Unborn', 'Lovelace', tomorrow())],
        /cannot be in the future/,
      ],
      [
        'more infants than adults',
        () => [pax('Ada', 'Lovelace'), pax('Baby', 'One', baby()), pax('Baby', 'Two', baby())],
        /more infants than adults/,
      ],
      ['a child without an adult', () => [pax('Kid', 'Alone', kid())], /must travel with an adult/],
      ['an infant without an adult', () => [pax('Baby', 'Alone', baby())], /must travel with an adult/],
      [
        'ten seated passengers',
        () => Array.from({ length: 10 }, () => pax('Ada', 'Lovelace')),
        /At most 9 seated passengers/,
      ],
    ])('%s', async (_what, party, message) => {
      const flight = await nonstopFlight(t, 'LHR', 'CDG', 12);
      const before = await rows();
      const r = await book(t, token, bookingBody([flight], party()));
      expectError(r, 422, 'invalid_passengers');
      expect(r.body.error.message).toMatch(message);
      expect(r.body.error.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            passenger: expect.any(Number),
            field: expect.any(String),
            message: expect.any(String),
          }),
        ]),
      );
      expect(await rows()).toEqual(before);
    });
  });
});

describe.each(DB_TARGETS)('quoted price late in the evening at the origin (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    // 04:00 UTC: already tomorrow in UTC, still this evening in Seattle.
    const midnight = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z').getTime() + DAY;
    t = await createTestApp({ target, days: 16, now: new Date(midnight + 4 * 60 * MINUTE) });
  }, 60_000);
  afterAll(() => t.close());

  it.each([6, 7, 13, 14])('a hold %i local days ahead costs what search quoted', async (days) => {
    const date = localDateAhead(t, days, 'America/Los_Angeles');
    expect(date < new Date(t.clock.now().getTime() + days * DAY).toISOString().slice(0, 10)).toBe(true);
    const offer = (
      (await search(t, { origin: 'SEA', destination: 'LAX', departureDate: date, nonStop: true })).body
        .outbound as OfferJson[]
    )[0]!;
    const r = await book(
      t,
      await t.token(),
      bookingBody([offer.segments[0]!.flightId], [pax('Ada', 'Lovelace')], { fareFamily: 'basic' }),
    );
    expect(r.status).toBe(201);
    expect(r.body.price.total).toEqual(offer.fares.find((f) => f.fareFamily === 'basic')!.price);
  });
});
