import Stripe from 'stripe';
import { z } from 'zod';
import {
  type CheckoutRequest,
  type CheckoutSession,
  type PaymentEvent,
  type PaymentProvider,
  PaymentRejectedError,
  type RefundRequest,
  type RefundResult,
  WebhookPayloadError,
  WebhookSignatureError,
} from './payment-provider';

/** Stripe's Checkout Sessions last at least 30 minutes; shorter holds are expired through the API. */
const STRIPE_MIN_EXPIRY_MS = 31 * 60_000;
/** Signatures older than this are refused (Stripe's default tolerance). */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe Checkout: one session per payment attempt for the booking's exact amount; ids only in
 * client_reference_id and metadata; an idempotency key on every create call.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
    opts: { timeoutMs?: number; maxNetworkRetries?: number } = {},
  ) {
    this.stripe = new Stripe(secretKey, {
      timeout: opts.timeoutMs ?? 10_000,
      maxNetworkRetries: opts.maxNetworkRetries ?? 2,
    });
  }

  async createCheckout(req: CheckoutRequest): Promise<CheckoutSession> {
    const ids = { bookingId: String(req.bookingId), paymentId: String(req.paymentId) };
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        line_items: [
          {
            price_data: {
              currency: req.currency.toLowerCase(),
              unit_amount: req.amount,
              product_data: { name: req.description },
            },
            quantity: 1,
          },
        ],
        client_reference_id: ids.bookingId,
        metadata: ids,
        payment_intent_data: { metadata: ids },
        expires_at: Math.ceil(Math.max(req.expiresAt.getTime(), Date.now() + STRIPE_MIN_EXPIRY_MS) / 1000),
        success_url: req.successUrl,
        cancel_url: req.cancelUrl,
      },
      { idempotencyKey: req.idempotencyKey },
    );
    if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL');
    return { sessionId: session.id, url: session.url };
  }

  async expireCheckout(sessionId: string): Promise<void> {
    try {
      await this.stripe.checkout.sessions.expire(sessionId);
    } catch (err) {
      // Already completed or expired: nothing left to stop.
      if (err instanceof Stripe.errors.StripeInvalidRequestError) return;
      throw err;
    }
  }

  async refund(req: RefundRequest): Promise<RefundResult> {
    try {
      const r = await this.stripe.refunds.create(
        {
          payment_intent: req.paymentIntentId,
          amount: req.amount,
          metadata: { refundId: String(req.refundId), bookingId: String(req.bookingId) },
        },
        { idempotencyKey: req.idempotencyKey },
      );
      return { providerRefundId: r.id, status: refundStatus(r.status), failureReason: r.failure_reason ?? null };
    } catch (err) {
      // A request Stripe refuses (already refunded, amount too large) will not succeed on a retry.
      if (err instanceof Stripe.errors.StripeInvalidRequestError || err instanceof Stripe.errors.StripeCardError)
        throw new PaymentRejectedError(err.message);
      throw err;
    }
  }

  /**
   * Verifies a webhook against the raw body (missing, forged or stale signatures throw) and maps the
   * events we act on; returns null for event types we ignore.
   */
  parseWebhook(rawBody: Buffer, signature: string | undefined): PaymentEvent | null {
    if (!signature) throw new WebhookSignatureError('Missing Stripe-Signature header.');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(rawBody, signature, this.webhookSecret, TOLERANCE_SECONDS);
    } catch (err) {
      // The signature is checked before the body is parsed: anything else is a body we cannot read.
      if (err instanceof Stripe.errors.StripeSignatureVerificationError) throw new WebhookSignatureError(err.message);
      throw new WebhookPayloadError(err instanceof Error ? err.message : 'The body is not JSON.');
    }
    checkEventShape(event);
    return mapStripeEvent(event);
  }
}

