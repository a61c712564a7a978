/**
 * The chat benchmark (`npm run bench:chat`): concurrent scripted booking conversations through the
 * Direct Line endpoint over real HTTP + WebSocket, against main.ts in a child process, with bare
 * endpoints measured in the same run for comparison. Prints Markdown tables and writes JSON.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadConfig } from '../../api/config/config';
import { type ApiServices, buildApiServices } from '../../api/container';
import { openDatabase } from '../../api/db/data-source';
import { createLogger } from '../../api/logger';
import { systemClock } from '../../api/services/clock';
import { describeDatabase, EXIT, formatDuration, intFlag, parseCli, runScript, UsageError } from '../lib/cli';
import { seedProgressBar } from '../lib/progress';
import { type ChatApp, killAllApps, startApp, stopApp } from './chat/app';
import { type ChatBenchReport, type ChatDbReport, markdown, verdict } from './chat/report';
import { type PhaseResult, type PhaseSpec, type RunContext, runPhase, type Workload } from './chat/run';
import { cpuMsOf, pidFromFile } from './cpu';
import { benchUsers, type DbKind, freshDatabase, serverVersion, verifyIntegrity } from './setup';

const HELP = `
Usage: npm run bench:chat -- [--db mysql|sqlite|both] [--conversations N] [--quick] [options]

Benchmarks web chat end to end: N concurrent scripted booking conversations through the server's own
Direct Line 3.0 endpoint, over real HTTP (keep-alive) and one WebSocket per conversation.
  1. a fresh database (jetway_chatbench on MySQL, data/chatbench.sqlite on SQLite; dropped and
     recreated every run) with the demo inventory for --days days and one signed-in user per
     conversation (access tokens minted here; the chat token route binds them to the conversation);
  2. main.ts in a child process (offline recognizer, workers on) on a free port;
  3. per pacing (paced: --think ms ±50% between the bot's answer and the next message; flat-out: none),
     each with N closed-loop virtual users: GET /healthz, a Direct Line typing activity (no bot turn),
     then chat turns. Each user books in a loop: free-text search, a flight by number, a fare, "any"
     seat, passenger details, contact email, review, "confirm" (seat hold + payment link), "thanks".
A turn is timed from sending POST …/activities to the arrival of the bot's last reply to it on the
WebSocket (the POST waits for the turn, so its answer comes at about the same time; the later of the two
ends the turn). Reports turns/s and p50/p95/p99 beside the bare endpoints, per step, and (probes) where
the server's time goes. Target: chat turn p95 ≤ 50 ms at 100 conversations.

Options:
  --db WHICH          mysql (default), sqlite or both
  --conversations N   concurrent conversations (default 100; --quick: 20)
  --duration S        seconds per measurement (default 20; --quick: 5)
  --turns N           end each measurement after N operations instead of a duration
  --warmup S          seconds of warm-up before each measurement (default 30, so V8 has optimised the hot
                      code: in the first 25 s its compiler takes ~18 % of the app's CPU; --quick: 2)
  --think MS          mean think time of the paced runs (default 1000)
  --pacing WHICH      paced, flat-out or both (default both)
  --workloads LIST    which of healthz,typing,chat to measure (default all three)
  --days D            days of schedule (default 60; --quick: 30)
  --pool N            database connections of the app (default 20, as the app's own default)
  --mysql-url URL     default mysql://root@127.0.0.1:3306/jetway_chatbench (or BENCH_MYSQL_URL);
                      the database is DROPPED first
  --sqlite-file PATH  default data/chatbench.sqlite (deleted first)
  --no-probes         no server-side timing probes (by default they run: a few µs per call)
  --cpu-prof          profile the app's CPU during each measurement (node:inspector); writes
                      data/chat-bench-profiles/*.cpuprofile and prints a summary (slows the app down)
  --trace             print one conversation's transcript with timings (stderr)
  --seed N            seed of the scripted conversations (default 1)
  --out FILE          JSON results (default data/chat-bench-results.json)
  --quick             a small, short smoke run
  --wait-quiet S      before each measurement, wait up to S seconds for other processes to leave
                      the machine mostly idle (for shared machines; default 0)
  -h, --help          show this help

Exit codes: 0 done · 1 errors during the run (failed requests, derailed setup, overbooking) · 2 bad usage.
A missed latency target is reported (MISS) but does not fail the run.
`;

interface Options {
  dbs: DbKind[];
  conversations: number;
  durationSec: number;
  warmupSec: number;
  ops: number | null;
  thinkMs: number;
  pacings: ('paced' | 'flat-out')[];
  workloads: Workload[];
  days: number;
  poolSize: number;
  mysqlUrl: string;
  sqliteFile: string;
  probes: boolean;
  cpuProf: boolean;
  trace: boolean;
  seed: number;
  out: string;
  quick: boolean;
  waitQuietSec: number;
}

function options(): Options {
  const a = parseCli(HELP, {
    db: { type: 'string' },
    conversations: { type: 'string' },
    duration: { type: 'string' },
    turns: { type: 'string' },
    warmup: { type: 'string' },
    think: { type: 'string' },
    pacing: { type: 'string' },
    workloads: { type: 'string' },
    days: { type: 'string' },
    pool: { type: 'string' },
    'mysql-url': { type: 'string' },
    'sqlite-file': { type: 'string' },
    'no-probes': { type: 'boolean' },
    'cpu-prof': { type: 'boolean' },
    trace: { type: 'boolean' },
    seed: { type: 'string' },
    out: { type: 'string' },
    quick: { type: 'boolean' },
    'wait-quiet': { type: 'string' },
  });
  const quick = a.quick ?? false;
  const which = a.db ?? 'mysql';
  if (!['sqlite', 'mysql', 'both'].includes(which))
    throw new UsageError(`--db must be mysql, sqlite or both (got "${which}")`);
  const pacing = a.pacing ?? 'both';
  if (!['paced', 'flat-out', 'both'].includes(pacing))
    throw new UsageError(`--pacing must be paced, flat-out or both (got "${pacing}")`);
  const workloads = (a.workloads ?? 'healthz,typing,chat').split(',').map((w) => w.trim()) as Workload[];
  if (workloads.length === 0 || workloads.some((w) => !['healthz', 'typing', 'chat'].includes(w)))
    throw new UsageError(`--workloads must list healthz, typing and/or chat (got "${a.workloads}")`);
  const mysqlUrl = a['mysql-url'] ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/jetway_chatbench';
  if (!/^mysql:\/\/.+\/\w+$/.test(mysqlUrl))
    throw new UsageError('--mysql-url must look like mysql://user:pass@host:3306/database');
  return {
    dbs: which === 'both' ? ['mysql', 'sqlite'] : [which as DbKind],
    conversations: intFlag('conversations', a.conversations, 1, 5000) ?? (quick ? 20 : 100),
    durationSec: intFlag('duration', a.duration, 1, 3600) ?? (quick ? 5 : 20),
    warmupSec: intFlag('warmup', a.warmup, 0, 600) ?? (quick ? 2 : 30),
    ops: intFlag('turns', a.turns, 1, 10_000_000) ?? null,
    thinkMs: intFlag('think', a.think, 0, 60_000) ?? 1000,
    pacings: pacing === 'both' ? ['paced', 'flat-out'] : [pacing as 'paced' | 'flat-out'],
    workloads,
    days: intFlag('days', a.days, 20, 360) ?? (quick ? 30 : 60),
    poolSize: intFlag('pool', a.pool, 1, 500) ?? 20,
    mysqlUrl,
    sqliteFile: a['sqlite-file'] ?? 'data/chatbench.sqlite',
    probes: !(a['no-probes'] ?? false),
    cpuProf: a['cpu-prof'] ?? false,
    trace: a.trace ?? false,
    seed: intFlag('seed', a.seed, 0, 2 ** 31) ?? 1,
    out: a.out ?? 'data/chat-bench-results.json',
    quick,
    waitQuietSec: intFlag('wait-quiet', a['wait-quiet'], 0, 3600) ?? 0,
  };
}

const say = (msg: string) => process.stderr.write(`${msg}\n`);

/**
 * The app's CPU ms per second with no traffic (its workers and timers), over `ms` after a short settle. On a
 * shared machine few turns may finish in a measurement, and this part would otherwise count towards them.
 */
