import type { Db } from '../../api/db/db';

export interface InventoryCounts {
  flights: number;
  seats: number;
  bookings: number;
}

const one = async (db: Db, sql: string): Promise<number> => {
  const rows = await db.run((em) => em.query(sql) as Promise<{ n: number | string }[]>);
  return Number(rows[0]?.n ?? 0);
};

/** How much a --reset would delete: every flight, its seat rows, and the bookings on any flight. */
export async function inventoryCounts(db: Db): Promise<InventoryCounts> {
  return {
    flights: await one(db, 'SELECT COUNT(*) AS n FROM flights'),
    seats: await one(db, 'SELECT COUNT(*) AS n FROM seats'),
    bookings: await one(db, 'SELECT COUNT(DISTINCT booking_id) AS n FROM booking_segments'),
  };
}

/**
 * Deletes all flights together with what references them: seat rows, and bookings with a segment
 * (their passengers and segments too). Reference data (airports, airlines, aircraft) and users stay.
 */
export async function deleteSchedule(db: Db): Promise<InventoryCounts> {
  const before = await inventoryCounts(db);
  await db.transaction(() =>
    db.run(async (em) => {
      const booked = 'SELECT DISTINCT booking_id FROM booking_segments';
      await em.query('DELETE FROM seats');
      // MySQL cannot select from the table it deletes from; the derived table makes it materialise first.
      await em.query(`DELETE FROM passengers WHERE booking_id IN (SELECT booking_id FROM (${booked}) AS b)`);
      await em.query(`DELETE FROM bookings WHERE id IN (SELECT booking_id FROM (${booked}) AS b)`);
      await em.query('DELETE FROM booking_segments');
      await em.query('DELETE FROM flights');
    }),
  );
  return before;
}
