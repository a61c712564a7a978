import {
  bearer,
  birthDate,
  book,
  bookingBody,
  countRows,
  expectError,
  nonstopFlight,
  pax,
  seatAvailable,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('changing seats (%s)', (target) => {
  let t: TestApp;
  let token: string;
  let flight: number; // A320, basic fares: every chosen seat has a price
  let travel: string;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14 });
    token = await t.token();
    flight = await nonstopFlight(t, 'LHR', 'CDG', 9);
    travel = (await t.services.repos.flights.findById(flight))!.departureDate;
  }, 60_000);
  afterAll(() => t.close());

  const hold = async (seats: string[], extra: ReturnType<typeof pax>[] = []) => {
    const people = seats.map((s, i) => pax(`Pax${'ABCDEFG'[i]}`, 'Changer', '1980-01-01', { [flight]: s }));
    const r = await book(t, token, bookingBody([flight], [...people, ...extra], { fareFamily: 'basic' }));
    expect(r.status).toBe(201);
    return r.body as {
      pnr: string;
      passengers: { seats: Record<string, string> }[];
      price: {
        total: { amount: number; currency: string };
        breakdown: {
          seats: { passenger: number; designator: string; amount: number }[];
          seatTotal: number;
          total: number;
          fareTotal: number;
          taxTotal: number;
        };
      };
    };
  };
  const change = (
    pnr: string,
    seats: { passenger: number; designator: string; flightId?: number }[],
    opts: { token?: string | null; lastName?: string } = {},
  ) => {
    const req = t.http.put(`/api/v1/bookings/${pnr}/seats`);
    if (opts.token !== null) req.set(bearer(opts.token ?? token));
    return req.send({
      seats: seats.map((s) => ({ flightId: flight, ...s })),
      ...(opts.lastName ? { lastName: opts.lastName } : {}),
    });
  };
  const seatsOf = (body: { passengers: { seats: Record<string, string> }[] }) =>
    body.passengers.map((p) => p.seats[String(flight)]);

  it('moves a passenger: the old seat is freed, the new one held, and a held booking is re-priced', async () => {
    const b = await hold(['20A']);
    expect(b.price.breakdown.seatTotal).toBe(1_000); // a standard seat on a basic fare
    const r = await change(b.pnr, [{ passenger: 0, designator: '6c' }]); // preferred row
    expect(r.status).toBe(200);
    expect(seatsOf(r.body)).toEqual(['6C']);
    expect(await seatAvailable(t, flight, '20A')).toBe(true);
    expect(await seatAvailable(t, flight, '6C')).toBe(false);
    const br = r.body.price.breakdown;
    expect(br.seats).toEqual([{ flightId: flight, passenger: 0, designator: '6C', tier: 'preferred', amount: 1_500 }]);
    expect(br.seatTotal).toBe(1_500);
    expect(br.total).toBe(br.fareTotal + br.seatTotal + br.taxTotal);
    expect(r.body.price.total.amount).toBe(b.price.total.amount + 500);
    const again = await t.http.get(`/api/v1/bookings/${b.pnr}`).set(bearer(token));
    expect(again.body.price.total.amount).toBe(br.total);
  });

  it('swaps two passengers’ seats in one request', async () => {
    const b = await hold(['21A', '21F']);
    const r = await change(b.pnr, [
      { passenger: 0, designator: '21F' },
      { passenger: 1, designator: '21A' },
    ]);
    expect(r.status).toBe(200);
    expect(seatsOf(r.body)).toEqual(['21F', '21A']);
    expect(
      await countRows(t, 'seats', "flight_id = ? AND designator IN ('21A', '21F') AND state = 'held'", [flight]),
    ).toBe(2);
  });

  it('a seat someone else holds is a 409, and the booking keeps its seats and price', async () => {
    const other = await hold(['22C']);
    const b = await hold(['22A', '22B']);
    const r = await change(b.pnr, [
      { passenger: 0, designator: '23A' },
      { passenger: 1, designator: '22C' },
    ]);
    expectError(r, 409, 'seat_unavailable');
    const after = await t.http.get(`/api/v1/bookings/${b.pnr}`).set(bearer(token));
    expect(seatsOf(after.body)).toEqual(['22A', '22B']);
    expect(after.body.price.total).toEqual(b.price.total);
    expect(await seatAvailable(t, flight, '22A')).toBe(false);
    expect(await seatAvailable(t, flight, '23A')).toBe(true);
    expect(seatsOf((await t.http.get(`/api/v1/bookings/${other.pnr}`).set(bearer(token))).body)).toEqual(['22C']);
  });

  it('moving one passenger twice on a flight in one request is refused: nobody holds two seats', async () => {
    const b = await hold(['24A']);
    const r = await change(b.pnr, [
      { passenger: 0, designator: '24B' },
      { passenger: 0, designator: '24C' },
    ]);
    expectError(r, 422, 'invalid_seat');
    expect(await countRows(t, 'seats', 'booking_id IN (SELECT id FROM bookings WHERE pnr = ?)', [b.pnr])).toBe(1);
    expect(seatsOf((await t.http.get(`/api/v1/bookings/${b.pnr}`).set(bearer(token))).body)).toEqual(['24A']);
  });

  it.each([
    ['a seat that does not exist', 14, [{ passenger: 0, designator: '99Z' }], 422, 'invalid_seat'],
    ['a seat in another cabin', 15, [{ passenger: 0, designator: '1A' }], 422, 'invalid_seat'],
    ['a passenger not on the booking', 16, [{ passenger: 5, designator: '29A' }], 422, 'invalid_seat'],
    ['a flight not on the booking', 17, [{ passenger: 0, designator: '29A', flightId: 1 }], 422, 'invalid_seat'],
    [
      'the same seat for two passengers',
      18,
      [
        { passenger: 0, designator: '29A' },
        { passenger: 1, designator: '29A' },
      ],
      422,
      'invalid_seat',
    ],
    ['no seats at all', 19, [], 400, 'invalid_request'],
  ])('refuses %s', async (_what, row, seats, status, code) => {
    const b = await hold([`${row}A`, `${row}B`]);
    expectError(await change(b.pnr, seats), status, code);
    expect(seatsOf((await t.http.get(`/api/v1/bookings/${b.pnr}`).set(bearer(token))).body)).toEqual([
      `${row}A`,
      `${row}B`,
    ]);
    expect(await seatAvailable(t, flight, '29A')).toBe(true);
  });

  it('keeps children out of exit rows and infants out of seats', async () => {
    const other = await nonstopFlight(t, 'LHR', 'CDG', 9, 1); // seats get assigned here: keep them off the main flight
    const r = await book(
      t,
      token,
      bookingBody(
        [other],
        [
          pax('Mum', 'Changer'),
          pax('Kid', 'Changer', birthDate(travel, 7)),
          pax('Baby', 'Changer', birthDate(travel, 1)),
        ],
      ),
    );
    expect(r.body.passengers[2].seats).toEqual({});
    const move = (passenger: number, designator: string) =>
      t.http
        .put(`/api/v1/bookings/${r.body.pnr}/seats`)
        .set(bearer(token))
        .send({ seats: [{ passenger, flightId: other, designator }] });
    expectError(await move(1, '11A'), 422, 'exit_row_child');
    expectError(await move(2, '11C'), 422, 'invalid_seat');
    // Mum holds the baby on her lap: not in an exit row either.
    expectError(await move(0, '11A'), 422, 'exit_row_lap_infant');
    expect((await move(0, '20A')).status).toBe(200);
  });

  it('anyone with the PNR and last name may change seats; others get 404', async () => {
    const b = await hold(['27A']);
    expectError(
      await change(b.pnr, [{ passenger: 0, designator: '27B' }], { token: await t.token() }),
      404,
      'booking_not_found',
    );
    expectError(
      await change(b.pnr, [{ passenger: 0, designator: '27B' }], { token: null, lastName: 'Smith' }),
      404,
      'booking_not_found',
    );
    const r = await change(b.pnr, [{ passenger: 0, designator: '27B' }], { token: null, lastName: 'changer' });
    expect(r.status).toBe(200);
    expect(r.body.masked).toBe(true);
    expect(seatsOf(r.body)).toEqual(['27B']);
  });

  it('a cancelled booking’s seats cannot change', async () => {
    const b = await hold(['28A']);
    expect((await t.http.post(`/api/v1/bookings/${b.pnr}/cancel`).set(bearer(token))).status).toBe(200);
    expectError(await change(b.pnr, [{ passenger: 0, designator: '28B' }]), 409, 'booking_not_changeable');
    expect(await seatAvailable(t, flight, '28B')).toBe(true);
  });
});
