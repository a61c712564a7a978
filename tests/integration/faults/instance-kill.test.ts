import { expectNothingLost, killInstanceUnderLoad } from '../../helpers/instance-kill';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * kill -9 of an app instance under load on a single MySQL server: two real app processes share the database,
 * one is killed mid-stream of holds; nothing acknowledged is lost (the cluster twin is in tests/integration/galera).
 */
const JWT_SECRET = 'instance-kill-test-secret-0123456789abcdef';

(DB_TARGETS.includes('mysql') ? describe : describe.skip)('an instance killed with kill -9 under load (mysql)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target: 'mysql', days: 2, env: { JWT_SECRET } });
  }, 120_000);
  afterAll(() => t?.close());

  it('the survivor keeps serving and every acknowledged hold is in the database with its seats', async () => {
    const departureDate = new Date(t.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    const search = await t.http
      .get('/api/v1/flights/search')
      .query({ origin: 'LHR', destination: 'JFK', departureDate, nonStop: 'true' });
    const flightIds = (search.body.outbound as { segments: { flightId: number }[] }[]).map(
      (o) => o.segments[0]!.flightId,
    );
    expect(flightIds.length).toBeGreaterThan(0);
    const url = t.services.config.DATABASE_URL;
    const result = await killInstanceUnderLoad({
      databaseUrls: [url, url],
      checkUrls: [url],
      jwtSecret: JWT_SECRET,
      token: await t.token(),
      flightIds,
    });
    expectNothingLost(result);
  }, 300_000);
});
