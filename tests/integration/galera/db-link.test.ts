import { ManualClock } from '../../../api/services/clock';
import { describeLinkFaults } from '../../helpers/db-link-faults';
import { describeGaleraFaults, galeraDatabase } from '../../helpers/galera';
import { openInstance } from '../../helpers/instances';

/**
 * The link between an instance and its Galera node (the second one) cut and frozen through a TCP proxy:
 * fast 503s with Retry-After within the configured timeout, then service again (single-server twin:
 * tests/integration/db-outage.test.ts).
 */
describeLinkFaults(describeGaleraFaults, 'a Galera node link cut and frozen', async () => {
  const db = await galeraDatabase();
  const clock = new ManualClock(new Date());
  const seeder = await openInstance(db.configs[0]!, { clock, seedDays: 2 });
  return {
    config: db.configs[1]!,
    clock,
    async close() {
      await seeder.close();
      await db.drop();
    },
  };
});
