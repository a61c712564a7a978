import { expectDuplicateWebhooksAppliedOnce } from '../../helpers/duplicate-webhooks';
import { type Instance, openInstance } from '../../helpers/instances';
import { RecordingMailer } from '../../helpers/fake-mailer';
import { STRIPE_ENV, StripeFake } from '../../helpers/stripe-fake';
import { createTestApp, DB_TARGETS, type TestApp } from '../../helpers/test-app';

/**
 * Duplicate payment webhooks on two instances of one MySQL server at once: each payment applied exactly once
 * (the cluster twin is tests/integration/galera/duplicate-webhooks.test.ts).
 */
(DB_TARGETS.includes('mysql') ? describe : describe.skip)('duplicate webhooks on two instances (mysql)', () => {
  const fake = new StripeFake();
  let t: TestApp;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    fake.start();
    t = await createTestApp({ target: 'mysql', days: 2, env: STRIPE_ENV, vendors: { mailer: new RecordingMailer() } });
    a = await openInstance(t.services.config, { clock: t.clock });
    b = await openInstance(t.services.config, { clock: t.clock });
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await t?.close();
    fake.stop();
  });

  it(
    'every delivery answers 200 and each payment is applied once, with one confirmation mail',
    () => expectDuplicateWebhooksAppliedOnce(a, b, fake, [t.services.config.DATABASE_URL]),
    120_000,
  );
});
