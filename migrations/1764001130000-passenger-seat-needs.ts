import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { bool } from './columns';

/**
 * What the seat safety rules need to know of a passenger: whether they hold a lap infant (exit rows, one lap infant
 * per block of seats sharing a spare oxygen mask) and whether they asked for special assistance (exit rows).
 * Existing passengers get false; lap infants of existing bookings are on their adults' laps by the same rule the
 * holds use (api/domain/seat-safety.ts lapHolders), written here once.
 */
export class PassengerSeatNeeds1764001130000 implements MigrationInterface {
  name = 'PassengerSeatNeeds1764001130000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('passengers', [
      new TableColumn(bool('holds_infant', false)),
      new TableColumn(bool('special_assistance', false)),
    ]);
    // An adult holds an infant when fewer adults of the booking come before them than the booking has infants.
    await q.query(
      `UPDATE passengers SET holds_infant = 1 WHERE type = 'ADT' AND ` +
        `(SELECT COUNT(*) FROM (SELECT booking_id, position, type FROM passengers) a ` +
        `WHERE a.booking_id = passengers.booking_id AND a.type = 'ADT' AND a.position < passengers.position) < ` +
        `(SELECT COUNT(*) FROM (SELECT booking_id, type FROM passengers) i ` +
        `WHERE i.booking_id = passengers.booking_id AND i.type = 'INF')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('passengers', 'special_assistance');
    await q.dropColumn('passengers', 'holds_infant');
  }
}
