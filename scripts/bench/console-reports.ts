/**
 * The console's report figures on the database in DATABASE_URL (seed it with `npm run seed:volume`): each report
 * over a year, timed over HTTP (p50/p95/max of --runs requests after two warm-ups), and a year of bookings as CSV
 * with this process's resident memory sampled while it streams. Server and client share the process, so the
 * memory figure is an upper bound for the server alone.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../api/config/config';
import { buildApiServices } from '../../api/container';
import { openDatabase } from '../../api/db/data-source';
import { createHttpApp } from '../../api/http/app';
import { createLogger } from '../../api/logger';
import { systemClock } from '../../api/services/clock';
import { REPORT_NAMES } from '../../api/services/console-reports.service';
import { intFlag, parseCli, runScript, EXIT } from '../lib/cli';

const HELP = `
Usage: npm run bench:console -- --to YYYY-MM-DD [--runs N] [--port P]

Times the console's reports over the year up to --to, and streams that year's bookings as CSV, on DATABASE_URL.
`;

const ADMIN = { email: 'bench.admin@example.com', password: 'console bench passphrase 2026' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<number> {
  const args = parseCli(HELP, { to: { type: 'string' }, runs: { type: 'string' }, port: { type: 'string' } });
  const runs = intFlag('runs', args.runs, 1, 1000) ?? 30;
  const to = args.to ?? new Date().toISOString().slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10);
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'warn' });
  const log = createLogger({ level: 'warn', format: config.logFormat });
  const db = await openDatabase(config.DATABASE_URL, { migrate: false, poolSize: 10 });
  const services = buildApiServices(config, db, log, systemClock);
  const { app } = createHttpApp(services);
  const server = app.listen(intFlag('port', args.port, 0, 65535) ?? 0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/console`;
  try {
    if (!(await services.repos.users.findByEmail(ADMIN.email)))
      await services.auth.createUser({ ...ADMIN, firstName: 'Bench', lastName: 'Admin', role: 'admin' });
    const { accessToken } = await services.auth.login(ADMIN.email, ADMIN.password);
    const headers = { Authorization: `Bearer ${accessToken}` };
    const bookings = (await db.run((em) => em.query('SELECT COUNT(*) AS n FROM bookings'))) as { n: number }[];
    console.log(`${Number(bookings[0]!.n)} bookings; reports over ${from} … ${to}, ${runs} runs each`);
    console.log('| report | p50 ms | p95 ms | max ms | rows |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const name of REPORT_NAMES) {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs + 2; i++) {
        const started = performance.now();
        const res = await fetch(`${base}/reports/${name}?from=${from}&to=${to}`, { headers });
        const body = (await res.json()) as { rows?: unknown[] };
        if (!res.ok) throw new Error(`${name}: ${res.status} ${JSON.stringify(body)}`);
        if (i >= 2) times.push(performance.now() - started);
        rows = body.rows?.length ?? 0;
      }
      times.sort((a, b) => a - b);
      const f = (n: number) => n.toFixed(0);
      console.log(
        `| ${name} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(times.at(-1)!)} | ${rows} |`,
      );
    }

    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = performance.now();
    const res = await fetch(`${base}/reports/bookings.csv?from=${from}&to=${to}`, { headers });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    clearInterval(sampler);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `bookings.csv: ${lines - 1} rows, ${mb(bytes)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
        `RSS ${mb(before)} MB before, ${mb(peak)} MB at most (+${mb(peak - before)} MB)`,
    );
    return EXIT.ok;
  } finally {
    server.closeAllConnections();
    server.close();
    await db.close();
  }
}

runScript('bench:console', main);
