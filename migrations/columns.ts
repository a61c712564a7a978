import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column shorthands for migrations. TypeORM's Table API turns them into the right DDL for SQLite and
 * MySQL/MariaDB alike, so one migration serves both databases.
 */
export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const str = (name: string, length: number, nullable = false, dflt?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(dflt !== undefined ? { default: `'${dflt}'` } : {}),
});
export const int = (name: string, nullable = false, dflt?: number): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
  ...(dflt !== undefined ? { default: dflt } : {}),
});
export const bigint = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'bigint',
  isNullable: nullable,
});
export const dbl = (name: string): TableColumnOptions => ({ name, type: 'double', isNullable: false });
export const bool = (name: string, dflt: boolean): TableColumnOptions => ({
  name,
  type: 'boolean',
  isNullable: false,
  default: dflt ? 1 : 0,
});
/** UTC instant with millisecond precision. */
export const time = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
export const text = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

/** A UTC creation/update instant that the database fills in (each dialect spells "now" differently). */
export const stamp = (q: QueryRunner, name: string): TableColumnOptions => ({
  ...time(name),
  default:
    q.connection.driver.options.type === 'mysql' ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
});
