/**
 * A cancelled flight in a real browser: a traveller with a paid booking has Web Chat open on the jetway page and has
 * looked at the booking there; an admin cancels the flight over the API; the notice arrives in the open chat on its
 * own; the traveller asks for the options, picks the first flight offered, confirms, and sees the new e-ticket card.
 * Screenshots of every step go to test-artifacts/e2e/disruption/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer } from '../helpers/api-helpers';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { ARTIFACTS, launchChromium, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';
import { paidOn, schedule } from '../integration/disruption/disruption-helpers';

describe('a cancelled flight in the browser (Web Chat over Direct Line)', () => {
  let app: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshots(join(ARTIFACTS, 'disruption'));

  beforeAll(async () => {
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 6 }), launchChromium()]);
    if (appResult.status === 'fulfilled') app = appResult.value;
    if (browserResult.status === 'fulfilled') browser = browserResult.value;
    for (const r of [appResult, browserResult]) if (r.status === 'rejected') throw r.reason;
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  it('is told in the open chat, picks the next flight, confirms and sees the new ticket', async () => {
    const chat = new WebChat(page);
    const { base, t } = app;
    const flights = await schedule(t);
    const booking = await paidOn(t, flights.disrupted);

    // The traveller opens the chat and looks at the booking (by reference and last name), as after booking it.
    await step(chat, shots, 'open-booking', async () => {
      await chat.load(`${base}/`);
      await chat.botSays(/Where would you like to fly/);
      await chat.send(`show me booking ${booking.pnr} Lovelace`);
      const card = await chat.card(new RegExp(booking.pnr));
      await card.getByRole('button', { name: 'Done', exact: true }).click();
      await chat.botSays(/Anything else/);
      await shots.shot(page, 'booking-looked-at');
    });

    // An admin cancels the flight over the API; the chat is told on its own, within the worker's pass.
    await step(chat, shots, 'told', async () => {
      const admin = await t.token('admin');
      const res = await t.http
        .post(`/api/v1/admin/flights/${flights.disrupted}/cancel`)
        .set(bearer(admin))
        .send({ reason: 'crew shortage' });
      expect(res.status).toBeLessThan(300);
      await chat.botSays(new RegExp(`\\(booking ${booking.pnr}\\).*has been cancelled`), 30_000);
      await shots.shot(page, 'notice');
    });

    // The options, with the next flights as buttons; the first one is picked.
    const picked = await step(chat, shots, 'pick', async () => {
      await chat.suggested('See my options').click();
      await chat.botSays(/What would you like to do\?/);
      await shots.shot(page, 'options');
      const first = page.locator('#webchat .webchat__suggested-actions').getByRole('button').first();
      const label = (await first.innerText()).trim();
      expect(label).toMatch(/^[A-Z0-9]{2}\d{2,4}/);
      await first.click();
      await chat.botSays(/To confirm: I.ll move booking/);
      await shots.shot(page, 'confirm');
      return label.split(/[ +]/)[0]!;
    });

    // Confirmed: the booking is moved, and the new e-ticket is shown in the chat.
    await step(chat, shots, 'new-ticket', async () => {
      await chat.suggested('Yes, do it').click();
      await chat.botSays(new RegExp(`Done: booking ${booking.pnr} is now on ${picked}`));
      const ticket = await chat.card(new RegExp(picked));
      await shots.shot(page, 'new-ticket');
      await shots.element(ticket, 'new-ticket-card');
    });
    const after = await t.services.disruptions.disruptionFor({ kind: 'system', name: 'e2e' }, booking.pnr);
    expect(after?.status).toBe('rebooked');
  }, 120_000);
});
