import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { id, int, stamp, str } from './columns';

/**
 * Special service requests (meals, wheelchair, pet in the cabin) per passenger and flight, at most one of each
 * kind. Pets in the cabin are counted per flight under a lock of the flight's row when one is added.
 */
export class SpecialRequests1764019300000 implements MigrationInterface {
  name = 'SpecialRequests1764019300000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'special_requests',
        columns: [
          id(),
          int('booking_id'),
          int('passenger_id'),
          int('flight_id'),
          str('kind', 12),
          str('code', 4),
          stamp(q, 'created_at'),
        ],
        uniques: [{ name: 'uq_special_requests_kind', columnNames: ['passenger_id', 'flight_id', 'kind'] }],
        indices: [
          new TableIndex({ name: 'idx_special_requests_booking', columnNames: ['booking_id'] }),
          new TableIndex({ name: 'idx_special_requests_flight', columnNames: ['flight_id', 'kind'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('special_requests');
  }
}
