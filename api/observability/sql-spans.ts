import { SpanKind } from '@opentelemetry/api';
import type { DataSource, QueryRunner } from 'typeorm';
import type { DbKind } from '../db/db';
import { markSpanFailed, type Tracing } from './tracing';

/** Longest statement text kept on a span (the SQL has placeholders, never the values). */
const MAX_STATEMENT_CHARS = 1000;

/** "SELECT support_cases", "UPDATE bot_state", "START": the verb and the first table, as span names. */
export function statementName(sql: string): string {
  const text = sql.trimStart();
  const verb = (/^\w+/.exec(text)?.[0] ?? 'SQL').toUpperCase();
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+[`"]?(\w+)/i.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/**
 * A client span for every statement TypeORM runs (entity managers, query builders, transactions and plain
 * `em.query`), the child of whatever span is current: the HTTP request, the chat turn or a worker pass.
 * Statements MySQL sessions send several at a time (grouped seat holds and Direct Line appends, in
 * api/db/mysql-batch.ts) bypass TypeORM and have none.
 */
export function traceQueries(dataSource: DataSource, kind: DbKind, tracing: Tracing): void {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  const traced = new WeakSet<QueryRunner>(); // SQLite hands out the same runner every time
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (traced.has(runner)) return runner;
    traced.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = ((sql: string, ...rest: unknown[]) =>
      tracing.tracer.startActiveSpan(
        statementName(sql),
        {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system.name': kind, 'db.query.text': sql.slice(0, MAX_STATEMENT_CHARS) },
        },
        async (span) => {
          try {
            return await query(sql, ...rest);
          } catch (err) {
            markSpanFailed(span, err);
            throw err;
          } finally {
            span.end();
          }
        },
      )) as QueryRunner['query'];
    return runner;
  };
}
