import type { Config } from './config/config';
import type { Db } from './db/db';
import type { Logger } from './logger';
import { BookingRepository } from './repositories/booking.repository';
import { FlightRepository } from './repositories/flight.repository';
import { OpsRepository } from './repositories/ops.repository';
import { ReferenceRepository } from './repositories/reference.repository';
import { SeatRepository } from './repositories/seat.repository';
import { UserRepository } from './repositories/user.repository';
import { Seeder } from './seed/seeder';
import { AdminService } from './services/admin.service';
import { AuthService } from './services/auth.service';
import { BookingChangesService } from './services/booking-changes.service';
import { BookingService } from './services/booking.service';
import type { Clock } from './services/clock';
import { FareQuoter } from './services/fare-quote';
import { HoldSweeper } from './services/hold-sweeper';
import { RateLimitService } from './services/rate-limit.service';
import { ReferenceDataService } from './services/reference-data.service';
import { SearchService } from './services/search.service';
import { SeatMapService } from './services/seatmap.service';

/** Repositories: the only code that talks to TypeORM. */
export interface Repositories {
  reference: ReferenceRepository;
  flights: FlightRepository;
  seats: SeatRepository;
  bookings: BookingRepository;
  users: UserRepository;
  ops: OpsRepository;
}

/** The booking domain's services, built once by the composition root and shared by HTTP and chat. */
export interface ApiServices {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  repos: Repositories;
  seeder: Seeder;
  ref: ReferenceDataService;
  quoter: FareQuoter;
  search: SearchService;
  seatMaps: SeatMapService;
  bookings: BookingService;
  bookingChanges: BookingChangesService;
  auth: AuthService;
  admin: AdminService;
  rateLimits: RateLimitService;
  sweeper: HoldSweeper;
}

export function buildRepositories(db: Db): Repositories {
  return {
    reference: new ReferenceRepository(db),
    flights: new FlightRepository(db),
    seats: new SeatRepository(db),
    bookings: new BookingRepository(db),
    users: new UserRepository(db),
    ops: new OpsRepository(db),
  };
}

export function buildApiServices(config: Config, db: Db, log: Logger, clock: Clock): ApiServices {
  const repos = buildRepositories(db);
  const ref = new ReferenceDataService(repos.reference);
  const quoter = new FareQuoter(ref);
  const bookings = new BookingService(db, ref, repos.flights, repos.seats, repos.bookings, quoter, clock, config.HOLD_MINUTES);
  return {
    config,
    log,
    db,
    clock,
    repos,
    seeder: new Seeder(repos.reference, repos.flights),
    ref,
    quoter,
    search: new SearchService(ref, repos.flights, repos.seats, quoter, clock, config.DEFAULT_CURRENCY),
    seatMaps: new SeatMapService(ref, repos.flights, repos.seats, quoter, clock),
    bookings,
    bookingChanges: new BookingChangesService(db, ref, repos.flights, repos.seats, repos.bookings, repos.ops, bookings, clock),
    auth: new AuthService(repos.users, { jwtSecret: config.JWT_SECRET, accessTokenMinutes: config.ACCESS_TOKEN_MINUTES, refreshTokenDays: config.REFRESH_TOKEN_DAYS }, clock),
    admin: new AdminService(ref, repos.flights, repos.bookings, repos.ops, bookings),
    rateLimits: new RateLimitService(repos.ops, clock),
    sweeper: new HoldSweeper(db, repos.bookings, repos.seats, repos.ops, clock, log),
  };
}
