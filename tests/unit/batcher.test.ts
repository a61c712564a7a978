import { Batcher } from '../../api/db/batcher';

/** A run whose batches stay open until the test lets them finish. */
function controlledRun() {
  const batches: { items: number[]; finish: (fail?: Error) => void }[] = [];
  const run = (items: number[]) =>
    new Promise<string[]>((ok, fail) =>
      batches.push({ items, finish: (err) => (err ? fail(err) : ok(items.map((i) => `r${i}`))) }),
    );
  return { batches, run };
}
const tick = () => new Promise((r) => setImmediate(r));

describe('Batcher (group commit)', () => {
  it('runs items submitted in one event-loop turn as one batch, results in order', async () => {
    const { batches, run } = controlledRun();
    const b = new Batcher(run, { maxBatch: 10, maxConcurrent: 1 });
    const results = Promise.all([1, 2, 3].map((i) => b.submit(i)));
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1, 2, 3]]);
    batches[0]!.finish();
    expect(await results).toEqual(['r1', 'r2', 'r3']);
  });

  it('lets items wait while the allowed batches run, then sends them together (up to maxBatch)', async () => {
    const { batches, run } = controlledRun();
    const b = new Batcher(run, { maxBatch: 3, maxConcurrent: 2 });
    const first = b.submit(1);
    await tick();
    const second = b.submit(2);
    await tick();
    const rest = [3, 4, 5, 6].map((i) => b.submit(i));
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1], [2]]);
    expect(b.waiting).toBe(4);
    batches[0]!.finish();
    expect(await first).toBe('r1');
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1], [2], [3, 4, 5]]);
    batches[1]!.finish();
    await second;
    await tick();
    expect(batches.map((x) => x.items)).toEqual([[1], [2], [3, 4, 5], [6]]);
    batches[2]!.finish();
    batches[3]!.finish();
    expect(await Promise.all(rest)).toEqual(['r3', 'r4', 'r5', 'r6']);
    expect(b.waiting).toBe(0);
  });

  it('rejects every item of a failed batch and goes on with the next', async () => {
    const { batches, run } = controlledRun();
    const b = new Batcher(run, { maxBatch: 10, maxConcurrent: 1 });
    const failed = [b.submit(1), b.submit(2)];
    await tick();
    const later = b.submit(3);
    batches[0]!.finish(new Error('deadlock'));
    for (const f of failed) await expect(f).rejects.toThrow('deadlock');
    await tick();
    batches[1]!.finish();
    expect(await later).toBe('r3');
  });

  it('rejects the batch when the run gives the wrong number of results', async () => {
    const b = new Batcher(async (items: number[]) => items.slice(1), { maxBatch: 10, maxConcurrent: 1 });
    await expect(Promise.all([b.submit(1), b.submit(2)])).rejects.toThrow('a batch of 2 gave 1 results');
  });
});
