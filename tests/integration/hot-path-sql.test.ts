import { In } from 'typeorm';
import { FlightEntity, SeatEntity } from '../../api/db/entities';
import type { FlightRow } from '../../api/domain/records';
import { addDays } from '../../api/domain/time';
import type { CreateBookingInput } from '../../api/services/booking.service';
import { DAY, dateAhead, MINUTE } from '../helpers/api-helpers';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * The search and hold paths read and write with plain SQL (api/repositories/sql.ts) instead of
 * TypeORM's query builder. These tests hold them to what TypeORM itself reads and writes.
 */
describe.each(DB_TARGETS)('plain SQL on the hot paths (%s)', (target) => {
  let t: TestApp;
  let userId: number;
  const actor = () => ({ kind: 'user' as const, userId, role: 'traveller' as const });

  beforeAll(async () => {
    t = await createTestApp({ target, days: 8 });
    const user = await t.services.auth.createUser({
      email: `sql.${target}@example.com`,
      password: null,
      firstName: 'Ada',
      lastName: 'Lovelace',
      role: 'traveller',
    });
    userId = user.id;
  }, 60_000);
  afterAll(() => t.close());

  const entities = (ids: number[]) =>
    t.services.db.run((em) => em.getRepository(FlightEntity).find({ where: { id: In(ids) }, order: { id: 'ASC' } }));
  const byId = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
  /** The flight's standard economy seats that are free now, in layout order. */
  const freeStandardSeats = async (f: FlightRow) => {
    await t.services.bookings.ensureSeats(f);
    const free = new Set(await t.services.repos.seats.takeable(f.id, 'economy', t.clock.now()));
    return t.services.ref
      .aircraft(f.aircraftCode)!
      .seats.filter((s) => s.cabin === 'economy' && s.tier === 'standard' && free.has(s.designator));
  };

  it('reads flights exactly as TypeORM hydrates them (values, types and key order)', async () => {
    const flights = t.services.repos.flights;
    const date = dateAhead(t, 3);
    const on = await flights.departuresOn(['LHR', 'LGW'], [date, addDays(date, 1)]);
    expect(on.length).toBeGreaterThan(10);
    const expected = await entities(on.map((f) => f.id));
    expect(JSON.stringify(byId(on))).toBe(JSON.stringify(expected));
    expect(byId(on)).toEqual(expected);
    for (const f of on) {
      expect(f.departureAt).toBeInstanceOf(Date);
      expect(typeof f.seatsReady).toBe('boolean');
    }
    const ids = on.slice(0, 5).map((f) => f.id);
    expect(byId(await flights.findByIds(ids))).toEqual(await entities(ids));
    const toJfk = await flights.departuresOn(['LHR'], [date], ['JFK']);
    expect(toJfk.length).toBeGreaterThan(0);
    expect(toJfk.every((f) => f.origin === 'LHR' && f.destination === 'JFK' && f.departureDate === date)).toBe(true);
    const from = new Date(t.clock.now().getTime() + 2 * DAY);
    const to = new Date(from.getTime() + 12 * 3_600_000);
    const between = await flights.departuresBetween(['LHR', 'CDG'], ['JFK', 'DXB'], from, to);
    expect(between.length).toBeGreaterThan(0);
    for (const f of between) {
      expect(['LHR', 'CDG']).toContain(f.origin);
      expect(['JFK', 'DXB']).toContain(f.destination);
      expect(f.departureAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(f.departureAt.getTime()).toBeLessThanOrEqual(to.getTime());
    }
    expect(byId(between)).toEqual(await entities(between.map((f) => f.id)));
    expect(await flights.findByIds([])).toEqual([]);
    expect(await flights.departuresBetween([], ['JFK'], from, to)).toEqual([]);
    // By id, asked for at the same moment (one shared read on MySQL): each caller its own row, or null.
    const asked = [ids[0]!, ids[1]!, ids[0]!, 99_999_999];
    const one = await Promise.all(asked.map((id) => flights.findById(id)));
    const [first, second] = [(await entities([ids[0]!]))[0], (await entities([ids[1]!]))[0]];
    expect(one.slice(0, 3)).toEqual([first, second, first]);
    expect(one[0]).not.toBe(one[2]);
    expect(one[3]).toBeNull();
  });

  it('counts taken seats as the seat table says: booked, or held and not yet expired', async () => {
    const [a, b] = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 5)], ['JFK'])).sort(
      (x, y) => x.id - y.id,
    );
    const hold = (flightId: number, cabin: 'economy' | 'business', people: number): CreateBookingInput => ({
      flights: [{ flightId, cabin, fareFamily: 'flex' }],
      passengers: Array.from({ length: people }, (_, i) => ({
        firstName: 'Ann',
        lastName: `Smith${'abcdefghi'[i]}`,
        dateOfBirth: '1980-01-01',
      })),
      contact: { email: 'ann@example.com' },
    });
    await t.services.bookings.createHold(actor(), hold(a!.id, 'economy', 3));
    await t.services.bookings.createHold(actor(), hold(a!.id, 'business', 2));
    await t.services.bookings.createHold(actor(), hold(b!.id, 'economy', 1));
    const now = t.clock.now();
    const expected = async (at: Date) => {
      const seats = await t.services.db.run((em) =>
        em.getRepository(SeatEntity).find({ where: { flightId: In([a!.id, b!.id]) } }),
      );
      const out = new Map<number, Map<string, number>>();
      for (const s of seats) {
        if (!(s.state === 'booked' || (s.state === 'held' && s.holdExpiresAt! > at))) continue;
        if (!out.has(s.flightId)) out.set(s.flightId, new Map());
        out.get(s.flightId)!.set(s.cabin, (out.get(s.flightId)!.get(s.cabin) ?? 0) + 1);
      }
      return out;
    };
    const counts = await t.services.repos.seats.takenCounts([a!.id, b!.id], now);
    expect(counts).toEqual(await expected(now));
    expect(counts.get(a!.id)).toEqual(
      new Map([
        ['economy', 3],
        ['business', 2],
      ]),
    );
    const together = await t.services.repos.flights.findByIdsWithTaken([a!.id, b!.id], now);
    expect(together.taken).toEqual(counts);
    expect(byId(together.flights)).toEqual(await entities([a!.id, b!.id]));
    // Once the holds have run out, nothing is taken any more.
    const later = new Date(now.getTime() + 24 * 60 * MINUTE);
    expect(await t.services.repos.seats.takenCounts([a!.id, b!.id], later)).toEqual(new Map());
    expect((await t.services.repos.flights.findByIdsWithTaken([a!.id], later)).taken).toEqual(new Map());
  });

  it('answers price checks made at the same moment (one shared read on MySQL) exactly as one at a time', async () => {
    const flights = t.services.repos.flights;
    const [a, b, c] = (await flights.departuresOn(['LHR'], [dateAhead(t, 5)], ['JFK', 'CDG'])).sort(
      (x, y) => x.id - y.id,
    );
    const now = t.clock.now();
    const asks = [[a!.id], [b!.id, a!.id], [c!.id], [c!.id, 999_999_999], []];
    const together = await Promise.all(asks.map((ids) => flights.findByIdsWithTaken(ids, now)));
    for (const [i, ids] of asks.entries()) {
      const alone = await flights.findByIdsWithTaken(ids, now);
      expect(byId(together[i]!.flights)).toEqual(byId(alone.flights));
      expect(together[i]!.taken).toEqual(alone.taken);
    }
    expect(together[1]!.flights.map((f) => f.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(together[3]!.flights.map((f) => f.id)).toEqual([c!.id]);
  });

  it.each([
    [
      'one adult with a chosen seat',
      { adults: 1, children: 0, infants: 0, chosen: true, twoWay: false, cabin: 'economy' as const },
    ],
    [
      'a family (2 adults, a child, a lap infant), assigned seats',
      { adults: 2, children: 1, infants: 1, chosen: false, twoWay: false, cabin: 'economy' as const },
    ],
    [
      'a family there and back, every seat chosen',
      { adults: 2, children: 1, infants: 1, chosen: 'all', twoWay: true, cabin: 'economy' as const },
    ],
    [
      'three adults, there and back, one seat chosen',
      { adults: 3, children: 0, infants: 0, chosen: true, twoWay: true, cabin: 'economy' as const },
    ],
    [
      'two adults in business',
      { adults: 2, children: 0, infants: 0, chosen: false, twoWay: false, cabin: 'business' as const },
    ],
  ])('answers a new hold (%s) with exactly the booking read back', async (_name, p) => {
    const out = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 4)], ['JFK']))[0]!;
    const back = (await t.services.repos.flights.departuresOn(['JFK'], [dateAhead(t, 6)], ['LHR']))[0]!;
    // Earlier cases hold seats on the same flights, some assigned at random: choose among the free ones.
    const layout = await freeStandardSeats(out);
    const seat = layout[Math.floor(layout.length / 2) + p.adults]!.designator;
    const passengers: CreateBookingInput['passengers'] = [
      ...Array.from({ length: p.adults }, (_, i) => ({
        firstName: ` Grace${'abc'[i]} `,
        lastName: 'Hopper',
        dateOfBirth: '1980-05-01',
      })),
      ...Array.from({ length: p.children }, () => ({
        firstName: 'Tim',
        lastName: 'Hopper',
        dateOfBirth: '2020-03-01',
      })),
      ...Array.from({ length: p.infants }, () => ({
        firstName: 'Eve',
        lastName: 'Hopper',
        dateOfBirth: addDays(dateAhead(t, 0), -200),
      })),
    ];
    if (p.chosen) passengers[0]!.seats = { [out.id]: seat.toLowerCase() };
    if (p.chosen === 'all') {
      // Every seated passenger chooses on both flights: on MySQL this hold goes through a group (HoldBatchRepository).
      const backLayout = await freeStandardSeats(back);
      for (const [i, x] of passengers.slice(0, p.adults + p.children).entries())
        x.seats = { [out.id]: layout[20 + i]!.designator, [back.id]: backLayout[20 + i]!.designator };
    }
    const view = await t.services.bookings.createHold(actor(), {
      flights: [
        { flightId: out.id, cabin: p.cabin, fareFamily: 'flex' },
        ...(p.twoWay ? [{ flightId: back.id, cabin: 'economy' as const, fareFamily: 'basic' as const }] : []),
      ],
      passengers,
      contact: { email: ' Grace.Hopper@Example.COM ', phone: ' +1 555 0100 ' },
      channel: 'web',
    });
    const stored = await t.services.bookings.view(view.pnr, false);
    expect(JSON.stringify(view)).toBe(JSON.stringify(stored));
    expect(view.status).toBe('held');
    expect(view.payment).toBeNull();
    expect(
      view.passengers.filter((x) => x.type !== 'INF').every((x) => Object.keys(x.seats).length === (p.twoWay ? 2 : 1)),
    ).toBe(true);
    if (p.chosen === true) expect(view.passengers[0]!.seats[String(out.id)]).toBe(seat);
    if (p.chosen === 'all') expect(view.passengers[0]!.seats[String(out.id)]).toBe(layout[20]!.designator);
  });

  it("creates a flight's seats once, however many callers ask at the same time", async () => {
    const f = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 7)], ['CDG']))[0]!;
    const layout = t.services.ref.aircraft(f.aircraftCode)!.seats;
    // Ten at once, some inside a transaction of their own (the ordinary path), the rest on their own.
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 3 === 0
          ? t.services.db.transaction(() => t.services.repos.seats.ensureSeats(f.id, layout))
          : t.services.repos.seats.ensureSeats(f.id, layout),
      ),
    );
    const rows = await t.services.db.run((em) => em.getRepository(SeatEntity).find({ where: { flightId: f.id } }));
    expect(rows.map((r) => r.designator).sort()).toEqual(layout.map((s) => s.designator).sort());
    expect(rows.every((r) => r.state === 'free' && r.bookingId === null)).toBe(true);
    expect((await t.services.repos.flights.findByIds([f.id]))[0]!.seatsReady).toBe(true);
  });

  it('claims a free seat once, and a seat whose hold has run out again', async () => {
    const f = (await t.services.repos.flights.departuresOn(['LHR'], [dateAhead(t, 6)], ['CDG']))[0]!;
    await t.services.bookings.ensureSeats(f);
    const designator = t.services.ref.aircraft(f.aircraftCode)!.seats.find((s) => s.cabin === 'economy')!.designator;
    const now = t.clock.now();
    const claim = (passengerId: number, at: Date) =>
      t.services.repos.seats.claim(
        f.id,
        designator,
        { bookingId: 1, passengerId, state: 'held', holdExpiresAt: new Date(at.getTime() + 10 * MINUTE) },
        at,
      );
    expect(await claim(1, now)).toBe(true);
    expect(await claim(2, now)).toBe(false);
    expect(await claim(3, new Date(now.getTime() + 11 * MINUTE))).toBe(true);
    const row = await t.services.db.run((em) => em.getRepository(SeatEntity).findOneBy({ flightId: f.id, designator }));
    expect(row).toMatchObject({
      state: 'held',
      bookingId: 1,
      passengerId: 3,
      holdExpiresAt: new Date(now.getTime() + 21 * MINUTE),
    });
  });
});
