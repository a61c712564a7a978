import type { Server } from 'node:http';
import type { RequestHandler } from 'express';
import { errorBody } from '../http/middleware/error-handler';
import type { Logger } from '../logger';
import { InFlight } from './in-flight';

/** Seconds a client is told to wait before retrying on another instance (Retry-After). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Whether this instance is draining, and the work it is waiting for. Once draining, /readyz answers
 * 503 (so load balancers stop sending traffic) and every new request except /healthz is refused with
 * 503 and Retry-After, while the requests and chat turns already running finish.
 */
export class Lifecycle {
  readonly inFlight = new InFlight();
  private drainingSince: Date | null = null;

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  startDraining(): void {
    this.drainingSince ??= new Date();
  }

  /** Express middleware, mounted first: counts requests in flight and refuses new ones while draining. */
  gate(): RequestHandler {
    return (req, res, next) => {
      if (this.draining && req.path !== '/healthz') {
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        res.setHeader('Connection', 'close');
        res.status(503).json(
          errorBody('shutting_down', 'This server is restarting; please retry in a few seconds.', {
            retryAfterSeconds: RETRY_AFTER_SECONDS,
          }),
        );
        return;
      }
      const end = this.inFlight.begin();
      res.on('close', end);
      next();
    };
  }
}

/** What shutdown closes, in order, once the work in flight is done. */
export interface ShutdownPlan {
  lifecycle: Lifecycle;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  timeoutMs: number;
  /** Listeners to close (the public server, the metrics server). */
  servers: Server[];
  /** Stops the workers and waits for their running passes. */
  drainWorkers(): Promise<void>;
  /** Closes the chat channels (Direct Line sockets, SMS, Slack). */
  closeChannels(): Promise<void>;
  closeDatabase(): Promise<void>;
  /** Ends the process (process.exit; replaceable in tests). */
  exit?: (code: number) => void;
}

/**
 * Graceful shutdown: drain (readiness 503, new work refused), wait for requests, chat turns and worker
 * passes, then close listeners and sockets, then the database, and exit. Past `timeoutMs` the process
 * exits with code 1 whatever is still running. Returns the function to call with the reason.
 */
export function gracefulShutdown(plan: ShutdownPlan): (reason: string, exitCode?: number) => Promise<void> {
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  let started = false;
  return async (reason, exitCode = 0) => {
    if (started) return;
    started = true;
    const t0 = Date.now();
    plan.lifecycle.startDraining();
    plan.log.info(`${reason}: draining (${plan.lifecycle.inFlight.count} in flight), at most ${plan.timeoutMs} ms`);
    const deadline = setTimeout(() => {
      plan.log.error(
        `shutdown took longer than SHUTDOWN_TIMEOUT_MS (${plan.timeoutMs} ms) with ` +
          `${plan.lifecycle.inFlight.count} request(s) or turn(s) still running; exiting`,
      );
      exit(1);
    }, plan.timeoutMs);
    deadline.unref();
    try {
      await Promise.all([plan.lifecycle.inFlight.idle(), plan.drainWorkers()]);
      await Promise.all([...plan.servers.map(closeServer), plan.closeChannels()]);
      await plan.closeDatabase();
      plan.log.info(`stopped in ${Date.now() - t0} ms`);
    } catch (err) {
      plan.log.error('shutdown failed', { err });
      exitCode = 1;
    }
    clearTimeout(deadline);
    exit(exitCode);
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Idle keep-alive connections would hold close() open; nothing is in flight any more.
    server.closeAllConnections();
  });
}

/**
 * Last-resort handlers: an unhandled rejection or uncaught exception is logged with its stack and the
 * process shuts down through the same graceful path, exiting with code 1 (the supervisor restarts it).
 */
export function exitOnCrash(log: Pick<Logger, 'error'>, shutdown: (reason: string, exitCode: number) => unknown): void {
  process.on('unhandledRejection', (reason: unknown) => {
    log.error('unhandled promise rejection; shutting down', { err: reason });
    void shutdown('unhandled rejection', 1);
  });
  process.on('uncaughtException', (err: Error) => {
    log.error('uncaught exception; shutting down', { err });
    void shutdown('uncaught exception', 1);
  });
}
