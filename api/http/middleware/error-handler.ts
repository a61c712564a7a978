import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDbUnavailableError } from '../../db/db';
import { type ErrorCode, httpStatus, isDomainError } from '../../errors';
import type { Logger } from '../../logger';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Unknown routes under the API answer in the same JSON shape as every other error. */
export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(httpStatus('not_found')).json(errorBody('route_not_found', `There is no ${req.method} ${req.path}.`));
};

/** How long a client should wait before retrying while the database is away. */
const DATABASE_RETRY_AFTER_SECONDS = 2;

interface HttpErrorLike {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

/**
 * The one place errors become responses: coded domain errors answer the status of their kind (from the
 * error catalogue); anything else is our fault.
 */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, next) => {
    if (res.headersSent) return next(err);
    if (isDomainError(err)) {
      const status = httpStatus(err.kind);
      if (status >= 500) log.error(err.message, { code: err.code, err });
      if (err.code === 'rate_limited' && err.details?.retryAfterSeconds)
        res.setHeader('Retry-After', String(err.details.retryAfterSeconds));
      res.status(status).json(errorBody(err.code, err.message, err.details));
      return;
    }
    const e = (err ?? {}) as HttpErrorLike;
    if (e.type === 'entity.parse.failed') {
      res.status(httpStatus('bad_request')).json(errorBody('invalid_json', 'The request body is not valid JSON.'));
      return;
    }
    if (e.type === 'entity.too.large') {
      res
        .status(httpStatus('payload_too_large'))
        .json(errorBody('payload_too_large', 'The request body is too large.'));
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      res
        .status(httpStatus('unsupported_media_type'))
        .json(errorBody('unsupported_encoding', 'The request body encoding is not supported.'));
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
    if (isDbUnavailableError(err)) {
      // Expected while the database is away: a quick 503 the client may retry, and no second log line
      // (the request's own line says 503 and the code).
      res.locals.errorCode = 'database_unavailable';
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res
        .status(httpStatus('unavailable'))
        .json(errorBody('database_unavailable', 'The service is briefly unavailable. Please try again shortly.'));
      return;
    }
    log.error('unhandled error', { err });
    res
      .status(httpStatus('internal'))
      .json(errorBody('internal_error', 'Something went wrong on our side. Please try again.'));
  };
}
