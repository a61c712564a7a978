import { z } from 'zod';
import { type Json, queryParams, schema } from './openapi-schema';
import { auditQuery } from './console.routes';
import { inviteBody, userListQuery, userPatch } from './console-users.routes';
import { bookingQuery, cancelBody, consoleSeatsBody, quoteBody } from './console-bookings.routes';
import { caseClose, caseInboxQuery, caseText } from './console-cases.routes';
import { consoleReportQuery, disruptionBody, retimeBody, retireBody, scheduleQuery } from './console-reports.routes';
import { flightInput } from './routes/admin.routes';
import { helpInsightsQuery } from './console-help.routes';
import { faqArticle } from './routes/faq.routes';
import { changePassword } from './routes/auth.routes';
import { disruptionList } from './routes/disruption.routes';

/**
 * The console's part of the OpenAPI document (merged into ./openapi.ts), from the same zod schemas its
 * handlers parse with.
 */
export interface ConsoleOperation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  who: 'staff' | 'admin';
  query?: z.ZodType;
  body?: z.ZodType;
  params?: { name: string; pattern?: string }[];
  /** text/csv (streamed) or text/event-stream instead of JSON. */
  produces?: 'text/csv' | 'text/event-stream';
  status?: number;
}

const CONSOLE_OPERATIONS: ConsoleOperation[] = [];

/** Adds operations to the document. */
export function documentConsole(...ops: ConsoleOperation[]): void {
  CONSOLE_OPERATIONS.push(...ops);
}

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

documentConsole(
  {
    method: 'get',
    path: '/console/me',
    summary: 'The signed-in staff member (travellers: 403; an invited account first: password_change_required)',
    who: 'staff',
  },
  {
    method: 'post',
    path: '/console/me/password',
    summary: "Replace the signed-in staff member's password (first sign-in); returns the new session",
    who: 'staff',
    body: changePassword,
  },
  {
    method: 'get',
    path: '/console/audit',
    summary: 'Audit log, newest first, filtered',
    who: 'admin',
    query: auditQuery,
  },
  {
    method: 'get',
    path: '/console/audit.csv',
    summary: 'Audit log as CSV (streamed)',
    who: 'admin',
    query: auditQuery,
    produces: 'text/csv',
  },
  { method: 'get', path: '/console/users', summary: 'Staff accounts', who: 'admin', query: userListQuery },
  {
    method: 'post',
    path: '/console/users',
    summary: 'Invite a staff account (returns a one-time password)',
    who: 'admin',
    body: inviteBody,
    status: 201,
  },
  {
    method: 'patch',
    path: '/console/users/{userId}',
    summary: 'Change a role, disable or enable an account',
    who: 'admin',
    body: userPatch,
    params: [{ name: 'userId' }],
  },
);

const pnrParam = [{ name: 'pnr', pattern: '^[2-9A-HJKMNP-Z]{6}$' }];
documentConsole(
  {
    method: 'get',
    path: '/console/bookings',
    summary: 'Search bookings by reference, name, email, phone, flight or date',
    who: 'staff',
    query: bookingQuery,
  },
  {
    method: 'get',
    path: '/console/bookings/{pnr}',
    summary: 'A booking with its payments, refunds, emails, conversations and history',
    who: 'staff',
    params: pnrParam,
  },
  {
    method: 'post',
    path: '/console/bookings/{pnr}/resend-confirmation',
    summary: 'Send the confirmation again',
    who: 'staff',
    params: pnrParam,
  },
  {
    method: 'post',
    path: '/console/bookings/{pnr}/cancellation-quote',
    summary: 'Cancellation quote, optionally with the fee waived (reason required)',
    who: 'staff',
    params: pnrParam,
    body: quoteBody,
  },
  {
    method: 'post',
    path: '/console/bookings/{pnr}/cancel',
    summary: 'Cancel with a quote',
    who: 'staff',
    params: pnrParam,
    body: cancelBody,
  },
);

const caseParam = [{ name: 'caseId' }];
const caseAction = (path: string, summary: string, body?: z.ZodType): ConsoleOperation => ({
  method: 'post',
  path: `/console/cases/{caseId}/${path}`,
  summary,
  who: 'staff',
  params: caseParam,
  body,
});
documentConsole(
  {
    method: 'get',
    path: '/console/cases',
    summary: 'Support cases: open, assigned or closed',
    who: 'staff',
    query: caseInboxQuery,
  },
  {
    method: 'get',
    path: '/console/cases/{caseId}',
    summary: 'A case with its masked transcript',
    who: 'staff',
    params: caseParam,
  },
  {
    method: 'get',
    path: '/console/events',
    summary: 'Server-sent events: "cases" whenever a case opens or changes or a message arrives (any instance)',
    who: 'staff',
    produces: 'text/event-stream',
  },
  caseAction('take', 'Take the case over (the first taker holds it; case_taken for the others)'),
  caseAction('reply', 'Reply to the traveller on their channel (the holder only)', caseText),
  caseAction('note', 'Add an internal note (agents only see it)', caseText),
  caseAction('hand-back', 'Hand the conversation back to the bot'),
  caseAction('close', 'Resolve the case', caseClose),
);

