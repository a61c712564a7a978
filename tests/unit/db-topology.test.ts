import { isRetryableDbError, retryDelayMs } from '../../api/db/db';
import { groupedWritesAllowed, probeTopology, type ProbeQuery } from '../../api/db/topology';

/** A fake server: answers by statement prefix; a missing answer is the server's "unknown" error. */
function server(answers: Record<string, unknown>): ProbeQuery {
  return async (sql) => {
    const key = Object.keys(answers).find((k) => sql.includes(k));
    if (key === undefined) throw Object.assign(new Error('unknown'), { errno: 1193 });
    return [{ v: answers[key] }];
  };
}

describe('probeTopology', () => {
  it.each([
    ['MariaDB single server', { 'VERSION()': '10.11.6-MariaDB', '@@wsrep_on': 0 }, 'single'],
    ['MariaDB Galera node', { 'VERSION()': '10.11.6-MariaDB', '@@wsrep_on': 1 }, 'galera'],
    ['MySQL single server', { 'VERSION()': '8.0.36', replication_group_members: 0 }, 'single'],
    ['MySQL Group Replication', { 'VERSION()': '8.0.36', replication_group_members: 3 }, 'group_replication'],
    ['MySQL without performance_schema', { 'VERSION()': '8.0.36' }, 'unknown'],
    ['TiDB', { 'VERSION()': '8.0.11-TiDB-v7.5.0' }, 'tidb'],
    ['a server that answers nothing', {}, 'unknown'],
  ] as const)('%s', async (_label, answers, expected) => {
    expect(await probeTopology(server(answers))).toBe(expected);
  });

  it('allows grouped multi-statement writes on a proven single server only', () => {
    expect(groupedWritesAllowed('single')).toBe(true);
    for (const t of ['galera', 'group_replication', 'tidb', 'unknown'] as const)
      expect(groupedWritesAllowed(t)).toBe(false);
  });
});

describe('conflict retries', () => {
  it.each([1213, 1205, 3101, 9007])('retries server error %i (a lost conflict)', (errno) => {
    expect(isRetryableDbError({ driverError: { errno } })).toBe(true);
  });
  it('does not retry other errors', () => {
    expect(isRetryableDbError({ errno: 1062 })).toBe(false);
    expect(isRetryableDbError(new Error('boom'))).toBe(false);
  });
  it('waits a random time under an exponentially growing cap', () => {
    expect(retryDelayMs(1, () => 1)).toBe(16);
    expect(retryDelayMs(3, () => 1)).toBe(64);
    expect(retryDelayMs(10, () => 1)).toBe(250);
    expect(retryDelayMs(3, () => 0.5)).toBe(32);
  });
});
