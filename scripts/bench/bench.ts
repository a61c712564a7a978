/**
 * The booking core's benchmark (`npm run bench`): search latency and throughput over HTTP, seat-hold
 * throughput, a hot-seat race and SQL integrity checks, on MySQL and SQLite with ≥ 100,000 flights.
 * A script, not a test: it prints Markdown tables and writes the raw numbers as JSON.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../api/config/config';
import { type ApiServices, buildApiServices } from '../../api/container';
import { openDatabase } from '../../api/db/data-source';
import { createLogger } from '../../api/logger';
import { systemClock } from '../../api/services/clock';
import { describeDatabase, EXIT, formatDuration, intFlag, parseCli, runScript, UsageError } from '../lib/cli';
import { seedProgressBar } from '../lib/progress';
import { pidFromFile, waitForQuiet, withCpu } from './cpu';
import {
  type AppInstance,
  hotSeatRace,
  killAllInstances,
  type RaceResult,
  startInstance,
  stopInstance,
} from './instances';
import { runLoad } from './load';
import { type BenchReport, type DbReport, type HoldRun, type Measured, markdown, verdict } from './report';
import {
  benchUsers,
  type DbKind,
  freshDatabase,
  holdBody,
  raceTarget,
  searchWorkloads,
  seatPool,
  serverVersion,
  verifyIntegrity,
} from './setup';

const HELP = `
Usage: npm run bench -- [--db sqlite|mysql|both] [--flights N] [--quick] [options]

Benchmarks the booking core on a fresh, dedicated database per engine (jetway_bench on MySQL,
data/bench.sqlite on SQLite; both are dropped and recreated on every run):
  1. seeds ≥ N flights (progress bar), creates seat rows for the hold pool, users and tokens;
  2. starts the app (scripts/bench/server.ts: the same composition as main.ts) as a child process;
  3. search over HTTP with autocannon: GET /healthz, (a) nonstop single-date, (b) connecting,
     (c) flexDays=3; p50/p95/p99 and req/s, each against healthz;
  4. seat holds: POST /api/v1/bookings on distinct seats → holds/s, with one app process and
     (MySQL) with --instances processes sharing the database;
  5. a hot-seat race: --race simultaneous requests for one seat (exactly one may win);
  6. SQL checks: no cabin over capacity, no passenger with two seats on a flight ("overbooked seats: 0").

Options:
  --db WHICH             sqlite, mysql or both (default both)
  --flights N            flights to schedule (default 100000; --quick: 20000)
  --days D               days of schedule (default 120; --quick: 65)
  --duration S           seconds per measurement (default 10; --quick: 3)
  --connections C        concurrent connections for search (default 10)
  --hold-connections C   concurrent connections for holds (default 32)
  --instances N          app processes for the multi-instance hold run on MySQL (default 2; 1 = skip)
  --pool N               database connections per app process (default 20)
  --race N               simultaneous requests in the hot-seat race (default 250)
  --mysql-url URL        server and database to use (default mysql://root@127.0.0.1:3306/jetway_bench,
                         or BENCH_MYSQL_URL; add ?socket=PATH to connect through the server's Unix
                         socket); the database is DROPPED first
  --sqlite-file PATH     default data/bench.sqlite (deleted first)
  --out FILE             JSON results (default data/bench-results.json)
  --quick                a smaller, shorter smoke run
  --holds-only           skip the search measurements (for profiling the hold path)
  --wait-quiet S         before each measurement, wait up to S seconds for other processes to
                         leave the machine mostly idle (for shared machines; default 0)
  -h, --help             show this help

Exit codes: 0 invariants held · 1 an invariant failed (race winners ≠ 1, overbooking, 5xx) or the
run broke · 2 bad usage. Missed performance targets are reported (MISS) but do not fail the run.
`;

interface Options {
  dbs: DbKind[];
  flights: number;
  days: number;
  durationSec: number;
  warmupSec: number;
  searchConnections: number;
  holdConnections: number;
  instances: number;
  poolSize: number;
  raceRequests: number;
  users: number;
  holdFlights: number;
  mysqlUrl: string;
  sqliteFile: string;
  out: string;
  quick: boolean;
  holdsOnly: boolean;
  waitQuietSec: number;
}

function options(): Options {
  const a = parseCli(HELP, {
    db: { type: 'string' },
    flights: { type: 'string' },
    days: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'hold-connections': { type: 'string' },
    instances: { type: 'string' },
    pool: { type: 'string' },
    race: { type: 'string' },
    'mysql-url': { type: 'string' },
    'sqlite-file': { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean' },
    'holds-only': { type: 'boolean' },
    'wait-quiet': { type: 'string' },
  });
  const quick = a.quick ?? false;
  const which = a.db ?? 'both';
  if (!['sqlite', 'mysql', 'both'].includes(which))
    throw new UsageError(`--db must be sqlite, mysql or both (got "${which}")`);
  const mysqlUrl = a['mysql-url'] ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/jetway_bench';
  if (!/^mysql:\/\/[^/]+\/\w+(\?socket=.+)?$/.test(mysqlUrl))
    throw new UsageError(
      '--mysql-url must look like mysql://user:pass@host:3306/database (or …/database?socket=/run/mysqld/mysqld.sock)',
    );
  const durationSec = intFlag('duration', a.duration, 1, 600) ?? (quick ? 3 : 10);
  return {
    dbs: which === 'both' ? ['mysql', 'sqlite'] : [which as DbKind],
    flights: intFlag('flights', a.flights, 1000, 5_000_000) ?? (quick ? 20_000 : 100_000),
    days: intFlag('days', a.days, 65, 366) ?? (quick ? 65 : 120),
    durationSec,
    warmupSec: quick ? 1 : 2,
    searchConnections: intFlag('connections', a.connections, 1, 1000) ?? 10,
    holdConnections: intFlag('hold-connections', a['hold-connections'], 1, 1000) ?? 32,
    instances: intFlag('instances', a.instances, 1, 16) ?? 2,
    poolSize: intFlag('pool', a.pool, 1, 200) ?? 20,
    raceRequests: intFlag('race', a.race, 2, 2000) ?? 250,
    users: quick ? 50 : 200,
    holdFlights: quick ? 60 : 400,
    mysqlUrl,
    sqliteFile: a['sqlite-file'] ?? 'data/bench.sqlite',
    out: a.out ?? 'data/bench-results.json',
    quick,
    holdsOnly: a['holds-only'] ?? false,
    waitQuietSec: intFlag('wait-quiet', a['wait-quiet'], 0, 3600) ?? 0,
  };
}

/** mysqld's process id, when it runs on this machine (for its CPU time per request). */
async function mysqlPid(s: ApiServices): Promise<number | undefined> {
  try {
    const rows = await s.db.run((em) => em.query('SELECT @@pid_file AS f') as Promise<{ f: string }[]>);
    return rows[0]?.f ? pidFromFile(rows[0].f) : undefined;
  } catch {
    return undefined;
  }
}

