import express, { type Express, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { ApiServices } from '../container';
import { authMiddleware, type AuthMiddleware } from './middleware/auth';
import { errorHandler, notFoundHandler } from './middleware/error-handler';
import { requestContext } from './middleware/request-context';
import { openApiDocument } from './openapi';
import { adminRoutes } from './routes/admin.routes';
import { accountLinkRoutes } from './routes/account-links.routes';
import { bookingMailRoutes } from './routes/booking-mail.routes';
import { authRoutes } from './routes/auth.routes';
import { bookingRoutes } from './routes/bookings.routes';
import { flightChangeRoutes } from './routes/flight-changes.routes';
import { flightRoutes } from './routes/flights.routes';
import { healthRoutes } from './routes/health.routes';
import { paymentRoutes } from './routes/payments.routes';
import { checkInRoutes } from './routes/check-in.routes';
import { specialRequestRoutes } from './routes/special-requests.routes';
import { bagRoutes } from './routes/bags.routes';
import { disruptionRoutes } from './routes/disruption.routes';
import { sandboxPayRoutes } from './routes/sandbox-pay.routes';
import { supportRoutes } from './routes/support.routes';
import { webhookRoutes } from './routes/webhooks.routes';
import { faqRoutes } from './routes/faq.routes';
import { helpPageRoutes } from './pages/help-page';
import { buildConsoleServices } from '../services/console-services';
import type { CaseAnnouncer } from '../services/console-cases.service';
import { consoleRoutes } from './console.routes';
import { consolePageRoutes } from './console-page';

export interface HttpMount {
  /** Run first, after the request id (the shutdown gate, request metrics, /metrics on the public port). */
  early?: RequestHandler[];
  /** Mounted before the JSON body parser (webhooks that verify raw bodies, the bot's own endpoints). */
  beforeBody?: (app: Express) => void;
  /** Mounted after the API (web pages, chat channels). */
  afterApi?: (app: Express) => void;
  /** Tells travellers and the agents' channel about console actions on support cases (the bot's handoff relay). */
  caseAnnouncer?: CaseAnnouncer;
}

/**
 * The HTTP application: request ids, security headers, JSON bodies (100 kB max), the booking API under
 * /api/v1, health checks, and one error handler that turns every failure into the JSON error shape.
 */
export function createHttpApp(s: ApiServices, mount: HttpMount = {}): { app: Express; auth: AuthMiddleware } {
  const app = express();
  app.disable('x-powered-by');
  if (s.config.TRUST_PROXY) app.set('trust proxy', 1);
  // Production logs one access line per request at info; elsewhere at http (shown with LOG_LEVEL=http).
  app.use(requestContext(s.log, s.config.NODE_ENV === 'production' ? 'info' : 'http'));
  for (const handler of mount.early ?? []) app.use(handler);
  // Web Chat needs its own script and WebSocket origins; pages set their CSP where they are served.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  const auth = authMiddleware(s.auth);
  app.use(webhookRoutes(s));
  mount.beforeBody?.(app);
  app.use(express.json({ limit: '100kb', strict: true }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  app.use(healthRoutes(s.repos.ops));
  const api: Router = express.Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(s.config.publicUrl));
  });
  api.use(flightRoutes(s));
  api.use(bookingRoutes(s, auth));
  api.use(flightChangeRoutes(s, auth));
  api.use(paymentRoutes(s, auth));
  api.use(bookingMailRoutes(s, auth));
  api.use(checkInRoutes(s, auth));
  api.use(specialRequestRoutes(s, auth));
  api.use(bagRoutes(s, auth));
  api.use(disruptionRoutes(s, auth));
  api.use(authRoutes(s, auth));
  api.use(accountLinkRoutes(s));
  api.use(adminRoutes(s, auth));
  api.use(supportRoutes(s, auth));
  api.use(faqRoutes(s, auth));
  api.use(consoleRoutes(s, auth, buildConsoleServices(s, mount.caseAnnouncer)));
  api.use(notFoundHandler);
  app.use('/api/v1', api);
  app.use(sandboxPayRoutes(s));
  app.use(helpPageRoutes(s));
  app.use(consolePageRoutes());
  mount.afterApi?.(app);
  app.use(notFoundHandler);
  app.use(errorHandler(s.log));
  return { app, auth };
}
