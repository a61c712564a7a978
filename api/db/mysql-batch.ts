import { createPool, type Pool, type PoolConnection } from 'mysql2';
import { DEFAULT_DB_LIMITS, type DbLimits } from './limits';
import type { MysqlUrlParts } from './mysql-url';

/** What one statement of a batch gives back: rows for a SELECT, a result header otherwise. */
export type StatementResult = Record<string, unknown>[] | { insertId: number; affectedRows: number };

/** One MySQL session taken from the pool for a unit of work (a transaction spread over round trips). */
export interface BatchSession {
  /** Sends the statements in one round trip (their `?` values in order); one result per statement. */
  run(statements: string[], params: unknown[]): Promise<StatementResult[]>;
}

/** Where grouped writes get their sessions (MysqlBatchPool; a fake in unit tests). */
export interface BatchSessions {
  /** Runs `fn` with one session; a session left inside a failed transaction is closed, not reused. */
  withSession<T>(fn: (s: BatchSession) => Promise<T>): Promise<T>;
}

export interface BatchPoolOptions extends MysqlUrlParts {
  size: number;
  /** Statements each new session runs before its first use (time zone, isolation). */
  sessionSetup: string[];
  /** Bounds on connecting, one round trip (the session is then closed) and waiting callers. */
  limits?: DbLimits;
  /** A socket factory that follows the failover list of a multi-host URL (MysqlHosts). */
  stream?: () => import('node:net').Socket;
}

/**
 * A small pool of MySQL sessions that accept several statements per round trip, kept apart from
 * TypeORM's pool. Multi-statement sessions turn any SQL built by string concatenation into an
 * injection risk, so only code that writes fixed SQL text with `?` placeholders gets one (grouped seat
 * holds and Direct Line appends); every other query keeps single-statement sessions.
 *
 * The point is round trips: on a loopback or LAN connection each one costs the app and the server a
 * socket write and read, which for a seat hold or a chat reply cost more than the statements themselves.
 */
export class MysqlBatchPool implements BatchSessions {
  private readonly pool: Pool;
  private readonly queryTimeoutMs: number;

  constructor(o: BatchPoolOptions) {
    this.pool = createPool({
      host: o.host,
      port: o.port,
      user: o.username,
      password: o.password,
      database: o.database,
      ...(o.socketPath ? { socketPath: o.socketPath } : {}),
      charset: 'utf8mb4',
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: true,
      multipleStatements: true,
      // mysql2 captures a stack trace per query for nicer errors; the SQL in a batch says enough.
      trace: false,
      connectionLimit: o.size,
      waitForConnections: true,
      connectTimeout: (o.limits ?? DEFAULT_DB_LIMITS).connectTimeoutMs,
      queueLimit: (o.limits ?? DEFAULT_DB_LIMITS).queueLimit,
      ...(o.stream ? { stream: o.stream } : {}),
    });
    this.queryTimeoutMs = (o.limits ?? DEFAULT_DB_LIMITS).queryTimeoutMs;
    // Commands on a connection run in order, so the setup runs before anything the pool hands out.
    this.pool.on('connection', (c) => {
      for (const sql of o.sessionSetup) c.query(sql);
    });
  }

  async withSession<T>(fn: (s: BatchSession) => Promise<T>): Promise<T> {
    const conn = await new Promise<PoolConnection>((ok, fail) =>
      this.pool.getConnection((err, c) => (err ? fail(err) : ok(c))),
    );
    let broken = false;
    const session: BatchSession = {
      run: (statements, params) =>
        new Promise((ok, fail) =>
          conn.query({ sql: statements.join(';\n'), values: params, timeout: this.queryTimeoutMs }, (err, result) => {
            if (err) {
              broken ||= Boolean((err as { fatal?: boolean }).fatal);
              return fail(err);
            }
            // One statement gives its result directly; several give an array of results.
            ok((statements.length === 1 ? [result] : result) as StatementResult[]);
          }),
        ),
    };
    try {
      return await fn(session);
    } catch (err) {
      broken = true;
      throw err;
    } finally {
      if (broken) conn.destroy();
      else conn.release();
    }
  }

  close(): Promise<void> {
    return new Promise((ok) => this.pool.end(() => ok()));
  }
}

