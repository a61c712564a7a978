/**
 * One pass of the console reports' roll-up on DATABASE_URL: after the migration that adds the per-day summaries
 * this is their backfill (every day that has rows), later it summarises what changed since the last pass.
 */
import { ReportRollupRepository } from '../api/repositories/report-rollup.repository';
import { ReportRollupService } from '../api/services/report-rollup.service';
import { connect, describeDatabase, EXIT, formatDuration, parseCli, runScript, scriptConfig } from './lib/cli';

const HELP = `
Usage: npm run reports:rollup

Brings the console reports' per-day summaries on DATABASE_URL up to date. Run it in the release step after
\`npm run migrate\`: the first pass after the summaries' migration reads every booking, payment, refund,
conversation and flight once, one day at a time (the app's workers and reports would otherwise do it on their
first pass). Running it again is harmless.
`;

async function main(): Promise<number> {
  parseCli(HELP, {});
  const config = scriptConfig();
  const db = await connect(config, { migrate: false });
  const started = Date.now();
  try {
    const pass = await new ReportRollupService({ db, repo: new ReportRollupRepository(db) }).catchUp();
    const took = formatDuration(Date.now() - started);
    console.log(`${describeDatabase(config.DATABASE_URL)}: ${pass.recomputed} day summaries recomputed in ${took}`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

runScript('reports:rollup', main);
