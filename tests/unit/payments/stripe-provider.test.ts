import type Stripe from 'stripe';
import {
  PaymentRejectedError,
  WebhookPayloadError,
  WebhookSignatureError,
} from '../../../api/vendors/payments/payment-provider';
import { mapStripeEvent, StripePaymentProvider } from '../../../api/vendors/payments/stripe.provider';
import {
  signature,
  STRIPE_SECRET_KEY,
  STRIPE_WEBHOOK_SECRET,
  StripeFake,
  stripeEvent,
} from '../../helpers/stripe-fake';

/**
 * The Stripe provider on its own: webhook verification over raw bytes, the mapping of each Stripe
 * event to our PaymentEvent, and what its API calls send and make of Stripe's answers (faked with nock).
 */
const provider = new StripePaymentProvider(STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, { maxNetworkRetries: 0 });
const session = {
  id: 'cs_test_1',
  object: 'checkout.session',
  amount_total: 45_900,
  currency: 'gbp',
  payment_intent: 'pi_test_1',
  payment_status: 'paid',
  metadata: { bookingId: '7', paymentId: '9' },
};
const asEvent = (type: string, object: object) =>
  stripeEvent(type, object, { id: 'evt_test_1' }) as unknown as Stripe.Event;
const base = { id: 'evt_test_1', provider: 'stripe' };

describe('StripePaymentProvider.parseWebhook', () => {
  const body = JSON.stringify(stripeEvent('checkout.session.completed', session, { id: 'evt_test_sig' }));
  const raw = Buffer.from(body);

  it('accepts a correctly signed body and maps it', () => {
    expect(provider.parseWebhook(raw, signature(body))).toEqual({
      id: 'evt_test_sig',
      provider: 'stripe',
      kind: 'checkout_completed',
      sessionId: 'cs_test_1',
      paymentIntentId: 'pi_test_1',
      amount: 45_900,
      currency: 'GBP',
      paid: true,
    });
  });

  it.each<[string, string | undefined]>([
    ['missing', undefined],
    ['empty', ''],
    ['signed with another secret', signature(body, { secret: 'whsec_someone_else' })],
    ['older than five minutes', signature(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })],
    ['for another body', signature(body.replace('45900', '1'))],
    ['garbage', 'v1=abc'],
  ])('refuses a signature that is %s', (_name, header) => {
    expect(() => provider.parseWebhook(raw, header)).toThrow(WebhookSignatureError);
  });

  it('accepts a signature a little under five minutes old', () => {
    expect(
      provider.parseWebhook(raw, signature(body, { timestamp: Math.floor(Date.now() / 1000) - 280 })),
    ).not.toBeNull();
  });

  it.each([
    ['not JSON', '{"id":'],
    ['not an event', '"hello"'],
    [
      'an event without an object',
      JSON.stringify({ id: 'evt_1', object: 'event', type: 'checkout.session.expired', data: {} }),
    ],
    [
      'a session without an id',
      JSON.stringify(stripeEvent('checkout.session.expired', { object: 'checkout.session' })),
    ],
    [
      'an amount that is not a number',
      JSON.stringify(stripeEvent('checkout.session.completed', { ...session, amount_total: '45900' })),
    ],
    [
      'a refund without an id',
      JSON.stringify(stripeEvent('refund.updated', { object: 'refund', status: 'succeeded' })),
    ],
  ])('refuses a signed body that is %s as a payload error', (_name, payload) => {
    expect(() => provider.parseWebhook(Buffer.from(payload), signature(payload))).toThrow(WebhookPayloadError);
  });

  it('returns null for event types it does not act on', () => {
    const payload = JSON.stringify(stripeEvent('invoice.paid', { id: 'in_1', object: 'invoice' }));
    expect(provider.parseWebhook(Buffer.from(payload), signature(payload))).toBeNull();
  });
});

