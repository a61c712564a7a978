import { AbstractSqliteDriver } from 'typeorm/driver/sqlite-abstract/AbstractSqliteDriver';
import { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import {
  affectedRows,
  flightRow,
  insertedId,
  placeholders,
  type RawFlight,
  seatTakeable,
  seatTaken,
  timeParam,
  timeValue,
} from '../../api/repositories/sql';

/** TypeORM's own reading of a SQLite DATETIME value, which timeValue must match exactly. */
const typeorm = (raw: string) =>
  AbstractSqliteDriver.prototype.prepareHydratedValue.call({}, raw, { type: 'datetime' } as never) as Date;

describe('plain SQL helpers', () => {
  it('writes one placeholder per value', () => {
    expect(placeholders(1)).toBe('?');
    expect(placeholders(3)).toBe('?, ?, ?');
    expect(placeholders(0)).toBe('');
  });

  it('binds instants as TypeORM does: Dates for MySQL, UTC text for SQLite', () => {
    const instant = new Date('2031-07-15T17:05:09.042Z');
    expect(timeParam('mysql', instant)).toBe(instant);
    expect(timeParam('sqlite', instant)).toBe('2031-07-15 17:05:09.042');
    expect(timeParam('sqlite', instant)).toBe(DateUtils.mixedDateToUtcDatetimeString(instant));
  });

  it('reads SQLite DATETIME text exactly as TypeORM does', () => {
    const samples = [
      '2031-07-15 17:05:09.042',
      '2031-07-15 17:05:09', // datetime('now')
      '2032-02-29 23:59:59.999',
      '2031-02-29 10:00:00.000', // not a date: both give Invalid Date
      '2031-12-31 24:00:00.000',
      '2031-07-15T17:05:09.042Z',
      '2031-07-15 17:05',
    ];
    for (let i = 0; i < 2000; i++) {
      const iso = new Date(Date.UTC(2020, 0, 1) + i * 315_537_897).toISOString(); // ~3.65 days apart, every time of day
      samples.push(`${iso.slice(0, 10)} ${iso.slice(11, i % 2 ? 23 : 19)}`);
    }
    for (const raw of samples) expect({ raw, t: timeValue(raw).getTime() }).toEqual({ raw, t: typeorm(raw).getTime() });
    const d = new Date();
    expect(timeValue(d)).toBe(d); // MySQL hands over Dates
  });

  it('reads inserted ids and changed rows from either driver', () => {
    expect(insertedId(42)).toBe(42);
    expect(insertedId(BigInt(42))).toBe(42);
    expect(insertedId({ insertId: 7, affectedRows: 1 })).toBe(7);
    expect(() => insertedId(undefined)).toThrow(/inserted id/);
    expect(affectedRows([{ id: 3 }])).toBe(1);
    expect(affectedRows([])).toBe(0);
    expect(affectedRows({ affectedRows: 1 })).toBe(1);
  });

  it('maps a flight row to the FlightRow shape with Dates and a boolean', () => {
    const raw: RawFlight = {
      id: 9,
      airlineCode: 'BA',
      flightNumber: 117,
      origin: 'LHR',
      destination: 'JFK',
      departureAt: '2031-07-15 07:20:00.000',
      arrivalAt: '2031-07-15 15:15:00.000',
      departureDate: '2031-07-15',
      durationMinutes: 475,
      aircraftCode: '77W',
      baseFare: 41000,
      currency: 'GBP',
      status: 'scheduled',
      seatsReady: 1,
      createdAt: '2031-07-01 10:00:00',
      updatedAt: '2031-07-01 10:00:00.500',
    };
    const f = flightRow(raw);
    expect(Object.keys(f)).toEqual(Object.keys(raw));
    expect(f).toEqual({
      ...raw,
      departureAt: new Date('2031-07-15T07:20:00.000Z'),
      arrivalAt: new Date('2031-07-15T15:15:00.000Z'),
      seatsReady: true,
      createdAt: new Date('2031-07-01T10:00:00.000Z'),
      updatedAt: new Date('2031-07-01T10:00:00.500Z'),
    });
    expect(flightRow({ ...raw, seatsReady: 0 }).seatsReady).toBe(false);
  });
});

describe('the seat rule', () => {
  it('splits seats at an instant into takeable (free, or held and run out) and taken, with or without an alias', async () => {
    const db = new DataSource({ type: 'better-sqlite3', database: ':memory:' });
    await db.initialize();
    try {
      await db.query('CREATE TABLE seats (id INTEGER PRIMARY KEY, state TEXT, hold_expires_at TEXT)');
      const now = '2031-07-15 12:00:00.000';
      await db.query(
        'INSERT INTO seats VALUES ' +
          "(1, 'free', NULL), (2, 'held', '2031-07-15 11:59:59.999'), (3, 'held', '2031-07-15 12:00:00.000'), " +
          "(4, 'held', '2031-07-15 12:00:00.001'), (5, 'booked', NULL)",
      );
      const ids = async (condition: string, params: unknown[]) =>
        ((await db.query(`SELECT s.id FROM seats s WHERE ${condition} ORDER BY s.id`, params)) as { id: number }[]).map(
          (r) => r.id,
        );
      expect(await ids(seatTakeable(), [now])).toEqual([1, 2, 3]);
      expect(await ids(seatTaken(), [now])).toEqual([4, 5]);
      expect(await ids(seatTakeable('s'), [now])).toEqual([1, 2, 3]);
      expect(await ids(seatTaken('s', `'${now}'`), [])).toEqual([4, 5]);
    } finally {
      await db.destroy();
    }
  });
});
