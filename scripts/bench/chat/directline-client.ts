/**
 * A Direct Line 3.0 client as Web Chat uses it, over real HTTP (keep-alive) and a WebSocket: a token
 * from POST /api/v1/chat/token (signed in with the user's access token), POST /v3/directline/
 * conversations, the stream, then one POST …/activities per message. It records, per turn, when the
 * POST was sent, when it was answered (the endpoint waits for the bot's turn) and when each of the
 * bot's replies to it (replyToId = the user's activity id) arrived on the stream.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Activity } from 'botbuilder';
import WebSocket from 'ws';

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  ms: number;
}

/**
 * One JSON request on a keep-alive agent. Never rejects: network errors are status 0. A request that
 * finds its reused keep-alive socket closed by the server meanwhile is sent again once on a new one
 * (as browsers do; up to 3 times); its time counts from the first attempt.
 */
export async function httpJson<T = unknown>(
  agent: Agent,
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<HttpResult<T>> {
  const started = performance.now();
  // The agent may hold several sockets the server has just closed (its keep-alive timeout): try a few.
  for (let tries = 1; ; tries++) {
    const r = await attempt<T>(agent, base, method, path, body, token, started);
    if (!r.retry || tries >= 4) return r.result;
  }
}

function attempt<T>(
  agent: Agent,
  base: string,
  method: 'GET' | 'POST',
  path: string,
  body: unknown,
  token: string | undefined,
  started: number,
): Promise<{ result: HttpResult<T>; retry: boolean }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((done) => {
    const resolve = (result: HttpResult<T>) => done({ result, retry: false });
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        headers: {
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, body: parsed as T, ms });
        });
        res.on('error', () => resolve({ status: 0, body: undefined as T, ms: performance.now() - started }));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', (err: NodeJS.ErrnoException) => {
      const result = {
        status: 0,
        body: { error: { message: `${err.code ?? ''} ${err.message}`.trim() } } as T,
        ms: performance.now() - started,
      };
      done({ result, retry: req.reusedSocket && (err.code === 'ECONNRESET' || err.message === 'socket hang up') });
    });
    req.end(payload);
  });
}

export interface TurnTiming {
  /** POST sent → the bot's last reply of the turn on the stream, or the POST's answer if that came later. */
  ms: number;
  /** POST sent → its answer (the endpoint answers when the turn is over). */
  postMs: number;
  /** POST sent → the first reply on the stream. */
  firstReplyMs: number;
  /** POST sent → the last reply on the stream. */
  lastReplyMs: number;
  /** The last reply arrived after the POST's answer. */
  replyAfterPost: boolean;
  replies: Partial<Activity>[];
  /** Size of the replies on the stream (JSON bytes). */
  replyBytes: number;
  status: number;
  error?: string;
}

