import type { ApiServices } from '../container';
import { ConsoleAuditRepository } from '../repositories/console-audit.repository';
import { ConsoleUsersRepository } from '../repositories/console-users.repository';
import { ConsoleAccess } from './console-access';
import { ConsoleAuditService } from './console-audit.service';
import { ConsoleUsersService } from './console-users.service';

/** The operations console's use cases, built from the API's services (one place, like api/container.ts). */
export interface ConsoleServices {
  access: ConsoleAccess;
  audit: ConsoleAuditService;
  users: ConsoleUsersService;
}

export function buildConsoleServices(s: ApiServices): ConsoleServices {
  const access = new ConsoleAccess(s.repos.users);
  const audit = new ConsoleAuditService({ db: s.db, auditRepo: new ConsoleAuditRepository(s.db), access });
  const users = new ConsoleUsersService({
    access,
    audit,
    auth: s.auth,
    userRepo: s.repos.users,
    usersRepo: new ConsoleUsersRepository(s.db),
    clock: s.clock,
  });
  return { access, audit, users };
}
