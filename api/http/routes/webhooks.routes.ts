import express, { Router } from 'express';
import type { ApiServices } from '../../container';
import { StripePaymentProvider } from '../../vendors/payments/stripe.provider';
import { WebhookPayloadError, WebhookSignatureError } from '../../vendors/payments/payment-provider';
import { errorBody } from '../middleware/error-handler';

/**
 * Stripe's webhook. Mounted before the JSON parser: the signature covers the raw bytes. Answers 400
 * for a missing, forged or stale signature (invalid_signature) or a signed body that is not an event
 * we can read (invalid_payload), 2xx once the event is applied (or was already applied).
 */
export function webhookRoutes(s: ApiServices): Router {
  const r = Router();
  r.post('/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req, res) => {
    const provider = s.paymentProvider;
    if (!(provider instanceof StripePaymentProvider)) {
      res
        .status(404)
        .json(errorBody('stripe_not_configured', 'Stripe is not configured on this server (STRIPE_SECRET_KEY).'));
      return;
    }
    let event;
    try {
      event = provider.parseWebhook(
        Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        req.header('stripe-signature'),
      );
    } catch (err) {
      if (err instanceof WebhookSignatureError) {
        res.status(400).json(errorBody('invalid_signature', 'The webhook signature is missing, forged or too old.'));
        return;
      }
      if (err instanceof WebhookPayloadError) {
        res
          .status(400)
          .json(errorBody('invalid_payload', `The webhook body is not an event we can read: ${err.message}`));
        return;
      }
      throw err;
    }
    if (!event) {
      res.json({ received: true, handled: false });
      return;
    }
    const outcome = await s.payments.handleEvent(event);
    res.json({ received: true, outcome });
  });
  return r;
}