const reportParam = [{ name: 'report', pattern: '^(revenue|funnel|load-factor|support|ratings)$' }];
documentConsole(
  {
    method: 'get',
    path: '/console/reports/{report}',
    summary: 'A report over UTC days: revenue, funnel, load-factor, support or ratings (columns, rows, chart)',
    who: 'staff',
    params: reportParam,
    query: consoleReportQuery,
  },
  {
    method: 'get',
    path: '/console/reports/{report}.csv',
    summary: 'The same report as CSV',
    who: 'staff',
    params: reportParam,
    query: consoleReportQuery,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/console/reports/bookings.csv',
    summary: 'Every booking in the range as CSV, streamed a page at a time',
    who: 'staff',
    query: consoleReportQuery,
    produces: 'text/csv',
  },
  {
    method: 'get',
    path: '/console/schedule',
    summary: 'Flights on a date (by route) with load factor',
    who: 'admin',
    query: scheduleQuery,
  },
  {
    method: 'post',
    path: '/console/schedule/{flightId}/disruption',
    summary: 'Delay or cancel a flight (one service decides what follows for its travellers)',
    who: 'admin',
    params: [{ name: 'flightId' }],
    body: disruptionBody,
  },
);

documentConsole(
  {
    method: 'put',
    path: '/console/bookings/{pnr}/seats',
    summary: "Change seats through the booking's seat-change service (as the API and the chat do)",
    who: 'staff',
    params: pnrParam,
    body: consoleSeatsBody,
  },
  { method: 'post', path: '/console/schedule', summary: 'Add a flight', who: 'admin', body: flightInput, status: 201 },
  {
    method: 'patch',
    path: '/console/schedule/{flightId}',
    summary: "Change a flight's times",
    who: 'admin',
    params: [{ name: 'flightId' }],
    body: retimeBody,
  },
  {
    method: 'post',
    path: '/console/schedule/{flightId}/retire',
    summary: 'Retire a flight nobody is booked on (flight_has_bookings otherwise)',
    who: 'admin',
    params: [{ name: 'flightId' }],
    body: retireBody,
  },
);

const slugParam = [{ name: 'slug', pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' }];
documentConsole(
  { method: 'get', path: '/console/help', summary: 'Help articles: published version and drafts', who: 'admin' },
  {
    method: 'get',
    path: '/console/help-insights',
    summary: 'The articles travellers asked for most, and what the help left unanswered',
    who: 'admin',
    query: helpInsightsQuery,
  },
  {
    method: 'get',
    path: '/console/help/{slug}',
    summary: 'One article: published text, draft and versions',
    who: 'admin',
    params: slugParam,
  },
  {
    method: 'post',
    path: '/console/help/{slug}/preview',
    summary: 'Preview an article as travellers will read it (nothing saved)',
    who: 'admin',
    params: slugParam,
    body: faqArticle,
  },
  {
    method: 'put',
    path: '/console/help/{slug}/draft',
    summary: 'Save a draft (travellers still read the published version)',
    who: 'admin',
    params: slugParam,
    body: faqArticle,
  },
  {
    method: 'delete',
    path: '/console/help/{slug}/draft',
    summary: 'Discard a draft',
    who: 'admin',
    params: slugParam,
    status: 204,
  },
  {
    method: 'post',
    path: '/console/help/{slug}/publish',
    summary: 'Publish the draft as the next version (the chat and /help read it)',
    who: 'admin',
    params: slugParam,
  },
);

const errorRef = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

/** The console's paths for the OpenAPI document. */
export function consolePaths(): Record<string, Json> {
  const paths: Record<string, Json> = {};
  for (const op of CONSOLE_OPERATIONS) {
    const params = [
      ...(op.params ?? []).map((p) => ({
        name: p.name,
        in: 'path',
        required: true,
        schema: p.pattern ? { type: 'string', pattern: p.pattern } : { type: 'integer', minimum: 1 },
      })),
      ...(op.query ? queryParams(op.query) : []),
    ];
    const content = op.produces ? { [op.produces]: { schema: { type: 'string' } } } : { 'application/json': {} };
    paths[op.path] = {
      ...(paths[op.path] as Json | undefined),
      [op.method]: {
        tags: ['console'],
        summary: `${op.summary} (${op.who === 'admin' ? 'admins' : 'agents and admins'})`,
        security: [{ bearer: [] }],
        ...(params.length ? { parameters: params } : {}),
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body) } } } }
          : {}),
        responses: {
          [String(op.status ?? 200)]: { description: 'OK', content },
          400: { description: 'Malformed request (invalid_request)', ...errorRef },
          401: { description: 'Not signed in, or the account is disabled', ...errorRef },
          403: { description: 'Travellers (not_an_agent); agents on admin operations (forbidden)', ...errorRef },
          404: { description: 'Not found', ...errorRef },
          409: { description: 'Conflict (case_taken, last_admin, …)', ...errorRef },
          422: { description: 'Breaks a rule', ...errorRef },
        },
      },
    };
  }
  return paths;
}
