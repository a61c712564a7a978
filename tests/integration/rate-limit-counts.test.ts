import { createTestApp, DB_TARGETS, type TestApp } from '../helpers/test-app';

/**
 * The shared rate-limit counters under concurrent hits (on MySQL they share round trips: OpsRepository.count):
 * every hit is counted once and each caller gets its own place in the count.
 */
describe.each(DB_TARGETS)('rate-limit counts (%s)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ target, days: 1 });
  }, 60_000);
  afterAll(() => t.close());

  it('counts 60 concurrent hits over three keys exactly, 1 to 20 on each', async () => {
    const now = new Date();
    const keys = ['test:a', 'test:b', 'test:c'];
    await Promise.all(keys.map((k) => t.services.repos.ops.count(k, 60_000, now)));
    const counts = await Promise.all(
      Array.from({ length: 60 }, (_, i) => t.services.repos.ops.count(keys[i % 3]!, 60_000, now)),
    );
    for (const [k, key] of keys.entries()) {
      const mine = counts.filter((_, i) => i % 3 === k).sort((a, b) => a - b);
      expect({ key, mine }).toEqual({ key, mine: Array.from({ length: 20 }, (_, n) => n + 2) });
    }
  });

  it('counts concurrent first hits of new windows exactly (they share round trips too)', async () => {
    const now = new Date();
    const counts = await Promise.all(
      Array.from({ length: 40 }, (_, i) => t.services.repos.ops.count(`test:new:${i % 4}`, 60_000, now)),
    );
    for (let k = 0; k < 4; k++) {
      const mine = counts.filter((_, i) => i % 4 === k).sort((a, b) => a - b);
      expect(mine).toEqual(Array.from({ length: 10 }, (_, n) => n + 1));
    }
  });

  it('starts a new window when the old one is over', async () => {
    const start = new Date();
    await t.services.repos.ops.count('test:w', 1_000, start);
    expect(await t.services.repos.ops.count('test:w', 1_000, new Date(start.getTime() + 500))).toBe(2);
    expect(await t.services.repos.ops.count('test:w', 1_000, new Date(start.getTime() + 1_500))).toBe(1);
  });
});
