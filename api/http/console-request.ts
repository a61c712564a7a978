import type { Request } from 'express';
import type { RequestOrigin } from '../services/console-audit.service';

/** Where a console request came from, for the audit log (the address honours TRUST_PROXY via req.ip). */
export function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
