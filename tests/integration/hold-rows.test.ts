import { generatePnr } from '../../api/domain/pnr';
import type { FlightRow } from '../../api/domain/records';
import { HoldBatchRepository, type HoldPlan } from '../../api/repositories/hold-batch.repository';
import { timeValue } from '../../api/repositories/sql';
import { dateAhead, MINUTE } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

type Row = Record<string, unknown>;

/**
 * A seat hold is written by two paths: one hold in its own transaction (BookingRepository and
 * SeatRepository, every database) and grouped holds (HoldBatchRepository, MySQL only). Both must leave
 * the same rows in bookings, booking_segments, passengers and seats, apart from row ids and the PNR (and
 * the seats' updated_at, stamped by the database). The same plan is written by each path in turn (the
 * seats freed in between) and the rows read back as stored.
 */
describe.each(DB_TARGETS)('the rows a seat hold writes (%s)', (target) => {
  let t: TestApp;
  let userId: number;
  let out: FlightRow;
  let back: FlightRow;

  beforeAll(async () => {
    t = await createTestApp({ target, days: 8 });
    userId = (
      await t.services.auth.createUser({
        email: `rows.${target}@example.com`,
        password: null,
        firstName: 'Ann',
        lastName: 'Lee',
        role: 'traveller',
      })
    ).id;
    out = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 3)], ['CDG']))[0]!;
    back = (await t.services.repos.flights.departuresOn(['CDG'], [dateAhead(t, 5)], ['LHR']))[0]!;
    for (const f of [out, back]) await t.services.bookings.ensureSeats(f);
  }, 60_000);
  afterAll(() => t.close());

  /** A family of three (the infant on a lap) on two flights, two seats chosen on each, in lock order. */
  const familyPlan = async (): Promise<HoldPlan> => {
    const at = t.clock.now();
    const seats: HoldPlan['seats'] = [];
    for (const f of [out, back].sort((a, b) => a.id - b.id)) {
      const [first, second] = (await t.services.repos.seats.takeable(f.id, 'economy', at)).sort();
      seats.push(
        { flightId: f.id, designator: first!, passenger: 0 },
        { flightId: f.id, designator: second!, passenger: 1 },
      );
    }
    return {
      booking: {
        pnr: generatePnr(),
        userId,
        status: 'held',
        holdExpiresAt: new Date(at.getTime() + 15 * MINUTE),
        currency: 'GBP',
        totalAmount: 31_250,
        breakdown: {
          currency: 'GBP',
          fares: [{ segment: 0, flightId: out.id, passengerType: 'ADT', count: 1, unitAmount: 12_000, amount: 12_000 }],
          seats: [
            { flightId: out.id, passenger: 0, designator: seats[0]!.designator, tier: 'standard', amount: 1_250 },
          ],
          taxes: [{ code: 'GB', description: 'Air passenger duty', amount: 18_000 }],
          fareTotal: 12_000,
          seatTotal: 1_250,
          taxTotal: 18_000,
          total: 31_250,
        },
        contactEmail: 'ann@example.com',
        contactPhone: '+447700900123',
        channel: 'webchat',
      },
      at,
      segments: [
        { position: 0, flightId: out.id, cabin: 'economy', fareFamily: 'standard', direction: 'outbound', leg: 0 },
        { position: 1, flightId: back.id, cabin: 'economy', fareFamily: 'standard', direction: 'inbound', leg: 1 },
      ],
      passengers: [
        {
          position: 0,
          firstName: 'Ann',
          lastName: 'Lee',
          dateOfBirth: '1980-01-01',
          type: 'ADT',
          holdsInfant: true,
          specialAssistance: false,
          ticketNumber: null,
        },
        {
          position: 1,
          firstName: 'Tom',
          lastName: 'Lee',
          dateOfBirth: '2016-01-01',
          type: 'CHD',
          holdsInfant: false,
          specialAssistance: false,
          ticketNumber: null,
        },
        {
          position: 2,
          firstName: 'Eve',
          lastName: 'Lee',
          dateOfBirth: dateAhead(t, -200),
          type: 'INF',
          holdsInfant: false,
          specialAssistance: false,
          ticketNumber: null,
        },
      ],
      seats,
    };
  };

  /** The one-hold path, as HoldWriter writes a hold in its own transaction. Returns the booking id. */
  const writeOne = (plan: HoldPlan): Promise<number> =>
    t.services.db.transaction(async () => {
      const { bookings, seats } = t.services.repos;
      const bookingId = (await bookings.insert(plan.booking, plan.at)).id;
      await bookings.insertSegments(plan.segments.map((s) => ({ ...s, bookingId })));
      const passengerIds = await bookings.insertPassengers(plan.passengers.map((p) => ({ ...p, bookingId })));
      for (const s of plan.seats) {
        const claim = { bookingId, passengerId: passengerIds[s.passenger]!, state: 'held' as const };
        expect(
          await seats.claim(s.flightId, s.designator, { ...claim, holdExpiresAt: plan.booking.holdExpiresAt }, plan.at),
        ).toBe(true);
      }
      return bookingId;
    });

  /** The grouped path (MySQL). Returns the booking id. */
  const writeGrouped = async (plan: HoldPlan): Promise<number> => {
    const outcome = await new HoldBatchRepository(t.services.db.batches!).hold(plan);
    if (outcome.kind !== 'held') throw new Error(`the grouped hold was not written: ${outcome.kind}`);
    return outcome.bookingId;
  };

  /**
   * Everything a hold wrote, as stored: row ids and the PNR left out, references to the booking and its
   * passengers named ("booking", "passenger 1"), DATETIME columns read as instants.
   */
  const written = async (bookingId: number) => {
    const query = async (sql: string) =>
      ((await t.services.db.dataSource.query(sql, [bookingId])) as Row[]).map((r) => ({ ...r }));
    const [booking] = await query('SELECT * FROM bookings WHERE id = ?');
    const segments = await query('SELECT * FROM booking_segments WHERE booking_id = ? ORDER BY position');
    const passengers = await query('SELECT * FROM passengers WHERE booking_id = ? ORDER BY position');
    const seats = await query('SELECT * FROM seats WHERE booking_id = ? ORDER BY flight_id, designator');
    const passengerName = new Map(passengers.map((p) => [Number(p.id), `passenger ${String(p.position)}`]));
    const clean = (row: Row, drop: string[]): Row => {
      const kept: Row = {};
      for (const [column, value] of Object.entries(row)) {
        if (drop.includes(column)) continue;
        if (column === 'booking_id') kept[column] = Number(value) === bookingId ? 'booking' : value;
        else if (column === 'passenger_id') kept[column] = passengerName.get(Number(value)) ?? value;
        else if (column.endsWith('_at') && value !== null) kept[column] = timeValue(value as Date | string);
        else kept[column] = value;
      }
      return kept;
    };
    return {
      booking: clean(booking!, ['id', 'pnr']),
      segments: segments.map((s) => clean(s, ['id'])),
      passengers: passengers.map((p) => clean(p, ['id'])),
      seats: seats.map((s) => clean(s, ['id', 'updated_at'])),
    };
  };

  it('one hold in its own transaction writes exactly the rows of its plan', async () => {
    const plan = await familyPlan();
    const bookingId = await writeOne(plan);
    const b = plan.booking;
    const rows = await written(bookingId);
    expect(rows.booking).toEqual({
      user_id: userId,
      status: 'held',
      hold_expires_at: b.holdExpiresAt,
      currency: 'GBP',
      total_amount: 31_250,
      breakdown: JSON.stringify(b.breakdown),
      contact_email: 'ann@example.com',
      contact_phone: '+447700900123',
      channel: 'webchat',
      version: 1,
      created_at: plan.at,
      updated_at: plan.at,
      confirmed_at: null,
      cancelled_at: null,
    });
    expect(rows.segments).toEqual(plan.segments.map((s) => ({ ...rename(s), booking_id: 'booking' })));
    expect(rows.passengers).toEqual(plan.passengers.map((p) => ({ ...rename(p), booking_id: 'booking' })));
    expect(rows.seats).toEqual(
      plan.seats.map((s) => ({
        flight_id: s.flightId,
        designator: s.designator,
        cabin: 'economy',
        state: 'held',
        booking_id: 'booking',
        passenger_id: `passenger ${s.passenger}`,
        hold_expires_at: b.holdExpiresAt,
      })),
    );
    await t.services.repos.seats.release(bookingId);
  });

  // Grouped holds exist on MySQL only (SQLite writes every hold on its own).
  if (target === 'mysql')
    it('grouped holds write the same rows as one hold on its own', async () => {
      const plan = await familyPlan();
      const one = await writeOne(plan);
      const alone = await written(one);
      await t.services.repos.seats.release(one);
      const grouped = await written(await writeGrouped({ ...plan, booking: { ...plan.booking, pnr: generatePnr() } }));
      expect(grouped).toEqual(alone);
      expect(grouped.seats).toHaveLength(4);
    });
});

/** A plan's row (camelCase) under its column names (snake_case); flags as the databases store them (0/1). */
function rename(row: object): Row {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      typeof v === 'boolean' ? Number(v) : v,
    ]),
  );
}