const say = (msg: string) => process.stderr.write(`${msg}\n`);
const brief = (r: Measured) =>
  `${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(2)} ms, p95 ${r.p95.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms` +
  (r.appCpuMs !== null && r.requests ? `, app CPU ${(r.appCpuMs / r.requests).toFixed(2)} ms/req` : '') +
  (r.dbCpuMs !== null && r.requests ? `, DB CPU ${(r.dbCpuMs / r.requests).toFixed(2)} ms/req` : '') +
  (r.requests ? `, load generator CPU ${(r.loadGenCpuMs / r.requests).toFixed(2)} ms/req` : '') +
  (r.otherCpuPct !== null ? `, other processes ${Math.round(r.otherCpuPct)}% CPU` : `, load ${r.loadAvg.toFixed(1)}`) +
  (r.requests > r.ok ? `, ${r.requests - r.ok} non-2xx ${JSON.stringify(r.failures)}` : '');

/** Cycles through a list forever. */
function rotate<T>(xs: T[]): () => T {
  let i = 0;
  return () => xs[i++ % xs.length]!;
}

async function averageOffers(url: string, paths: string[]): Promise<number> {
  const sample = paths.slice(0, 10);
  let offers = 0;
  for (const p of sample) {
    const res = await fetch(`${url}${p}`);
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
    offers += ((await res.json()) as { outbound: unknown[] }).outbound.length;
  }
  return offers / sample.length;
}

