import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, dbl, id, int, stamp, str, text, time } from './columns';

/** Inventory, bookings, accounts and operations tables for the booking core. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'metros',
        columns: [
          { ...str('code', 3), isPrimary: true },
          str('name', 100),
          str('city', 80),
          str('country', 2),
          text('aliases'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'airports',
        columns: [
          { ...str('code', 3), isPrimary: true },
          str('name', 120),
          str('city', 80),
          str('country', 2),
          str('time_zone', 64),
          dbl('latitude'),
          dbl('longitude'),
          str('metro_code', 3, true),
          text('aliases'),
        ],
        indices: [new TableIndex({ name: 'idx_airports_metro', columnNames: ['metro_code'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'airlines',
        columns: [{ ...str('code', 2), isPrimary: true }, str('name', 100), str('ticket_prefix', 3), text('aliases')],
        uniques: [{ name: 'uq_airlines_prefix', columnNames: ['ticket_prefix'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'aircraft_types',
        columns: [{ ...str('code', 4), isPrimary: true }, str('name', 100), text('cabins')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'flights',
        columns: [
          id(),
          str('airline_code', 2),
          int('flight_number'),
          str('origin', 3),
          str('destination', 3),
          time('departure_at'),
          time('arrival_at'),
          str('departure_date', 10),
          int('duration_minutes'),
          str('aircraft_code', 4),
          int('base_fare'),
          str('currency', 3),
          str('status', 16, false, 'scheduled'),
          bool('seats_ready', false),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        uniques: [{ name: 'uq_flights_number_date', columnNames: ['airline_code', 'flight_number', 'departure_date'] }],
        indices: [
          // Search by origin and local date; connections by origin and departure instant.
          new TableIndex({ name: 'idx_flights_origin_date', columnNames: ['origin', 'departure_date', 'destination'] }),
          new TableIndex({ name: 'idx_flights_origin_departure', columnNames: ['origin', 'departure_at'] }),
          new TableIndex({ name: 'idx_flights_destination_date', columnNames: ['destination', 'departure_date'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'seats',
        columns: [
          id(),
          int('flight_id'),
          str('designator', 4),
          str('cabin', 16),
          str('state', 8, false, 'free'),
          int('booking_id', true),
          int('passenger_id', true),
          time('hold_expires_at', true),
          stamp(q, 'updated_at'),
        ],
        uniques: [{ name: 'uq_seats_flight_designator', columnNames: ['flight_id', 'designator'] }],
        indices: [
          new TableIndex({ name: 'idx_seats_flight_state', columnNames: ['flight_id', 'state', 'cabin'] }),
          new TableIndex({ name: 'idx_seats_booking', columnNames: ['booking_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bookings',
        columns: [
          id(),
          str('pnr', 6),
          int('user_id', true),
          str('status', 16),
          time('hold_expires_at', true),
          str('currency', 3),
          int('total_amount'),
          text('breakdown'),
          str('contact_email', 254),
          str('contact_phone', 32, true),
          str('channel', 32, true),
          int('version', false, 1),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
          time('confirmed_at', true),
          time('cancelled_at', true),
        ],
        uniques: [{ name: 'uq_bookings_pnr', columnNames: ['pnr'] }],
        indices: [
          new TableIndex({ name: 'idx_bookings_user', columnNames: ['user_id'] }),
          new TableIndex({ name: 'idx_bookings_status_hold', columnNames: ['status', 'hold_expires_at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'booking_segments',
        columns: [
          id(),
          int('booking_id'),
          int('position'),
          int('flight_id'),
          str('cabin', 16),
          str('fare_family', 16),
          str('direction', 8),
        ],
        indices: [
          new TableIndex({ name: 'idx_segments_booking', columnNames: ['booking_id'] }),
          new TableIndex({ name: 'idx_segments_flight', columnNames: ['flight_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'passengers',
        columns: [
          id(),
          int('booking_id'),
          int('position'),
          str('first_name', 60),
          str('last_name', 60),
          str('date_of_birth', 10),
          str('type', 3),
          str('ticket_number', 13, true),
        ],
        uniques: [{ name: 'uq_passengers_ticket', columnNames: ['ticket_number'] }],
        indices: [new TableIndex({ name: 'idx_passengers_booking', columnNames: ['booking_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('email', 254),
          str('password_hash', 255, true),
          str('first_name', 60),
          str('last_name', 60),
          str('role', 16, false, 'traveller'),
          str('phone', 32, true),
          time('email_verified_at', true),
          stamp(q, 'created_at'),
          stamp(q, 'updated_at'),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          id(),
          int('user_id'),
          str('token_hash', 64),
          str('family_id', 36),
          time('expires_at'),
          time('used_at', true),
          time('revoked_at', true),
          stamp(q, 'created_at'),
        ],
        uniques: [{ name: 'uq_refresh_tokens_hash', columnNames: ['token_hash'] }],
        indices: [new TableIndex({ name: 'idx_refresh_tokens_family', columnNames: ['family_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          int('actor_user_id', true),
          str('actor_role', 16),
          str('action', 64),
          str('entity_type', 32),
          str('entity_id', 64),
          str('reason', 500, true),
          text('data', true),
          stamp(q, 'created_at'),
        ],
        indices: [new TableIndex({ name: 'idx_audit_entity', columnNames: ['entity_type', 'entity_id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rate_limits',
        columns: [{ ...str('bucket', 190), isPrimary: true }, int('hits'), time('reset_at')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rate_limits',
      'audit_log',
      'refresh_tokens',
      'users',
      'passengers',
      'booking_segments',
      'bookings',
      'seats',
      'flights',
      'aircraft_types',
      'airlines',
      'airports',
      'metros',
    ])
      await q.dropTable(t);
  }
}
