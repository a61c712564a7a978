import { Router } from 'express';
import { z } from 'zod';
import { REPORT_NAMES, type ReportName } from '../services/console-reports.service';
import type { ConsoleServices } from '../services/console-services';
import { actorOf } from './middleware/auth';
import { originOf } from './console-request';
import { streamCsv } from './console-csv';
import { hhmm, iataCode, isoDate, parse, positiveId } from './validation';
import { flightInput } from './routes/admin.routes';

export const reportName = z.enum(REPORT_NAMES as [ReportName, ...ReportName[]]);
export const consoleReportQuery = z
  .object({
    from: isoDate.optional().meta({ description: 'UTC date, inclusive (default: 29 days before `to`)' }),
    to: isoDate.optional().meta({ description: 'UTC date, inclusive (default: today)' }),
    channel: z.string().trim().min(1).max(32).optional().meta({ description: 'webchat, sms, slack, api …' }),
  })
  .strict();
export const scheduleQuery = z
  .object({ date: isoDate, origin: iataCode.optional(), destination: iataCode.optional() })
  .strict();
const reason = z.string().trim().min(3, { message: 'say why (at least 3 characters)' }).max(500);
export const disruptionBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('delayed'), departureTime: hhmm, departureDate: isoDate.optional(), reason }).strict(),
  z.object({ kind: z.literal('cancelled'), reason }).strict(),
]);

export const retimeBody = z
  .object({
    departureTime: hhmm,
    departureDate: isoDate.optional().meta({ description: 'local date at the origin (default: unchanged)' }),
    durationMinutes: z
      .number()
      .int()
      .min(20)
      .max(24 * 60)
      .optional(),
    reason,
  })
  .strict();
export const retireBody = z.object({ reason }).strict();

/** Reports (JSON or streamed CSV) for agents and admins; the schedule and its disruptions for admins. */
export function consoleReportRoutes(c: ConsoleServices): Router {
  const r = Router();
  r.get('/console/reports/bookings.csv', async (req, res) => {
    const rows = await c.reports.bookings(actorOf(res), parse(consoleReportQuery, req.query));
    await streamCsv(
      res,
      'bookings.csv',
      ['pnr', 'created_at', 'status', 'channel', 'currency', 'total_minor'],
      rows,
      (b) => [b.pnr, b.createdAt.toISOString(), b.status, b.channel, b.currency, b.totalAmount],
    );
  });
  r.get('/console/reports/:report.csv', async (req, res) => {
    const name = parse(reportName, req.params.report, 'report');
    const table = await c.reports.report(actorOf(res), name, parse(consoleReportQuery, req.query));
    await streamCsv(
      res,
      `${name}-${table.from}-${table.to}.csv`,
      table.columns.map((col) => col.key),
      table.rows,
      (row) => table.columns.map((col) => row[col.key]),
    );
  });
  r.get('/console/reports/:report', async (req, res) => {
    const name = parse(reportName, req.params.report, 'report');
    res.json(await c.reports.report(actorOf(res), name, parse(consoleReportQuery, req.query)));
  });
  r.get('/console/schedule', async (req, res) => {
    res.json({ items: await c.schedule.flights(actorOf(res), parse(scheduleQuery, req.query)) });
  });
  r.post('/console/schedule', async (req, res) => {
    res.status(201).json(await c.schedule.add(actorOf(res), originOf(req), parse(flightInput, req.body)));
  });
  r.patch('/console/schedule/:flightId', async (req, res) => {
    const id = parse(positiveId, req.params.flightId, 'flightId');
    res.json(await c.schedule.retime(actorOf(res), originOf(req), id, parse(retimeBody, req.body)));
  });
  r.post('/console/schedule/:flightId/retire', async (req, res) => {
    const id = parse(positiveId, req.params.flightId, 'flightId');
    res.json(await c.schedule.retire(actorOf(res), originOf(req), id, parse(retireBody, req.body).reason));
  });
  r.post('/console/schedule/:flightId/disruption', async (req, res) => {
    const id = parse(positiveId, req.params.flightId, 'flightId');
    res.json(await c.schedule.disrupt(actorOf(res), originOf(req), id, parse(disruptionBody, req.body)));
  });
  return r;
}
