/**
 * A fake of Stripe's HTTP API (https://api.stripe.com) built on nock, for tests that run the real
 * StripePaymentProvider: Checkout Sessions (create, expire) and Refunds, with realistic JSON, Stripe's
 * idempotency (same key → same answer), the requests it received, and switches for failures. Plus
 * signed webhook deliveries (the stripe library's own test signatures) to POST /webhooks/stripe.
 *
 * No network: start() disables every connection but 127.0.0.1 (supertest, MySQL); stop() cleans up.
 */
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import Stripe from 'stripe';
import type { Response } from 'supertest';
import type { TestApp } from './test-app';

export const STRIPE_SECRET_KEY = 'sk_test_51JetwayFakeKeyForTestsOnly0000000000';
export const STRIPE_WEBHOOK_SECRET = 'whsec_jetway_test_webhook_secret_0123456789';
/** Configuration that makes the container build the real StripePaymentProvider. */
export const STRIPE_ENV = { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET };

const API = 'https://api.stripe.com';
const stripe = new Stripe(STRIPE_SECRET_KEY);
const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface StripeCall {
  method: string;
  path: string;
  /** The Idempotency-Key header Stripe received. */
  idempotencyKey: string | undefined;
  /** Form fields as Stripe reads them: "metadata[bookingId]" → "12". */
  body: Record<string, string>;
  raw: string;
}

export interface FakeSession {
  id: string;
  object: 'checkout.session';
  amount_total: number;
  amount_subtotal: number;
  currency: string;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_status: 'paid' | 'unpaid' | 'no_payment_required';
  status: 'open' | 'complete' | 'expired';
  url: string | null;
  expires_at: number;
  success_url: string;
  cancel_url: string;
  created: number;
  livemode: false;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string;
  status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  failure_reason: string | null;
  metadata: Record<string, string>;
  reason: null;
  created: number;
}

type Failure = { status: number; type: string; code?: string; message: string };
/**
 * How a refund request is answered; `gate` delays the answer until it resolves (the refund exists at Stripe meanwhile).
 */
export type RefundBehaviour =
  { status: FakeRefund['status'] } | { reject: Failure } | { gate: Promise<void>; status: FakeRefund['status'] };

