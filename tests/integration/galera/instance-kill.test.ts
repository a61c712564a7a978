import { ManualClock } from '../../../api/services/clock';
import { describeGaleraFaults, galeraDatabase, type GaleraDatabase } from '../../helpers/galera';
import { expectNothingLost, killInstanceUnderLoad } from '../../helpers/instance-kill';
import { type Instance, openInstance } from '../../helpers/instances';

/**
 * kill -9 of an app instance (not a node) under load on a Galera cluster: two real app processes on two
 * different nodes take a stream of holds; one is killed mid-stream. Nothing acknowledged is lost, checked in
 * SQL on every node (the single-server twin is tests/integration/faults/instance-kill.test.ts).
 */
describeGaleraFaults('an instance killed with kill -9 under load on a Galera cluster', () => {
  let db: GaleraDatabase;
  let seeder: Instance;

  beforeAll(async () => {
    db = await galeraDatabase();
    seeder = await openInstance(db.configs[0]!, { clock: new ManualClock(new Date()), seedDays: 2 });
  }, 180_000);
  afterAll(async () => {
    await seeder?.close();
    await db?.drop();
  });

  it('the survivor keeps serving and every acknowledged hold is on every node with its seats', async () => {
    const departureDate = new Date(seeder.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const search = await seeder.http
      .get('/api/v1/flights/search')
      .query({ origin: 'LHR', destination: 'JFK', departureDate, nonStop: 'true' });
    const flightIds = (search.body.outbound as { segments: { flightId: number }[] }[]).map(
      (o) => o.segments[0]!.flightId,
    );
    expect(flightIds.length).toBeGreaterThan(0);
    const user = await seeder.services.auth.createUser({
      email: 'killed@example.com',
      password: 'correct horse battery staple',
      firstName: 'Kill',
      lastName: 'Nine',
      role: 'traveller',
    });
    const result = await killInstanceUnderLoad({
      databaseUrls: [db.urls[0]!, db.urls[1]!],
      checkUrls: db.urls,
      jwtSecret: db.configs[0]!.JWT_SECRET,
      token: (await seeder.services.auth.issue(user)).accessToken,
      flightIds,
    });
    expectNothingLost(result);
  }, 300_000);
});
