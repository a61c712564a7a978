import { EntitySchema } from 'typeorm';
import type { AircraftTypeRow, AirlineRow, AirportRow, FlightRow, MetroRow, SeatRow } from '../../domain/records';

/**
 * Inventory tables: airports, metros, airlines, aircraft types, flights and their seats.
 * Their records are defined in api/domain/records.
 */

const aliases = { type: 'simple-json' as const, nullable: false };

export const MetroEntity = new EntitySchema<MetroRow>({
  name: 'Metro',
  tableName: 'metros',
  columns: {
    code: { type: 'varchar', length: 3, primary: true },
    name: { type: 'varchar', length: 100 },
    city: { type: 'varchar', length: 80 },
    country: { type: 'varchar', length: 2 },
    aliases: { ...aliases },
  },
});

export const AirportEntity = new EntitySchema<AirportRow>({
  name: 'Airport',
  tableName: 'airports',
  columns: {
    code: { type: 'varchar', length: 3, primary: true },
    name: { type: 'varchar', length: 120 },
    city: { type: 'varchar', length: 80 },
    country: { type: 'varchar', length: 2 },
    timeZone: { name: 'time_zone', type: 'varchar', length: 64 },
    latitude: { type: 'double' },
    longitude: { type: 'double' },
    metroCode: { name: 'metro_code', type: 'varchar', length: 3, nullable: true },
    aliases: { ...aliases },
  },
});

export const AirlineEntity = new EntitySchema<AirlineRow>({
  name: 'Airline',
  tableName: 'airlines',
  columns: {
    code: { type: 'varchar', length: 2, primary: true },
    name: { type: 'varchar', length: 100 },
    ticketPrefix: { name: 'ticket_prefix', type: 'varchar', length: 3 },
    aliases: { ...aliases },
  },
});

export const AircraftTypeEntity = new EntitySchema<AircraftTypeRow>({
  name: 'AircraftType',
  tableName: 'aircraft_types',
  columns: {
    code: { type: 'varchar', length: 4, primary: true },
    name: { type: 'varchar', length: 100 },
    cabins: { type: 'simple-json' },
  },
});

export const FlightEntity = new EntitySchema<FlightRow>({
  name: 'Flight',
  tableName: 'flights',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    airlineCode: { name: 'airline_code', type: 'varchar', length: 2 },
    flightNumber: { name: 'flight_number', type: 'int' },
    origin: { type: 'varchar', length: 3 },
    destination: { type: 'varchar', length: 3 },
    departureAt: { name: 'departure_at', type: 'datetime', precision: 3 },
    arrivalAt: { name: 'arrival_at', type: 'datetime', precision: 3 },
    departureDate: { name: 'departure_date', type: 'varchar', length: 10 },
    durationMinutes: { name: 'duration_minutes', type: 'int' },
    aircraftCode: { name: 'aircraft_code', type: 'varchar', length: 4 },
    baseFare: { name: 'base_fare', type: 'int' },
    currency: { type: 'varchar', length: 3 },
    status: { type: 'varchar', length: 16, default: 'scheduled' },
    seatsReady: { name: 'seats_ready', type: 'boolean', default: false },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3, createDate: true },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3, updateDate: true },
  },
});

export const SeatEntity = new EntitySchema<SeatRow>({
  name: 'Seat',
  tableName: 'seats',
  columns: {
    id: { type: 'int', primary: true, generated: 'increment' },
    flightId: { name: 'flight_id', type: 'int' },
    designator: { type: 'varchar', length: 4 },
    cabin: { type: 'varchar', length: 16 },
    state: { type: 'varchar', length: 8, default: 'free' },
    bookingId: { name: 'booking_id', type: 'int', nullable: true },
    passengerId: { name: 'passenger_id', type: 'int', nullable: true },
    holdExpiresAt: { name: 'hold_expires_at', type: 'datetime', precision: 3, nullable: true },
    updatedAt: { name: 'updated_at', type: 'datetime', precision: 3, updateDate: true },
  },
});