function formFields(body: unknown): { fields: Record<string, string>; raw: string } {
  if (typeof body === 'string') return { fields: Object.fromEntries(new URLSearchParams(body)), raw: body };
  const fields: Record<string, string> = {};
  const walk = (v: unknown, prefix: string) => {
    if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}[${k}]` : k);
    else fields[prefix] = String(v);
  };
  walk(body, '');
  return { fields, raw: new URLSearchParams(fields).toString() };
}

const stripeError = (f: Failure): [number, unknown, Record<string, string>] => [
  f.status,
  {
    error: {
      type: f.type,
      code: f.code,
      message: f.message,
      request_log_url: 'https://dashboard.stripe.com/test/logs/req_x',
    },
  },
  // The fake answers once: the SDK must not retry our scripted failures.
  { 'stripe-should-retry': 'false', 'request-id': id('req') },
];

export class StripeFake {
  readonly calls: StripeCall[] = [];
  readonly sessions = new Map<string, FakeSession>();
  readonly refunds = new Map<string, FakeRefund>();
  private readonly byKey = new Map<string, [number, unknown]>();
  /** When set, the next session creations fail like this. */
  checkoutFailures: Failure[] = [];
  /** When set, the next expire calls fail like this (then the default applies). */
  expireFailures: Failure[] = [];
  /** How the next refunds answer (queue); afterwards `defaultRefund`. */
  refundQueue: RefundBehaviour[] = [];
  defaultRefund: RefundBehaviour = { status: 'succeeded' };

  start(): void {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    // nock hands the request to `this` of a plain function; the fake's methods come in through arrows.
    type Handler = (
      fields: Record<string, string>,
      path: string,
    ) => ReturnType<StripeFake['createRefund']> | [number, unknown, Record<string, string>?];
    const on = (handle: Handler) =>
      function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
        return answer(this.req.headers, uri, body, handle);
      };
    const answer = (headers: Record<string, string>, uri: string, body: unknown, handle: Handler) =>
      this.answer(headers, 'POST', uri, body, handle);
    nock(API)
      .persist()
      .post('/v1/checkout/sessions')
      .reply(on((fields) => this.createSession(fields)))
      .post(/^\/v1\/checkout\/sessions\/[^/]+\/expire$/)
      .reply(on((_fields, path) => this.expire(decodeURIComponent(path.split('/')[4]!))))
      .post('/v1/refunds')
      .reply(on((fields) => this.createRefund(fields)));
  }

  stop(): void {
    nock.cleanAll();
    nock.enableNetConnect();
    // Unhook http entirely, so nothing reaches into this test file's globals after it ends.
    nock.restore();
  }

  reset(): void {
    this.calls.length = 0;
    this.checkoutFailures = [];
    this.expireFailures = [];
    this.refundQueue = [];
    this.defaultRefund = { status: 'succeeded' };
  }

  callsTo(path: string | RegExp): StripeCall[] {
    return this.calls.filter((c) => (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  /** Sessions created for a booking (by the ids in their metadata), oldest first. */
  sessionsFor(bookingId: number): FakeSession[] {
    return [...this.sessions.values()].filter((s) => s.metadata.bookingId === String(bookingId));
  }

  /** What a paid session looks like on Stripe's side (and in the webhook); marks it complete. */
  complete(
    sessionId: string,
    paymentStatus: FakeSession['payment_status'] = 'paid',
    overrides: Partial<FakeSession> = {},
  ): FakeSession {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no fake session ${sessionId}`);
    Object.assign(
      s,
      {
        status: 'complete',
        payment_status: paymentStatus,
        payment_intent: s.payment_intent ?? id('pi_test'),
        url: null,
      },
      overrides,
    );
    return { ...s };
  }

  private async answer(
    headers: Record<string, string | string[]>,
    method: string,
    path: string,
    body: unknown,
    handle: (
      fields: Record<string, string>,
      path: string,
    ) => [number, unknown, Record<string, string>?] | Promise<[number, unknown, Record<string, string>?]>,
  ): Promise<[number, unknown, Record<string, string>]> {
    const { fields, raw } = formFields(body);
    const header = headers['idempotency-key'];
    const idempotencyKey = Array.isArray(header) ? header[0] : header;
    this.calls.push({ method, path, idempotencyKey, body: fields, raw });
    // Stripe's idempotency: a repeated key gets the first answer (and creates nothing new).
    const replay = idempotencyKey ? this.byKey.get(`${path}\n${idempotencyKey}`) : undefined;
    if (replay) return [replay[0], replay[1], { 'idempotent-replayed': 'true' }];
    const [status, json, extra] = await handle(fields, path);
    if (idempotencyKey && status < 500) this.byKey.set(`${path}\n${idempotencyKey}`, [status, json]);
    return [status, json, { 'request-id': id('req'), ...extra }];
  }

  private createSession(f: Record<string, string>): [number, unknown, Record<string, string>?] {
    const failure = this.checkoutFailures.shift();
    if (failure) return stripeError(failure);
    const sid = id('cs_test_a1');
    const amount = Number(f['line_items[0][price_data][unit_amount]']) * Number(f['line_items[0][quantity]'] ?? 1);
    const metadata: Record<string, string> = {};
    for (const [k, v] of Object.entries(f)) {
      const m = /^metadata\[(.+)\]$/.exec(k);
      if (m) metadata[m[1]!] = v;
    }
    const session: FakeSession = {
      id: sid,
      object: 'checkout.session',
      amount_total: amount,
      amount_subtotal: amount,
      currency: f['line_items[0][price_data][currency]'] ?? 'usd',
      client_reference_id: f.client_reference_id ?? null,
      metadata,
      mode: 'payment',
      payment_intent: null,
      payment_status: 'unpaid',
      status: 'open',
      url: `https://checkout.stripe.com/c/pay/${sid}#fidkdWxOYHwnPyd1blpxYHZxWjA0`,
      expires_at: Number(f.expires_at),
      success_url: f.success_url ?? '',
      cancel_url: f.cancel_url ?? '',
      created: nowSeconds(),
      livemode: false,
    };
    this.sessions.set(sid, session);
    return [200, session];
  }

  private expire(sessionId: string): [number, unknown, Record<string, string>?] {
    const failure = this.expireFailures.shift();
    if (failure) return stripeError(failure);
    const s = this.sessions.get(sessionId);
    if (!s)
      return stripeError({
        status: 404,
        type: 'invalid_request_error',
        code: 'resource_missing',
        message: `No such checkout.session: '${sessionId}'`,
      });
    if (s.status !== 'open')
      return stripeError({
        status: 400,
        type: 'invalid_request_error',
        message:
          `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "` +
          `${s.status}".`,
      });
    Object.assign(s, { status: 'expired', url: null });
    return [200, { ...s }];
  }

  private async createRefund(f: Record<string, string>): Promise<[number, unknown, Record<string, string>?]> {
    const behaviour = this.refundQueue.shift() ?? this.defaultRefund;
    if ('reject' in behaviour) return stripeError(behaviour.reject);
    // Like Stripe: never more back than was charged on the PaymentIntent.
    const charged =
      [...this.sessions.values()].find((s) => s.payment_intent === f.payment_intent && s.status === 'complete')
        ?.amount_total ?? 0;
    const refunded = [...this.refunds.values()]
      .filter((r) => r.payment_intent === f.payment_intent && r.status !== 'failed' && r.status !== 'canceled')
      .reduce((n, r) => n + r.amount, 0);
    if (refunded + Number(f.amount) > charged)
      return stripeError({
        status: 400,
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: `Charge for ${f.payment_intent} has already been refunded.`,
      });
    const refund: FakeRefund = {
      id: id('re_test'),
      object: 'refund',
      amount: Number(f.amount),
      currency: [...this.sessions.values()].find((s) => s.payment_intent === f.payment_intent)?.currency ?? 'usd',
      payment_intent: f.payment_intent ?? '',
      charge: id('ch_test'),
      status: behaviour.status,
      failure_reason: behaviour.status === 'failed' ? 'expired_or_canceled_card' : null,
      metadata: { refundId: f['metadata[refundId]'] ?? '', bookingId: f['metadata[bookingId]'] ?? '' },
      reason: null,
      created: nowSeconds(),
    };
    this.refunds.set(refund.id, refund);
    // A gate holds the answer back after Stripe has created the refund (its webhook may come first).
    if ('gate' in behaviour) await behaviour.gate;
    return [200, { ...refund, status: behaviour.status }];
  }
}

