import { describeOnGalera, galeraDatabase, type GaleraDatabase } from '../../helpers/galera';
import { expectEveryTurnKept, expectStartedOnce, startAll } from '../../helpers/multi-process';
import type { ServerProcess } from '../../helpers/server-process';

/**
 * Real app processes on different nodes of a multi-primary cluster, where GET_LOCK would lock one node only:
 * - four started at once against a database that does not exist yet create, migrate and seed it exactly once
 *   (checked on every node);
 * - then two of them, on two nodes, receive one conversation's messages at once: every turn kept.
 */
const INSTANCES = 4;
const STARTUP = 420_000;

describeOnGalera('start-up and conversation turns on a Galera cluster', () => {
  let cluster: GaleraDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    cluster = await galeraDatabase();
    await cluster.drop(); // start from nothing, as a new deployment does
  }, 60_000);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await cluster?.drop();
  });

  it(
    `${INSTANCES} instances on different nodes create, migrate and seed a fresh database exactly once`,
    async () => {
      const secret = 'galera-startup-test-secret-0123456789abcdef';
      servers = await startAll(
        Array.from({ length: INSTANCES }, (_, i) => ({
          DATABASE_URL: cluster.urls[i % cluster.urls.length]!,
          SEED_DEMO: 'true',
          LOG_LEVEL: 'info',
          JWT_SECRET: secret,
        })),
        STARTUP,
      );
      for (const url of cluster.urls) await expectStartedOnce(servers, url);
    },
    STARTUP + 60_000,
  );

  it('two instances on two nodes serving one conversation at once keep every turn', async () => {
    expect(servers.length).toBe(INSTANCES);
    await expectEveryTurnKept([servers[0]!, servers[1]!], cluster.urls[cluster.urls.length - 1]!);
  }, 90_000);
});
