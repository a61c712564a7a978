/**
 * An agent works a support case from the operations console in a real browser, at a phone's width: signs in,
 * sees the case appear live when a traveller in a second browser context asks for a person in Web Chat,
 * takes it over, exchanges messages with the traveller's chat, and hands the conversation back to the bot.
 * Screenshots of every step go to test-artifacts/e2e/console/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { holdBooking, requestLink } from '../helpers/payment-flow';
import { seriousViolations } from '../helpers/axe';
import { ARTIFACTS, launchChromium, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';

const AGENT = { email: 'alex.agent@example.com', password: 'support desk 2026 console', firstName: 'Alex' };
const ADMIN = { email: 'ada.admin@example.com', password: 'schedule desk 2026 console', firstName: 'Ada' };

async function signIn(page: Page, base: string, who: { email: string; password: string }): Promise<void> {
  await page.goto(`${base}/console`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Support inbox' }).waitFor();
}

describe('operations console in the browser', () => {
  let app: E2eApp;
  let browser: Browser;
  let agentContext: BrowserContext;
  let travellerContext: BrowserContext;
  let console: Page;
  let traveller: Page;
  const shots = screenshots(join(ARTIFACTS, 'console'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 3 }), launchChromium()]);
    if (appResult.status === 'fulfilled') app = appResult.value;
    if (browserResult.status === 'fulfilled') browser = browserResult.value;
    for (const r of [appResult, browserResult]) if (r.status === 'rejected') throw r.reason;
    await app.t.services.auth.createUser({ ...AGENT, lastName: 'Agent', role: 'agent' });
    await app.t.services.auth.createUser({ ...ADMIN, lastName: 'Admin', role: 'admin' });
    // The agent on a phone-sized screen (the console must work at 390 px); the traveller on a desktop.
    agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    travellerContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    agentContext.setDefaultTimeout(STEP_MS);
    travellerContext.setDefaultTimeout(STEP_MS);
    console = await agentContext.newPage();
    traveller = await travellerContext.newPage();
    console.on('pageerror', (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await agentContext?.close().catch(() => undefined);
    await travellerContext?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  it('an agent signs in, sees a case arrive live, takes it over, chats with the traveller and hands back', async () => {
    const chat = new WebChat(traveller);
    const { base } = app;

    await step(chat, shots, 'agent-signs-in', async () => {
      await console.goto(`${base}/console`);
      // Keyboard only: the form's fields are labelled and reachable in order.
      await console.getByLabel('Email').fill(AGENT.email);
      await console.keyboard.press('Tab');
      await console.keyboard.type(AGENT.password);
      await console.keyboard.press('Enter');
      await console.getByRole('heading', { name: 'Support inbox' }).waitFor();
      await console.getByText('No open cases.').waitFor();
      expect(await seriousViolations(console)).toEqual([]);
      // Nothing is wider than the phone's screen.
      expect(await console.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shots.shot(console, 'inbox-empty');
    });

    const caseLink = await step(chat, shots, 'traveller-asks-for-a-person', async () => {
      await chat.load(`${base}/`);
      await chat.send('I want to talk to an agent');
      // The bot asks what it is about and how the team can reach an anonymous visitor before opening the case.
      await chat.botSays(/what do you need help with/);
      await chat.send('My seat on my booking');
      await chat.botSays(/How can our team reach you/);
      await chat.send('ada.lovelace@example.com');
      await chat.botSays(/#\d+/);
      // The case appears in the open console without a reload (server-sent events).
      const link = console.getByRole('link', { name: /^#\d+$/ });
      await link.waitFor();
      await shots.shot(console, 'case-arrived');
      return link;
    });

    await step(chat, shots, 'agent-takes-over', async () => {
      await caseLink.click();
      await console.getByRole('heading', { name: /^Case #\d+$/ }).waitFor();
      await console.getByRole('button', { name: 'Take over' }).click();
      await chat.botSays(/now chatting with Alex Agent/);
      await console.getByLabel(/^Reply on/).waitFor();
      await shots.shot(console, 'taken-over');
      // The case view (the admin pages are checked in console-admin.test.ts): no serious or critical findings.
      expect(await seriousViolations(console)).toEqual([]);
    });

    await step(chat, shots, 'agent-replies', async () => {
      await console.getByLabel(/^Reply on/).fill('Hello, this is Alex. How can I help?');
      await console.getByRole('button', { name: 'Send to traveller' }).click();
      await chat.botSays(/Alex Agent \(.*support\): Hello, this is Alex\. How can I help\?/);
      await shots.shot(traveller, 'traveller-sees-reply');
    });

    await step(chat, shots, 'traveller-answers', async () => {
      await chat.send('Can I have a window seat please');
      // The traveller's message shows up in the open case without a reload.
      await console
        .locator('.transcript li.traveller')
        .filter({ hasText: 'Can I have a window seat please' })
        .waitFor();
      await shots.shot(console, 'agent-sees-answer');
    });

    await step(chat, shots, 'agent-hands-back', async () => {
      await console.getByRole('button', { name: 'Hand back to the bot' }).click();
      await chat.botSays(/handed you back to the .* assistant/);
      await console.getByRole('button', { name: 'Take over' }).waitFor();
      await shots.shot(console, 'handed-back');
    });

    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('the agent cancels a paid booking with the fee waived and downloads a CSV; an admin delays a flight and reads the audit log', async () => {
    const { base, t } = app;
    const chat = new WebChat(console);
    // A paid booking, made over the API and paid in the sandbox.
    const held = await holdBooking(t, { days: 2, email: 'grace.hopper@example.com' });
    const link = await requestLink(t, held);
    const paid = await t.http
      .post(new URL(link.body.url as string).pathname)
      .type('form')
      .send({ card: '4242 4242 4242 4242', action: 'pay' });
    expect(paid.status).toBe(200);

    await step(chat, shots, 'agent-finds-booking', async () => {
      await console.getByRole('link', { name: 'Bookings' }).click();
      await console.getByLabel('Search').fill('grace.hopper@');
      await console.getByLabel('Search').press('Enter');
      await console.getByRole('link', { name: held.pnr }).click();
      await console.getByRole('heading', { name: `Booking ${held.pnr}` }).waitFor();
      await shots.shot(console, 'booking-page');
    });

    await step(chat, shots, 'agent-cancels-with-waiver', async () => {
      await console.getByLabel('Waive the fee').check();
      await console.getByLabel('Reason (needed to waive)').fill('schedule change upset the trip');
      await console.getByRole('button', { name: 'Get cancellation quote' }).click();
      const cancel = console.getByRole('button', { name: /^Cancel and refund/ });
      await cancel.waitFor();
      await shots.shot(console, 'cancellation-quote');
      await cancel.click();
      await console.getByText(`Booking ${held.pnr} cancelled.`).waitFor();
      await console.getByText('cancelled', { exact: true }).first().waitFor();
      expect((await t.services.bookings.view(held.pnr, false)).status).toBe('cancelled');
    });

    await step(chat, shots, 'agent-downloads-csv', async () => {
      await console.getByRole('link', { name: 'Reports' }).click();
      const button = console.getByRole('button', { name: /Download bookings and revenue per day/ });
      await button.waitFor();
      const [download] = await Promise.all([console.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toMatch(/^revenue-.*\.csv$/);
      await shots.shot(console, 'reports');
    });

    const admin = await agentContext.browser()!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    try {
      const page = await admin.newPage();
      page.setDefaultTimeout(STEP_MS);
      const flight = (await t.services.repos.flights.findById(held.flightId))!;
      await step(chat, shots, 'admin-delays-flight', async () => {
        await signIn(page, base, ADMIN);
        await page.getByRole('link', { name: 'Schedule' }).click();
        await page.getByLabel('From (IATA)').fill(flight.origin);
        await page.getByLabel('To (IATA)').fill(flight.destination);
        await page.getByLabel('Date').fill(flight.departureDate);
        await page.getByRole('button', { name: 'Show flights' }).click();
        const time = page.getByLabel(`New departure time of ${flight.airlineCode}${flight.flightNumber}`);
        const current = await time.inputValue();
        const hour = Number(current.slice(0, 2));
        await time.fill(`${String(Math.min(23, hour + 1)).padStart(2, '0')}:${hour === 23 ? '59' : current.slice(3)}`);
        await page.getByLabel(`Reason for ${flight.airlineCode}${flight.flightNumber}`).fill('late inbound aircraft');
        await shots.shot(page, 'schedule');
        await page.getByRole('button', { name: 'Apply' }).first().click();
        await page.getByText(`${flight.airlineCode}${flight.flightNumber} delayed.`).waitFor();
      });
      await step(chat, shots, 'admin-reads-disruption-report', async () => {
        // The delay went through the disruption service; its report lists the bookings told (here none is left: the
        // agent cancelled the only one).
        await t.services.disruptions.notifyDue();
        await page.getByRole('link', { name: 'Disruptions' }).click();
        await page.getByRole('link', { name: `${flight.airlineCode}${flight.flightNumber}` }).click();
        await page
          .getByRole('heading', { name: `Delayed: ${flight.airlineCode}${flight.flightNumber}`, exact: false })
          .waitFor();
        await page.getByText(/0 of 0 bookings told/).waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await shots.shot(page, 'disruption-report');
      });
      await step(chat, shots, 'admin-reads-audit-log', async () => {
        await page.getByRole('link', { name: 'Audit log' }).click();
        await page.getByRole('cell', { name: 'flight.delayed' }).waitFor();
        await page.getByRole('cell', { name: 'booking.cancelled', exact: true }).waitFor();
        await shots.shot(page, 'audit-log');
      });
    } finally {
      await admin.close();
    }
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
