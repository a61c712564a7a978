import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { type Logger, logContext } from '../../logger';

/**
 * Gives every request an id (the caller's X-Request-Id when sane, else a new one), echoes it back, runs
 * the rest of the request inside a log context so every log line carries it, and logs one line per
 * request (at `accessLevel`; errors at error). Query strings are not logged: they can hold names (last-name lookups).
 */
export function requestContext(log: Logger, accessLevel: 'info' | 'http' = 'http'): RequestHandler {
  return (req, res, next) => {
    const incoming = req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    // Read the path now: routers strip their mount point from req.path while they handle the request.
    const path = req.path;
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : accessLevel;
      // winston formats (redacts, stamps, serialises) a line before its transports drop it for its
      // level: with the usual LOG_LEVEL=info or warn, skip the whole line for every request instead.
      if (!log.isLevelEnabled(level)) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const code = typeof res.locals.errorCode === 'string' ? ` ${res.locals.errorCode}` : '';
      logContext.run({ requestId }, () =>
        log.log(level, `${req.method} ${path} ${res.statusCode}${code} ${ms.toFixed(1)}ms`),
      );
    });
    logContext.run({ requestId }, () => next());
  };
}