interface PendingTurn {
  clientId: string;
  userActivityId?: string;
  replies: { at: number; activity: Partial<Activity> }[];
  /** Bytes of the stream messages that carried the replies. */
  bytes: number;
  wake?: () => void;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class DirectLineConversation {
  conversationId = '';
  userId = '';
  private token = '';
  private ws: WebSocket | undefined;
  private pending: PendingTurn | undefined;
  /** Replies whose turn had already ended (should stay 0: the turn's POST answers after its replies are sent). */
  stragglers = 0;
  private readonly finished = new Set<string>();
  /** Bot activities not replying to a turn of ours (the welcome, proactive messages). */
  readonly unsolicited: { at: number; activity: Partial<Activity> }[] = [];
  private unsolicitedWake?: () => void;
  closed = false;

  constructor(
    private readonly base: string,
    private readonly agent: Agent,
    private readonly accessToken: string,
    private readonly name: string,
  ) {}

  /** Token → conversation → stream → the bot's welcome. Returns the welcome (undefined if none came in time). */
  async open(timeoutMs = 15_000): Promise<Partial<Activity> | undefined> {
    const t = await httpJson<{ token: string; conversationId: string; userId: string }>(
      this.agent,
      this.base,
      'POST',
      '/api/v1/chat/token',
      {},
      this.accessToken,
    );
    if (t.status !== 200) throw new Error(`POST /api/v1/chat/token answered ${t.status}: ${JSON.stringify(t.body)}`);
    this.token = t.body.token;
    this.userId = t.body.userId;
    const c = await httpJson<{ conversationId: string; streamUrl: string; token: string }>(
      this.agent,
      this.base,
      'POST',
      '/v3/directline/conversations',
      {},
      this.token,
    );
    if (c.status !== 201 && c.status !== 200)
      throw new Error(`POST /v3/directline/conversations answered ${c.status}: ${JSON.stringify(c.body)}`);
    this.conversationId = c.body.conversationId;
    this.token = c.body.token;
    await this.connect(c.body.streamUrl);
    return this.nextUnsolicited(timeoutMs);
  }

  private connect(streamUrl: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(streamUrl, { perMessageDeflate: false });
      this.ws = ws;
      ws.once('open', () => resolve());
      ws.once('error', (err) => reject(err));
      ws.on('message', (data: WebSocket.RawData) => this.onMessage(data));
      ws.on('close', () => {
        this.closed = true;
        this.pending?.wake?.();
      });
    });
  }

  private onMessage(data: WebSocket.RawData): void {
    const at = performance.now();
    const text = data.toString();
    if (!text) return; // keep-alive
    let group: { activities?: Partial<Activity>[] };
    try {
      group = JSON.parse(text) as { activities?: Partial<Activity>[] };
    } catch {
      return;
    }
    for (const a of group.activities ?? []) {
      if (a.type === 'typing') continue;
      const p = this.pending;
      if (a.from?.role === 'user' || a.from?.id === this.userId) {
        const cid = (a.channelData as { clientActivityID?: string } | undefined)?.clientActivityID;
        if (p && cid === p.clientId) p.userActivityId = a.id;
        continue;
      }
      if (p && a.replyToId && a.replyToId === p.userActivityId) {
        p.replies.push({ at, activity: a });
        p.bytes += Buffer.byteLength(text) / (group.activities?.length ?? 1);
        p.wake?.();
      } else if (a.replyToId && this.finished.has(a.replyToId)) this.stragglers++;
      else {
        this.unsolicited.push({ at, activity: a });
        this.unsolicitedWake?.();
      }
    }
  }

  /** The next bot activity that is not a reply to one of our turns (e.g. the welcome). */
  async nextUnsolicited(timeoutMs: number): Promise<Partial<Activity> | undefined> {
    const until = performance.now() + timeoutMs;
    while (this.unsolicited.length === 0 && performance.now() < until && !this.closed) {
      await Promise.race([
        new Promise<void>((r) => (this.unsolicitedWake = r)),
        sleep(Math.max(1, until - performance.now())),
      ]);
      this.unsolicitedWake = undefined;
    }
    return this.unsolicited.shift()?.activity;
  }

  /**
   * Sends a message and waits for the turn: the POST's answer and the bot's replies on the stream (at
   * least one; all of a turn's replies are written to the stream before the POST is answered).
   */
  async say(text: string, step: string, value?: Record<string, unknown>, replyTimeoutMs = 15_000): Promise<TurnTiming> {
    const clientId = randomBytes(6).toString('hex');
    const p: PendingTurn = { clientId, replies: [], bytes: 0 };
    this.pending = p;
    const activity = {
      type: 'message',
      text,
      ...(value ? { value } : {}),
      from: { id: this.userId, name: this.name },
      locale: 'en-GB',
      localTimezone: 'Europe/London',
      textFormat: 'plain',
      channelData: { clientActivityID: clientId, benchStep: step },
    };
    const t0 = performance.now();
    const res = await httpJson<{ id?: string }>(
      this.agent,
      this.base,
      'POST',
      `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`,
      activity,
      this.token,
    );
    const tPost = performance.now();
    if (res.status === 200 && res.body?.id) p.userActivityId ??= res.body.id;
    const until = tPost + replyTimeoutMs;
    while (res.status === 200 && p.replies.length === 0 && !this.closed && performance.now() < until) {
      await Promise.race([new Promise<void>((r) => (p.wake = r)), sleep(Math.max(1, until - performance.now()))]);
      p.wake = undefined;
    }
    this.pending = undefined;
    if (p.userActivityId) this.finished.add(p.userActivityId);
    const lastAt = p.replies.length ? p.replies[p.replies.length - 1]!.at : tPost;
    const firstAt = p.replies.length ? p.replies[0]!.at : tPost;
    const why = (res.body as { error?: { code?: string; message?: string } } | undefined)?.error;
    const error =
      res.status !== 200
        ? `POST answered ${res.status}${why ? ` (${why.code ?? why.message ?? ''})` : ''}`
        : p.replies.length === 0
          ? 'no reply on the stream'
          : undefined;
    return {
      ms: Math.max(tPost, lastAt) - t0,
      postMs: tPost - t0,
      firstReplyMs: firstAt - t0,
      lastReplyMs: lastAt - t0,
      replyAfterPost: lastAt > tPost,
      replies: p.replies.map((r) => r.activity),
      replyBytes: p.bytes,
      status: res.status,
      ...(error ? { error } : {}),
    };
  }

  /** A typing activity: authenticated, checked and answered without a bot turn (Direct Line's cheapest call). */
  async typing(): Promise<HttpResult> {
    return httpJson(
      this.agent,
      this.base,
      'POST',
      `/v3/directline/conversations/${encodeURIComponent(this.conversationId)}/activities`,
      { type: 'typing', from: { id: this.userId } },
      this.token,
    );
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }
}
