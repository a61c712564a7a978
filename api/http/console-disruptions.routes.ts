import { Router } from 'express';
import type { ApiServices } from '../container';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { disruptionList } from './routes/disruption.routes';
import { parse, positiveId } from './validation';

/** The disruption reports for agents and admins (the console's account check, then the disruption service). */
export function consoleDisruptionRoutes(s: ApiServices, c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/disruptions', async (req, res) => {
    const staff = await c.access.staff(actorOf(res));
    res.json({ items: await s.disruptions.list(staff.actor, parse(disruptionList, req.query).limit) });
  });
  r.get('/console/disruptions/:disruptionId', async (req, res) => {
    const staff = await c.access.staff(actorOf(res));
    res.json(await s.disruptions.report(staff.actor, parse(positiveId, req.params.disruptionId, 'disruptionId')));
  });
  return r;
}
