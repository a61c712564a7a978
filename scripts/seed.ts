/**
 * Loads the reference data and schedules flights: the demo routes for D days from today and, with
 * --flights, synthetic routes until the schedule holds at least N flights (benchmark inventories).
 */
import { buildRepositories } from '../api/container';
import { isIsoDate } from '../api/domain/time';
import { DEMO_DAYS, Seeder } from '../api/seed/seeder';
import { deleteSchedule, inventoryCounts } from './lib/inventory';
import { seedProgressBar } from './lib/progress';
import {
  confirm,
  connect,
  describeDatabase,
  EXIT,
  formatDuration,
  intFlag,
  parseCli,
  runScript,
  scriptConfig,
  UsageError,
} from './lib/cli';

const HELP = `
Usage: npm run seed -- [--days D] [--flights N] [--today YYYY-MM-DD] [--reset [--yes]]

Loads airports, metros, airlines and aircraft into DATABASE_URL (default sqlite:data/jetway.sqlite,
migrating it first) and schedules the demo routes for D days from today. Re-running only adds
what is missing.

Options:
  --days D        days of schedule from today (default ${DEMO_DAYS}, 1–366)
  --flights N     add synthetic routes so the schedule holds at least N flights
                  (e.g. 100000 for the benchmark)
  --today DATE    first day of the schedule (default: today, UTC)
  --reset         delete every flight first, with its seats and the bookings on it
                  (asks for confirmation)
  --yes, -y       do not ask before --reset
  -h, --help      show this help

Examples:
  npm run seed
  npm run seed -- --flights 100000 --reset --yes
  DATABASE_URL=mysql://root@127.0.0.1:3306/jetway_dev npm run seed -- --days 30

Exit codes: 0 done · 1 failed · 2 bad usage (or --reset declined) · 78 bad configuration
`;

async function main(): Promise<number> {
  const args = parseCli(HELP, {
    days: { type: 'string' },
    flights: { type: 'string' },
    today: { type: 'string' },
    reset: { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  });
  const days = intFlag('days', args.days, 1, 366) ?? DEMO_DAYS;
  const targetFlights = intFlag('flights', args.flights, 1, 5_000_000);
  const today = args.today ?? new Date().toISOString().slice(0, 10);
  if (!isIsoDate(today)) throw new UsageError(`--today must be a date like 2026-03-01 (got "${today}")`);
  if (args.yes && !args.reset) throw new UsageError('--yes only makes sense with --reset');

  const config = scriptConfig();
  const where = describeDatabase(config.DATABASE_URL);
  const db = await connect(config);
  try {
    const repos = buildRepositories(db);
    const seeder = new Seeder(repos.reference, repos.flights, repos.faq);

    if (args.reset) {
      const c = await inventoryCounts(db);
      const what = `${c.flights} flights, ${c.seats} seat rows and ${c.bookings} bookings`;
      if (c.flights + c.seats + c.bookings > 0) {
        if (!args.yes && !(await confirm(`Delete ${what} from ${where}?`))) {
          console.error('seed: nothing deleted');
          return EXIT.usage;
        }
        const started = Date.now();
        await deleteSchedule(db);
        console.log(`deleted ${what} in ${formatDuration(Date.now() - started)}`);
      }
    }

    const started = Date.now();
    await seeder.seedReference();
    console.log(
      `${where}: reference data loaded; scheduling ` +
        `${days} days from ${today}` +
        `${targetFlights ? ` (at least ${targetFlights} flights)` : ''}`,
    );
    const added = await seeder.seedSchedule({ today, days, targetFlights, progress: seedProgressBar() });
    const total = await repos.flights.count();
    const ms = Date.now() - started;
    console.log(
      `scheduled ${added} new flights in ${formatDuration(ms)} (` +
        `${Math.round(added / Math.max(ms / 1000, 0.001))} flights/s); ` +
        `${total} flights in the database`,
    );
    if (targetFlights && total < targetFlights)
      console.warn(`warning: ${total} flights is fewer than the ${targetFlights} asked for (try more --days)`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

runScript('seed', main);
