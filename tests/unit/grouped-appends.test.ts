import type { BatchSession, BatchSessions, StatementResult } from '../../api/db/mysql-batch';
import { type AppendRequest, GroupedAppends } from '../../bot/directline/grouped-appends.repository';

/** Grouped Direct Line appends when the database fails part-way, against a fake session pool. */
class FakeSessions implements BatchSessions {
  readonly sent: string[][] = [];
  constructor(private readonly steps: ((statements: string[]) => StatementResult[] | Error)[]) {}
  async withSession<T>(fn: (s: BatchSession) => Promise<T>): Promise<T> {
    return fn({
      run: async (statements) => {
        this.sent.push(statements);
        const out = this.steps.shift()?.(statements) ?? statements.map(() => ({ insertId: 0, affectedRows: 0 }));
        if (out instanceof Error) throw out;
        return out;
      },
    });
  }
}
const header = (insertId: number, affectedRows = 1) => ({ insertId, affectedRows });
const request = (conversationId: string): AppendRequest => ({
  conversationId,
  build: (seq) => ({ activityId: `${conversationId}|${seq}`, activity: { id: `${conversationId}|${seq}` } }),
});
const fail = (fatal: boolean) => Object.assign(new Error(fatal ? 'Connection lost' : 'Duplicate entry'), { fatal });

describe('GroupedAppends', () => {
  it('takes sequence numbers in conversation order, then inserts and commits in one round trip', async () => {
    const sessions = new FakeSessions([
      () => [header(0, 0), header(7), header(3), header(0, 0)],
      () => [header(0), header(0)],
    ]);
    const g = new GroupedAppends(sessions);
    const out = await Promise.all([g.append(request('b')), g.append(request('a')), g.append(request('zz'))]);
    expect(out).toEqual([
      { kind: 'appended', seq: 3, activity: { id: 'b|3' } },
      { kind: 'appended', seq: 7, activity: { id: 'a|7' } },
      { kind: 'unknown_conversation' },
    ]);
    expect(sessions.sent[1]!.at(-1)).toBe('COMMIT');
  });

  it('hands a refused group back for appending one by one, after a rollback', async () => {
    const sessions = new FakeSessions([() => [header(0), header(1)], () => fail(false)]);
    expect(await new GroupedAppends(sessions).append(request('a'))).toEqual({ kind: 'retry' });
    expect(sessions.sent.at(-1)).toEqual(['ROLLBACK']);
  });

  it('does not append again when the connection is lost while the commit may have happened', async () => {
    const lost = fail(true);
    const sessions = new FakeSessions([() => [header(0), header(1)], () => lost]);
    await expect(new GroupedAppends(sessions).append(request('a'))).rejects.toBe(lost);
  });
});
