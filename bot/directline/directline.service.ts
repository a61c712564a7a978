import { randomBytes } from 'node:crypto';
import type { Activity, ChannelAccount, TurnContext } from 'botbuilder';
import { badRequest, forbidden, notFound, unauthenticated } from '../../api/errors';
import type { Logger } from '../../api/logger';
import type { StoredActivity } from './conversation-store.repository';
import { DIRECTLINE_CHANNEL_ID, type DirectLineAdapter } from './directline.adapter';
import { type DirectLineGrant, type DirectLineTokens, newConversationId, type VerifiedToken } from './tokens';
import { redactCardNumbersDeep } from '../redact';

/** Verified identity the bot receives in `activity.channelData.jetwayAuth` (stamped by the server only). */
export interface JetwayAuth {
  userId: string;
  name?: string;
  /** The client's network address as the server saw it (rate limits shared with the HTTP API). */
  address?: string;
  claims: Record<string, string>;
}

/** The verified identity of an incoming Direct Line activity, or undefined when it has none. */
export function jetwayAuthOf(activity: Partial<Activity>): JetwayAuth | undefined {
  const auth = (activity.channelData as { jetwayAuth?: JetwayAuth } | undefined)?.jetwayAuth;
  return auth && typeof auth.userId === 'string' ? auth : undefined;
}

export interface IssueTokenRequest {
  /** The user's id on this channel: 'u:<jetway user id>' for a signed-in user, 'anon:<random>' for a visitor. */
  userId: string;
  name?: string;
  /** Extra verified facts for the bot (channelData.jetwayAuth.claims). */
  claims?: Record<string, string>;
  /**
   * Resume this conversation: honoured when it exists and belongs to userId; a new one is started when it does not
   * exist.
   */
  conversationId?: string;
}

export interface IssuedToken {
  conversationId: string;
  token: string;
  expires_in: number;
  userId: string;
}

/** The caller of a Direct Line endpoint: the server secret, or a conversation token. */
export type Caller = { kind: 'secret' } | { kind: 'token'; token: VerifiedToken; raw: string };

export interface BotLogic {
  run(context: TurnContext): Promise<void>;
}

const USER_ID = /^[\w:.@|+-]{1,128}$/;
/** The display name of a user whose grant names nobody (a visitor): never what the client calls itself. */
export const ANONYMOUS_DISPLAY_NAME = 'Traveller';

/**
 * Checks that a token's user is still signed in: throws (session_revoked) when a signed-in user's token was
 * issued before they signed out or changed password. Anonymous users' tokens always pass.
 */
export type SessionCheck = (userId: string, authTimeMs: number) => Promise<void>;

/** How long, and how many, conversations known to exist are remembered (see DirectLineService.known). */
const KNOWN_CONVERSATION_MS = 60_000;
const KNOWN_CONVERSATIONS_KEPT = 10_000;

const conversationForbidden = () => forbidden('conversation_forbidden', 'That conversation belongs to someone else.');

/** Direct Line's rules, independent of HTTP: who may do what, and how activities enter a turn. */
export class DirectLineService {
  private readonly inFlight = new Set<Promise<void>>();
  /**
   * Conversations known to exist, with their owner, as of when they were read: a conversation's owner never
   * changes, and every message opens its conversation, so this spares a SELECT per message. Kept briefly,
   * so a conversation purged by retention (idle for days, so not in here) is found missing again.
   */
  private readonly known = new Map<string, { userId: string; at: number }>();

  constructor(
    readonly adapter: DirectLineAdapter,
    readonly tokens: DirectLineTokens,
    private readonly bot: BotLogic,
    private readonly log: Logger,
    private readonly turnWaitMs: number,
    private readonly sessionCheck: SessionCheck = async () => {},
  ) {}

