import { Router, type Response } from 'express';
import { z } from 'zod';
import type { ApiServices } from '../../container';
import { formatMoney } from '../../domain/money';
import { SandboxPaymentProvider } from '../../vendors/payments/sandbox.provider';
import { esc, page, PAGE_CSP } from '../pages/html';

const form = z.object({
  action: z.enum(['pay', 'abandon']).default('pay'),
  card: z.string().max(40).default(''),
  expiry: z.string().max(10).optional(),
  cvc: z.string().max(8).optional(),
  name: z.string().max(100).optional(),
});

/**
 * The sandbox payment page, used when no Stripe key is configured. Clearly marked as a sandbox; test
 * card 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined. A plain HTML form (no script), so it
 * also works when posted by an HTTP client. Outcomes go through the same code path as Stripe webhooks.
 * The card number is never stored or logged: it only selects the outcome.
 */
/** A time zone the page was given (`?tz=Europe/London`, as the chat knows it); the service checks it is real. */
function zoneOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}

/** "14:35 on 1 Dec, Europe/London time (UTC+00:00)" from a local ISO time with offset. */
export function holdEndText(holdEnds: { local: string; zone: string }): string {
  const m = /^\d{4}-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*?([+-]\d{2}:\d{2}|Z)$/.exec(holdEnds.local);
  if (!m) return holdEnds.local;
  const month = new Date(Date.UTC(2000, Number(m[1]) - 1, 1)).toLocaleString('en-GB', {
    month: 'short',
    timeZone: 'UTC',
  });
  const offset = m[5] === 'Z' ? '+00:00' : m[5];
  return `${m[3]}:${m[4]} on ${Number(m[2])} ${month}, ${holdEnds.zone} time (UTC${offset})`;
}

