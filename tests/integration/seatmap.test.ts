import {
  bearer,
  book,
  bookingBody,
  expectError,
  nonstopFlight,
  pax,
  type SeatJson,
  seatMapSeats,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

describe.each(DB_TARGETS)('seat maps (%s)', (target) => {
  let t: TestApp;
  let a320: number; // BA LHR→CDG
  let b777: number; // BA LHR→JFK
  let b787: number; // BA LHR→BOS
  beforeAll(async () => {
    t = await createTestApp({ target, days: 10 });
    [a320, b777, b787] = await Promise.all([
      nonstopFlight(t, 'LHR', 'CDG'),
      nonstopFlight(t, 'LHR', 'JFK'),
      nonstopFlight(t, 'LHR', 'BOS'),
    ]);
  }, 60_000);
  afterAll(() => t.close());

  const bySeat = (seats: SeatJson[]) => new Map(seats.map((s) => [s.designator, s]));

  it('describes the aircraft, cabins with aisles, rows and every seat', async () => {
    const r = await t.http.get(`/api/v1/flights/${a320}/seatmap`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      flightId: a320,
      flightNumber: expect.stringMatching(/^BA\d+$/),
      aircraft: { code: '320', name: 'Airbus A320' },
      fareFamily: 'standard',
      currency: 'GBP',
    });
    const [business, economy] = r.body.cabins;
    expect(business).toMatchObject({ cabin: 'business', columns: ['A', 'C', null, 'D', 'F'], seatsAvailable: 12 });
    expect(economy).toMatchObject({
      cabin: 'economy',
      columns: ['A', 'B', 'C', null, 'D', 'E', 'F'],
      seatsAvailable: 156,
    });
    const rows = economy.rows.map((row: { row: number }) => row.row);
    expect(rows[0]).toBe(4);
    expect(rows).not.toContain(13);
    for (const row of economy.rows as { row: number; seats: SeatJson[] }[]) {
      expect(row.seats.map((s) => s.column)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
      for (const s of row.seats) {
        expect(s).toEqual({
          designator: `${row.row}${s.column}`,
          row: row.row,
          column: s.column,
          cabin: 'economy',
          position: expect.stringMatching(/^(window|middle|aisle)$/),
          features: expect.any(Array),
          tier: expect.stringMatching(/^(standard|preferred|extra_legroom|exit_row)$/),
          price: { amount: expect.any(Number), currency: 'GBP' },
          available: true,
        });
      }
    }
  });

  it('gives positions for 3-3, 1-2-1 and 3-4-3 rows', async () => {
    const pos = async (flightId: number, row: number) =>
      Object.fromEntries(
        (await seatMapSeats(t, flightId)).filter((s) => s.row === row).map((s) => [s.column, s.position]),
      );
    expect(await pos(a320, 20)).toEqual({ A: 'window', B: 'middle', C: 'aisle', D: 'aisle', E: 'middle', F: 'window' });
    expect(await pos(b787, 3)).toEqual({ A: 'window', D: 'aisle', G: 'aisle', K: 'window' });
    expect(await pos(b777, 40)).toEqual({
      A: 'window',
      B: 'middle',
      C: 'aisle',
      D: 'aisle',
      E: 'middle',
      F: 'middle',
      G: 'aisle',
      H: 'aisle',
      J: 'middle',
      K: 'window',
    });
  });

  it('marks exit rows and extra legroom, with their tier', async () => {
    const seats = bySeat(await seatMapSeats(t, a320));
    for (const d of ['11A', '12F']) {
      expect(seats.get(d)!.tier).toBe('exit_row');
      expect(seats.get(d)!.features).toEqual(expect.arrayContaining(['exit_row', 'extra_legroom']));
    }
    expect(seats.get('4A')).toMatchObject({
      tier: 'preferred',
      features: expect.arrayContaining(['front_of_cabin', 'preferred']),
    });
    expect(seats.get('20A')).toMatchObject({ tier: 'standard', features: [] });
  });

  it.each([
    // fare family, { tier: price in pence } on a UK departure (GBP)
    ['basic', { standard: 1_000, preferred: 1_500, exit_row: 2_800 }],
    ['standard', { standard: 0, preferred: 1_500, exit_row: 2_800 }],
    ['flex', { standard: 0, preferred: 0, exit_row: 2_800 }],
  ])('prices seats by tier for a %s fare', async (fareFamily, prices) => {
    const seats = bySeat(await seatMapSeats(t, a320, { fareFamily }));
    expect(seats.get('20A')!.price).toEqual({ amount: prices.standard, currency: 'GBP' });
    expect(seats.get('5A')!.price.amount).toBe(prices.preferred);
    expect(seats.get('11A')!.price.amount).toBe(prices.exit_row);
    expect(seats.get('1A')!.price.amount).toBe(0); // business includes seat choice
  });

  it('can show one cabin and another currency (yen have no minor units)', async () => {
    const r = await t.http
      .get(`/api/v1/flights/${a320}/seatmap`)
      .query({ cabin: 'economy', fareFamily: 'basic', currency: 'JPY' });
    expect(r.status).toBe(200);
    expect(r.body.cabins.map((c: { cabin: string }) => c.cabin)).toEqual(['economy']);
    const seats = bySeat(r.body.cabins[0].rows.flatMap((row: { seats: SeatJson[] }) => row.seats));
    expect(seats.get('20A')!.price).toEqual({ amount: 1_800, currency: 'JPY' });
    const none = await t.http.get(`/api/v1/flights/${a320}/seatmap`).query({ cabin: 'first' });
    expect(none.body.cabins).toEqual([]);
  });

  it('shows seats taken by a hold as unavailable', async () => {
    const token = await t.token();
    const flight = await nonstopFlight(t, 'LHR', 'CDG', 7, 1);
    const r = await book(
      t,
      token,
      bookingBody([flight], [pax('Ada', 'Lovelace', '1985-01-01', { [flight]: '20A' }), pax('Bob', 'Lovelace')]),
    );
    expect(r.status).toBe(201);
    const other = r.body.passengers[1].seats[String(flight)] as string;
    const map = await t.http.get(`/api/v1/flights/${flight}/seatmap`).set(bearer(token));
    const economy = map.body.cabins.find((c: { cabin: string }) => c.cabin === 'economy');
    expect(economy.seatsAvailable).toBe(154);
    const seats = bySeat(economy.rows.flatMap((row: { seats: SeatJson[] }) => row.seats));
    expect(seats.get('20A')!.available).toBe(false);
    expect(seats.get(other)!.available).toBe(false);
    // Bob's seat is assigned (often beside Ada): some other seat of the row stays free.
    const untouched = ['20B', '20C'].find((d) => d !== other)!;
    expect(seats.get(untouched)!.available).toBe(true);
    expect(map.body.cabins.find((c: { cabin: string }) => c.cabin === 'business').seatsAvailable).toBe(12);
  });

  it.each([
    ['an unknown flight', '/api/v1/flights/987654/seatmap', 404, 'flight_not_found'],
    ['a non-numeric flight id', '/api/v1/flights/abc/seatmap', 400, 'invalid_request'],
    ['an unknown fare family', `/api/v1/flights/1/seatmap?fareFamily=premium`, 400, 'invalid_request'],
    ['an unknown currency', `/api/v1/flights/1/seatmap?currency=XYZ`, 422, 'invalid_currency'],
    ['an unknown parameter', `/api/v1/flights/1/seatmap?colour=blue`, 400, 'invalid_request'],
  ])('answers %s with a clear error', async (_what, path, status, code) => {
    expectError(await t.http.get(path), status, code);
  });
});
