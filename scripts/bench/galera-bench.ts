/**
 * Seat holds on a 3-node Galera cluster (scripts/galera/cluster.sh start) with two app instances, as
 * child processes, on two different nodes (each with the third node as its failover host):
 *   GALERA_URLS=mysql://root@127.0.0.1:33061,mysql://root@127.0.0.1:33062,mysql://root@127.0.0.1:33063 \
 *     npx tsx scripts/bench/galera-bench.ts [--seconds 20] [--connections 32]
 * Reports holds/s, latency percentiles, non-2xx, a hot-seat race, conflict retries per hold (the nodes'
 * certification failures and brute-force aborts, each of which the app retried) and the SQL integrity
 * checks on every node (0 overbooked).
 */
import { loadConfig } from '../../api/config/config';
import { buildApiServices } from '../../api/container';
import { openDatabase } from '../../api/db/data-source';
import { createLogger } from '../../api/logger';
import { systemClock } from '../../api/services/clock';
import { hotSeatRace, killAllInstances, startInstance, stopInstance } from './instances';
import { runLoad } from './load';
import { benchUsers, freshDatabase, holdBody, raceTarget, seatPool, verifyIntegrity } from './setup';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

const nodes = (
  process.env.GALERA_URLS ?? 'mysql://root@127.0.0.1:33061,mysql://root@127.0.0.1:33062,mysql://root@127.0.0.1:33063'
)
  .split(',')
  .map((u) => u.trim());
const withDb = (base: string) => {
  const u = new URL(base);
  u.pathname = '/jetway_galera_bench';
  return u.toString();
};
const failover = (first: number, second: number) =>
  `mysql://root@${new URL(nodes[first]!).host},${new URL(nodes[second]!).host}/jetway_galera_bench`;

async function conflicts(): Promise<number> {
  let n = 0;
  for (const url of nodes) {
    const db = await openDatabase(withDb(url), { migrate: false, poolSize: 1 });
    const rows = (await db.dataSource.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')",
    )) as { Value: string }[];
    n += rows.reduce((sum, r) => sum + Number(r.Value), 0);
    await db.close();
  }
  return n;
}

function rotate<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 20);
  const connections = arg('connections', 32);
  const secret = 'galera-bench-secret-galera-bench-secret';
  const url = withDb(nodes[0]!);
  await freshDatabase(url);
  const config = loadConfig({ DATABASE_URL: url, SEED_DEMO: 'false', JWT_SECRET: secret, LOG_LEVEL: 'warn' });
  const db = await openDatabase(url, { poolSize: 4 });
  const s = buildApiServices(config, db, createLogger({ level: 'warn', format: 'json' }), systemClock);
  const today = new Date().toISOString().slice(0, 10);
  await s.seeder.seedReference();
  await s.seeder.seedSchedule({ today, days: 21 });
  await s.ref.load();
  const race = await raceTarget(s, today);
  const pool = await seatPool(s, today, 14, 120, race.flight.id);
  const tokens = await benchUsers(s, 64);
  console.log(`seeded; ${pool.tasks.length} economy seats on ${pool.flights} flights`);

  const env = (databaseUrl: string) => ({
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: secret,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'error',
    DATABASE_POOL_SIZE: '16',
  });
  const instances = [await startInstance(env(failover(0, 2))), await startInstance(env(failover(1, 2)))];
  const urls = instances.map((i) => i.url);
  try {
    const nextSeat = rotate(pool.tasks);
    const nextToken = rotate(tokens);
    const spec = {
      urls,
      connections,
      method: 'POST' as const,
      next: () => ({
        path: '/api/v1/bookings',
        body: holdBody(nextSeat()),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${nextToken()}` },
      }),
    };
    await runLoad({ ...spec, label: 'warm-up', durationSec: 3 });
    const before = await conflicts();
    const r = await runLoad({ ...spec, label: 'holds', durationSec: seconds });
    const retries = (await conflicts()) - before;
    const raceResult = await hotSeatRace(
      urls,
      tokens,
      holdBody({ flightId: race.flight.id, designator: race.designator }),
      250,
    );
    const checks = [];
    for (const [n, node] of nodes.entries()) {
      const nodeDb = await openDatabase(withDb(node), { migrate: false, poolSize: 2 });
      const ns = buildApiServices(config, nodeDb, createLogger({ level: 'warn', format: 'json' }), systemClock);
      await ns.ref.load();
      checks.push({ node: n + 1, ...(await verifyIntegrity(ns)) });
      await nodeDb.close();
    }
    console.log(
      JSON.stringify(
        {
          holds: { rps: r.rps, p50: r.p50, p95: r.p95, p99: r.p99, ok: r.ok, failures: r.failures, errors: r.errors },
          conflictRetriesPerHold: r.ok ? retries / r.ok : 0,
          conflicts: retries,
          race: raceResult,
          integrity: checks,
        },
        null,
        2,
      ),
    );
  } finally {
    for (const i of instances) await stopInstance(i);
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  killAllInstances();
  process.exit(1);
});