const stripeId = z.string().min(1).max(255);
const checkoutSession = z.object({
  id: stripeId,
  amount_total: z.number().int().nonnegative().nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .nullish(),
  payment_intent: z.union([stripeId, z.object({ id: stripeId })]).nullish(),
  payment_status: z.string().nullish(),
});
const paymentIntent = z.object({
  id: stripeId,
  metadata: z.record(z.string(), z.string()).nullish(),
  last_payment_error: z.object({ message: z.string().nullish() }).nullish(),
});
const refundObject = z.object({ id: stripeId, status: z.string().nullish(), failure_reason: z.string().nullish() });
const envelope = z.object({
  id: stripeId,
  type: z.string().min(1),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});
/** What we read from the object of each event type we act on. */
const OBJECT_SHAPES: Record<string, z.ZodType> = {
  'checkout.session.completed': checkoutSession,
  'checkout.session.async_payment_succeeded': checkoutSession,
  'checkout.session.async_payment_failed': checkoutSession,
  'checkout.session.expired': checkoutSession,
  'payment_intent.payment_failed': paymentIntent,
  'refund.created': refundObject,
  'refund.updated': refundObject,
  'refund.failed': refundObject,
  'charge.refund.updated': refundObject,
};

/** A signed body that is not a Stripe event with the fields we use is refused (400), not a crash (500). */
function checkEventShape(event: unknown): asserts event is Stripe.Event {
  const env = envelope.safeParse(event);
  if (!env.success) throw new WebhookPayloadError('The body is not a Stripe event.');
  const shape = OBJECT_SHAPES[env.data.type];
  if (shape && !shape.safeParse(env.data.data.object).success)
    throw new WebhookPayloadError(`The ${env.data.type} event lacks fields we need.`);
}

function intentId(pi: string | Stripe.PaymentIntent | null): string | null {
  return typeof pi === 'string' ? pi : (pi?.id ?? null);
}

/** The id of our refund row, which `refund()` puts in the refund's metadata. */
function ourRefundId(metadata: Stripe.Metadata | null | undefined): number | null {
  const id = Number(metadata?.refundId);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

function refundStatus(s: string | null): 'pending' | 'succeeded' | 'failed' {
  if (s === 'succeeded') return 'succeeded';
  if (s === 'failed' || s === 'canceled') return 'failed';
  return 'pending';
}

export function mapStripeEvent(event: Stripe.Event): PaymentEvent | null {
  const base = { id: event.id, provider: 'stripe' };
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = event.data.object;
      const common = {
        sessionId: s.id,
        paymentIntentId: intentId(s.payment_intent),
        amount: s.amount_total ?? 0,
        currency: (s.currency ?? '').toUpperCase(),
      };
      return event.type === 'checkout.session.completed'
        ? {
            ...base,
            kind: 'checkout_completed',
            ...common,
            paid: s.payment_status === 'paid' || s.payment_status === 'no_payment_required',
          }
        : { ...base, kind: 'checkout_async_succeeded', ...common };
    }
    case 'checkout.session.async_payment_failed':
      return {
        ...base,
        kind: 'checkout_async_failed',
        sessionId: event.data.object.id,
        reason: 'The payment did not go through.',
      };
    case 'checkout.session.expired':
      return { ...base, kind: 'checkout_expired', sessionId: event.data.object.id };
    case 'payment_intent.payment_failed': {
      const pi = event.data.object;
      const paymentId = Number(pi.metadata?.paymentId);
      return {
        ...base,
        kind: 'payment_failed',
        sessionId: null,
        paymentId: Number.isFinite(paymentId) && paymentId > 0 ? paymentId : null,
        reason: pi.last_payment_error?.message ?? 'The payment was declined.',
      };
    }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed': {
      const r = event.data.object;
      return {
        ...base,
        kind: 'refund_updated',
        providerRefundId: r.id,
        refundId: ourRefundId(r.metadata),
        status: refundStatus(r.status),
        failureReason: r.failure_reason ?? null,
      };
    }
    case 'charge.refund.updated': {
      const r = event.data.object;
      return {
        ...base,
        kind: 'refund_updated',
        providerRefundId: r.id,
        refundId: ourRefundId(r.metadata),
        status: refundStatus(r.status),
        failureReason: r.failure_reason ?? null,
      };
    }
    default:
      return null;
  }
}
