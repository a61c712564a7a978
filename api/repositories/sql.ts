import type { DbKind } from '../db/db';
import type { FlightRow } from '../domain/records';
import type { FlightStatus } from '../domain/types';

/**
 * Plain SQL for the hottest reads (search, seat holds). TypeORM's query builder and entity hydration
 * cost more CPU than the queries themselves there; these helpers do the same work directly and give
 * back exactly the values TypeORM would. The SQL is written once for both databases: `?`
 * placeholders (one per value: better-sqlite3 does not expand arrays), unquoted snake_case columns.
 */

/** "?, ?, ?" for an IN list of n values ("" for none: `IN ()`, as TypeORM writes an empty list). */
export function placeholders(n: number): string {
  return n <= 0 ? '' : `?${', ?'.repeat(n - 1)}`;
}

/**
 * An instant as a query parameter: MySQL's driver takes Dates (written in UTC, the connection's
 * `timezone: 'Z'`); SQLite compares the stored "YYYY-MM-DD HH:MM:SS.SSS" UTC text, as TypeORM binds it.
 */
export function timeParam(kind: DbKind, instant: Date): Date | string {
  if (kind === 'mysql') return instant;
  const iso = instant.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/**
 * A DATETIME column as TypeORM hydrates it: MySQL's driver already gives a Date; SQLite gives UTC text
 * ("2026-12-01 18:30:00.000", or without milliseconds from `datetime('now')`), read as UTC.
 */
export function timeValue(raw: Date | string): Date {
  if (!raw || raw instanceof Date) return raw as Date;
  return sqliteTime(raw) ?? typeormTime(raw);
}

const SQLITE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})?$/;

/** The usual SQLite text, read field by field (cheaper than parsing a string as a Date); null otherwise. */
function sqliteTime(text: string): Date | null {
  if (!SQLITE_TIME.test(text)) return null;
  const y = +text.slice(0, 4);
  const mo = +text.slice(5, 7);
  const d = +text.slice(8, 10);
  const h = +text.slice(11, 13);
  const mi = +text.slice(14, 16);
  const s = +text.slice(17, 19);
  const ms = text.length === 23 ? +text.slice(20, 23) : 0;
  // Out-of-range fields are left to the Date parser (it refuses them; Date.UTC would roll them over).
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** TypeORM's own reading of SQLite date text (AbstractSqliteDriver.prepareHydratedValue). */
function typeormTime(raw: string): Date {
  let text = raw;
  if (/^\d\d\d\d-\d\d-\d\d \d\d:\d\d/.test(text)) text = text.replace(' ', 'T');
  if (/^\d\d\d\d-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d\d\d)?)?$/.test(text)) text += 'Z';
  return new Date(text);
}

/**
 * The seat rule, written once for every query that needs it: a seat is takeable when free, or held by a hold
 * that has run out (expiry frees a seat at once; the sweeper only writes the status down later). `alias` is
 * the `seats` table's alias in the query (none by default); `now` is the placeholder, or SQL, for the instant
 * the rule is applied at.
 */
export function seatTakeable(alias = '', now = '?'): string {
  const c = alias ? `${alias}.` : '';
  return `(${c}state = 'free' OR (${c}state = 'held' AND ${c}hold_expires_at <= ${now}))`;
}

/**
 * The complement of `seatTakeable` (same arguments): a seat is taken when booked, or held by a hold that has
 * not run out. Spelled out rather than as NOT (…) so that the counting queries keep the SQL (and plans) they had.
 */
export function seatTaken(alias = '', now = '?'): string {
  const c = alias ? `${alias}.` : '';
  return `(${c}state = 'booked' OR (${c}state = 'held' AND ${c}hold_expires_at > ${now}))`;
}

