import type { ApiServices } from './container';
import { withStartupLock } from './db/startup-lock';

/**
 * Prepares the inventory on start: with SEED_DEMO on, an empty database gets the demo reference data,
 * and the demo schedule is topped up to 120 days ahead (so the demo never goes stale). Then the
 * reference data is loaded into memory.
 */
export async function prepareInventory(s: ApiServices): Promise<void> {
  // Under the start-up lock: instances started together seed once (the others then find nothing missing).
  if (s.config.SEED_DEMO)
    await withStartupLock(
      (sql, params) => s.db.run((em) => em.query(sql, params)),
      s.db.kind,
      async () => {
        const fresh = await s.seeder.isEmpty();
        if (fresh)
          s.log.info('empty database: seeding the demo inventory (airports, airlines, aircraft, 120 days of flights)');
        await s.seeder.seedReference();
        const added = await s.seeder.seedSchedule({ today: s.clock.now().toISOString().slice(0, 10) });
        if (added) s.log.info(`scheduled ${added} demo flights`);
      },
      {
        onWait: () => s.log.info('another instance is starting up (seeding): waiting for it'),
        onRenewFailed: (err) => s.log.warn('could not renew the start-up lock', { err }),
      },
    );
  await s.ref.load();
  if (s.ref.allAirports().length === 0)
    s.log.warn('no airports in the database: set SEED_DEMO=true or load an inventory with npm run seed');
}