async function benchDatabase(kind: DbKind, o: Options, jwtSecret: string): Promise<DbReport> {
  const url = kind === 'mysql' ? o.mysqlUrl : `sqlite:${o.sqliteFile}`;
  const where = describeDatabase(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(o.poolSize),
    JWT_SECRET: jwtSecret,
    ACCESS_TOKEN_MINUTES: '240',
    HOLD_MINUTES: '60',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  };
  const config = loadConfig(env);
  const today = new Date().toISOString().slice(0, 10);

  say(`\n=== ${where} ===`);
  say('fresh database: dropping and migrating');
  await freshDatabase(url);
  // This connection stays open (idle) until the checks at the end: on SQLite it also pins the file
  // the instances write to, should anything delete or replace data/bench.sqlite meanwhile.
  const db = await openDatabase(url, { poolSize: 4 });
  const services = buildApiServices(config, db, createLogger({ level: 'warn', format: 'json' }), systemClock);
  const server = await serverVersion(services);
  const dbPid = kind === 'mysql' ? await mysqlPid(services) : undefined;

  const seedStarted = Date.now();
  await services.seeder.seedReference();
  await services.seeder.seedSchedule({
    today,
    days: o.days,
    targetFlights: o.flights,
    progress: seedProgressBar(`seeding ${kind}`),
  });
  const seedSeconds = (Date.now() - seedStarted) / 1000;
  const flights = await services.repos.flights.count();
  say(`${flights.toLocaleString('en-US')} flights seeded in ${formatDuration(seedSeconds * 1000)}`);
  if (flights < o.flights) throw new Error(`only ${flights} flights were scheduled; ${o.flights} were asked for`);
  await services.ref.load();

  const work = await searchWorkloads(services, today, 60);
  say(
    `search routes: nonstop ` +
      `${work.nonstopRoutes.map((r) => r.join('→')).join(', ')}; connecting ` +
      `${work.connectingRoutes.map((r) => r.join('→')).join(', ')}`,
  );
  const race = await raceTarget(services, today);
  const pool = await seatPool(services, today, Math.min(100, o.days - 10), o.holdFlights, race.flight.id);
  say(
    `hold pool: ` +
      `${pool.tasks.length.toLocaleString('en-US')} economy seats on ` +
      `${pool.flights} flights (` +
      `${pool.seatRows.toLocaleString('en-US')} seat rows created in ` +
      `${formatDuration(pool.ms)})`,
  );
  const tokens = await benchUsers(services, o.users);
  say(`${tokens.length} users with access tokens`);
  const inode = kind === 'sqlite' ? statSync(o.sqliteFile).ino : 0;

  const quiet = async () => {
    if (o.waitQuietSec <= 0) return;
    const busy = await waitForQuiet(o.waitQuietSec);
    if (busy !== null && busy >= 25)
      say(`  (the machine is still ${Math.round(busy)}% busy after waiting ${o.waitQuietSec} s; measuring anyway)`);
  };
  const instances: AppInstance[] = [];
  const report: Partial<DbReport> = { database: kind, where, server, flights, seedSeconds };
  let holdsAccepted = 0;
  try {
    instances.push(await startInstance(env));
    const one = [instances[0]!.url];
    say(`app instance pid ${instances[0]!.pid} at ${one[0]}`);

    if (!o.holdsOnly) {
      const offers = {
        nonstop: await averageOffers(one[0]!, work.nonstop),
        connecting: await averageOffers(one[0]!, work.connecting),
        flex: await averageOffers(one[0]!, work.flex),
      };
      const measure = async (label: string, paths: string[]): Promise<Measured> => {
        const next = rotate(paths);
        const spec = { urls: one, connections: o.searchConnections, next: () => ({ path: next() }) };
        await quiet();
        await runLoad({ ...spec, label: `${label} (warm-up)`, durationSec: o.warmupSec });
        const r = await withCpu([instances[0]!.pid], dbPid, () =>
          runLoad({ ...spec, label, durationSec: o.durationSec }),
        );
        say(`  ${label.padEnd(24)} ${brief(r)}`);
        return r;
      };
      say(`search, ${o.searchConnections} connections, ${o.durationSec} s each:`);
      const healthz = await measure('GET /healthz', ['/healthz']);
      const search = {
        healthz,
        nonstop: await measure('(a) nonstop', work.nonstop),
        connecting: await measure('(b) connecting', work.connecting),
        flex: await measure('(c) flexDays=3', work.flex),
      };
      Object.assign(report, { search, offers });
    }

    const nextSeat = rotate(pool.tasks);
    const nextToken = rotate(tokens);
    const holdRun = async (urls: string[]): Promise<HoldRun> => {
      const spec = {
        urls,
        connections: o.holdConnections,
        method: 'POST' as const,
        next: () => ({
          path: '/api/v1/bookings',
          body: holdBody(nextSeat()),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${nextToken()}` },
        }),
      };
      await quiet();
      const warm = await runLoad({ ...spec, label: 'holds (warm-up)', durationSec: o.warmupSec });
      const pids = instances.filter((x) => urls.includes(x.url)).map((x) => x.pid);
      const r = await withCpu(pids, dbPid, () => runLoad({ ...spec, label: 'holds', durationSec: o.durationSec }));
      holdsAccepted += warm.ok + r.ok;
      if (holdsAccepted > pool.tasks.length) say('  warning: the seat pool ran out; later holds asked for taken seats');
      say(
        `  holds, ${urls.length} app process` +
          `${urls.length === 1 ? '' : 'es'}, ` +
          `${o.holdConnections} connections: ${brief(r)}`,
      );
      return { ...r, instances: urls.length, poolSize: o.poolSize };
    };
    const raceBody = holdBody({ flightId: race.flight.id, designator: race.designator });
    const raceRun = async (urls: string[], designator: string): Promise<RaceResult> => {
      const body = designator === race.designator ? raceBody : holdBody({ flightId: race.flight.id, designator });
      await quiet();
      const r = await hotSeatRace(urls, tokens, body, o.raceRequests);
      holdsAccepted += r.winners;
      say(
        `  race for ${designator} on flight ${race.flight.id}, ` +
          `${urls.length} app process${urls.length === 1 ? '' : 'es'}: ` +
          `${r.requests} requests → ${r.winners} winner, ` +
          `${r.seatUnavailable}× 409 seat_unavailable` +
          `${Object.keys(r.other).length ? `, other ${JSON.stringify(r.other)}` : ''} (` +
          `${r.ms} ms)`,
      );
      return r;
    };

    say('seat holds:');
    const holds: HoldRun[] = [await holdRun(one)];
    const races: RaceResult[] = [await raceRun(one, race.designator)];
    if (kind === 'mysql' && o.instances > 1) {
      for (let i = 1; i < o.instances; i++) instances.push(await startInstance(env));
      const all = instances.map((x) => x.url);
      holds.push(await holdRun(all));
      // A second seat for the race across processes (the first is taken).
      const layout = services.ref
        .aircraft(race.flight.aircraftCode)!
        .seats.filter((s) => s.cabin === 'economy' && s.tier === 'standard' && s.designator !== race.designator);
      races.push(await raceRun(all, layout[0]!.designator));
    }
    Object.assign(report, { holds, races });
  } finally {
    await Promise.all(instances.map(stopInstance));
  }

  if (kind === 'sqlite' && (!existsSync(o.sqliteFile) || statSync(o.sqliteFile).ino !== inode))
    say(
      `warning: ` +
        `${o.sqliteFile} was deleted or replaced by another process during the run; ` +
        'checking the original through the open connection',
    );
  const integrity = await verifyIntegrity(services);
  await db.close();
  say(`overbooked seats: ${integrity.overbookedSeats}`);
  return {
    ...(report as DbReport),
    seatPool: { flights: pool.flights, seatRows: pool.seatRows, seconds: pool.ms / 1000 },
    routes: {
      nonstop: work.nonstopRoutes.map((r) => r.join('→')),
      connecting: work.connectingRoutes.map((r) => r.join('→')),
    },
    integrity,
    holdsAccepted,
  };
}

async function main(): Promise<number> {
  const o = options();
  process.on('SIGINT', () => {
    killAllInstances();
    process.exit(130);
  });
  const cpu = cpus();
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    quick: o.quick,
    machine: {
      cpus: cpu.length,
      cpuModel: cpu[0]?.model.trim() ?? '?',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    settings: {
      flights: o.flights,
      days: o.days,
      durationSec: o.durationSec,
      searchConnections: o.searchConnections,
      holdConnections: o.holdConnections,
      instances: o.instances,
      poolSize: o.poolSize,
      raceRequests: o.raceRequests,
    },
    databases: [],
  };
  // One secret for the parent (which issues the tokens) and every app instance (which checks them).
  const jwtSecret = randomBytes(32).toString('hex');
  for (const kind of o.dbs) report.databases.push(await benchDatabase(kind, o, jwtSecret));

  const out = resolve(o.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  const v = verdict(report);
  process.stdout.write(`\n${markdown(report)}\n\n${v.lines.join('\n')}\n\nraw results: ${out}\n`);
  return v.ok ? EXIT.ok : EXIT.failure;
}

runScript('bench', main);
