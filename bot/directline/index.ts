import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Router } from 'express';
import type { Db } from '../../api/db/db';
import type { Config } from '../../api/config/config';
import { errorBody } from '../../api/http/middleware/error-handler';
import { RETRY_AFTER_SECONDS } from '../../api/lifecycle/shutdown';
import type { Logger } from '../../api/logger';
import type { DirectLineAdapter } from './directline.adapter';
import { parseWatermark, directLineRoutes } from './directline.routes';
import {
  type BotLogic,
  DirectLineService,
  type IssuedToken,
  type IssueTokenRequest,
  type SessionCheck,
} from './directline.service';
import { StreamHub, type StreamHubOptions } from './stream';
import { DirectLineTokens } from './tokens';

export { DirectLineAdapter, DIRECTLINE_CHANNEL_ID, type DirectLineAdapterOptions } from './directline.adapter';
export {
  jetwayAuthOf,
  type JetwayAuth,
  type IssuedToken,
  type IssueTokenRequest,
  type BotLogic,
} from './directline.service';
export { ConversationStore, UnknownConversationError, type StoredActivity } from './conversation-store.repository';
export { DirectLineTokens, TOKEN_SECONDS } from './tokens';

export const DIRECTLINE_MOUNT_PATH = '/v3/directline';

export interface DirectLineRouterOptions {
  /** The database; must be the adapter's (which holds the conversation store). */
  db?: Db;
  adapter: DirectLineAdapter;
  bot: BotLogic;
  config: Pick<Config, 'DIRECTLINE_SECRET' | 'JWT_SECRET'> & { PUBLIC_URL?: string };
  log: Logger;
  /** Where the router is mounted (for matching WebSocket upgrades). Default /v3/directline. */
  mountPath?: string;
  /** How long POST …/activities waits for the bot's turn before answering anyway. Default 15 s. */
  turnWaitMs?: number;
  /** Page size of GET …/activities and of stream catch-up. Default 100. */
  pageSize?: number;
  stream?: StreamHubOptions;
  /** The services' clock in milliseconds, which sign-outs are recorded by (default Date.now). */
  nowMs?: () => number;
  /** Counts a message posted from a client address to a conversation (throws rate_limited: 429). */
  limitMessage?: (address: string, conversationId: string) => Promise<void>;
  /** Refuses tokens of users who signed out since (default: every token passes). */
  sessionCheck?: SessionCheck;
  /**
   * True while this instance drains for shutdown: stream handshakes are then refused with 503 and
   * Retry-After, so the load balancer opens them on another instance (HTTP requests are refused by the
   * app's own gate; WebSocket upgrades never reach it).
   */
  draining?: () => boolean;
}

export interface DirectLine {
  /** Mount at /v3/directline, before or after the app's JSON body parser. */
  router: Router;
  /** Serves the WebSocket streams on this HTTP server (call once, after listen or before). */
  attachWebSocket(server: Server): void;
  /** Mints a conversation token for a user: the hook behind the page's own token route. */
  issueToken(req: IssueTokenRequest): Promise<IssuedToken>;
  tokens: DirectLineTokens;
  /** Closes the streams, stops polling and waits (briefly) for running turns. Call before closing the database. */
  close(): Promise<void>;
  /** WebSocket streams open on this instance (for /metrics). */
  openSockets(): number;
}

/** Direct Line 3.0 for Web Chat, served from our own HTTP server and database. */
export function createDirectLineRouter(opts: DirectLineRouterOptions): DirectLine {
  if (opts.db && opts.db !== opts.adapter.store.db)
    throw new Error("createDirectLineRouter: db must be the DirectLineAdapter's database.");
  const mountPath = (opts.mountPath ?? DIRECTLINE_MOUNT_PATH).replace(/\/+$/, '');
  const tokens = new DirectLineTokens({
    directLineSecret: opts.config.DIRECTLINE_SECRET,
    jwtSecret: opts.config.JWT_SECRET,
    nowMs: opts.nowMs,
  });
  const pageSize = opts.pageSize ?? 100;
  const service = new DirectLineService(
    opts.adapter,
    tokens,
    opts.bot,
    opts.log,
    opts.turnWaitMs ?? 15_000,
    opts.sessionCheck,
  );
  const hub = new StreamHub(opts.adapter.store, opts.log, { pageSize, ...opts.stream });
  const router = directLineRoutes(service, opts.log, {
    publicUrl: opts.config.PUBLIC_URL?.replace(/\/+$/, ''),
    pageSize,
    limitMessage: opts.limitMessage,
  });
  const servers = new Map<Server, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>();
  const streamPath = new RegExp(`^${mountPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/conversations/([^/]+)/stream$`);

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    let url: URL;
    let conversationId: string;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
      const m = streamPath.exec(url.pathname);
      if (!m) return; // someone else's upgrade
      conversationId = decodeURIComponent(m[1]);
    } catch {
      return reject(socket, 'invalid_request');
    }
    if (opts.draining?.()) return reject(socket, 'shutting_down');
    const presented = url.searchParams.get('t') ?? /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const check = tokens.verify(presented);
    if (!check.ok) return reject(socket, check.reason === 'expired' ? 'token_expired' : 'invalid_token');
    if (check.token.conversationId !== conversationId) return reject(socket, 'conversation_forbidden');
    service.checkSession(check.token).then(
      () => hub.accept(req, socket, head, conversationId, parseWatermark(url.searchParams.get('watermark') ?? '')),
      () => reject(socket, 'session_revoked'),
    );
  };

  return {
    router,
    tokens,
    attachWebSocket(server) {
      if (servers.has(server)) return;
      servers.set(server, onUpgrade);
      server.on('upgrade', onUpgrade);
    },
    issueToken: (req) => service.issueToken(req),
    openSockets: () => hub.size,
    async close() {
      for (const [server, fn] of servers) server.off('upgrade', fn);
      servers.clear();
      hub.close();
      await service.drain();
    },
  };
}

const REJECTIONS = {
  invalid_request: [400, 'Bad Request', 'The stream URL is malformed.'],
  invalid_token: [401, 'Unauthorized', 'The stream token is not valid.'],
  token_expired: [403, 'Forbidden', 'The stream token has expired.'],
  conversation_forbidden: [403, 'Forbidden', 'This token is for another conversation.'],
  session_revoked: [401, 'Unauthorized', 'The user signed out since this token was issued.'],
  shutting_down: [503, 'Service Unavailable', 'This server is restarting; please retry in a few seconds.'],
} satisfies Record<string, [number, string, string]>;

/** Refuses a WebSocket handshake with an HTTP status and our JSON error body. */
function reject(socket: Duplex, code: keyof typeof REJECTIONS): void {
  const [status, reason, message] = REJECTIONS[code];
  const retry = code === 'shutting_down';
  const body = JSON.stringify(errorBody(code, message, retry ? { retryAfterSeconds: RETRY_AFTER_SECONDS } : undefined));
  socket.end(
    `HTTP/1.1 ${status} ` +
      `${reason}\r\nContent-Type: application/json\r\nContent-Length: ` +
      `${Buffer.byteLength(body)}\r\n${retry ? `Retry-After: ${RETRY_AFTER_SECONDS}\r\n` : ''}` +
      `Connection: close\r\n\r\n${body}`,
  );
}
