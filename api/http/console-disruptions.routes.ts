import { Router } from 'express';
import type { ApiServices } from '../container';
import type { ConsoleServices } from '../services/console-services';
import { documentConsole } from './console-openapi';
import { actorOf } from './middleware/auth';
import { disruptionList } from './routes/disruption.routes';
import { parse, positiveId } from './validation';

documentConsole(
  {
    method: 'get',
    path: '/console/disruptions',
    summary: 'Recent flight disruptions: affected bookings and how many have not answered',
    who: 'staff',
    query: disruptionList,
  },
  {
    method: 'get',
    path: '/console/disruptions/{disruptionId}',
    summary: 'A disruption report: each affected booking, what it chose, who has not answered',
    who: 'staff',
    params: [{ name: 'disruptionId' }],
  },
);

/** The disruption reports for agents and admins (the console's account check, then the disruption service). */
export function consoleDisruptionRoutes(s: ApiServices, c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/disruptions', async (req, res) => {
    const staff = await c.access.staff(actorOf(res));
    res.json({ items: await s.disruptions.list(staff.actor, parse(disruptionList, req.query).limit) });
  });
  r.get('/console/disruptions/:disruptionId', async (req, res) => {
    const staff = await c.access.staff(actorOf(res));
    res.json(await s.disruptions.report(staff.actor, parse(positiveId, req.params.disruptionId)));
  });
  return r;
}
