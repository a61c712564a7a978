/**
 * The payment provider interface: Checkout-style hosted payment pages, expiry, refunds, and the
 * provider-neutral events their webhooks (or the sandbox page) report. Implementations: Stripe, and the
 * built-in sandbox used when no Stripe key is configured.
 */

export interface CheckoutRequest {
  paymentId: number;
  bookingId: number;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  /** What the payer sees, without personal data ("Flights LHR–JFK, 1 Dec 2026"). */
  description: string;
  /** When our hold ends; providers with a longer minimum are expired through their API then. */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  idempotencyKey: string;
  /** The traveller's time zone (IANA), when known: a hosted page that shows times shows them in it. */
  timeZone?: string;
}

export interface CheckoutSession {
  sessionId: string;
  url: string;
}

export interface RefundRequest {
  paymentIntentId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  refundId: number;
  bookingId: number;
}

export interface RefundResult {
  providerRefundId: string;
  status: 'pending' | 'succeeded' | 'failed';
  failureReason: string | null;
}

/** What a provider reports, normalised. `id` is the provider's event id (idempotency). */
export type PaymentEvent = { id: string; provider: string } & (
  | {
      kind: 'checkout_completed';
      sessionId: string;
      paymentIntentId: string | null;
      amount: number;
      currency: string;
      paid: boolean;
    }
  | {
      kind: 'checkout_async_succeeded';
      sessionId: string;
      paymentIntentId: string | null;
      amount: number;
      currency: string;
    }
  | { kind: 'checkout_async_failed'; sessionId: string; reason: string }
  | { kind: 'checkout_expired'; sessionId: string }
  | { kind: 'payment_failed'; sessionId: string | null; paymentId: number | null; reason: string }
  // refundId: our refund's id from the provider's metadata, when it carries one (matches a webhook that overtakes the
  // API answer).
  | {
      kind: 'refund_updated';
      providerRefundId: string;
      refundId?: number | null;
      status: 'pending' | 'succeeded' | 'failed';
      failureReason: string | null;
    }
);

export interface PaymentProvider {
  readonly name: 'stripe' | 'sandbox';
  createCheckout(req: CheckoutRequest): Promise<CheckoutSession>;
  expireCheckout(sessionId: string): Promise<void>;
  refund(req: RefundRequest): Promise<RefundResult>;
}

/** Thrown for a webhook whose signature is missing, forged or stale. */
export class WebhookSignatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookSignatureError';
  }
}

/** A correctly signed webhook whose body is not an event we can read (not JSON, or missing what we use). */
export class WebhookPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookPayloadError';
  }
}

/** The provider refused a request for good (e.g. a refund larger than what is left); retrying will not help. */
export class PaymentRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaymentRejectedError';
  }
}
