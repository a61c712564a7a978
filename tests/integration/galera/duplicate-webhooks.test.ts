import { ManualClock } from '../../../api/services/clock';
import { expectDuplicateWebhooksAppliedOnce } from '../../helpers/duplicate-webhooks';
import { describeGaleraFaults, galeraDatabase, type GaleraDatabase } from '../../helpers/galera';
import { type Instance, openInstance } from '../../helpers/instances';
import { STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';

/**
 * Duplicate payment webhooks delivered at once to two instances on two Galera nodes (their writes conflict
 * at certification): every delivery answers 200 and each payment is applied exactly once on every node
 * (single-server twin: tests/integration/faults/duplicate-webhooks.test.ts).
 */
describeGaleraFaults('duplicate webhooks on two instances on two Galera nodes', () => {
  const fake = new StripeFake();
  let db: GaleraDatabase;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    fake.start();
    db = await galeraDatabase(STRIPE_ENV);
    const clock = new ManualClock(new Date());
    a = await openInstance(db.configs[0]!, { clock, seedDays: 2 });
    b = await openInstance(db.configs[1]!, { clock });
  }, 180_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await db?.drop();
    fake.stop();
  });

  it(
    'every delivery answers 200 and each payment is applied once on every node, one confirmation mail',
    () => expectDuplicateWebhooksAppliedOnce(a, b, fake, db.urls),
    180_000,
  );
});
