/**
 * Slack as the tests see it: the Web API (https://slack.com/api/*) and response URLs faked with nock
 * (every call recorded), requests signed the way Slack signs them, and the app with the bot runtime
 * mounted, Slack configured.
 */
import { createHmac } from 'node:crypto';
import type { Express } from 'express';
import type { ApiServices } from '../../../api/container';
import nock from 'nock';
import request from 'supertest';
import { createHttpApp } from '../../../api/http/app';
import type { BookingView } from '../../../api/services/booking-view';
import { type BotRuntime, createBotRuntime } from '../../../bot/runtime';
import { createTestApp, type DbTarget, type TestApp } from '../../helpers/test-app';

export const SIGNING_SECRET = 'slack-test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-test-0000';
export const SUPPORT_CHANNEL = 'CSUPPORT01';
export const BOT_USER = 'UJETWAYBOT';
export const SLACK_ENV = {
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SUPPORT_CHANNEL: SUPPORT_CHANNEL,
};

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface Block {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
  /** Buttons and selects (text: { text }) in actions blocks; mrkdwn texts (text: string) in context blocks. */
  elements?: {
    type: string;
    action_id?: string;
    value?: string;
    url?: string;
    style?: string;
    text?: string | { text: string };
    option_groups?: { options: { value: string; text: { text: string } }[] }[];
  }[];
  accessory?: { type: string; action_id?: string; value?: string; text?: { text: string } };
}

/** The Slack Web API and response URLs, faked: records calls, answers like Slack. */
export class FakeSlack {
  readonly calls: SlackCall[] = [];
  readonly responses: { url: string; body: Record<string, unknown> }[] = [];
  /** users.info answers: Slack user id → profile. */
  readonly users = new Map<string, { email?: string; realName?: string; isBot?: boolean }>();
  /** Milliseconds a method takes to answer (to show requests are acknowledged before the work). */
  readonly delays = new Map<string, number>();
  private seq = 0;

  install(): this {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    nock('https://slack.com')
      .persist()
      .post(/^\/api\/[\w.]+$/)
      .reply(async (uri, body) => {
        const method = uri.replace(/^\/api\//, '');
        const args = parseArgs(body);
        this.calls.push({ method, args });
        const delay = this.delays.get(method);
        if (delay) await new Promise((r) => setTimeout(r, delay));
        return [200, this.answer(method, args)];
      });
    nock('https://hooks.slack.com')
      .persist()
      .post(/.*/)
      .reply((uri, body) => {
        this.responses.push({
          url: `https://hooks.slack.com${uri}`,
          body: typeof body === 'string' ? JSON.parse(body) : (body as Record<string, unknown>),
        });
        return [200, 'ok'];
      });
    return this;
  }

  uninstall(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }

  clear(): void {
    this.calls.length = 0;
    this.responses.length = 0;
  }

  of(method: string): SlackCall['args'][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  /** chat.postMessage calls to a channel (thread replies too, unless `thread` says otherwise). */
  posts(channel: string, thread?: string | null): SlackCall['args'][] {
    return this.of('chat.postMessage').filter(
      (a) =>
        a.channel === channel && (thread === undefined || (thread === null ? !a.thread_ts : a.thread_ts === thread)),
    );
  }

  ephemerals(user: string): SlackCall['args'][] {
    return this.of('chat.postEphemeral').filter((a) => a.user === user);
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://jetway-test.slack.com/',
          team: 'jetway',
          team_id: 'T0TEST',
          user: 'jetway',
          user_id: BOT_USER,
          bot_id: 'B0JETWAY',
        };
      case 'chat.postMessage':
        return { ok: true, channel: args.channel, ts: this.nextTs(), message: { text: args.text } };
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: args.user,
            name: u.realName ?? 'someone',
            real_name: u.realName,
            deleted: false,
            is_bot: !!u.isBot,
            profile: { email: u.email, real_name: u.realName, display_name: u.realName },
          },
        };
      }
      default:
        return { ok: true };
    }
  }

  private nextTs(): string {
    this.seq++;
    return `1700000000.${String(this.seq).padStart(6, '0')}`;
  }
}