describe('mapStripeEvent', () => {
  it.each<[string, object, object | null]>([
    [
      'checkout.session.completed',
      session,
      {
        kind: 'checkout_completed',
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_test_1',
        amount: 45_900,
        currency: 'GBP',
        paid: true,
      },
    ],
    [
      'checkout.session.completed',
      { ...session, payment_status: 'unpaid' },
      {
        kind: 'checkout_completed',
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_test_1',
        amount: 45_900,
        currency: 'GBP',
        paid: false,
      },
    ],
    [
      'checkout.session.completed',
      { ...session, payment_intent: { id: 'pi_test_expanded', object: 'payment_intent' } },
      {
        kind: 'checkout_completed',
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_test_expanded',
        amount: 45_900,
        currency: 'GBP',
        paid: true,
      },
    ],
    [
      'checkout.session.async_payment_succeeded',
      session,
      {
        kind: 'checkout_async_succeeded',
        sessionId: 'cs_test_1',
        paymentIntentId: 'pi_test_1',
        amount: 45_900,
        currency: 'GBP',
      },
    ],
    [
      'checkout.session.async_payment_failed',
      session,
      { kind: 'checkout_async_failed', sessionId: 'cs_test_1', reason: expect.any(String) },
    ],
    [
      'checkout.session.expired',
      { ...session, status: 'expired', payment_intent: null },
      { kind: 'checkout_expired', sessionId: 'cs_test_1' },
    ],
    [
      'payment_intent.payment_failed',
      {
        id: 'pi_test_1',
        object: 'payment_intent',
        metadata: { bookingId: '7', paymentId: '9' },
        last_payment_error: { message: 'Your card has insufficient funds.' },
      },
      { kind: 'payment_failed', sessionId: null, paymentId: 9, reason: 'Your card has insufficient funds.' },
    ],
    [
      'payment_intent.payment_failed',
      { id: 'pi_test_1', object: 'payment_intent', metadata: {} },
      { kind: 'payment_failed', sessionId: null, paymentId: null, reason: 'The payment was declined.' },
    ],
    [
      'refund.updated',
      { id: 're_1', object: 'refund', status: 'succeeded' },
      { kind: 'refund_updated', providerRefundId: 're_1', refundId: null, status: 'succeeded', failureReason: null },
    ],
    [
      'refund.updated',
      { id: 're_1', object: 'refund', status: 'failed', failure_reason: 'lost_or_stolen_card' },
      {
        kind: 'refund_updated',
        providerRefundId: 're_1',
        refundId: null,
        status: 'failed',
        failureReason: 'lost_or_stolen_card',
      },
    ],
    [
      'refund.updated',
      { id: 're_1', object: 'refund', status: 'canceled' },
      { kind: 'refund_updated', providerRefundId: 're_1', refundId: null, status: 'failed', failureReason: null },
    ],
    [
      'refund.updated',
      { id: 're_1', object: 'refund', status: 'requires_action' },
      { kind: 'refund_updated', providerRefundId: 're_1', refundId: null, status: 'pending', failureReason: null },
    ],
    [
      'refund.created',
      { id: 're_1', object: 'refund', status: 'pending' },
      { kind: 'refund_updated', providerRefundId: 're_1', refundId: null, status: 'pending', failureReason: null },
    ],
    [
      'charge.refund.updated',
      { id: 're_2', object: 'refund', status: 'succeeded', metadata: { refundId: '31', bookingId: '7' } },
      { kind: 'refund_updated', providerRefundId: 're_2', refundId: 31, status: 'succeeded', failureReason: null },
    ],
    ['customer.created', { id: 'cus_1', object: 'customer' }, null],
  ])('%s (%#)', (type, object, expected) => {
    const mapped = mapStripeEvent(asEvent(type, object));
    expect(mapped).toEqual(expected === null ? null : { ...base, ...expected });
  });
});

describe('StripePaymentProvider API calls', () => {
  const fake = new StripeFake();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());
  const checkout = (expiresAt: Date) => ({
    paymentId: 9,
    bookingId: 7,
    amount: 45_900,
    currency: 'GBP',
    description: 'Flight booking',
    expiresAt,
    successUrl: 'https://jetway.example/pay/done',
    cancelUrl: 'https://jetway.example/pay/cancelled',
    idempotencyKey: 'checkout:7:1',
  });

  it('creates a session with the idempotency key and expires it with Stripe no sooner than it allows', async () => {
    const inTwoHours = new Date(Date.now() + 2 * 3_600_000);
    const s = await provider.createCheckout(checkout(inTwoHours));
    expect(s).toEqual({
      sessionId: expect.stringMatching(/^cs_test_/),
      url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//),
    });
    const [call] = fake.callsTo('/v1/checkout/sessions');
    expect(call!.idempotencyKey).toBe('checkout:7:1');
    expect(call!.body.expires_at).toBe(String(Math.ceil(inTwoHours.getTime() / 1000)));
    // The same key again is Stripe's replay: the same session, nothing new.
    expect(await provider.createCheckout(checkout(inTwoHours))).toEqual(s);
    expect(fake.sessions.size).toBe(1);
  });

  it('treats expiring a session that is no longer open as done, and other failures as errors', async () => {
    const s = await provider.createCheckout(checkout(new Date()));
    fake.complete(s.sessionId);
    await expect(provider.expireCheckout(s.sessionId)).resolves.toBeUndefined();
    fake.expireFailures.push({ status: 503, type: 'api_error', message: 'Try again.' });
    await expect(provider.expireCheckout(s.sessionId)).rejects.toThrow();
  });

  it('maps refunds: the status Stripe gives, a refusal as final, an outage as retryable', async () => {
    const s = await provider.createCheckout({ ...checkout(new Date()), idempotencyKey: 'checkout:7:2' });
    const pi = fake.complete(s.sessionId).payment_intent!;
    const req = {
      paymentIntentId: pi,
      amount: 10_000,
      currency: 'GBP',
      idempotencyKey: 'refund:cancel:q1',
      refundId: 3,
      bookingId: 7,
    };
    fake.refundQueue.push({ status: 'pending' });
    expect(await provider.refund(req)).toEqual({
      providerRefundId: expect.stringMatching(/^re_test_/),
      status: 'pending',
      failureReason: null,
    });
    expect(fake.callsTo('/v1/refunds')[0]).toMatchObject({
      idempotencyKey: 'refund:cancel:q1',
      body: { payment_intent: pi, amount: '10000', 'metadata[refundId]': '3', 'metadata[bookingId]': '7' },
    });
    expect((await provider.refund({ ...req, idempotencyKey: 'refund:other' })).status).toBe('succeeded');
    fake.refundQueue.push({
      reject: {
        status: 400,
        type: 'invalid_request_error',
        code: 'charge_already_refunded',
        message: 'Charge has already been refunded.',
      },
    });
    await expect(provider.refund({ ...req, idempotencyKey: 'refund:third' })).rejects.toThrow(PaymentRejectedError);
    fake.refundQueue.push({ reject: { status: 500, type: 'api_error', message: 'Something went wrong.' } });
    const outage = await provider.refund({ ...req, idempotencyKey: 'refund:fourth' }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(outage).toBeInstanceOf(Error);
    expect(outage).not.toBeInstanceOf(PaymentRejectedError);
    // More than is left on the payment (20 000 of 45 900 already back).
    await expect(provider.refund({ ...req, amount: 30_000, idempotencyKey: 'refund:fifth' })).rejects.toThrow(
      PaymentRejectedError,
    );
  });
});
