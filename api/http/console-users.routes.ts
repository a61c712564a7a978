import { Router } from 'express';
import { z } from 'zod';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { originOf } from './console-request';
import { parse, positiveId } from './validation';

const role = z.enum(['traveller', 'agent', 'admin'], { message: 'must be traveller, agent or admin' });
export const userListQuery = z
  .object({
    role: role.optional(),
    email: z.string().trim().min(1).max(254).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  })
  .strict();
export const inviteBody = z
  .object({
    email: z.email({ message: 'must be an email address' }).max(254),
    firstName: z.string().max(60),
    lastName: z.string().max(60),
    role: z.enum(['agent', 'admin']).default('agent'),
  })
  .strict();
export const userPatch = z
  .object({ role: role.optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((p) => p.role !== undefined || p.disabled !== undefined, { message: 'change the role or the state' });

/** Admins' user management: list staff, invite, change a role, disable or enable. */
export function consoleUserRoutes(c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/users', async (req, res) => {
    res.json({ items: await c.users.list(actorOf(res), parse(userListQuery, req.query)) });
  });
  r.post('/console/users', async (req, res) => {
    res.status(201).json(await c.users.invite(actorOf(res), originOf(req), parse(inviteBody, req.body)));
  });
  r.patch('/console/users/:userId', async (req, res) => {
    const id = parse(positiveId, req.params.userId, 'userId');
    res.json(await c.users.update(actorOf(res), originOf(req), id, parse(userPatch, req.body)));
  });
  return r;
}
