import type { DataSource, EntityManager } from 'typeorm';
import { Db } from '../../api/db/db';

/** Db.runRetrying: a single statement that lost a write conflict (1213 on a cluster) runs again; nothing else does. */
describe('Db.runRetrying', () => {
  const db = () => new Db({ manager: {} as EntityManager } as DataSource, 'mysql');
  const conflict = Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });

  it('runs a statement that lost a conflict again until it lands', async () => {
    const d = db();
    let calls = 0;
    const result = await d.runRetrying(async () => {
      calls++;
      if (calls < 3) throw conflict;
      return 'landed';
    });
    expect({ result, calls, retries: d.stats.conflictRetries }).toEqual({ result: 'landed', calls: 3, retries: 2 });
  });

  it('throws any other error at once', async () => {
    let calls = 0;
    const duplicate = Object.assign(new Error('Duplicate entry'), { errno: 1062 });
    await expect(
      db().runRetrying(async () => {
        calls++;
        throw duplicate;
      }),
    ).rejects.toBe(duplicate);
    expect(calls).toBe(1);
  });

  it('gives up after a bounded number of attempts', async () => {
    let calls = 0;
    await expect(
      db().runRetrying(async () => {
        calls++;
        throw conflict;
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(8);
  }, 20_000);
});
