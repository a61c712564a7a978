/**
 * Applies pending schema migrations to DATABASE_URL (creating a missing MySQL database first).
 */
import { MigrationExecutor } from 'typeorm';
import { withStartupLock } from '../api/db/startup-lock';
import { connect, describeDatabase, EXIT, parseCli, runScript, scriptConfig, UsageError } from './lib/cli';

const HELP = `
Usage: npm run migrate -- [--status] [--revert]

Applies the pending schema migrations to the database in DATABASE_URL (default
sqlite:data/jetway.sqlite) and prints each one that ran. A missing MySQL database is created.

Options:
  --status   list every migration as applied [X] or pending [ ] and change nothing
             (exit code 10 when some are pending, for deploy checks)
  --revert   undo the most recently applied migration
  -h, --help show this help

Examples:
  npm run migrate
  DATABASE_URL=mysql://root@127.0.0.1:3306/jetway_dev npm run migrate -- --status

Exit codes: 0 done · 1 failed · 2 bad usage · 10 pending (--status) · 78 bad configuration
`;

async function main(): Promise<number> {
  const args = parseCli(HELP, { status: { type: 'boolean' }, revert: { type: 'boolean' } });
  if (args.status && args.revert) throw new UsageError('choose one of --status and --revert');
  const config = scriptConfig();
  const where = describeDatabase(config.DATABASE_URL);
  const db = await connect(config, { migrate: false });
  try {
    const executor = new MigrationExecutor(db.dataSource);
    const applied = await executor.getExecutedMigrations();
    const pending = await executor.getPendingMigrations();

    if (args.status) {
      console.log(`${where}:`);
      for (const m of applied) console.log(`  [X] ${m.name}`);
      for (const m of pending) console.log(`  [ ] ${m.name}`);
      console.log(pending.length ? `${pending.length} pending` : 'up to date');
      return pending.length ? 10 : EXIT.ok;
    }

    if (args.revert) {
      const last = [...applied].sort((a, b) => b.timestamp - a.timestamp || (b.id ?? 0) - (a.id ?? 0))[0];
      if (!last) {
        console.log(`${where}: no migration has been applied; nothing to revert`);
        return EXIT.ok;
      }
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      console.log(`${where}: reverted ${last.name}`);
      return EXIT.ok;
    }

    if (pending.length === 0) {
      console.log(`${where}: up to date (${applied.length} migration${applied.length === 1 ? '' : 's'} applied)`);
      return EXIT.ok;
    }
    // The start-up lock: a release step and instances starting at the same time do not migrate twice.
    const ran = await withStartupLock(
      (sql, params) => db.dataSource.query(sql, params),
      db.kind,
      () => db.dataSource.runMigrations({ transaction: 'each' }),
      { onWait: () => console.log(`${where}: another instance is starting up; waiting for it`) },
    );
    for (const m of ran) console.log(`  applied ${m.name}`);
    console.log(`${where}: ${ran.length} migration${ran.length === 1 ? '' : 's'} applied`);
    return EXIT.ok;
  } finally {
    await db.close();
  }
}

runScript('migrate', main);
