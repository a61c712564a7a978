import type { Request, RequestHandler } from 'express';
import type { AppMetrics } from './metrics';

/**
 * The route pattern that served a request (`/api/v1/bookings/:pnr`), never the raw path: raw paths
 * carry PNRs and ids and would make one time series per booking.
 */
export function routeLabel(req: Request, status: number): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern !== 'string') return status === 404 ? 'unmatched' : 'other';
  // Routers restore req.baseUrl as they exit, so by `finish` the mount point (/api/v1) is gone: take it
  // from the original path, which has as many segments after the mount point as the pattern has.
  const segments = (req.originalUrl.split('?')[0] ?? '').split('/').filter(Boolean);
  const patternSegments = pattern.split('/').filter(Boolean).length;
  const mount = segments.slice(0, Math.max(0, segments.length - patternSegments)).join('/');
  return `${mount ? `/${mount}` : ''}${pattern}`;
}

/** Times every request into jetway_http_request_duration_seconds{method,route,status}. */
export function httpMetrics(metrics: AppMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe(
        { method: req.method, route: routeLabel(req, res.statusCode), status: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