/** Every column of `flights` under its FlightRow name (`f` is the table's alias). */
export const FLIGHT_COLUMNS = [
  'f.id AS id',
  'f.airline_code AS airlineCode',
  'f.flight_number AS flightNumber',
  'f.origin AS origin',
  'f.destination AS destination',
  'f.departure_at AS departureAt',
  'f.arrival_at AS arrivalAt',
  'f.departure_date AS departureDate',
  'f.duration_minutes AS durationMinutes',
  'f.aircraft_code AS aircraftCode',
  'f.base_fare AS baseFare',
  'f.currency AS currency',
  'f.status AS status',
  'f.seats_ready AS seatsReady',
  'f.created_at AS createdAt',
  'f.updated_at AS updatedAt',
].join(', ');

/** A row selected with FLIGHT_COLUMNS, as the driver returns it (INT columns are numbers on both). */
export interface RawFlight {
  id: number;
  airlineCode: string;
  flightNumber: number;
  origin: string;
  destination: string;
  departureAt: Date | string;
  arrivalAt: Date | string;
  departureDate: string;
  durationMinutes: number;
  aircraftCode: string;
  baseFare: number;
  currency: string;
  status: FlightStatus;
  /** 0/1 on both databases. */
  seatsReady: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

/** The FlightRow TypeORM would hydrate from the row: same values, same key order (the entity's columns). */
export function flightRow(r: RawFlight): FlightRow {
  return {
    id: r.id,
    airlineCode: r.airlineCode,
    flightNumber: r.flightNumber,
    origin: r.origin,
    destination: r.destination,
    departureAt: timeValue(r.departureAt),
    arrivalAt: timeValue(r.arrivalAt),
    departureDate: r.departureDate,
    durationMinutes: r.durationMinutes,
    aircraftCode: r.aircraftCode,
    baseFare: r.baseFare,
    currency: r.currency,
    status: r.status,
    seatsReady: Boolean(r.seatsReady),
    createdAt: timeValue(r.createdAt),
    updatedAt: timeValue(r.updatedAt),
  };
}

/** The id an INSERT generated: MySQL answers with a result header, better-sqlite3 with the last row id. */
export function insertedId(result: unknown): number {
  if (typeof result === 'number' || typeof result === 'bigint') return Number(result);
  const id = (result as { insertId?: number | string } | null)?.insertId;
  if (id === undefined || id === null) throw new Error('The database did not report the inserted id');
  return Number(id);
}

/** Rows an UPDATE changed: MySQL's result header counts them; on SQLite the statement returns them (RETURNING). */
export function affectedRows(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const n = (result as { affectedRows?: number } | null)?.affectedRows;
  if (n === undefined || n === null) throw new Error('The database did not report the rows changed');
  return Number(n);
}

/** SQL written into a statement in a value's place: a session variable, a function call, a constant. */
export class SqlExpression {
  constructor(readonly sql: string) {}
}

/**
 * The columns one kind of write sets, in statement order, each with how a row gives its value: a value to
 * bind (one `?`), or an SqlExpression to write in place. One descriptor serves every path that writes such
 * rows, so their column lists cannot drift apart.
 */
export interface TableWrite<Row> {
  readonly table: string;
  readonly columns: readonly (readonly [column: string, value: (row: Row, kind: DbKind) => unknown])[];
}

export interface Statement {
  sql: string;
  params: unknown[];
}

/** `INSERT INTO table (columns) VALUES (…), (…)`: one tuple per row. */
export function insertRows<Row>(write: TableWrite<Row>, rows: readonly Row[], kind: DbKind): Statement {
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${write.columns.map(([, value]) => bind(value(row, kind), params)).join(', ')})`);
  const columns = write.columns.map(([column]) => column).join(', ');
  return { sql: `INSERT INTO ${write.table} (${columns}) VALUES ${tuples.join(', ')}`, params };
}

/** `column = ?, column = expression, …` for an UPDATE of one row's values (the caller adds the WHERE). */
export function setColumns<Row>(write: TableWrite<Row>, row: Row, kind: DbKind): Statement {
  const params: unknown[] = [];
  const sql = write.columns.map(([column, value]) => `${column} = ${bind(value(row, kind), params)}`).join(', ');
  return { sql, params };
}

function bind(value: unknown, params: unknown[]): string {
  if (value instanceof SqlExpression) return value.sql;
  params.push(value);
  return '?';
}
