import { MysqlBatchPool } from '../../api/db/mysql-batch';
import { MYSQL_SESSION_SETUP, parseMysqlUrl } from '../../api/db/data-source';
import type { FlightRow } from '../../api/domain/records';
import { generatePnr } from '../../api/domain/pnr';
import { HoldBatchRepository, type HoldOutcome, type HoldPlan } from '../../api/repositories/hold-batch.repository';
import { BookingService, type CreateBookingInput } from '../../api/services/booking.service';
import { dateAhead, MINUTE } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * Grouped seat holds on MySQL (HoldBatchRepository): holds that arrive together are written in one
 * transaction, each winning or losing on its own, with nothing of a loser written. MySQL only: SQLite
 * writes every hold in its own transaction. On runs without TEST_MYSQL_URL no such cases exist.
 */
describe.each(DB_TARGETS)('grouped seat holds: where they are used (%s)', (target) => {
  it(
    target === 'mysql'
      ? 'MySQL offers multi-statement sessions for them'
      : 'SQLite has none: every hold is its own transaction',
    async () => {
      const t = await createTestApp({ target, days: 1 });
      try {
        expect(t.services.db.batches !== null).toBe(target === 'mysql');
      } finally {
        await t.close();
      }
    },
    60_000,
  );
});

const MYSQL_TARGETS = DB_TARGETS.filter((target) => target === 'mysql');
if (MYSQL_TARGETS.length > 0) {
  describe.each(MYSQL_TARGETS)('grouped seat holds (%s)', () => {
    let t: TestApp;
    let userId: number;
    let flight: FlightRow;
    let economy: string[];
    const actor = () => ({ kind: 'user' as const, userId, role: 'traveller' as const });
    const batches = () => new HoldBatchRepository(t.services.db.batches!);
    const count = async (sql: string, params: unknown[]) =>
      Number(((await t.services.db.dataSource.query(sql, params)) as { n: string }[])[0]!.n);
    const bookingsWithPnr = (pnr: string) => count('SELECT COUNT(*) AS n FROM bookings WHERE pnr = ?', [pnr]);

    beforeAll(async () => {
      t = await createTestApp({ target: 'mysql', days: 8 });
      userId = (
        await t.services.auth.createUser({
          email: 'groups@example.com',
          password: null,
          firstName: 'Ada',
          lastName: 'Lovelace',
          role: 'traveller',
        })
      ).id;
      flight = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 3)], ['CDG']))[0]!;
      await t.services.bookings.ensureSeats(flight);
      economy = t.services.ref
        .aircraft(flight.aircraftCode)!
        .seats.filter((s) => s.cabin === 'economy' && s.tier === 'standard')
        .map((s) => s.designator);
    }, 60_000);
    afterAll(() => t.close());

    /** A one-adult hold plan on `flight` for the given seat. */
    const plan = (designator: string, pnr = generatePnr()): HoldPlan => ({
      booking: {
        pnr,
        userId,
        status: 'held',
        holdExpiresAt: new Date(t.clock.now().getTime() + 15 * MINUTE),
        currency: 'GBP',
        totalAmount: 10_000,
        breakdown: {
          currency: 'GBP',
          fares: [],
          seats: [],
          taxes: [],
          fareTotal: 10_000,
          seatTotal: 0,
          taxTotal: 0,
          total: 10_000,
        },
        contactEmail: 'groups@example.com',
        contactPhone: null,
        channel: 'test',
      },
      at: t.clock.now(),
      segments: [
        { position: 0, flightId: flight.id, cabin: 'economy', fareFamily: 'basic', direction: 'outbound', leg: 0 },
      ],
      passengers: [
        {
          position: 0,
          firstName: 'Ada',
          lastName: 'Lovelace',
          dateOfBirth: '1980-01-01',
          type: 'ADT',
          holdsInfant: false,
          specialAssistance: false,
          ticketNumber: null,
        },
      ],
      seats: [{ flightId: flight.id, designator, passenger: 0 }],
    });
    const seatRow = async (designator: string) =>
      (
        (await t.services.db.dataSource.query(
          'SELECT state, booking_id AS bookingId, passenger_id AS passengerId ' +
            'FROM seats WHERE flight_id = ? AND designator = ?',
          [flight.id, designator],
        )) as {
          state: string;
          bookingId: number | null;
          passengerId: number | null;
        }[]
      )[0]!;

    it('writes holds submitted together in one group: each wins or loses on its own', async () => {
      const repo = batches();
      const [a, b, c] = [economy[0]!, economy[1]!, economy[2]!];
      const plans = [plan(a), plan(b), plan(a), plan(c)];
      const outcomes = await Promise.all(plans.map((p) => repo.hold(p)));
      expect(outcomes.map((o) => o.kind)).toEqual(['held', 'held', 'seat_unavailable', 'held']);
      expect(outcomes[2]).toEqual({ kind: 'seat_unavailable', flightId: flight.id, designator: a });
      // The loser left nothing behind; each winner holds its seat with its own passenger.
      expect(await bookingsWithPnr(plans[2]!.booking.pnr)).toBe(0);
      for (const [i, seat] of [
        [0, a],
        [1, b],
        [3, c],
      ] as const) {
        const o = outcomes[i] as Extract<HoldOutcome, { kind: 'held' }>;
        expect(await seatRow(seat)).toEqual({ state: 'held', bookingId: o.bookingId, passengerId: o.passengerIds[0] });
        const view = await t.services.bookings.view(plans[i]!.booking.pnr, false);
        expect(view.passengers[0]!.seats).toEqual({ [flight.id]: seat });
      }
    });

    it('refuses a seat someone holds, and takes a seat whose hold has run out', async () => {
      const repo = batches();
      const seat = economy[5]!;
      expect((await repo.hold(plan(seat))).kind).toBe('held');
      expect(await repo.hold(plan(seat))).toEqual({ kind: 'seat_unavailable', flightId: flight.id, designator: seat });
      const later = plan(seat);
      later.at = new Date(t.clock.now().getTime() + 16 * MINUTE);
      expect((await repo.hold(later)).kind).toBe('held');
      expect((await seatRow(seat)).bookingId).toBe(
        (await t.services.repos.bookings.findByPnr(later.booking.pnr))!.booking.id,
      );
    });

    it('gives up a whole group that fails (a PNR collision) with nothing written, and keeps working', async () => {
      const repo = batches();
      const first = plan(economy[10]!);
      expect((await repo.hold(first)).kind).toBe('held');
      const clash = plan(economy[11]!, first.booking.pnr);
      const bystander = plan(economy[12]!);
      const outcomes = await Promise.all([repo.hold(bystander), repo.hold(clash)]);
      expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'retry']);
      expect(await bookingsWithPnr(bystander.booking.pnr)).toBe(0);
      expect(await bookingsWithPnr(first.booking.pnr)).toBe(1);
      expect((await seatRow(economy[11]!)).state).toBe('free');
      expect((await seatRow(economy[12]!)).state).toBe('free');
      expect((await repo.hold(plan(economy[12]!))).kind).toBe('held');
    });

    it(
      'the booking service writes a hold on its own when its group cannot be ' + 'written (database unreachable)',
      async () => {
        const p = parseMysqlUrl(t.services.config.DATABASE_URL);
        const unreachable = new MysqlBatchPool({ ...p, port: 1, size: 1, sessionSetup: MYSQL_SESSION_SETUP });
        const s = t.services;
        const service = new BookingService({
          db: s.db,
          ref: s.ref,
          flightRepo: s.repos.flights,
          seatRepo: s.repos.seats,
          bookingRepo: s.repos.bookings,
          holdBatchRepo: new HoldBatchRepository(unreachable),
          quoter: s.quoter,
          bookingAccess: s.bookingAccess,
          bookingViews: s.bookingViews,
          clock: t.clock,
          holdMinutes: 15,
        });
        const seat = economy[20]!;
        const input: CreateBookingInput = {
          flights: [{ flightId: flight.id, cabin: 'economy', fareFamily: 'basic' }],
          passengers: [
            { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1980-05-01', seats: { [flight.id]: seat } },
          ],
          contact: { email: 'grace@example.com' },
        };
        try {
          const view = await service.createHold(actor(), input);
          expect(view.passengers[0]!.seats).toEqual({ [flight.id]: seat });
          expect(await bookingsWithPnr(view.pnr)).toBe(1);
          await expect(service.createHold(actor(), input)).rejects.toMatchObject({ code: 'seat_unavailable' });
        } finally {
          await unreachable.close();
        }
      },
    );

    /** A booking service whose grouped writes go through `repo` (to watch or disturb them). */
    const serviceWith = (repo: HoldBatchRepository) => {
      const s = t.services;
      return new BookingService({
        db: s.db,
        ref: s.ref,
        flightRepo: s.repos.flights,
        seatRepo: s.repos.seats,
        bookingRepo: s.repos.bookings,
        holdBatchRepo: repo,
        quoter: s.quoter,
        bookingAccess: s.bookingAccess,
        bookingViews: s.bookingViews,
        clock: t.clock,
        holdMinutes: 15,
      });
    };
    const family = (flightId: number, lapInfant = false): CreateBookingInput => ({
      flights: [{ flightId, cabin: 'economy', fareFamily: 'standard' }],
      passengers: [
        { firstName: 'Ann', lastName: 'Lee', dateOfBirth: '1980-01-01' },
        { firstName: 'Tom', lastName: 'Lee', dateOfBirth: '2016-01-01' },
        ...(lapInfant ? [{ firstName: 'Eve', lastName: 'Lee', dateOfBirth: dateAhead(t, -200) }] : []),
      ],
      contact: { email: 'ann@example.com' },
    });

    it(
      'groups holds without chosen seats too, picking seats by the ' +
        "assigner's rules (side by side, no child in an exit row)",
      async () => {
        const plans: HoldPlan[] = [];
        const watched = new (class extends HoldBatchRepository {
          override hold(p: HoldPlan) {
            plans.push(p);
            return super.hold(p);
          }
        })(t.services.db.batches!);
        const other = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 4)], ['CDG']))[0]!;
        const view = await serviceWith(watched).createHold(actor(), family(other.id));
        expect(plans).toHaveLength(1);
        const [ann, tom] = view.passengers.map((p) => p.seats[String(other.id)]!);
        expect(plans[0]!.seats.map((x) => x.designator).sort()).toEqual([ann, tom].sort());
        const layout = t.services.ref.aircraft(other.aircraftCode)!.byDesignator;
        expect(layout.get(tom!)!.tier).not.toBe('exit_row');
        expect(layout.get(ann!)!.row).toBe(layout.get(tom!)!.row);
        // A lap infant's holder goes the one-hold way (flight locked for the oxygen-mask rule), not grouped.
        const withBaby = await serviceWith(watched).createHold(actor(), family(other.id, true));
        expect(plans).toHaveLength(1);
        expect(withBaby.passengers[2]!.seats).toEqual({});
      },
    );

    it(
      'when a seat picked for the traveller is taken before the group runs, ' + 'holds other seats instead of refusing',
      async () => {
        const other = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 6)], ['CDG']))[0]!;
        await t.services.bookings.ensureSeats(other);
        const stolen: string[] = [];
        const racing = new (class extends HoldBatchRepository {
          override async hold(p: HoldPlan) {
            // Someone else claims the first picked seat just before this group locks it.
            const seat = p.seats[0]!;
            await t.services.repos.seats.claim(
              seat.flightId,
              seat.designator,
              {
                bookingId: 1,
                passengerId: 1,
                state: 'held',
                holdExpiresAt: new Date(t.clock.now().getTime() + 60 * MINUTE),
              },
              t.clock.now(),
            );
            stolen.push(seat.designator);
            return super.hold(p);
          }
        })(t.services.db.batches!);
        const view = await serviceWith(racing).createHold(actor(), family(other.id));
        expect(stolen).toHaveLength(1);
        const seats = view.passengers.flatMap((p) => Object.values(p.seats));
        expect(seats).toHaveLength(2);
        expect(seats).not.toContain(stolen[0]);
      },
    );

    it('holds a family on two flights with every seat chosen through the API, as the one-hold path would', async () => {
      const back = (await t.services.repos.flights.departuresOn(['CDG'], [dateAhead(t, 5)], ['LHR']))[0]!;
      const token = await t.token();
      const seats = (id: number, k: number) => ({ [id]: economy[30 + k]! });
      const r = await t.http
        .post('/api/v1/bookings')
        .set('Authorization', `Bearer ${token}`)
        .send({
          flights: [
            { flightId: flight.id, cabin: 'economy', fareFamily: 'standard' },
            { flightId: back.id, cabin: 'economy', fareFamily: 'standard' },
          ],
          passengers: [
            {
              firstName: 'Ann',
              lastName: 'Lee',
              dateOfBirth: '1980-01-01',
              seats: { ...seats(flight.id, 0), ...seats(back.id, 0) },
            },
            {
              firstName: 'Tom',
              lastName: 'Lee',
              dateOfBirth: '2016-01-01',
              seats: { ...seats(flight.id, 1), ...seats(back.id, 1) },
            },
            { firstName: 'Eve', lastName: 'Lee', dateOfBirth: dateAhead(t, -200) },
          ],
          contact: { email: 'ann@example.com' },
        });
      expect(r.status).toBe(201);
      const stored = await t.services.bookings.view(r.body.pnr, false);
      expect(r.body).toEqual(JSON.parse(JSON.stringify(stored)));
      expect(stored.passengers.map((p) => p.seats)).toEqual([
        { [flight.id]: economy[30], [back.id]: economy[30] },
        { [flight.id]: economy[31], [back.id]: economy[31] },
        {},
      ]);
    });
  });
}
