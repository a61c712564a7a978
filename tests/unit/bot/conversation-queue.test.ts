import { ConversationQueue, type TurnLease } from '../../../bot/conversation-queue';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

/** A lease that records what happened, as the database lease would see it. */
function recordingLease(log: string[]): TurnLease {
  return {
    acquire: async (key) => {
      log.push(`acquire ${key}`);
      return { release: async () => void log.push(`release ${key}`) };
    },
  };
}

describe('ConversationQueue', () => {
  it('runs the turns of one conversation one after another, in arrival order', async () => {
    const queue = new ConversationQueue();
    const log: string[] = [];
    const turn = (name: string, ms: number) =>
      queue.run('directline:c1', async () => {
        log.push(`start ${name}`);
        await tick(ms);
        log.push(`end ${name}`);
        return name;
      });
    const results = await Promise.all([turn('a', 20), turn('b', 1), turn('c', 5)]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs turns of different conversations side by side', async () => {
    const queue = new ConversationQueue();
    const log: string[] = [];
    await Promise.all(
      ['sms:+441', 'slack:D1'].map((key) =>
        queue.run(key, async () => {
          log.push(`start ${key}`);
          await tick(10);
          log.push(`end ${key}`);
        }),
      ),
    );
    expect(log.slice(0, 2)).toEqual(['start sms:+441', 'start slack:D1']);
  });

  it('runs a turn of its own conversation asked for from inside a turn at once, also when nested', async () => {
    const queue = new ConversationQueue();
    const order: string[] = [];
    await queue.run('a', async () => {
      await queue.run('b', async () => {
        await queue.run('a', async () => void order.push('a again'));
        order.push('b');
      });
      order.push('a');
    });
    expect(order).toEqual(['a again', 'b', 'a']);
  });

  it('holds the lease for the whole turn and releases it after a failure too', async () => {
    const log: string[] = [];
    const queue = new ConversationQueue({ lease: recordingLease(log) });
    await queue.run('directline:c1', async () => void log.push('turn 1'));
    await expect(
      queue.run('directline:c1', async () => {
        log.push('turn 2');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(log).toEqual([
      'acquire directline:c1',
      'turn 1',
      'release directline:c1',
      'acquire directline:c1',
      'turn 2',
      'release directline:c1',
    ]);
  });

  it('does not take the lease again for a nested turn of the same conversation', async () => {
    const log: string[] = [];
    const queue = new ConversationQueue({ lease: recordingLease(log) });
    await queue.run('sms:+441', () => queue.run('sms:+441', async () => void log.push('inner')));
    expect(log).toEqual(['acquire sms:+441', 'inner', 'release sms:+441']);
  });

  it('stops holding up the next turn after turnTimeoutMs (the hung turn keeps running)', async () => {
    const queue = new ConversationQueue({ turnTimeoutMs: 30 });
    let hungDone = false;
    void queue.run('c', async () => {
      await tick(200);
      hungDone = true;
    });
    const started = Date.now();
    await queue.run('c', async () => undefined);
    expect(Date.now() - started).toBeLessThan(150);
    expect(hungDone).toBe(false);
  });
});
