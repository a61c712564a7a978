import type { DataSource, EntityManager } from 'typeorm';
import { Db } from '../../api/db/db';

/** Db.runRetrying: a single statement that lost a write conflict (1213 on a cluster) runs again; nothing else does. */
describe('Db.runRetrying', () => {
  const db = () => new Db({ manager: {} as EntityManager } as DataSource, 'mysql');
  const conflict = Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });
  /** A statement that fails with `errors` in turn (null: it lands; the last one for good), counting its runs. */
  const statement = (...errors: (Error | null)[]) => {
    const s = {
      runs: 0,
      fn: async () => {
        const err = errors[Math.min(s.runs++, errors.length - 1)];
        if (err) throw err;
        return 'landed';
      },
    };
    return s;
  };

  it('runs a statement that lost a conflict again until it lands', async () => {
    const d = db();
    const s = statement(conflict, conflict, null);
    const result = await d.runRetrying(s.fn);
    expect({ result, runs: s.runs, retries: d.stats.conflictRetries }).toEqual({
      result: 'landed',
      runs: 3,
      retries: 2,
    });
  });

  it('throws any other error at once', async () => {
    const duplicate = Object.assign(new Error('Duplicate entry'), { errno: 1062 });
    const s = statement(duplicate);
    await expect(db().runRetrying(s.fn)).rejects.toBe(duplicate);
    expect(s.runs).toBe(1);
  });

  it('gives up after a bounded number of attempts', async () => {
    const s = statement(conflict);
    await expect(db().runRetrying(s.fn)).rejects.toBe(conflict);
    expect(s.runs).toBe(8);
  }, 20_000);
});