/** A Stripe event envelope as Stripe posts it. */
export function stripeEvent(type: string, object: object, opts: { id?: string } = {}): Record<string, unknown> {
  return {
    id: opts.id ?? id('evt_test'),
    object: 'event',
    api_version: '2025-10-29.clover',
    created: nowSeconds(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/** A Stripe-Signature header for a payload (our webhook secret unless told; `timestamp` in seconds). */
export function signature(payload: string, opts: { secret?: string; timestamp?: number } = {}): string {
  return stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? STRIPE_WEBHOOK_SECRET,
    timestamp: opts.timestamp,
  });
}

/** Delivers an event (or raw payload) to POST /webhooks/stripe, signed unless `header` is given (null = none). */
export function deliver(
  t: Pick<TestApp, 'http'>,
  event: Record<string, unknown> | string,
  opts: { header?: string | null; secret?: string; timestamp?: number } = {},
): Promise<Response> {
  const payload = typeof event === 'string' ? event : JSON.stringify(event);
  const req = t.http.post('/webhooks/stripe').set('Content-Type', 'application/json');
  const header = opts.header === undefined ? signature(payload, opts) : opts.header;
  if (header !== null) req.set('Stripe-Signature', header);
  return req.send(payload);
}

/** checkout.session.completed for a fake session, delivered signed. */
export function deliverCompleted(
  t: Pick<TestApp, 'http'>,
  fake: StripeFake,
  sessionId: string,
  paymentStatus: FakeSession['payment_status'] = 'paid',
  overrides: Partial<FakeSession> = {},
) {
  const event = stripeEvent('checkout.session.completed', fake.complete(sessionId, paymentStatus, overrides));
  return deliver(t, event).then((res) => ({ res, event }));
}

/** refund.updated (or charge.refund.updated) for a fake refund now in `status`. */
export function refundEvent(
  fake: StripeFake,
  refundId: string,
  status: FakeRefund['status'],
  type = 'refund.updated',
): Record<string, unknown> {
  const r = fake.refunds.get(refundId);
  if (!r) throw new Error(`no fake refund ${refundId}`);
  Object.assign(r, { status, failure_reason: status === 'failed' ? 'charge_for_pending_refund_disputed' : null });
  return stripeEvent(type, { ...r });
}
