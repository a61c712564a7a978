/**
 * Disruption at scale on MySQL: a Boeing 777 with 300 booked passengers (one per booking) is cancelled; two
 * service instances (as two servers) tell every booking and make its offers, holding seats on the replacement
 * flights; then all 300 travellers accept their first rebooking offer at the same moment. Prints the time to tell
 * them all, the time to rebook them all, and the seat conflicts found (a seat offered or booked twice: must be 0).
 *
 *   npm run bench:disruption                                  # MySQL at 127.0.0.1:3306, root, no password
 *   npm run bench:disruption -- --mysql-url mysql://user:pw@host:3306 --passengers 300
 *
 * It works in a fresh database of its own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import { loadConfig } from '../api/config/config';
import { type ApiServices, buildApiServices } from '../api/container';
import { databaseLimits, ensureMysqlDatabase, mysqlServerOptions, openDatabase } from '../api/db/data-source';
import type { Db } from '../api/db/db';
import { createLogger } from '../api/logger';
import { systemClock } from '../api/services/clock';
import { intFlag, parseCli, runScript, EXIT } from './lib/cli';

const HELP = `
Usage: npm run bench:disruption -- [--mysql-url URL] [--passengers N]

Cancels a flight with N (300) booked passengers on a fresh MySQL database; times telling them all and rebooking
them all at once; counts seat conflicts.
`;
const SYSTEM = { kind: 'system', name: 'bench-disruption' } as const;

async function main(): Promise<number> {
  const args = parseCli(HELP, { 'mysql-url': { type: 'string' }, passengers: { type: 'string' } });
  const passengers = intFlag('passengers', args.passengers, 1, 344) ?? 300;
  const base = new URL(args['mysql-url'] ?? process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306');
  const name = `jetway_bench_disruption_${randomBytes(4).toString('hex')}`;
  base.pathname = `/${name}`;
  const url = base.toString();
  await ensureMysqlDatabase(url);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: url,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DISRUPTION_REBOOK_OPTIONS: '2',
    // 300 answers arrive at once: they wait for a connection rather than being turned away.
    DATABASE_QUEUE_LIMIT: '100000',
  });
  const log = createLogger({ level: 'warn', format: 'json' });
  const dbs: Db[] = [];
  try {
    const open = async () => {
      const db = await openDatabase(url, { poolSize: 20, limits: databaseLimits(config) });
      dbs.push(db);
      return buildApiServices(config, db, log, systemClock);
    };
    const a = await open();
    await a.seeder.seedReference();
    await a.ref.load();
    const b = await open();
    await b.ref.load();
    const flights = await schedule(a);
    const pnrs = await bookedOn(a, flights.disrupted, passengers);
    console.log(`${pnrs.length} paid bookings (1 passenger each) on the 777 to cancel; MySQL ${await version(a)}`);

    const t0 = performance.now();
    await a.disruptions.disrupt(SYSTEM, flights.disrupted, { kind: 'cancelled', reason: 'bench' });
    // Both instances work until every booking is told (as their workers would, every DISRUPTION_SECONDS).
    while ((await told(a)) < pnrs.length) await Promise.all([a.disruptions.notifyDue(), b.disruptions.notifyDue()]);
    const notifyMs = performance.now() - t0;
    const events = await count(a, "SELECT COUNT(*) AS n FROM domain_events WHERE type = 'booking.disrupted'");
    const mails = await count(a, "SELECT COUNT(*) AS n FROM mail_outbox WHERE dedupe_key LIKE 'disruption:%'");
    const views = [];
    for (const p of pnrs) views.push(await a.disruptions.disruptionFor(SYSTEM, p));
    const withRebook = views.filter((v) => v?.offers.some((o) => o.kind === 'rebook'));
    const offered = views.flatMap((v) => v!.offers.flatMap((o) => o.seats.map((s) => `${s.flightId}:${s.designator}`)));
    const offerConflicts = offered.length - new Set(offered).size;

    const t1 = performance.now();
    const outcomes = await Promise.allSettled(
      withRebook.map((v, i) => (i % 2 ? b : a).disruptions.chooseOffer(SYSTEM, v!.pnr, 'rebook-1')),
    );
    const rebookMs = performance.now() - t1;
    const rebooked = outcomes.filter((o) => o.status === 'fulfilled').length;
    const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [String(o.reason)] : []));
    const seats = (await a.db.run((em) =>
      em.query(
        "SELECT flight_id AS f, designator AS d, passenger_id AS p FROM seats WHERE state = 'booked' AND flight_id <> ?",
        [flights.disrupted],
      ),
    )) as { f: number; d: string; p: number }[];
    const seatConflicts =
      seats.length -
      new Set(seats.map((s) => `${s.f}:${s.d}`)).size +
      (seats.length - new Set(seats.map((s) => `${s.f}:${s.p}`)).size);

    console.log('| measure | value |');
    console.log('| --- | --- |');
    console.log(
      `| bookings told (rows / booking.disrupted events / mails queued) | ${await told(a)} / ${events} / ${mails} |`,
    );
    console.log(
      `| time to tell all ${pnrs.length} (offers made, seats held; 2 instances) | ${(notifyMs / 1000).toFixed(1)} s |`,
    );
    console.log(`| bookings offered another flight | ${withRebook.length} |`);
    console.log(`| seats offered twice | ${offerConflicts} |`);
    console.log(
      `| time to rebook ${withRebook.length} acceptances arriving together | ${(rebookMs / 1000).toFixed(1)} s |`,
    );
    console.log(`| rebooked / refused | ${rebooked} / ${failed.length} |`);
    console.log(`| seats booked twice | ${seatConflicts} |`);
    if (failed.length > 0) console.log(`first refusal: ${failed[0]}`);
    // Let both instances finish what the answers queued (events, mails with the new e-tickets) before closing.
    const t2 = performance.now();
    for (const s of [a, b]) while ((await s.events.dispatchPending()) + (await s.mail.sendDue()) > 0);
    console.log(`(then ${((performance.now() - t2) / 1000).toFixed(1)} s to send what was still queued)`);
    return offerConflicts + seatConflicts === 0 ? EXIT.ok : EXIT.failure;
  } finally {
    for (const db of dbs) await db.close();
    const admin = new DataSource(mysqlServerOptions(url));
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.destroy();
  }
}

/** The flight to cancel and four replacements on the same route (two the same day, two the next), all 777s. */
async function schedule(s: ApiServices): Promise<{ disrupted: number; replacements: number[] }> {
  const day = DateTime.now().setZone('Europe/London').plus({ days: 3 });
  const at = (d: DateTime, time: string, n: number) =>
    s.admin
      .createFlight(SYSTEM, {
        airline: 'BA',
        flightNumber: n,
        origin: 'LHR',
        destination: 'JFK',
        departureDate: d.toISODate()!,
        departureTime: time,
        aircraft: '77W',
      })
      .then((f) => f.flightId);
  const next = day.plus({ days: 1 });
  return {
    disrupted: await at(day, '09:00', 8001),
    replacements: [
      await at(day, '13:00', 8003),
      await at(day, '17:00', 8005),
      await at(next, '09:00', 8001),
      await at(next, '13:00', 8003),
    ],
  };
}

