import {
  bearer,
  book,
  bookingBody,
  countRows,
  expectError,
  nonstopFlight,
  pax,
  seatMapSeats,
} from '../../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Special requests (SSR codes per passenger and flight) through the API: recorded and shown on the booking, a
 * limit of pets in the cabin per flight that concurrent bookings cannot exceed, and no exit row with a wheelchair.
 */
describe.each(DB_TARGETS)('special requests (%s)', (target) => {
  let t: TestApp;
  let token: string;
  let flight: number;
  let petFlight: number;
  let exitSeats: string[];
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14, env: { PETS_IN_CABIN_PER_FLIGHT: '2' } });
    token = await t.token();
    flight = await nonstopFlight(t, 'LHR', 'CDG', 9, 1);
    petFlight = await nonstopFlight(t, 'LHR', 'CDG', 10, 2);
    exitSeats = (await seatMapSeats(t, flight)).filter((s) => s.tier === 'exit_row').map((s) => s.designator);
  }, 60_000);
  afterAll(() => t.close());

  const hold = async (flightId: number, seat?: string) => {
    const res = await book(
      t,
      token,
      bookingBody([flightId], [pax('Ann', 'Ssr', '1980-01-01', seat ? { [flightId]: seat } : undefined)]),
    );
    expect(res.status).toBe(201);
    return res.body.pnr as string;
  };
  const put = (pnr: string, requests: object[], auth: Record<string, string> = bearer(token)) =>
    t.http.put(`/api/v1/bookings/${pnr}/special-requests`).set(auth).send({ requests });

  it('records meals and wheelchair assistance per passenger and flight, shown on the booking', async () => {
    const pnr = await hold(flight, '6A');
    const res = await put(pnr, [
      { passenger: 0, flightId: flight, code: 'VGML' },
      { passenger: 0, flightId: flight, code: 'WCHR' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.requests.map((r: { code: string }) => r.code).sort()).toEqual(['VGML', 'WCHR']);
    const view = await t.http.get(`/api/v1/bookings/${pnr}`).set(bearer(token));
    expect(view.body.passengers[0].specialRequests).toEqual(
      expect.arrayContaining([expect.objectContaining({ flightId: flight, code: 'VGML', label: expect.any(String) })]),
    );
    expect(view.body.passengers[0].specialAssistance).toBe(true);
    // PNR + last name may read and change them; a stranger learns nothing.
    const byName = await t.http.get(`/api/v1/bookings/${pnr}/special-requests?lastName=ssr`);
    expect(byName.body.requests).toHaveLength(2);
    const stranger = await t.token('traveller', 'other-ssr@example.com');
    expectError(await put(pnr, [], bearer(stranger)), 404, 'booking_not_found');
    // Replacing the set removes what is no longer asked for.
    const swapped = await put(pnr, [
      { passenger: 0, flightId: flight, code: 'KSML' },
      { passenger: 0, flightId: flight, code: 'WCHR' },
    ]);
    expect(swapped.body.requests.map((r: { code: string }) => r.code).sort()).toEqual(['KSML', 'WCHR']);
  });

  it('refuses unknown codes, strangers to the booking and two of a kind with coded errors', async () => {
    const pnr = await hold(flight);
    expectError(await put(pnr, [{ passenger: 0, flightId: flight, code: 'XXXX' }]), 400, 'invalid_request');
    expectError(await put(pnr, [{ passenger: 3, flightId: flight, code: 'VGML' }]), 422, 'unknown_passenger');
    expectError(await put(pnr, [{ passenger: 0, flightId: petFlight, code: 'VGML' }]), 422, 'invalid_special_request');
    expectError(await put(pnr, [{ passenger: 0, flightId: flight, code: 'BBML' }]), 422, 'invalid_special_request');
    const twoMeals = [
      { passenger: 0, flightId: flight, code: 'VGML' },
      { passenger: 0, flightId: flight, code: 'GFML' },
    ];
    expectError(await put(pnr, twoMeals), 422, 'invalid_special_request');
  });

  it('keeps wheelchair passengers out of exit rows, both ways', async () => {
    const [exit] = exitSeats;
    const inExit = await hold(flight, exit);
    const refused = await put(inExit, [{ passenger: 0, flightId: flight, code: 'WCHC' }]);
    expectError(refused, 422, 'exit_row_special_assistance');
    expect(refused.body.error.details).toEqual({ passenger: 0, flightId: flight, designator: exit });
    expect(await countRows(t, 'special_requests', "code = 'WCHC'")).toBe(0);

    const aisle = await hold(flight, '7C');
    expect((await put(aisle, [{ passenger: 0, flightId: flight, code: 'WCHS' }])).status).toBe(200);
    const move = await t.http
      .put(`/api/v1/bookings/${aisle}/seats`)
      .set(bearer(token))
      .send({ seats: [{ passenger: 0, flightId: flight, designator: exitSeats[1] }] });
    expectError(move, 422, 'exit_row_special_assistance');
  });

  it('never lets concurrent bookings put more pets in the cabin than the flight allows', async () => {
    const pnrs: string[] = [];
    for (let i = 0; i < 6; i++) pnrs.push(await hold(petFlight));
    const results = await Promise.all(pnrs.map((p) => put(p, [{ passenger: 0, flightId: petFlight, code: 'PETC' }])));
    const won = results.filter((r) => r.status === 200);
    const refused = results.filter((r) => r.status !== 200);
    expect(won).toHaveLength(2);
    for (const r of refused) expectError(r, 409, 'pet_cabin_full');
    expect(refused[0]!.body.error.details).toEqual({ flightId: petFlight });
    expect(await countRows(t, 'special_requests', "flight_id = ? AND code = 'PETC'", [petFlight])).toBe(2);

    // Taking a pet off frees its place; a pet on a hold that ended no longer counts.
    const winner = pnrs[results.indexOf(won[0]!)]!;
    const loser = pnrs[results.indexOf(refused[0]!)]!;
    expect((await put(winner, [])).status).toBe(200);
    expect((await put(loser, [{ passenger: 0, flightId: petFlight, code: 'PETC' }])).status).toBe(200);
    expectError(await put(winner, [{ passenger: 0, flightId: petFlight, code: 'PETC' }]), 409, 'pet_cabin_full');
  });
});
