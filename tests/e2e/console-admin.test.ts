/**
 * An admin runs the console's admin pages in a real browser, and axe-core checks every view on the way (no serious
 * or critical violations): writes, previews and publishes a help article (the chat's help then answers with it),
 * adds a flight, changes a traveller's seat, invites an agent who must choose a password at first sign-in, and
 * reads the reports and the audit log. Screenshots go to test-artifacts/e2e/console-admin/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { seriousViolations } from '../helpers/axe';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { holdBooking } from '../helpers/payment-flow';
import { ARTIFACTS, launchChromium, screenshots, STEP_MS } from '../helpers/e2e-browser';

const ADMIN = { email: 'ada.admin@example.com', password: 'schedule desk 2026 console', firstName: 'Ada' };

describe('operations console: admin pages, accessible', () => {
  let app: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshots(join(ARTIFACTS, 'console-admin'));
  const pageErrors: string[] = [];
  const checked: Record<string, unknown[]> = {};

  /** Every view is checked where it stands; the findings are compared at the end (all views at once). */
  async function view(name: string, p: Page = page): Promise<void> {
    checked[name] = await seriousViolations(p);
    await shots.shot(p, name);
  }

  beforeAll(async () => {
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 3 }), launchChromium()]);
    if (appResult.status === 'fulfilled') app = appResult.value;
    if (browserResult.status === 'fulfilled') browser = browserResult.value;
    for (const r of [appResult, browserResult]) if (r.status === 'rejected') throw r.reason;
    await app.t.services.auth.createUser({ ...ADMIN, lastName: 'Admin', role: 'admin' });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  it('help articles, schedule, seats, first sign-in, reports and audit: each view passes axe', async () => {
    const { base, t } = app;
    await page.goto(`${base}/console`);
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await view('sign-in');
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Support inbox' }).waitFor();
    await view('inbox');

    // Help: a new article, previewed with its placeholders filled, then published for the chat.
    await page.getByRole('link', { name: 'Help articles' }).click();
    await page.getByRole('heading', { name: 'Help articles' }).waitFor();
    await view('help-list');
    await page.getByLabel(/^New article/).fill('theremin');
    await page.getByRole('button', { name: 'Write it' }).click();
    await page.getByRole('heading', { name: 'Help: theremin' }).waitFor();
    await page.getByLabel(/^Topic/).fill('baggage');
    await page.getByLabel('Question').fill('Can I bring my theremin?');
    await page.getByLabel(/^Answer/).fill('A theremin travels as a fragile item. Call {supportPhone} to add one.');
    await page.getByLabel(/^Keywords/).fill('theremin');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Preview: Can I bring my theremin?' }).waitFor();
    expect(await page.locator('.preview').innerText()).not.toContain('{supportPhone}');
    await view('help-preview');
    expect(await t.services.faq.ask('my theremin', null, 'webchat')).not.toContainEqual(
      expect.objectContaining({ slug: 'theremin' }),
    );
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Travellers read version 1.').waitFor();
    expect((await t.services.faq.ask('my theremin', null, 'webchat'))[0]?.slug).toBe('theremin');

    // Schedule: add a flight.
    const date = new Date(t.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByText('Add a flight').click();
    await page.getByLabel('Airline').fill('BA');
    await page.getByLabel('Number').fill('9876');
    await page.getByLabel('Origin airport').fill('LHR');
    await page.getByLabel('Destination airport').fill('CDG');
    await page.getByLabel('Departure day').fill(date);
    await page.getByLabel('Departure hour (local)').fill('10:15');
    await page.getByLabel('Aircraft').fill('320');
    await page.getByRole('button', { name: 'Add flight' }).click();
    await page.getByRole('cell', { name: 'BA9876' }).waitFor();
    await view('schedule');

    // Bookings: change a traveller's seat from the booking page.
    const held = await holdBooking(t, { days: 2, email: 'seat.mover@example.com' });
    const map = await t.services.seatMaps.seatMap(held.flightId, { fareFamily: 'standard', cabin: 'economy' });
    const seat = map.cabins[0]!.rows.flatMap((r) => r.seats).filter((s) => s.available && s.tier === 'standard')[5]!;
    await page.goto(`${base}/console#/bookings/${held.pnr}`);
    await page.getByRole('heading', { name: `Booking ${held.pnr}` }).waitFor();
    await page.getByLabel(/^New seat for Ada Lovelace/).fill(seat.designator);
    await page.getByRole('button', { name: 'Change seats' }).click();
    await page.getByText(/^Seats changed\./).waitFor();
    await page.getByRole('cell', { name: seat.designator }).waitFor();
    await view('booking');

    await page.getByRole('link', { name: 'Bookings' }).click();
    await page.getByLabel('Search').fill('seat.mover@');
    await page.getByLabel('Search').press('Enter');
    await page.getByRole('link', { name: held.pnr }).waitFor();
    await view('bookings-search');

    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Conversation funnel by channel' }).waitFor();
    await page.getByRole('columnheader', { name: 'Searches' }).waitFor();
    await view('reports');

    // Users: an invited agent signs in with the one-time password and must choose a new one first.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('Email').fill('nora.agent@example.com');
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Agent');
    await page.getByRole('button', { name: 'Invite' }).click();
    const oneTime = await page.locator('code').innerText();
    await view('users');
    const agentContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB' });
    try {
      agentContext.setDefaultTimeout(STEP_MS);
      const agent = await agentContext.newPage();
      agent.on('pageerror', (err) => pageErrors.push(err.message));
      await agent.goto(`${base}/console`);
      await agent.getByLabel('Email').fill('nora.agent@example.com');
      await agent.getByLabel('Password').fill(oneTime);
      await agent.getByRole('button', { name: 'Sign in' }).click();
      await agent.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await view('first-password', agent);
      await agent.getByLabel('One-time password').fill(oneTime);
      await agent.getByLabel('New password', { exact: true }).fill('nora chooses a long passphrase');
      await agent.getByLabel('New password again').fill('nora chooses a long passphrase');
      await agent.getByRole('button', { name: 'Set my password' }).click();
      await agent.getByRole('heading', { name: 'Support inbox' }).waitFor();
      expect(await agent.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    } finally {
      await agentContext.close();
    }

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'help.published' }).waitFor();
    await page.getByRole('cell', { name: 'user.password_changed' }).waitFor();
    await view('audit');

    expect(checked).toEqual(Object.fromEntries(Object.keys(checked).map((k) => [k, []])));
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