  /**
   * `Authorization: Bearer <secret | token>` → the caller; throws 401 (missing/bad) or 403 (expired, as Direct Line).
   */
  async authenticate(header: string | undefined): Promise<Caller> {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    if (!m) throw unauthenticated('missing_credentials', 'Send Authorization: Bearer <Direct Line secret or token>.');
    if (this.tokens.isSecret(m[1])) return { kind: 'secret' };
    const check = this.tokens.verify(m[1]);
    if (!check.ok && check.reason === 'expired')
      throw forbidden('token_expired', 'The Direct Line token has expired. Get a new one.');
    if (!check.ok || check.token.scope !== 'conversation')
      throw unauthenticated('invalid_token', 'The Direct Line token is not valid.');
    await this.checkSession(check.token);
    return { kind: 'token', token: check.token, raw: m[1] };
  }

  /** Refuses a token (conversation or stream) of a user who has signed out since it was first issued. */
  checkSession(token: VerifiedToken): Promise<void> {
    return this.sessionCheck(token.userId, token.authTimeMs ?? 0);
  }

  /** A token may only touch its own conversation. */
  checkAccess(caller: Caller, conversationId: string): void {
    if (caller.kind === 'token' && caller.token.conversationId !== conversationId)
      throw forbidden('conversation_forbidden', 'This token is for another conversation.');
  }

  /** Mints a token binding a user (and their claims) to a conversation: the identity hook for web pages. */
  async issueToken(req: IssueTokenRequest): Promise<IssuedToken> {
    const userId = checkUserId(req.userId);
    const claims = checkClaims(req.claims);
    let conversationId = newConversationId();
    if (req.conversationId) {
      const row = await this.adapter.store.find(req.conversationId);
      if (row && row.userId !== userId)
        throw forbidden('conversation_forbidden', 'That conversation belongs to someone else.');
      if (row) conversationId = row.id;
    }
    const grant: DirectLineGrant = {
      conversationId,
      userId,
      claims,
      ...(req.name ? { name: String(req.name).slice(0, 100) } : {}),
    };
    return { conversationId, userId, ...this.tokens.issue(grant) };
  }

  /** A grant for a new conversation started with the secret (user from the request body, or a new one). */
  secretGrant(user: unknown): DirectLineGrant {
    const u = (user ?? {}) as { id?: unknown; name?: unknown };
    const userId = u.id === undefined ? `dl_${randomBytes(12).toString('hex')}` : checkUserId(u.id);
    return {
      conversationId: newConversationId(),
      userId,
      claims: {},
      ...(typeof u.name === 'string' && u.name ? { name: u.name.slice(0, 100) } : {}),
    };
  }

  /** The grant a caller acts under in an existing conversation (the secret acts as its user). */
  async grantFor(caller: Caller, conversationId: string): Promise<DirectLineGrant> {
    this.checkAccess(caller, conversationId);
    if (caller.kind === 'token') return caller.token;
    const row = await this.adapter.store.find(conversationId);
    if (!row) throw notFound('conversation_not_found', 'There is no such conversation.');
    return { conversationId, userId: row.userId, claims: {} };
  }

  /** Creates the grant's conversation on first use (starting it with a conversationUpdate turn); true when new. */
  async open(grant: DirectLineGrant): Promise<boolean> {
    const now = Date.now();
    const known = this.known.get(grant.conversationId);
    if (known && now - known.at < KNOWN_CONVERSATION_MS) {
      if (known.userId !== grant.userId) throw conversationForbidden();
      return false;
    }
    const { conversation, created } = await this.adapter.store.ensure(grant.conversationId, grant.userId);
    if (!created && conversation.userId !== grant.userId) throw conversationForbidden();
    this.known.delete(grant.conversationId);
    if (this.known.size >= KNOWN_CONVERSATIONS_KEPT) this.known.delete(this.known.keys().next().value!);
    this.known.set(grant.conversationId, { userId: conversation.userId, at: now });
    if (created) {
      const user = { id: grant.userId, ...(grant.name ? { name: grant.name } : {}), role: 'user' } as ChannelAccount;
      // Started, not awaited: the client gets its conversation at once; the greeting turn is tracked in inFlight.
      void this.startTurn({
        type: 'conversationUpdate',
        id: `${grant.conversationId}|start`,
        timestamp: new Date(),
        channelId: DIRECTLINE_CHANNEL_ID,
        serviceUrl: this.adapter.serviceUrl,
        conversation: { id: grant.conversationId } as Activity['conversation'],
        from: user,
        recipient: this.adapter.botAccount,
        membersAdded: [this.adapter.botAccount, user],
        channelData: { jetwayAuth: authOf(grant) },
      });
    }
    return created;
  }

