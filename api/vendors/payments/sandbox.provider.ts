import { randomBytes } from 'node:crypto';
import type {
  CheckoutRequest,
  CheckoutSession,
  PaymentEvent,
  PaymentProvider,
  RefundRequest,
  RefundResult,
} from './payment-provider';

/** Test cards of the sandbox, as Stripe's test mode uses them. */
export const SANDBOX_CARDS = { success: '4242424242424242', decline: '4000000000000002' } as const;

const rid = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/**
 * The built-in payment provider: a hosted page under /pay/sandbox/<session> (served by the HTTP layer)
 * where test cards pay or decline. Its outcomes are reported as the same PaymentEvents a Stripe
 * webhook produces, so both go through one code path. Refunds succeed at once.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;

  constructor(private readonly publicUrl: string) {}

  async createCheckout(req: CheckoutRequest): Promise<CheckoutSession> {
    const sessionId = rid('sbx_cs');
    // The page shows when the hold ends in the traveller's zone, so the link carries it.
    const tz = req.timeZone ? `?tz=${encodeURIComponent(req.timeZone)}` : '';
    return { sessionId, url: `${this.publicUrl}/pay/sandbox/${sessionId}${tz}` };
  }

  async expireCheckout(): Promise<void> {
    // Nothing to call: the sandbox page reads the payment's status from our database.
  }

  async refund(_req: RefundRequest): Promise<RefundResult> {
    return { providerRefundId: rid('sbx_re'), status: 'succeeded', failureReason: null };
  }

  /** The event the sandbox page reports when a card is charged. */
  paidEvent(sessionId: string, amount: number, currency: string): PaymentEvent {
    return {
      id: rid('sbx_evt'),
      provider: 'sandbox',
      kind: 'checkout_completed',
      sessionId,
      paymentIntentId: rid('sbx_pi'),
      amount,
      currency,
      paid: true,
    };
  }

  /** The event the sandbox page reports when a card is declined. */
  declinedEvent(sessionId: string, paymentId: number): PaymentEvent {
    return {
      id: rid('sbx_evt'),
      provider: 'sandbox',
      kind: 'payment_failed',
      sessionId,
      paymentId,
      reason: 'Your card was declined.',
    };
  }

  /** Classifies a typed card number: the two test cards, or something else. */
  static outcome(cardNumber: string): 'success' | 'decline' | 'unknown' {
    const digits = cardNumber.replace(/[\s-]/g, '');
    if (digits === SANDBOX_CARDS.success) return 'success';
    if (digits === SANDBOX_CARDS.decline) return 'decline';
    return 'unknown';
  }
}
