import type { BatchSession, BatchSessions, StatementResult } from '../../api/db/mysql-batch';
import { HoldBatchRepository, type HoldPlan } from '../../api/repositories/hold-batch.repository';

/**
 * How a group of holds ends when the database fails part-way, against a fake session pool: nothing
 * written means the holds may be retried one by one; a write that may have committed must not be.
 */
type Step = (statements: string[]) => StatementResult[] | Error;

class FakeSessions implements BatchSessions {
  readonly sent: string[][] = [];
  closed = 0;
  constructor(private readonly steps: Step[]) {}
  async withSession<T>(fn: (s: BatchSession) => Promise<T>): Promise<T> {
    const session: BatchSession = {
      run: async (statements) => {
        this.sent.push(statements);
        const step = this.steps.shift();
        const out = step ? step(statements) : statements.map(() => ({ insertId: 0, affectedRows: 0 }));
        if (out instanceof Error) throw out;
        return out;
      },
    };
    try {
      return await fn(session);
    } catch (err) {
      this.closed++;
      throw err;
    }
  }
}

const dbError = (message: string, fatal: boolean) =>
  Object.assign(new Error(message), { fatal, ...(fatal ? {} : { errno: 1062 }) });
const plan = (designator: string): HoldPlan => ({
  booking: {
    pnr: 'ABCDEF',
    userId: 1,
    status: 'held',
    holdExpiresAt: new Date('2026-12-05T10:15:00Z'),
    currency: 'GBP',
    totalAmount: 100,
    breakdown: {
      currency: 'GBP',
      fares: [],
      seats: [],
      taxes: [],
      fareTotal: 100,
      seatTotal: 0,
      taxTotal: 0,
      total: 100,
    },
    contactEmail: 'a@example.com',
    contactPhone: null,
    channel: null,
  },
  at: new Date('2026-12-05T10:00:00Z'),
  segments: [{ position: 0, flightId: 7, cabin: 'economy', fareFamily: 'basic', direction: 'outbound', leg: 0 }],
  passengers: [
    {
      position: 0,
      firstName: 'Ada',
      lastName: 'Lovelace',
      dateOfBirth: '1980-01-01',
      type: 'ADT',
      holdsInfant: false,
      specialAssistance: false,
      ticketNumber: null,
    },
  ],
  seats: [{ flightId: 7, designator, passenger: 0 }],
});
/** The lock round trip finding the given seats takeable (ids 100, 101 …). */
const locked =
  (...designators: string[]): Step =>
  () => [{ insertId: 0, affectedRows: 0 }, designators.map((d, i) => ({ id: 100 + i, flightId: 7, designator: d }))];

describe('HoldBatchRepository when the database fails', () => {
  it('writes the winners in one round trip ending in COMMIT and reads their ids', async () => {
    const sessions = new FakeSessions([
      locked('1A'),
      (st) =>
        st.map((sql, i) => ({ insertId: sql.startsWith('INSERT INTO passengers') ? 50 : 40 + i, affectedRows: 1 })),
    ]);
    const repo = new HoldBatchRepository(sessions);
    expect(await repo.hold(plan('1A'))).toEqual({ kind: 'held', bookingId: 40, passengerIds: [50] });
    expect(sessions.sent[1]!.at(-1)).toBe('COMMIT');
  });

  it('ends a group with a ROLLBACK when no hold wins', async () => {
    const sessions = new FakeSessions([locked()]);
    expect(await new HoldBatchRepository(sessions).hold(plan('1A'))).toEqual({
      kind: 'seat_unavailable',
      flightId: 7,
      designator: '1A',
    });
    expect(sessions.sent.map((s) => s[0])).toEqual(['START TRANSACTION', 'ROLLBACK']);
  });

  it(
    'hands the holds back for retrying when the server refused a statement ' + '(nothing committed), and rolls back',
    async () => {
      const refused = dbError('Duplicate entry', false);
      const sessions = new FakeSessions([locked('1A', '1B'), () => refused]);
      const repo = new HoldBatchRepository(sessions);
      const out = await Promise.all([repo.hold(plan('1A')), repo.hold(plan('1B'))]);
      expect(out).toEqual([
        { kind: 'retry', error: refused },
        { kind: 'retry', error: refused },
      ]);
      expect(sessions.sent.at(-1)).toEqual(['ROLLBACK']);
      expect(sessions.closed).toBe(0);
    },
  );

  it('hands the holds back for retrying when the connection fails before anything was written', async () => {
    const lost = dbError('Connection lost', true);
    const sessions = new FakeSessions([() => lost]);
    expect(await new HoldBatchRepository(sessions).hold(plan('1A'))).toEqual({ kind: 'retry', error: lost });
  });

  it('refuses to retry when the connection fails while the write may have committed', async () => {
    const lost = dbError('Connection lost', true);
    const sessions = new FakeSessions([locked('1A'), () => lost]);
    await expect(new HoldBatchRepository(sessions).hold(plan('1A'))).rejects.toBe(lost);
    expect(sessions.closed).toBe(1);
  });
});
