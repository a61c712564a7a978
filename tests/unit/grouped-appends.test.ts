import type { BatchSession, BatchSessions, StatementResult } from '../../api/db/mysql-batch';
import { type AppendRequest, GroupedAppends } from '../../bot/directline/grouped-appends.repository';

/** Grouped Direct Line appends (one round trip per group) when the database fails part-way, against a fake pool. */
class FakeSessions implements BatchSessions {
  readonly sent: { statements: string[]; params: unknown[] }[] = [];
  constructor(private readonly steps: ((statements: string[]) => StatementResult[] | Error)[]) {}
  async withSession<T>(fn: (s: BatchSession) => Promise<T>): Promise<T> {
    return fn({
      run: async (statements, params) => {
        this.sent.push({ statements, params });
        const out = this.steps.shift()?.(statements) ?? statements.map(() => ({ insertId: 0, affectedRows: 0 }));
        if (out instanceof Error) throw out;
        return out;
      },
    });
  }
}
const header = () => ({ insertId: 0, affectedRows: 0 });
/** The results of a group's round trip whose final SELECT of the sequence numbers answers `seqs`. */
const answered = (seqs: Record<string, number | null>) => (statements: string[]) =>
  statements.map((sql): StatementResult => (sql.startsWith('SELECT @') ? [seqs] : header()));
const request = (conversationId: string): AppendRequest => ({
  conversationId,
  activity: { type: 'message', text: `to ${conversationId}` },
});
const fail = (fatal: boolean) => Object.assign(new Error(fatal ? 'Connection lost' : 'Duplicate entry'), { fatal });

describe('GroupedAppends', () => {
  it('takes sequence numbers in conversation order, inserts and commits, all in one round trip', async () => {
    const sessions = new FakeSessions([answered({ s0: 7, s1: 3, s2: null })]);
    const g = new GroupedAppends(sessions);
    const out = await Promise.all([g.append(request('b')), g.append(request('a')), g.append(request('zz'))]);
    expect(out).toEqual([
      { kind: 'appended', seq: 3, activity: { type: 'message', text: 'to b', id: 'b|0000003' } },
      { kind: 'appended', seq: 7, activity: { type: 'message', text: 'to a', id: 'a|0000007' } },
      { kind: 'unknown_conversation' },
    ]);
    expect(sessions.sent).toHaveLength(1);
    const { statements, params } = sessions.sent[0]!;
    expect(statements[0]).toBe('START TRANSACTION');
    expect(statements.at(-1)).toBe('COMMIT');
    // Row locks in conversation-id order: a, b, zz.
    const updated = params.filter((p) => typeof p === 'string' && ['a', 'b', 'zz'].includes(p));
    expect(updated.slice(0, 3)).toEqual(['a', 'b', 'zz']);
  });

  it('writes the JSON without an id (it has a column) and derives the id from the sequence number in SQL', async () => {
    const sessions = new FakeSessions([answered({ s0: 12 })]);
    const out = await new GroupedAppends(sessions).append({
      conversationId: 'c',
      activity: { id: 'stale', type: 'message', text: 'hi' },
    });
    expect(out).toMatchObject({ kind: 'appended', activity: { id: 'c|0000012' } });
    const json = sessions.sent[0]!.params.find((p) => typeof p === 'object' && p !== null && 'toSqlString' in p) as {
      toSqlString: () => string;
    };
    expect(json.toSqlString()).toBe(`'{"type":"message","text":"hi"}'`);
  });

  it('hands a refused group back for appending one by one, after a rollback', async () => {
    const sessions = new FakeSessions([() => fail(false)]);
    expect(await new GroupedAppends(sessions).append(request('a'))).toEqual({ kind: 'retry' });
    expect(sessions.sent.at(-1)!.statements).toEqual(['ROLLBACK']);
  });

  it('does not append again when the connection is lost while the commit may have happened', async () => {
    const lost = fail(true);
    const sessions = new FakeSessions([() => lost]);
    await expect(new GroupedAppends(sessions).append(request('a'))).rejects.toBe(lost);
  });
});