/** `n` held bookings (economy, then premium economy) marked paid with tickets issued, as a webhook would. */
async function bookedOn(s: ApiServices, flightId: number, n: number): Promise<string[]> {
  const pnrs: string[] = [];
  const user = await s.auth.createUser({
    email: `bench.${randomBytes(3).toString('hex')}@example.com`,
    password: 'bench passphrase for disruption 2026',
    firstName: 'Bench',
    lastName: 'Traveller',
    role: 'traveller',
  });
  const traveller = { kind: 'user', userId: user.id, role: 'traveller' } as const;
  for (let i = 0; i < n; i++) {
    const cabin = i < 280 ? 'economy' : 'premium_economy';
    const view = await s.bookings.createHold(traveller, {
      flights: [{ flightId, cabin, fareFamily: 'standard' }],
      passengers: [{ firstName: 'Bench', lastName: `Traveller${letters(i)}`, dateOfBirth: '1980-01-01' }],
      contact: { email: `bench${i}@example.com` },
    });
    pnrs.push(view.pnr);
  }
  await s.db.run((em) =>
    em.query("UPDATE bookings SET status = 'confirmed', hold_expires_at = NULL, confirmed_at = NOW(3)"),
  );
  await s.db.run((em) => em.query("UPDATE seats SET state = 'booked', hold_expires_at = NULL WHERE state = 'held'"));
  for (const pnr of pnrs) await s.ticketing.issueTickets((await s.repos.bookings.findByPnr(pnr))!);
  return pnrs;
}

/** 0 → "a", 25 → "z", 26 → "ba" …: names may not hold digits. */
function letters(i: number): string {
  return i.toString(26).replace(/./g, (d) => String.fromCharCode(97 + parseInt(d, 26)));
}

async function count(s: ApiServices, sql: string): Promise<number> {
  const rows = (await s.db.run((em) => em.query(sql))) as { n: number | string }[];
  return Number(rows[0]!.n);
}

const told = (s: ApiServices) => count(s, 'SELECT COUNT(*) AS n FROM disruption_bookings');

async function version(s: ApiServices): Promise<string> {
  const rows = (await s.db.run((em) => em.query('SELECT VERSION() AS v'))) as { v: string }[];
  return rows[0]!.v;
}

runScript('bench-disruption', main);