/**
 * Runs statements on batch sessions (plain mysql2, no ORM), one round trip per call, for per-turn work such as
 * conversation leases. A refused statement (a duplicate key, a lost conflict) is the caller's answer, not a broken
 * session: only a fatal error closes the session. Gives one result per statement.
 */
export function statementsTogether(
  sessions: BatchSessions,
): (statements: string[], params: unknown[]) => Promise<StatementResult[]> {
  return async (statements, params) => {
    const outcome = await sessions.withSession((s) =>
      s.run(statements, params).then(
        (results) => ({ ok: true as const, results }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
    );
    if (!outcome.ok) throw outcome.error;
    return outcome.results;
  };
}

/** `statementsTogether` for one statement at a time; gives its result. */
export function singleStatements(sessions: BatchSessions): (sql: string, params: unknown[]) => Promise<unknown> {
  const run = statementsTogether(sessions);
  return async (sql, params) => (await run([sql], params))[0];
}

/** A value the driver writes into the statement as it is (mysql2's `toSqlString` convention). */
export interface SqlLiteral {
  toSqlString(sqlMode?: { noBackslashEscapes?: boolean }): string;
}

/** What MySQL needs escaped inside a single-quoted string (with backslash escapes on): not `"`, unlike the driver. */
// eslint-disable-next-line no-control-regex -- NUL and Ctrl-Z are among what MySQL wants escaped
const UNSAFE_IN_QUOTES = /[\0\n\r\x1a\\']/g;
const ESCAPED: Record<string, string> = {
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
  '\\': '\\\\',
  "'": "\\'",
};

/**
 * A long JSON text (of an activity or a bot state) as a statement value: a string literal escaped in one native
 * pass. The driver escapes every `"` one character at a time (a JSON text is full of them), and a hex literal
 * doubles the bytes sent and parsed; this is neither (22 kB of state: 206 µs escaped by the driver, 90 µs as hex,
 * 57 µs so). With NO_BACKSLASH_ESCAPES only quotes are doubled.
 */
export function jsonLiteral(json: string): SqlLiteral {
  return {
    toSqlString: (sqlMode) =>
      sqlMode?.noBackslashEscapes
        ? `'${json.replace(/'/g, "''")}'`
        : `'${json.replace(UNSAFE_IN_QUOTES, (c) => ESCAPED[c]!)}'`,
  };
}

/** A transaction on one batch session, spread over round trips; its last round trip ends in COMMIT. */
export interface GroupTransaction {
  /** A round trip inside the transaction (the first one starts it; a `ROLLBACK` ends it unwritten). */
  run(statements: string[], params: unknown[]): Promise<StatementResult[]>;
  /** The last round trip: `statements`, then COMMIT. */
  commit(statements: string[], params: unknown[]): Promise<StatementResult[]>;
}

/**
 * Runs one grouped write (`fn`) in a transaction on a batch session, and sorts its failures into the
 * two that matter to callers. Nothing was written when it failed before the commit round trip, or
 * when the server refused a statement of that round trip (a batch stops at its first failing statement,
 * before the COMMIT at its end): the transaction is rolled back and `nothingWritten(error)` answers,
 * so the group's items can be written one by one. The write may have landed when the commit ran, or
 * when the connection failed while the commit round trip was in flight: then the error goes up, since
 * writing the items again could write them twice.
 */
export async function inGroupTransaction<T>(
  sessions: BatchSessions,
  fn: (tx: GroupTransaction) => Promise<T>,
  nothingWritten: (error: unknown) => T,
): Promise<T> {
  let committing = false;
  let committed = false;
  const outcomeUnknown = (error: unknown) =>
    committed || (committing && Boolean((error as { fatal?: boolean } | null)?.fatal));
  try {
    return await sessions.withSession(async (session) => {
      const tx: GroupTransaction = {
        run: (statements, params) => session.run(statements, params),
        commit: async (statements, params) => {
          committing = true;
          const results = await session.run([...statements, 'COMMIT'], params);
          committed = true;
          return results;
        },
      };
      try {
        return await fn(tx);
      } catch (error) {
        if (outcomeUnknown(error)) throw error;
        // The rollback ends the transaction and keeps the session (a failed one closes it).
        await session.run(['ROLLBACK'], []);
        return nothingWritten(error);
      }
    });
  } catch (error) {
    // No session, or a failed rollback (the session is closed): nothing was written, unless it may have been.
    if (outcomeUnknown(error)) throw error;
    return nothingWritten(error);
  }
}