function parseArgs(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object') return body as Record<string, unknown>;
  const text = String(body ?? '');
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = /^(blocks|attachments)$/.test(k) ? JSON.parse(v) : v;
  return out;
}

/** Slack's signature over `v0:<timestamp>:<body>` with the signing secret. */
export function slackHeaders(
  body: string,
  opts: { timestamp?: number; secret?: string; retryNum?: number } = {},
): Record<string, string> {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const sig = createHmac('sha256', opts.secret ?? SIGNING_SECRET)
    .update(`v0:${ts}:${body}`)
    .digest('hex');
  return {
    'X-Slack-Signature': `v0=${sig}`,
    'X-Slack-Request-Timestamp': String(ts),
    ...(opts.retryNum ? { 'X-Slack-Retry-Num': String(opts.retryNum), 'X-Slack-Retry-Reason': 'http_timeout' } : {}),
  };
}

let eventSeq = 0;
let msgSeq = 0;

/** A fresh message ts (Slack's "seconds.micro"). */
export function newTs(): string {
  msgSeq++;
  return `1710000000.${String(msgSeq).padStart(6, '0')}`;
}

/** An Events API envelope around an event. */
export function envelope(
  event: Record<string, unknown>,
  eventId = `Ev${++eventSeq}${Date.now().toString(36)}`,
): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T0TEST',
    api_app_id: 'A0JETWAY',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
    authorizations: [{ team_id: 'T0TEST', user_id: BOT_USER, is_bot: true }],
  };
}

export const dm = (user: string, channel: string, text: string, extra: Record<string, unknown> = {}) =>
  envelope({ type: 'message', channel, channel_type: 'im', user, text, ts: newTs(), team: 'T0TEST', ...extra });

export const threadReply = (user: string, threadRef: string, text: string, extra: Record<string, unknown> = {}) => {
  const [channel, threadTs] = [threadRef.slice(0, threadRef.indexOf(':')), threadRef.slice(threadRef.indexOf(':') + 1)];
  return envelope({
    type: 'message',
    channel,
    channel_type: 'channel',
    user,
    text,
    ts: newTs(),
    thread_ts: threadTs,
    team: 'T0TEST',
    ...extra,
  });
};

/** A block_actions payload: a click on a button (value) or a pick in a select (option). */
export function blockAction(a: {
  user: string;
  channel: string;
  messageTs: string;
  actionId: string;
  value?: string;
  label?: string;
  option?: { value: string; text: string };
  blocks?: unknown[];
  threadTs?: string;
  ephemeral?: boolean;
}): Record<string, unknown> {
  const action = a.option
    ? {
        type: 'static_select',
        action_id: a.actionId,
        block_id: 'b1',
        selected_option: { value: a.option.value, text: { type: 'plain_text', text: a.option.text } },
        action_ts: newTs(),
      }
    : {
        type: 'button',
        action_id: a.actionId,
        block_id: 'b1',
        value: a.value,
        text: { type: 'plain_text', text: a.label ?? a.value },
        action_ts: newTs(),
      };
  return {
    type: 'block_actions',
    user: { id: a.user, username: a.user, team_id: 'T0TEST' },
    api_app_id: 'A0JETWAY',
    token: 'legacy',
    team: { id: 'T0TEST', domain: 'jetway-test' },
    container: {
      type: 'message',
      message_ts: a.messageTs,
      channel_id: a.channel,
      is_ephemeral: !!a.ephemeral,
      ...(a.threadTs ? { thread_ts: a.threadTs } : {}),
    },
    trigger_id: 'trigger',
    channel: { id: a.channel, name: a.channel.startsWith('D') ? 'directmessage' : 'support' },
    ...(a.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            ts: a.messageTs,
            text: 'message',
            user: BOT_USER,
            blocks: a.blocks ?? [],
            ...(a.threadTs ? { thread_ts: a.threadTs } : {}),
          },
        }),
    response_url: `https://hooks.slack.com/actions/T0TEST/${newTs().replace('.', '')}/resp`,
    actions: [action],
  };
}

