import { Router } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../container';
import type { ConsoleServices } from '../services/console-services';
import { actorOf, type AuthMiddleware } from './middleware/auth';
import { streamCsv } from './console-csv';
import { consoleUserRoutes } from './console-users.routes';
import { consoleBookingRoutes } from './console-bookings.routes';
import { consoleCaseRoutes } from './console-cases.routes';
import { consoleReportRoutes } from './console-reports.routes';
import { consoleHelpRoutes } from './console-help.routes';
import { consoleDisruptionRoutes } from './console-disruptions.routes';
import { isoDate, parse, positiveId } from './validation';
import { changePassword } from './routes/auth.routes';
import { originOf } from './console-request';

const dayStart = (d: string) => new Date(`${d}T00:00:00Z`);
const nextDay = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

export const auditQuery = z
  .object({
    actorUserId: positiveId.optional(),
    action: z.string().trim().min(1).max(64).optional(),
    entityType: z.string().trim().min(1).max(32).optional(),
    entityId: z.string().trim().min(1).max(64).optional(),
    from: isoDate.optional().meta({ description: 'UTC date, inclusive' }),
    to: isoDate.optional().meta({ description: 'UTC date, inclusive' }),
    before: positiveId.optional().meta({ description: 'continue below this entry id (paging)' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

function auditFilter(q: z.infer<typeof auditQuery>) {
  return {
    actorUserId: q.actorUserId,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    from: q.from ? dayStart(q.from) : undefined,
    to: q.to ? nextDay(q.to) : undefined,
  };
}

/**
 * The operations console's API under /api/v1/console: every route needs a signed-in user, and the console
 * services decide from the account (as the database has it now) whether an agent or an admin may do it.
 */
export function consoleRoutes(s: ApiServices, auth: AuthMiddleware, c: ConsoleServices): Router {
  const r = Router();
  r.use('/console', auth.requireUser);
  r.get('/console/me', async (_req, res) => {
    const staff = await c.access.staff(actorOf(res));
    res.json({
      id: staff.user.id,
      email: staff.user.email,
      name: staff.name,
      role: staff.user.role,
      slack: Boolean(s.config.SLACK_BOT_TOKEN),
    });
  });
  // The first sign-in of an invited account replaces its one-time password (limited like sign-in attempts).
  r.post('/console/me/password', async (req, res) => {
    const body = parse(changePassword, req.body);
    const actor = actorOf(res);
    const limit = { bucket: 'console-password', limit: s.config.RATE_LIMIT_LOGIN_PER_15_MIN, windowMs: 15 * 60_000 };
    await s.rateLimits.consume(limit, `${actor.kind === 'user' ? actor.userId : ''}`);
    res.json(await c.users.changeOwnPassword(actor, originOf(req), body.currentPassword, body.newPassword));
  });
  r.get('/console/audit', async (req, res) => {
    const q = parse(auditQuery, req.query);
    const items = await c.audit.list(actorOf(res), auditFilter(q), q.before, q.limit);
    res.json({ items, next: items.length === q.limit ? items[items.length - 1]!.id : null });
  });
  r.get('/console/audit.csv', async (req, res) => {
    const { before: _before, limit: _limit, ...q } = parse(auditQuery, req.query);
    const rows = await c.audit.export(actorOf(res), auditFilter({ ...q, limit: 0 }));
    await streamCsv(
      res,
      'audit-log.csv',
      [
        'id',
        'at',
        'actor_user_id',
        'actor_role',
        'action',
        'entity_type',
        'entity_id',
        'reason',
        'ip',
        'user_agent',
        'before',
        'after',
        'data',
      ],
      rows,
      (a) => [
        a.id,
        a.at,
        a.actorUserId,
        a.actorRole,
        a.action,
        a.entityType,
        a.entityId,
        a.reason,
        a.ip,
        a.userAgent,
        a.before ? JSON.stringify(a.before) : null,
        a.after ? JSON.stringify(a.after) : null,
        a.data ? JSON.stringify(a.data) : null,
      ],
    );
  });
  r.use(consoleUserRoutes(c));
  r.use(consoleBookingRoutes(c));
  r.use(consoleCaseRoutes(c));
  r.use(consoleReportRoutes(c));
  r.use(consoleHelpRoutes(c));
  r.use(consoleDisruptionRoutes(s, c));
  return r;
}
