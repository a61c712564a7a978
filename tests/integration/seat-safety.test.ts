import {
  bearer,
  birthDate,
  book,
  bookingBody,
  expectError,
  nonstopFlight,
  pax,
  type PassengerInput,
  seatMapSeats,
} from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * Seat safety rules: no exit row for a child, an adult holding a lap infant or a passenger who asked for special
 * assistance; at most one lap infant per block of seats (one spare oxygen mask). The API refuses with a coded 422, the
 * seat map shows the seat as unavailable for that passenger with the reason, and the seat assigner follows the rules.
 */
describe.each(DB_TARGETS)('seat safety rules (%s)', (target) => {
  let t: TestApp;
  let token: string;
  let flight: number;
  let travel: string;
  let exitSeats: string[];
  beforeAll(async () => {
    t = await createTestApp({ target, days: 14 });
    token = await t.token();
    flight = await nonstopFlight(t, 'LHR', 'CDG', 9, 2);
    travel = (await t.services.repos.flights.findById(flight))!.departureDate;
    exitSeats = (await seatMapSeats(t, flight)).filter((s) => s.tier === 'exit_row').map((s) => s.designator);
  }, 60_000);
  afterAll(() => t.close());

  const baby = () => pax('Baby', 'Safe', birthDate(travel, 1));
  const adultIn = (
    first: string,
    seat?: string,
    extra: Partial<PassengerInput> & { specialAssistance?: boolean } = {},
  ) => ({ ...pax(first, 'Safe', '1980-01-01', seat ? { [flight]: seat } : undefined), ...extra });
  const hold = (passengers: object[]) => book(t, token, bookingBody([flight], passengers as PassengerInput[]));

  it('refuses exit-row seats with a coded reason per passenger', async () => {
    const [exit] = exitSeats;
    expectError(await hold([adultIn('Mum', exit), baby()]), 422, 'exit_row_lap_infant');
    const kid = pax('Kid', 'Safe', birthDate(travel, 7), { [flight]: exit! });
    expectError(await hold([adultIn('Dad'), kid]), 422, 'exit_row_child');
    const refused = await hold([adultIn('Gran', exit, { specialAssistance: true })]);
    expectError(refused, 422, 'exit_row_special_assistance');
    expect(refused.body.error.details).toEqual({ passenger: 0, flightId: flight, designator: exit });
    // The adult without a baby may sit there while the other adult holds the baby (named, or by default the first).
    const ok = await hold([adultIn('Dad', exit), adultIn('Mum', '6A'), { ...baby(), lapOf: 1 }]);
    expect(ok.status).toBe(201);
    expect(exitSeats).not.toContain(ok.body.passengers[1].seats[String(flight)]);
    expect(ok.body.passengers[0].holdsInfant).toBe(false);
    expect(ok.body.passengers[1].holdsInfant).toBe(true);
  });

  it('the seat map shows refused seats as unavailable for that passenger, with the reason', async () => {
    const forHolder = await seatMapSeats(t, flight, { lapInfant: 'true' });
    const exit = forHolder.find((s) => s.designator === exitSeats[1])!;
    expect(exit.available).toBe(false);
    expect(exit).toEqual(
      expect.objectContaining({ unavailableReason: expect.objectContaining({ code: 'exit_row_lap_infant' }) }),
    );
    const forChild = await seatMapSeats(t, flight, { passengerType: 'CHD' });
    expect(forChild.find((s) => s.designator === exitSeats[1])).toEqual(
      expect.objectContaining({
        available: false,
        unavailableReason: expect.objectContaining({ code: 'exit_row_child' }),
      }),
    );
    const forAnyone = await seatMapSeats(t, flight);
    expect(forAnyone.find((s) => s.designator === exitSeats[1])!.available).toBe(true);
  });

  it('allows one lap infant per block of seats on one side of the aisle', async () => {
    expect((await hold([adultIn('Ann', '25A'), baby()])).status).toBe(201);
    const sameBlock = await hold([adultIn('Bea', '25C'), baby()]);
    expectError(sameBlock, 422, 'lap_infant_oxygen_masks');
    expect(sameBlock.body.error.details).toEqual({ passenger: 0, flightId: flight, designator: '25C' });
    // Without a baby the seat is fine; across the aisle the block has its own spare mask.
    expect((await hold([adultIn('Cat', '25B')])).status).toBe(201);
    expect((await hold([adultIn('Dee', '25D'), baby()])).status).toBe(201);
    // One party with two babies cannot put both in one block either.
    expectError(
      await hold([adultIn('Eve', '26A'), adultIn('Fay', '26B'), baby(), baby()]),
      422,
      'lap_infant_oxygen_masks',
    );
    const map = await seatMapSeats(t, flight, { lapInfant: 'true' });
    expect(map.find((s) => s.designator === '25C')).toEqual(
      expect.objectContaining({ unavailableReason: expect.objectContaining({ code: 'lap_infant_oxygen_masks' }) }),
    );
    expect(map.find((s) => s.designator === '26A')!.available).toBe(true);
  });

  it('two bookings racing lap infants into one block: one wins, the other gets the coded 422', async () => {
    for (const row of [14, 15, 16]) {
      const [a, b] = await Promise.all([
        hold([adultIn('Ivy', `${row}A`), baby()]),
        hold([adultIn('Joy', `${row}C`), baby()]),
      ]);
      expect([a.status, b.status].sort()).toEqual([201, 422]);
      expect([a, b].find((r) => r.status === 422)!.body.error.code).toBe('lap_infant_oxygen_masks');
    }
  });

  it('two seat changes racing lap infants into one block: one moves, the other gets the coded 422', async () => {
    for (const row of [17, 18]) {
      const first = await hold([adultIn('Kim', `${row + 5}A`), baby()]);
      const second = await hold([adultIn('Lou', `${row + 5}D`), baby()]);
      const move = (pnr: string, designator: string) =>
        t.http
          .put(`/api/v1/bookings/${pnr}/seats`)
          .set(bearer(token))
          .send({ seats: [{ passenger: 0, flightId: flight, designator }] });
      const [a, b] = await Promise.all([move(first.body.pnr, `${row}A`), move(second.body.pnr, `${row}C`)]);
      expect([a.status, b.status].sort()).toEqual([200, 422]);
      expect([a, b].find((r) => r.status === 422)!.body.error.code).toBe('lap_infant_oxygen_masks');
    }
  });

  it('the assigner seats adults with lap infants outside exit rows and in blocks of their own', async () => {
    const other = await nonstopFlight(t, 'LHR', 'CDG', 11, 0);
    for (let i = 0; i < 4; i++) {
      const r = await book(t, token, bookingBody([other], [pax('Gil', 'Safe'), pax('Hal', 'Safe'), baby(), baby()]));
      expect(r.status).toBe(201);
    }
    const rows: { designator: string }[] = await t.services.db.dataSource.query(
      'SELECT s.designator FROM seats s JOIN passengers p ON p.id = s.passenger_id WHERE s.flight_id = ? AND p.holds_infant = ?',
      [other, true],
    );
    expect(rows).toHaveLength(8);
    const layout = t.services.ref.aircraft(
      (await t.services.repos.flights.findById(other))!.aircraftCode,
    )!.byDesignator;
    const blocks = rows.map((r) => layout.get(r.designator)!).map((s) => `${s.row}:${s.block}`);
    expect(new Set(blocks).size).toBe(8);
    expect(rows.every((r) => layout.get(r.designator)!.tier !== 'exit_row')).toBe(true);
  });

  it('a seat change follows the same rules', async () => {
    const r = await hold([adultIn('Ivy', '28A'), baby()]);
    expect(r.status).toBe(201);
    const move = (designator: string) =>
      t.http
        .put(`/api/v1/bookings/${r.body.pnr}/seats`)
        .set(bearer(token))
        .send({ seats: [{ passenger: 0, flightId: flight, designator }] });
    expectError(await move(exitSeats[2]!), 422, 'exit_row_lap_infant');
    expectError(await move('25B'), 422, 'lap_infant_oxygen_masks'); // Ann's baby is in 25A
    expect((await move('28B')).status).toBe(200); // within her own block
  });
});
