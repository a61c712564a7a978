import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { errorBody, errorHandler, notFoundHandler } from '../../api/http/middleware/error-handler';
import { forbidden } from '../../api/errors';
import type { Logger } from '../../api/logger';
import type { Caller, DirectLineService } from './directline.service';
import type { DirectLineGrant } from './tokens';

export interface DirectLineRouteOptions {
  /** Public base URL (PUBLIC_URL) for stream URLs; without it they are built from the request's host. */
  publicUrl?: string;
  /** Page size of GET …/activities. */
  pageSize: number;
  /** Counts a message from a client address to a conversation (throws rate_limited). */
  limitMessage?: (address: string, conversationId: string) => Promise<void>;
}

/** Watermarks are sequence numbers; anything else ('', '-', missing) means "from the start". */
export function parseWatermark(v: unknown): number {
  const n = typeof v === 'string' && /^\d{1,15}$/.test(v) ? Number(v) : 0;
  return Number.isSafeInteger(n) ? n : 0;
}

/** Seconds until a token expires. */
const remaining = (exp: number) => Math.max(0, exp - Math.floor(Date.now() / 1000));

const cors: RequestHandler = (req, res, next) => {
  // Bearer tokens, never cookies: any page holding a token may call us (Web Chat may be embedded elsewhere).
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * The Direct Line 3.0 REST endpoints (mounted at /v3/directline). Parses its own JSON (256 kB) and answers
 * every error in the API's JSON error shape.
 */
export function directLineRoutes(dl: DirectLineService, log: Logger, opts: DirectLineRouteOptions): Router {
  const r = express.Router();
  r.use(cors);
  r.use(express.json({ limit: '256kb', strict: true }));
  const caller = (req: Request): Promise<Caller> => dl.authenticate(req.get('authorization'));
  const param = (req: Request): string => String(req.params.conversationId);

  const streamUrl = (req: Request, grant: DirectLineGrant, watermark?: number): string => {
    const origin = opts.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    const ws = origin.replace(/^http/i, 'ws');
    const q = new URLSearchParams({ watermark: watermark ? String(watermark) : '-', t: dl.tokens.streamToken(grant) });
    return `${ws}${req.baseUrl}/conversations/${encodeURIComponent(grant.conversationId)}/stream?${q.toString()}`;
  };

  /** The conversation token a reply hands back: the caller's own, or a new one when the secret called. */
  const tokenFor = (c: Caller, grant: DirectLineGrant) =>
    c.kind === 'token' ? { token: c.raw, expires_in: remaining(c.token.exp) } : dl.tokens.issue(grant);

  r.post('/tokens/generate', async (req, res) => {
    if ((await caller(req)).kind !== 'secret')
      throw forbidden('secret_required', 'Generating a token needs the Direct Line secret.');
    const grant = dl.secretGrant((req.body as { user?: unknown } | undefined)?.user);
    res.json({ conversationId: grant.conversationId, ...dl.tokens.issue(grant) });
  });

  r.post('/tokens/refresh', async (req, res) => {
    const c = await caller(req);
    if (c.kind !== 'token') throw forbidden('token_required', 'Refreshing needs a Direct Line token, not the secret.');
    const fresh = dl.tokens.refresh(c.token);
    if (!fresh) throw forbidden('token_expired', 'This token can no longer be refreshed. Get a new one.');
    res.json({ conversationId: c.token.conversationId, ...fresh });
  });

  r.post('/conversations', async (req, res) => {
    const c = await caller(req);
    const grant = c.kind === 'token' ? c.token : dl.secretGrant((req.body as { user?: unknown } | undefined)?.user);
    const created = await dl.open(grant);
    res
      .status(created ? 201 : 200)
      .json({ conversationId: grant.conversationId, ...tokenFor(c, grant), streamUrl: streamUrl(req, grant) });
  });

  r.get('/conversations/:conversationId', async (req, res) => {
    const c = await caller(req);
    const grant = await dl.grantFor(c, param(req));
    if (c.kind === 'token') await dl.open(grant);
    const watermark = parseWatermark(req.query.watermark);
    res.json({
      conversationId: grant.conversationId,
      ...tokenFor(c, grant),
      streamUrl: streamUrl(req, grant, watermark),
    });
  });

  r.post('/conversations/:conversationId/activities', async (req, res) => {
    const c = await caller(req);
    const grant = await dl.grantFor(c, param(req));
    if (c.kind === 'token') await dl.open(grant);
    // The secret is a trusted server and may speak as any user; a token always speaks as its own user.
    const claimed = (req.body as { from?: { id?: unknown } } | undefined)?.from?.id;
    const fromId = c.kind === 'secret' && typeof claimed === 'string' && claimed ? claimed.slice(0, 128) : undefined;
    const address = req.ip ?? 'unknown';
    // Typing indicators are not turns; a trusted server holding the secret has its own limits.
    const type = (req.body as { type?: unknown } | undefined)?.type;
    if (c.kind === 'token' && type !== 'typing') await opts.limitMessage?.(address, grant.conversationId);
    res.json({ id: await dl.post(grant, req.body, fromId, address) });
  });

  r.get('/conversations/:conversationId/activities', async (req, res) => {
    const c = await caller(req);
    const conversationId = param(req);
    dl.checkAccess(c, conversationId);
    const watermark = parseWatermark(req.query.watermark);
    const page = await dl.adapter.store.after(conversationId, watermark, opts.pageSize);
    res.json({
      activities: page.map((p) => p.activity),
      watermark: String(page.length ? page[page.length - 1].seq : watermark),
    });
  });

  r.post('/conversations/:conversationId/upload', async (req: Request, res: Response) => {
    dl.checkAccess(await caller(req), param(req));
    res.status(501).json(errorBody('upload_not_supported', 'File uploads are not supported on this channel.'));
  });

  r.use(notFoundHandler);
  r.use(errorHandler(log));
  return r;
}
