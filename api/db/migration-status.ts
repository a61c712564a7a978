import { MigrationExecutor } from 'typeorm';
import type { Db } from './db';

/** Names of the migrations this build has that the database has not applied yet. */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const pending = await new MigrationExecutor(db.dataSource).getPendingMigrations();
  return pending.map((m) => m.name);
}

/**
 * With MIGRATE_ON_START off, an instance must not serve an older schema than its code expects: start-up
 * fails naming the release step to run instead.
 */
export async function refuseUnmigratedDatabase(db: Db): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return;
  await db.close();
  throw new Error(
    `the database lacks ${pending.length} migration(s) (${pending.join(', ')}): run \`npm run migrate\` ` +
      '(the release step) or set MIGRATE_ON_START=true',
  );
}
