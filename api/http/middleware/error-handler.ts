import type { ErrorRequestHandler, RequestHandler } from 'express';
import { DomainError, type ErrorKind } from '../../errors';
import type { Logger } from '../../logger';

const STATUS: Record<ErrorKind, number> = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Malformed requests (as opposed to well-formed ones breaking a rule) answer 400, not 422. */
const BAD_REQUEST_CODES = new Set(['invalid_request', 'invalid_json']);

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Unknown routes under the API answer in the same JSON shape as every other error. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(errorBody('route_not_found', `There is no ${req.method} ${req.path}.`));
};

interface HttpErrorLike {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/** The one place errors become responses: coded domain errors map by kind; anything else is our fault. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof DomainError) {
      const status = BAD_REQUEST_CODES.has(err.code) ? 400 : STATUS[err.kind];
      if (status >= 500) log.error(err.message, { code: err.code, err });
      const retry = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (status === 429 && retry) res.setHeader('Retry-After', String(retry));
      res.status(status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    const e = (err ?? {}) as HttpErrorLike;
    if (e.type === 'entity.parse.failed') {
      res.status(400).json(errorBody('invalid_json', 'The request body is not valid JSON.'));
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json(errorBody('payload_too_large', 'The request body is too large.'));
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res.status(415).json(errorBody('unsupported_encoding', 'The request body encoding is not supported.'));
      return;
    }
    const status = e.status ?? e.statusCode;
    if (status && status >= 400 && status < 500) {
      // A client error raised by express itself, e.g. broken percent-encoding in the path (a URIError
      // marked 400 but not "exposed"): still the client's fault, so never a 500.
      const message = e.expose
        ? (err as Error).message
        : err instanceof URIError
          ? 'The request URL is not valid (bad percent-encoding).'
          : 'The request could not be understood.';
      res.status(status).json(errorBody('bad_request', message));
      return;
    }
    log.error('unhandled error', { err });
    res.status(500).json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
  };
}
