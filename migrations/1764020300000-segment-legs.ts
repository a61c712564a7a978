import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';
import { int } from './columns';

/**
 * The leg of the trip each booked flight belongs to (0-based): a multi-city trip has legs 0 to 3, each a one-way
 * journey of one or more flights. Return trips number their outbound 0 and their return 1, one-way trips have only 0,
 * so the existing rows are numbered from their direction.
 */
export class SegmentLegs1764020300000 implements MigrationInterface {
  name = 'SegmentLegs1764020300000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('booking_segments', new TableColumn(int('leg', false, 0)));
    await q.query(`UPDATE booking_segments SET leg = 1 WHERE direction = 'inbound'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('booking_segments', 'leg');
  }
}
