import { randomBytes } from 'node:crypto';
import { pax } from '../../helpers/api-helpers';
import { durableDatabase, type Instance, openInstance } from '../../helpers/instances';
import { DB_TARGETS, type TestApp } from '../../helpers/test-app';
import { paidOn, type Paid, schedule, SYSTEM } from './disruption-helpers';

const BOOKINGS_PER_FLIGHT = 12;

/**
 * Two flights are cancelled at once and their travellers are told by two instances racing: the offers hold seats on
 * the same replacement flights, and every traveller then accepts at the same moment. No seat is ever offered to, or
 * booked by, two travellers.
 */
describe.each(DB_TARGETS)('disrupted travellers never share a seat (%s)', (target) => {
  let a: Instance;
  let b: Instance;
  let t: TestApp;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await durableDatabase(target, { DISRUPTION_REBOOK_OPTIONS: '1' });
    drop = db.drop;
    a = await openInstance(db.config, { seedDays: 1 });
    b = await openInstance(db.config, { clock: a.clock });
    t = {
      services: a.services,
      http: a.http,
      clock: a.clock,
      app: undefined as never,
      token: async () => {
        const user = await a.services.auth.createUser({
          email: `dis.${randomBytes(4).toString('hex')}@example.com`,
          password: 'correct horse battery staple',
          firstName: 'Dis',
          lastName: 'Rupted',
          role: 'traveller',
        });
        return (await a.services.auth.issue(user)).accessToken;
      },
      close: async () => undefined,
    };
  }, 90_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('offers and rebooks 48 passengers from two cancelled flights onto shared flights without a double seat', async () => {
    const s = await schedule(t, 30);
    // A second cancelled flight on the same route and day, whose travellers want the same replacements.
    const twin = (await schedule(t, 30)).disrupted;
    const booked: Paid[] = [];
    for (const flightId of [s.disrupted, twin])
      for (let i = 0; i < BOOKINGS_PER_FLIGHT; i++)
        booked.push(await paidOn(t, flightId, [pax('Ada', 'Lovelace'), pax('Tim', 'Berners-Lee')]));
    for (const flightId of [s.disrupted, twin])
      await a.services.disruptions.disrupt(SYSTEM, flightId, { kind: 'cancelled', reason: 'storm' });
    await Promise.all([a.services.disruptions.notifyDue(), b.services.disruptions.notifyDue()]);
    await a.services.disruptions.notifyDue();

    const views = await Promise.all(booked.map((x) => a.services.disruptions.disruptionFor(SYSTEM, x.pnr)));
    expect(views.every((v) => v?.status === 'open')).toBe(true);
    const offered = views.flatMap((v) => v!.offers.flatMap((o) => o.seats.map((x) => `${x.flightId}:${x.designator}`)));
    expect(offered.length).toBeGreaterThan(0);
    expect(new Set(offered).size).toBe(offered.length);

    // Everyone with a flight offered accepts at once, half through each instance on MySQL. (Two SQLite instances on
    // one file only wait for each other's file lock; one process's transactions already queue on its mutex.)
    const second = target === 'mysql' ? b : a;
    const choosing = views.filter((v) => v!.offers.some((o) => o.kind === 'rebook'));
    const answers = await Promise.all(
      choosing.map((v, i) =>
        (i % 2 ? second : a).services.disruptions.chooseOffer(
          SYSTEM,
          v!.pnr,
          v!.offers.find((o) => o.kind === 'rebook')!.id,
        ),
      ),
    );
    expect(answers.every((x) => x.disruption.status === 'rebooked')).toBe(true);
    const rows: { flightId: number; designator: string; passengerId: number }[] = await a.services.db.dataSource.query(
      "SELECT flight_id AS flightId, designator, passenger_id AS passengerId FROM seats WHERE state = 'booked' " +
        'AND booking_id IN (SELECT booking_id FROM disruption_bookings WHERE status = ?)',
      ['rebooked'],
    );
    const seatKeys = rows.map((r) => `${r.flightId}:${r.designator}`);
    const paxKeys = rows.map((r) => `${r.flightId}:${r.passengerId}`);
    expect(new Set(seatKeys).size).toBe(seatKeys.length);
    expect(new Set(paxKeys).size).toBe(paxKeys.length);
    // Every rebooked passenger has a seat on each of their new flights.
    const legs = answers.reduce((n, x) => n + x.booking.flights.length * x.booking.passengers.length, 0);
    expect(rows).toHaveLength(legs);
    // Nobody is left holding seats they did not choose.
    const held: { n: number | string }[] = await a.services.db.dataSource.query(
      "SELECT COUNT(*) AS n FROM seats WHERE state = 'held' AND booking_id IN " +
        "(SELECT booking_id FROM disruption_bookings WHERE status = 'rebooked')",
    );
    expect(Number(held[0]!.n)).toBe(0);
  }, 300_000);
});
