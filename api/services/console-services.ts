import type { ApiServices } from '../container';
import { ConsoleAuditRepository } from '../repositories/console-audit.repository';
import { ConsoleBookingsRepository } from '../repositories/console-bookings.repository';
import { ConsoleUsersRepository } from '../repositories/console-users.repository';
import { ConsoleAccess } from './console-access';
import { ConsoleAuditService } from './console-audit.service';
import { ConsoleBookingsService } from './console-bookings.service';
import { ConsoleUsersService } from './console-users.service';

/** The operations console's use cases, built from the API's services (one place, like api/container.ts). */
export interface ConsoleServices {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  users: ConsoleUsersService;
  bookings: ConsoleBookingsService;
}

export function buildConsoleServices(s: ApiServices): ConsoleServices {
  const access = new ConsoleAccess(s.repos.users);
  const auditRepo = new ConsoleAuditRepository(s.db);
  const audit = new ConsoleAuditService({ db: s.db, auditRepo, access });
  const users = new ConsoleUsersService({
    access,
    audit,
    auth: s.auth,
    userRepo: s.repos.users,
    usersRepo: new ConsoleUsersRepository(s.db),
    clock: s.clock,
  });
  const bookings = new ConsoleBookingsService({
    access,
    audit,
    auditRepo,
    bookings: s.bookings,
    bookingRepo: s.repos.bookings,
    bookingViews: s.bookingViews,
    consoleRepo: new ConsoleBookingsRepository(s.db),
    cancellations: s.cancellations,
    mail: s.mail,
    clock: s.clock,
  });
  return { access, audit, users, bookings };
}