/** The bot runtime (and so Slack) mounted on an app over some services. */
export interface SlackMount {
  runtime: BotRuntime;
  app: Express;
  http: ReturnType<typeof request>;
  /** Posts an Events API payload, signed. */
  event(payload: Record<string, unknown>, opts?: { retryNum?: number }): Promise<request.Response>;
  /** Posts an interactive payload (form field `payload`), signed. */
  action(payload: Record<string, unknown>): Promise<request.Response>;
  /** Waits for the work Slack requests started (acknowledged first, handled after). */
  idle(): Promise<void>;
  /** Closes the runtime (not the services). */
  stop(): Promise<void>;
}

/** An app serving one test database, with the bot runtime and Slack. */
export interface SlackApp extends SlackMount {
  t: TestApp;
  close(): Promise<void>;
}

export function mountSlack(services: ApiServices): SlackMount {
  const runtime = createBotRuntime(services, { faq: services.faq, emailCodes: services.emailVerification });
  const { app } = createHttpApp(services, { beforeBody: runtime.beforeBody, afterApi: runtime.afterApi });
  const http = request(app);
  const idle = async () => {
    for (let i = 0; i < 3; i++) {
      await runtime.slack?.idle();
      await runtime.sms.idle();
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    runtime,
    app,
    http,
    async event(payload, o = {}) {
      const body = JSON.stringify(payload);
      return http
        .post('/slack/events')
        .set({ ...slackHeaders(body, { retryNum: o.retryNum }), 'Content-Type': 'application/json' })
        .send(body);
    },
    async action(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return http
        .post('/slack/events')
        .set({ ...slackHeaders(body), 'Content-Type': 'application/x-www-form-urlencoded' })
        .send(body);
    },
    idle,
    async stop() {
      await idle();
      await runtime.close();
    },
  };
}

export async function createSlackApp(
  opts: { target?: DbTarget; env?: Record<string, string>; now?: Date } = {},
): Promise<SlackApp> {
  const t = await createTestApp({ target: opts.target, now: opts.now, env: { ...SLACK_ENV, ...opts.env } });
  const m = mountSlack(t.services);
  return {
    ...m,
    t,
    async close() {
      await m.stop();
      await t.close();
    },
  };
}

/** Every block of a posted message. */
export const blocksOf = (args: Record<string, unknown>): Block[] => (args.blocks as Block[] | undefined) ?? [];

/** The text of a message's blocks (sections, fields, context, buttons), for assertions. */
export function textOf(args: Record<string, unknown>): string {
  const parts: string[] = [String(args.text ?? '')];
  for (const b of blocksOf(args)) {
    if (b.text?.text) parts.push(b.text.text);
    for (const f of b.fields ?? []) parts.push(f.text);
    for (const e of b.elements ?? []) parts.push(typeof e.text === 'string' ? e.text : (e.text?.text ?? ''));
    if (b.accessory?.text?.text) parts.push(b.accessory.text.text);
  }
  return parts.filter(Boolean).join('\n');
}

/** The buttons of a message: action id, value and label. */
export function buttonsOf(args: Record<string, unknown>): { actionId: string; value: string; label: string }[] {
  const out: { actionId: string; value: string; label: string }[] = [];
  for (const b of blocksOf(args)) {
    for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
      if (e.type === 'button' && e.action_id && e.value !== undefined)
        out.push({
          actionId: e.action_id,
          value: e.value,
          label: typeof e.text === 'string' ? e.text : (e.text?.text ?? ''),
        });
  }
  return out;
}

/** Creates a jetway account with a role and tells the fake Slack about its Slack user. */
export async function slackUser(
  h: { t: { services: ApiServices } } | { services: ApiServices },
  fake: FakeSlack,
  slackId: string,
  role: 'agent' | 'admin' | 'traveller',
  firstName: string,
  email = `${firstName.toLowerCase()}.${slackId.toLowerCase()}@jetway.example`,
): Promise<void> {
  const services = 't' in h ? h.t.services : h.services;
  await services.auth.createUser({
    email,
    password: 'correct horse battery staple',
    firstName,
    lastName: 'Support',
    role,
  });
  fake.users.set(slackId, { email, realName: `${firstName} Support` });
}

export type { BookingView };