async function idleCpuRate(pid: number, ms: number): Promise<number | undefined> {
  await new Promise((r) => setTimeout(r, 2_000));
  const before = cpuMsOf(pid);
  const started = Date.now();
  await new Promise((r) => setTimeout(r, ms));
  const after = cpuMsOf(pid);
  return before === undefined || after === undefined ? undefined : ((after - before) / (Date.now() - started)) * 1000;
}

/** mysqld's process id, when it runs on this machine (for its CPU time per operation). */
async function mysqlPid(s: ApiServices): Promise<number | undefined> {
  try {
    const rows = await s.db.run((em) => em.query('SELECT @@pid_file AS f') as Promise<{ f: string }[]>);
    return rows[0]?.f ? pidFromFile(rows[0].f) : undefined;
  } catch {
    return undefined;
  }
}

async function benchDatabase(kind: DbKind, o: Options, jwtSecret: string): Promise<ChatDbReport> {
  const url = kind === 'mysql' ? o.mysqlUrl : `sqlite:${o.sqliteFile}`;
  const where = describeDatabase(url);
  const dataDir = mkdtempSync(join(tmpdir(), 'jetway-chatbench-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    // One load generator on one address plays 100 travellers: the per-address chat limits would stop it.
    RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '100000',
    RATE_LIMIT_CHAT_TOKENS_PER_15_MIN: '100000',
    DATABASE_URL: url,
    DATABASE_POOL_SIZE: String(o.poolSize),
    JWT_SECRET: jwtSecret,
    ACCESS_TOKEN_MINUTES: '240',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    // Mail (booking emails) goes to a throw-away outbox.
    DATA_DIR: dataDir,
    PUBLIC_URL: '',
    OPENAI_API_KEY: '',
    MICROSOFT_APP_ID: '',
  };
  const config = loadConfig(env);
  const today = new Date().toISOString().slice(0, 10);

  say(`\n=== ${where} ===`);
  say('fresh database: dropping and migrating');
  await freshDatabase(url);
  const db = await openDatabase(url, { poolSize: 4 });
  let app: ChatApp | undefined;
  try {
    const services = buildApiServices(config, db, createLogger({ level: 'warn', format: 'json' }), systemClock);
    const server = await serverVersion(services);
    const dbPid = kind === 'mysql' ? await mysqlPid(services) : undefined;
    await services.seeder.seedReference();
    await services.seeder.seedSchedule({ today, days: o.days, progress: seedProgressBar(`seeding ${kind}`) });
    const flights = await services.repos.flights.count();
    await services.ref.load();
    const tokens = await benchUsers(services, o.conversations);
    say(`${flights.toLocaleString('en-US')} flights over ${o.days} days; ${tokens.length} signed-in users`);

    // Start-up compiles the app through tsx: minutes on a busy shared machine.
    app = await startApp(env, { probes: o.probes, timeoutMs: 300_000 });
    say(`app (main.ts) pid ${app.pid} at ${app.url}${o.probes ? ', timing probes on' : ''}`);
    const idleCpuMsPerSec = await idleCpuRate(app.pid, 10_000);
    if (idleCpuMsPerSec !== undefined) say(`app idle (no traffic): ${idleCpuMsPerSec.toFixed(1)} CPU ms/s`);

    const profDir = o.cpuProf ? resolve('data/chat-bench-profiles') : null;
    if (profDir) mkdirSync(profDir, { recursive: true });
    const ctx: RunContext = {
      app,
      dbPid,
      tokens,
      today,
      days: o.days,
      seed: o.seed,
      probes: o.probes,
      cpuProfDir: profDir,
      label: kind === 'mysql' ? 'MySQL' : 'SQLite',
      trace: o.trace,
      waitQuietSec: o.waitQuietSec,
      idleCpuMsPerSec,
      log: say,
    };
    const phases: PhaseResult[] = [];
    for (const pacing of o.pacings) {
      const thinkMs = pacing === 'paced' ? o.thinkMs : 0;
      say(
        `${pacing}${thinkMs ? ` (think ${thinkMs} ms ±50%)` : ''}, ` +
          `${o.conversations} conversations, ` +
          `${o.ops ? `${o.ops} operations` : `${o.durationSec} s`} each after ` +
          `${o.warmupSec} s warm-up:`,
      );
      for (const workload of o.workloads) {
        const spec: PhaseSpec = {
          workload,
          pacing,
          thinkMs,
          conversations: o.conversations,
          warmupSec: o.warmupSec,
          durationSec: o.durationSec,
          ...(o.ops ? { ops: o.ops } : {}),
        };
        phases.push(await runPhase({ ...ctx, trace: o.trace && workload === 'chat' && pacing === o.pacings[0] }, spec));
      }
    }
    if (profDir) say(`CPU profiles in ${profDir} (open in Chrome DevTools or speedscope)`);
    await stopApp(app);
    app = undefined;

    const integrity = await verifyIntegrity(services);
    return {
      database: kind,
      where,
      server,
      flights,
      phases,
      heldBookings: integrity.heldBookings,
      overbookedSeats: integrity.overbookedSeats,
    };
  } finally {
    if (app) await stopApp(app);
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const o = options();
  process.on('SIGINT', () => {
    killAllApps();
    process.exit(130);
  });
  const started = Date.now();
  const cpu = cpus();
  const report: ChatBenchReport = {
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
      conversations: o.conversations,
      thinkMs: o.thinkMs,
      durationSec: o.durationSec,
      warmupSec: o.warmupSec,
      ops: o.ops,
      days: o.days,
      poolSize: o.poolSize,
      probes: o.probes,
      cpuProf: o.cpuProf,
    },
    databases: [],
  };
  // One secret for this process (which mints the users' access tokens) and the app (which checks them).
  const jwtSecret = randomBytes(32).toString('hex');
  for (const kind of o.dbs) report.databases.push(await benchDatabase(kind, o, jwtSecret));

  const out = resolve(o.out);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, (k, v: unknown) => (k === 'samples' ? undefined : v), 2)}\n`);
  const v = verdict(report);
  process.stdout.write(
    `\n${markdown(report)}\n\n` +
      `${v.lines.join('\n')}\n\nraw results: ${out} (run took ` +
      `${formatDuration(Date.now() - started)})\n`,
  );
  return v.ok ? EXIT.ok : EXIT.failure;
}

runScript('bench:chat', main);
