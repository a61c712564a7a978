/**
 * An agent works a support case from the operations console in a real browser, at a phone's width: signs in,
 * sees the case appear live when a traveller in a second browser context asks for a person in Web Chat,
 * takes it over, exchanges messages with the traveller's chat, and hands the conversation back to the bot.
 * Screenshots of every step go to test-artifacts/e2e/console/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { ARTIFACTS, launchChromium, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';

const AGENT = { email: 'alex.agent@example.com', password: 'support desk 2026 console', firstName: 'Alex' };

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
      // Nothing is wider than the phone's screen.
      expect(await console.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shots.shot(console, 'inbox-empty');
    });

    const caseLink = await step(chat, shots, 'traveller-asks-for-a-person', async () => {
      await chat.load(`${base}/`);
      await chat.send('I want to talk to an agent');
      await chat.botSays(/support case #\d+/);
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
    });

    await step(chat, shots, 'agent-replies', async () => {
      await console.getByLabel(/^Reply on/).fill('Hello, this is Alex. How can I help?');
      await console.getByRole('button', { name: 'Send to traveller' }).click();
      await chat.botSays(/Alex Agent \(.*support\): Hello, this is Alex\. How can I help\?/);
      await shots.shot(traveller, 'traveller-sees-reply');
    });

    await step(chat, shots, 'traveller-answers', async () => {
      await chat.send('I need to change my seat please');
      // The traveller's message shows up in the open case without a reload.
      await console
        .locator('.transcript li.traveller')
        .filter({ hasText: 'I need to change my seat please' })
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
});
