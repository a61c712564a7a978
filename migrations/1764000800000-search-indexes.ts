import { type MigrationInterface, type QueryRunner, TableIndex } from 'typeorm';

/**
 * The second legs of one-stop journeys are read by hub, destination and a departure window
 * (FlightRepository.departuresBetween). Without this index SQLite walks every flight to the
 * destination on every date and MySQL/MariaDB a wide range of the hub's departures; with it both
 * seek straight to the window of each hub→destination route (checked with EXPLAIN on both).
 */
export class SearchIndexes1764000800000 implements MigrationInterface {
  name = 'SearchIndexes1764000800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'flights',
      new TableIndex({ name: 'idx_flights_route_departure', columnNames: ['origin', 'destination', 'departure_at'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('flights', 'idx_flights_route_departure');
  }
}