  /**
   * Stores a user's activity under the server's rules (ids, time, conversation, recipient and from.id are
   * ours; the client's jetwayAuth is dropped) and runs the bot's turn for it, waiting up to turnWaitMs.
   */
  async post(grant: DirectLineGrant, body: unknown, fromId?: string, address?: string): Promise<string> {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw badRequest('invalid_request', 'The body must be an activity object.');
    // Card numbers never reach the transcript (or the bot), wherever the client put them: text, value,
    // channelData, anything else. We pay only on the payment page.
    const input = redactCardNumbersDeep(body as Partial<Activity> & Record<string, unknown>).value;
    if (typeof input.type !== 'string' || !/^[A-Za-z]{1,40}$/.test(input.type))
      throw badRequest('invalid_request', 'The activity needs a type.');
    if (input.text !== undefined && input.text !== null && typeof input.text !== 'string')
      throw badRequest('invalid_request', 'The activity text must be a string.');
    const channelData = isPlainObject(input.channelData) ? { ...input.channelData } : undefined;
    if (channelData) delete channelData.jetwayAuth;
    // The name is the grant's (the account's, set by the server when it minted the token) or "Traveller":
    // a client-sent from.name would reach agents and transcripts as if we had verified it.
    const name = grant.name ?? ANONYMOUS_DISPLAY_NAME;
    const from = { id: fromId ?? grant.userId, name, role: 'user' } as ChannelAccount;
    const { conversationId } = grant;
    const text = input.text;
    // The bot expects no files or cards from a client (card answers come as `value`): attachments are dropped.
    delete input.attachments;
    const stamp = (id: string): Partial<Activity> => ({
      ...input,
      ...(text !== undefined ? { text } : {}),
      id,
      timestamp: new Date(),
      channelId: DIRECTLINE_CHANNEL_ID,
      serviceUrl: this.adapter.serviceUrl,
      conversation: { id: conversationId } as Activity['conversation'],
      from,
      recipient: this.adapter.botAccount,
      channelData,
    });
    if (input.type === 'typing') return stamp(`${conversationId}|typing-${Date.now().toString(36)}`).id as string;
    const stored: StoredActivity = await this.adapter.store.append(conversationId, (_seq, id) => stamp(id));
    const auth = { ...authOf({ ...grant, userId: from.id }), ...(address ? { address } : {}) };
    const turn = this.startTurn({ ...stored.activity, channelData: { ...(channelData ?? {}), jetwayAuth: auth } });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([turn, new Promise<void>((r) => (timer = setTimeout(r, this.turnWaitMs)))]);
    clearTimeout(timer);
    return String(stored.activity.id);
  }

  /** Waits for running turns (at most `ms`): call before closing the database. */
  async drain(ms = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.inFlight]), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
    clearTimeout(timer);
  }

  private startTurn(activity: Partial<Activity>): Promise<void> {
    const turn = this.adapter
      .processActivity(activity, (context) => this.bot.run(context))
      .catch((err: unknown) => {
        this.log.error('directline turn failed', { err, conversationId: activity.conversation?.id });
      });
    this.inFlight.add(turn);
    void turn.finally(() => this.inFlight.delete(turn));
    return turn;
  }
}

function authOf(grant: DirectLineGrant): JetwayAuth {
  return { userId: grant.userId, ...(grant.name ? { name: grant.name } : {}), claims: { ...grant.claims } };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function checkUserId(v: unknown): string {
  if (typeof v !== 'string' || !USER_ID.test(v))
    throw badRequest('invalid_request', 'The user id must be 1–128 letters, digits or _ : . @ | + -.');
  return v;
}

function checkClaims(v: unknown): Record<string, string> {
  if (v === undefined) return {};
  if (!isPlainObject(v) || Object.values(v).some((x) => typeof x !== 'string'))
    throw badRequest('invalid_request', 'Claims must map names to strings.');
  return { ...(v as Record<string, string>) };
}