export function sandboxPayRoutes(s: ApiServices): Router {
  const r = Router();
  const brand = s.config.BRAND_NAME;
  const send = (res: Response, status: number, title: string, body: string) =>
    res
      .status(status)
      .setHeader('Content-Security-Policy', PAGE_CSP)
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(page(title, body, brand));

  const render = async (
    res: Response,
    sessionId: string,
    message?: { kind: 'error' | 'ok'; text: string },
    status = 200,
    timeZone?: string,
  ) => {
    const found = await s.payments.sandboxSession(sessionId, timeZone);
    if (!found)
      return send(
        res,
        404,
        'Payment not found',
        `<h1>Payment not found</h1><p class="muted">This payment link is not valid.</p>`,
      );
    const { payment: p, booking: b, stale, holdEnds, bagOrder } = found;
    // The difference of a change of dates or flights is paid like a seat change's (a seat change of kind "flights").
    const flights = found.seatChange?.row.kind === 'flights';
    // Checked bags are paid on a paid booking too, with links of their own: the pages treat both alike.
    const seatChange = found.seatChange ?? bagOrder;
    const UPDATED = 'Your updated e-ticket is on its way.';
    const change = flights ? 'flight change' : 'seat change';
    const amount = formatMoney({ amount: p.amount, currency: p.currency });
    const head =
      `<div class="banner">SANDBOX — test payments only, no real money moves.</div><h1>` +
      `${bagOrder ? 'Pay for checked bags on' : seatChange ? `Pay the ${change} on` : 'Pay for'} booking ` +
      `${esc(b.pnr)}</h1><div class="amount">${esc(amount)}</div>`;
    const note = message ? `<div class="${message.kind}">${esc(message.text)}</div>` : '';
    if (seatChange && p.status === 'succeeded')
      return send(
        res,
        status,
        'Paid',
        `${head}${note || `<div class="ok">${bagOrder ? 'The bags are' : `The ${change} is`} paid. ${UPDATED}</div>`}`,
      );
    if (seatChange && (!seatChange.payable || p.status !== 'open'))
      return send(
        res,
        status === 200 ? 410 : status,
        'Link closed',
        bagOrder
          ? `${head}${note}<div class="error">These bags can no longer be paid: the link ended, or a newer ` +
              `request replaced it. No bags were added. Ask in the chat to add bags again.</div>`
          : flights
            ? `${head}${note}<div class="error">This flight change can no longer be paid: its hold ended, or a ` +
              `newer change replaced it. Your booking is as it was. Ask in the chat to change flights again.</div>`
            : `${head}${note}<div class="error">This seat change can no longer be paid: its hold ended, or a newer ` +
              `change replaced it. Your seats are as they were. Ask in the chat to change seats again.</div>`,
      );
    if (!seatChange && (p.status === 'succeeded' || b.status === 'confirmed'))
      return send(
        res,
        status,
        'Paid',
        `${head}` +
          `${note || '<div class="ok">This booking is paid. Your confirmation and e-ticket ' + 'are on their way; you can close this page.</div>'}`,
      );
    if (stale)
      return send(
        res,
        status === 200 ? 410 : status,
        'Link closed',
        `${head}${note}<div class="error">The price of this booking changed after this link was made, so this ` +
          `link is closed and cannot be paid. Ask in the chat for a new payment link.</div>`,
      );
    const ended =
      !seatChange &&
      (p.status === 'expired' ||
        p.status === 'failed' ||
        b.status !== 'held' ||
        (b.holdExpiresAt !== null && b.holdExpiresAt <= s.clock.now()));
    if (ended)
      return send(
        res,
        status === 200 ? 410 : status,
        'Link expired',
        `${head}` +
          `${note}<div class="error">This payment link has ended (the hold on the seats is over). Ask in the chat for a new search.</div>`,
      );
    const until = holdEnds ? holdEndText(holdEnds) : '';
    const action = `/pay/sandbox/${encodeURIComponent(sessionId)}${timeZone ? `?tz=${encodeURIComponent(timeZone)}` : ''}`;
    send(
      res,
      status,
      `Pay ${b.pnr}`,
      `${head}<p class="muted">${bagOrder ? 'This link is open' : 'Seats are held'} until ${esc(until)}.</p>${note}
<form method="post" action="${esc(action)}" autocomplete="off">
 <label for="card">Card number</label><input id="card" name="card" inputmode="numeric" placeholder="4242 4242 4242 4242" required>
 <div class="row"><div><label for="expiry">Expiry</label><input id="expiry" name="expiry" placeholder="12/34"></div><div><label for="cvc">CVC</label><input id="cvc" name="cvc" placeholder="123"></div></div>
 <button type="submit" name="action" value="pay">Pay ${esc(amount)}</button>
 <button type="submit" name="action" value="abandon" class="secondary" formnovalidate>Cancel</button>
</form>
<p class="muted">Test cards: <code>4242 4242 4242 4242</code> pays · <code>4000 0000 0000 0002</code> is declined.</p>`,
    );
  };

  r.get('/pay/sandbox/:sessionId', async (req, res) => {
    await render(res, req.params.sessionId, undefined, 200, zoneOf(req.query.tz));
  });

  r.post('/pay/sandbox/:sessionId', async (req, res) => {
    const sessionId = req.params.sessionId;
    const tz = zoneOf(req.query.tz);
    const body = form.safeParse(req.body ?? {});
    const found = await s.payments.sandboxSession(sessionId, tz);
    const provider = s.paymentProvider;
    if (!found || !(provider instanceof SandboxPaymentProvider)) return render(res, sessionId, undefined, 200, tz);
    if (!body.success) return render(res, sessionId, { kind: 'error', text: 'Please enter a card number.' }, 400, tz);
    const { payment: p, booking: b, stale, bagOrder } = found;
    const seatChange = found.seatChange ?? bagOrder;
    if (body.data.action === 'abandon')
      return send(
        res,
        200,
        'Payment cancelled',
        `<div class="banner">SANDBOX</div><h1>Payment cancelled</h1><p>Nothing ` +
          `was charged. Your seats stay held until the hold ends; ask in the ` +
          `chat for the link again.</p>`,
      );
    const closed = seatChange
      ? !seatChange.payable || p.status !== 'open'
      : stale ||
        p.status !== 'open' ||
        b.status !== 'held' ||
        (b.holdExpiresAt !== null && b.holdExpiresAt <= s.clock.now());
    if (closed) return render(res, sessionId, undefined, 409, tz);
    const outcome = SandboxPaymentProvider.outcome(body.data.card);
    if (outcome === 'unknown')
      return render(
        res,
        sessionId,
        {
          kind: 'error',
          text: 'This is a sandbox: use test card 4242 4242 4242 4242 (pays) or 4000 0000 0000 0002 (declined).',
        },
        422,
        tz,
      );
    if (outcome === 'decline') {
      await s.payments.handleEvent(provider.declinedEvent(sessionId, p.id));
      return render(
        res,
        sessionId,
        { kind: 'error', text: 'Your card was declined. Try another card; your seats stay held until the hold ends.' },
        402,
        tz,
      );
    }
    await s.payments.handleEvent(provider.paidEvent(sessionId, p.amount, p.currency));
    // The booking may have changed between the check above and the payment: then the money is on its way back.
    const after = await s.payments.sandboxSession(sessionId, tz);
    if (after?.payment.status !== 'succeeded')
      return send(
        res,
        409,
        'Payment returned',
        `<div class="banner">SANDBOX</div><h1>Payment returned</h1><p>This booking changed while you were paying, ` +
          `so the payment is being refunded in full. Ask in the chat for a new payment link.</p>`,
      );
    return render(
      res,
      sessionId,
      {
        kind: 'ok',
        text: bagOrder
          ? 'Payment received. Your bags are added; the updated e-ticket and receipt are on their way.'
          : found.seatChange?.row.kind === 'flights'
            ? 'Payment received. Your flights are changed and your tickets reissued; the new e-ticket is on its way.'
            : seatChange
              ? 'Payment received. Your new seats are booked; the updated e-ticket and receipt are on their way.'
              : 'Payment received. Your booking is confirmed; the confirmation and e-ticket are on their way.',
      },
      200,
      tz,
    );
  });

  r.get('/pay/done', (_req, res) =>
    send(
      res,
      200,
      'Thank you',
      `<h1>Thank you</h1><p>Your payment is being confirmed. You will get a ` +
        `message in the chat and an email with your e-ticket.</p>`,
    ),
  );
  r.get('/pay/cancelled', (_req, res) =>
    send(
      res,
      200,
      'Payment not completed',
      `<h1>Payment not completed</h1><p>Nothing was charged. Your seats stay ` +
        `held until the hold ends; ask in the chat for the payment link ` +
        `again.</p>`,
    ),
  );
  return r;
}
