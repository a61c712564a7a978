import type { ApiServices } from '../container';
import { ConsoleAuditRepository } from '../repositories/console-audit.repository';
import { ConsoleBookingsRepository } from '../repositories/console-bookings.repository';
import { ConsoleCasesRepository } from '../repositories/console-cases.repository';
import { ConsoleReportsRepository } from '../repositories/console-reports.repository';
import { ConsoleUsersRepository } from '../repositories/console-users.repository';
import { ConsoleAccess } from './console-access';
import { ConsoleAuditService } from './console-audit.service';
import { ConsoleBookingsService } from './console-bookings.service';
import { type CaseAnnouncer, ConsoleCasesService, SILENT_ANNOUNCER } from './console-cases.service';
import { ConsoleUsersService } from './console-users.service';
import { ConsoleReportsService } from './console-reports.service';
import { ConsoleScheduleService } from './console-schedule.service';
import { ConsoleHelpService } from './console-help.service';
import { HelpContentRepository } from '../repositories/help-content.repository';

/** The operations console's use cases, built from the API's services (one place, like api/container.ts). */
export interface ConsoleServices {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  users: ConsoleUsersService;
  bookings: ConsoleBookingsService;
  cases: ConsoleCasesService;
  reports: ConsoleReportsService;
  schedule: ConsoleScheduleService;
  help: ConsoleHelpService;
}

/** `announcer` tells travellers and the Slack thread about agents' console actions (the bot's handoff relay). */
export function buildConsoleServices(s: ApiServices, announcer: CaseAnnouncer = SILENT_ANNOUNCER): ConsoleServices {
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
    bookingChanges: s.bookingChanges,
    bookingRepo: s.repos.bookings,
    bookingViews: s.bookingViews,
    consoleRepo: new ConsoleBookingsRepository(s.db),
    cancellations: s.cancellations,
    mail: s.mail,
    clock: s.clock,
  });
  const cases = new ConsoleCasesService({
    access,
    audit,
    support: s.support,
    handoff: s.handoff,
    casesRepo: new ConsoleCasesRepository(s.db),
    announcer,
    clock: s.clock,
  });
  const reportsRepo = new ConsoleReportsRepository(s.db);
  const reports = new ConsoleReportsService({
    access,
    reportsRepo,
    ref: s.ref,
    clock: s.clock,
    rollup: s.reportRollup,
  });
  const schedule = new ConsoleScheduleService({
    access,
    audit,
    admin: s.admin,
    disruptions: s.disruptions,
    flightRepo: s.repos.flights,
    reportsRepo,
    ref: s.ref,
  });
  const help = new ConsoleHelpService({ access, audit, faq: s.faq, helpRepo: new HelpContentRepository(s.db) });
  return { access, audit, users, bookings, cases, reports, schedule, help };
}
