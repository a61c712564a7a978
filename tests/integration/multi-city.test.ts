import {
  bearer,
  book,
  dateAhead,
  expectError,
  nonstopOffers,
  pax,
  seatAvailable,
  seatMapSeats,
} from '../helpers/api-helpers';
import { bookingOf, type Held, payWithStripe } from '../helpers/payment-flow';
import { STRIPE_ENV, StripeFake } from '../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

// Wide pool waits: the race below proves no seat is sold twice, not how long a burst waits (see concurrency.test.ts).
const RACE_ENV = { ...STRIPE_ENV, DATABASE_TIMEOUT_MS: '30000' };

/**
 * Multi-city trips over HTTP: the search of each leg, the hold of every leg's flights together or not at all, one
 * payment for the total, one ticket per passenger, and the legs in the booking view and the e-ticket.
 */
describe.each(DB_TARGETS)('multi-city trips (%s)', (target) => {
  let t: TestApp;
  let token: string;
  const fake = new StripeFake();
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target, days: 14, poolSize: 20, env: RACE_ENV });
    token = await t.token();
  }, 60_000);
  afterAll(async () => {
    await t.close();
    fake.stop();
  });

  /** London → Paris on day 7, Paris → New York on day 10, New York → London on day 12 (first nonstop of each). */
  async function legFlights(): Promise<number[]> {
    const legs: [string, string, number][] = [
      ['LHR', 'CDG', 7],
      ['CDG', 'JFK', 10],
      ['JFK', 'LHR', 12],
    ];
    const ids: number[] = [];
    for (const [from, to, days] of legs)
      ids.push((await nonstopOffers(t, from, to, days, { sort: 'departure' }))[0]!.segments[0]!.flightId);
    return ids;
  }
  /** Free economy seats of a flight, in seat map order. */
  const freeSeats = async (flightId: number) =>
    (await seatMapSeats(t, flightId, { cabin: 'economy' }))
      .filter((s) => s.cabin === 'economy' && s.available)
      .map((s) => s.designator);
  const multiCity = (flightIds: number[], passengers = [pax('Ada', 'Lovelace')]) => ({
    flights: flightIds.map((flightId, leg) => ({ flightId, cabin: 'economy', fareFamily: 'standard', leg })),
    passengers,
    contact: { email: 'ada@example.com' },
  });

  it('searches every leg, priced in the currency of the first', async () => {
    const res = await t.http.post('/api/v1/flights/search/multi-city').send({
      legs: [
        { origin: 'LHR', destination: 'CDG', departureDate: dateAhead(t, 7) },
        { origin: 'CDG', destination: 'JFK', departureDate: dateAhead(t, 10) },
      ],
      adults: 2,
      nonStop: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.currency).toBe('GBP');
    expect(res.body.legs.map((l: { leg: number; origin: string }) => [l.leg, l.origin])).toEqual([
      [0, 'LHR'],
      [1, 'CDG'],
    ]);
    for (const leg of res.body.legs) {
      expect(leg.offers.length).toBeGreaterThan(0);
      expect(leg.offers[0].lowestPrice.currency).toBe('GBP');
    }
  });

  it('refuses legs out of order and a wrong number of legs, with their codes', async () => {
    const legOn = (origin: string, destination: string, days: number) => ({
      origin,
      destination,
      departureDate: dateAhead(t, days),
    });
    const searchLegs = (legs: object[]) => t.http.post('/api/v1/flights/search/multi-city').send({ legs });
    expectError(await searchLegs([legOn('LHR', 'CDG', 9), legOn('CDG', 'JFK', 8)]), 422, 'leg_dates_out_of_order');
    expectError(await searchLegs([legOn('LHR', 'CDG', 9)]), 422, 'invalid_leg_count');
    const five = [7, 8, 9, 10, 11].map((d, i) => legOn(i % 2 ? 'CDG' : 'LHR', i % 2 ? 'LHR' : 'CDG', d));
    expectError(await searchLegs(five), 422, 'invalid_leg_count');
    expectError(await t.http.post('/api/v1/flights/search/multi-city').send({ legs: 'LHR-CDG' }), 400);
  });

  it('refuses a leg leaving less than 3 hours after the previous lands', async () => {
    const toParis = (await nonstopOffers(t, 'LHR', 'CDG', 8, { sort: 'departure' }))[0]!;
    const landed = Date.parse(toParis.segments[0]!.arrivalUtc);
    const onwards = (await nonstopOffers(t, 'CDG', 'JFK', 8, { sort: 'departure' })).find(
      (o) => Date.parse(o.segments[0]!.departureUtc) > landed,
    )!;
    expect(Date.parse(onwards.segments[0]!.departureUtc) - landed).toBeLessThan(3 * 3_600_000);
    const res = await book(t, token, multiCity([toParis.segments[0]!.flightId, onwards.segments[0]!.flightId]));
    expectError(res, 422, 'leg_too_soon');
    expect(res.body.error.details).toMatchObject({ leg: 1, minimumMinutes: 180 });
    const skipped = multiCity([toParis.segments[0]!.flightId, onwards.segments[0]!.flightId]);
    skipped.flights[1]!.leg = 2;
    expectError(await book(t, token, skipped), 422, 'invalid_flights');
  });

  it('holds three legs in one booking, pays one link for the total, tickets each passenger once', async () => {
    const ids = await legFlights();
    const res = await book(t, token, multiCity(ids, [pax('Ada', 'Lovelace'), pax('Charles', 'Babbage')]));
    expect(res.status).toBe(201);
    expect(res.body.flights.map((f: { leg: number; direction: string }) => [f.leg, f.direction])).toEqual([
      [0, 'outbound'],
      [1, 'outbound'],
      [2, 'outbound'],
    ]);
    // Every passenger holds a seat on every leg.
    for (const p of res.body.passengers) expect(Object.keys(p.seats).sort()).toEqual(ids.map(String).sort());
    const fares = res.body.price.breakdown.fares as { segment: number }[];
    expect([...new Set(fares.map((f) => f.segment))].sort()).toEqual([0, 1, 2]);
    const agg = await t.services.repos.bookings.findByPnr(res.body.pnr);
    const held: Held = {
      pnr: res.body.pnr,
      bookingId: agg!.booking.id,
      total: res.body.price.total.amount,
      currency: res.body.price.total.currency,
      flightId: ids[0]!,
      token,
      auth: bearer(token),
      lastName: 'Lovelace',
    };
    await payWithStripe(t, fake, held);
    const sessions = fake.sessionsFor(held.bookingId);
    expect(sessions).toHaveLength(1);
    const paid = await bookingOf(t, held);
    expect(paid.status).toBe('confirmed');
    expect(paid.payment?.amount).toEqual({ amount: held.total, currency: held.currency });
    const tickets = paid.passengers.map((p) => p.ticketNumber);
    expect(tickets.every((n) => /^\d{13}$/.test(n ?? ''))).toBe(true);
    expect(new Set(tickets).size).toBe(2);
    expect(paid.flights.map((f) => f.leg)).toEqual([0, 1, 2]);
  });

  it('holds nothing when one leg cannot be seated (all or nothing)', async () => {
    const [first, second] = await legFlights();
    const other = await t.token('traveller', 'other@example.com');
    const [mine] = (await freeSeats(first!)).slice(-1);
    const [contested] = (await freeSeats(second!)).slice(-1);
    const grace = pax('Grace', 'Hopper', '1980-01-01', { [second!]: contested! });
    expect((await book(t, other, multiCity([first!, second!], [grace]))).status).toBe(201);
    expect(await seatAvailable(t, first!, mine!)).toBe(true);
    const ada = pax('Ada', 'Lovelace', '1985-06-15', { [first!]: mine!, [second!]: contested! });
    expectError(await book(t, token, multiCity([first!, second!], [ada])), 409, 'seat_unavailable');
    // The first leg's seat was not kept: nothing of the failed booking is held.
    expect(await seatAvailable(t, first!, mine!)).toBe(true);
  });

  it('concurrent claims of the last seat on a later leg: exactly one booking wins, with all its legs', async () => {
    const [first, second] = await legFlights();
    const attempts = 12;
    const firstSeats = (await freeSeats(first!)).slice(0, attempts);
    const [last] = (await freeSeats(second!)).slice(0, 1);
    const results = await Promise.all(
      firstSeats.map((seat, i) => {
        const runner = pax('Race', `Runner${String.fromCharCode(65 + i)}`, '1980-05-05', {
          [first!]: seat,
          [second!]: last!,
        });
        return book(t, token, multiCity([first!, second!], [runner]));
      }),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(attempts - 1);
    const winner = results.find((r) => r.status === 201)!;
    const winnerSeat = winner.body.passengers[0].seats[String(first)];
    // The losers' first-leg seats stayed free; the winner's is held.
    for (const seat of firstSeats) expect(await seatAvailable(t, first!, seat)).toBe(seat !== winnerSeat);
  }, 120_000);
});
