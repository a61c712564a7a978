import express from 'express';
import request from 'supertest';
import {
  conflict,
  DomainError,
  ERROR_CODES,
  ERRORS,
  type ErrorKind,
  HTTP_STATUS,
  isDomainError,
  kindsOf,
  notFound,
  validationError,
} from '../../../api/errors';
import { errorHandler } from '../../../api/http/middleware/error-handler';
import { openApiDocument } from '../../../api/http/openapi';
import { createLogger } from '../../../api/logger';

/** The statuses the API documents for each kind (README, OpenAPI): changing one is a breaking change. */
const DOCUMENTED: Record<ErrorKind, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  not_implemented: 501,
  unavailable: 503,
};

/** Answers every request by throwing what `next` gives it, through the real error handler. */
function appThrowing(make: () => unknown) {
  const app = express();
  app.get('/', () => {
    throw make();
  });
  app.use(errorHandler(createLogger({ level: 'error', format: 'json', silent: true })));
  return app;
}

describe('error catalogue', () => {
  it('maps each kind to its documented HTTP status', () => {
    expect(HTTP_STATUS).toEqual(DOCUMENTED);
  });

  it('gives every code a kind and a one-line description', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(80);
    for (const code of ERROR_CODES) {
      const { description } = ERRORS[code];
      expect({ code, kinds: kindsOf(code).every((k) => k in DOCUMENTED) }).toEqual({ code, kinds: true });
      expect({ code, description }).toEqual({ code, description: expect.stringMatching(/^\S.{9,118}[.)]$/) });
      expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    }
  });

  it.each(ERROR_CODES.flatMap((code) => kindsOf(code).map((kind) => [code, kind] as const)))(
    'the error handler answers %s (%s) with the status of its kind',
    async (code, kind) => {
      const res = await request(appThrowing(() => new DomainError(kind, code, 'Said.'))).get('/');
      expect(res.status).toBe(DOCUMENTED[kind]);
      expect(res.body).toEqual({ error: { code, message: 'Said.' } });
    },
  );

  it('sends Retry-After with a rate limit that says when to try again', async () => {
    const limited = () => new DomainError('rate_limited', 'rate_limited', 'Wait.', { retryAfterSeconds: 42 });
    const res = await request(appThrowing(limited)).get('/');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('42');
    expect(res.body.error.details).toEqual({ retryAfterSeconds: 42 });
  });

  it('factories take only codes of their kind; isDomainError narrows details by code', () => {
    const err: unknown = conflict('seat_unavailable', 'Taken.', { flightId: 7, designator: '12A' });
    // @ts-expect-error notFound only accepts not-found codes
    notFound('seat_unavailable', 'x', { flightId: 7, designator: '12A' });
    // @ts-expect-error seat_unavailable needs its details
    conflict('seat_unavailable', 'x');
    // @ts-expect-error the details of a code have its shape
    validationError('range_too_long', 'x', { days: '400' });
    expect(isDomainError(err, 'sold_out')).toBe(false);
    if (!isDomainError(err, 'seat_unavailable')) throw new Error('not narrowed');
    const designator: string = err.details.designator;
    expect(designator).toBe('12A');
    expect(err.kind).toBe('conflict');
  });

  it('lists every code, with its status and description, in the OpenAPI document', () => {
    const doc = openApiDocument('http://localhost') as {
      components: { schemas: Record<string, { enum?: string[]; 'x-enumDescriptions'?: Record<string, string> }> };
    };
    const schema = doc.components.schemas.ErrorCode!;
    expect(schema.enum).toEqual(ERROR_CODES);
    expect(schema['x-enumDescriptions']?.seat_unavailable).toBe('409: The chosen seat was taken meanwhile.');
    expect(schema['x-enumDescriptions']?.flight_closed).toMatch(/^409 or 422: /);
    expect(JSON.stringify(doc.components.schemas.Error)).toContain('#/components/schemas/ErrorCode');
  });
});
