/**
 * Accounts on the chat page in a real browser (issue 11, item 12): no token in localStorage (the access
 * token in memory, the refresh token in an HttpOnly SameSite cookie), a reload that stays signed in through
 * the cookie, sign-out, "forgot password" and passwordless sign-in by links read from the mail outbox.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { launchChromium, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';

const TRAVELLER = { firstName: 'Grace', lastName: 'Hopper', email: 'grace.hopper@example.com' };
const PASSWORD = 'compiler cobol 1959';
const NEW_PASSWORD = 'nanosecond wire 1985';

/** Everything in the page's web storage, as text, and the cookies its script can read. */
function storageOf(page: Page): Promise<{ local: string; session: string; cookie: string }> {
  return page.evaluate(() => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)])));
    return { local: dump(window.localStorage), session: dump(window.sessionStorage), cookie: document.cookie };
  });
}

describe('accounts on the chat page', () => {
  let app: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshots(`${__dirname}/../../test-artifacts/e2e/web-sessions`);
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 2 }), launchChromium()]);
    if (appResult.status === 'fulfilled') app = appResult.value;
    if (browserResult.status === 'fulfilled') browser = browserResult.value;
    for (const r of [appResult, browserResult]) if (r.status === 'rejected') throw r.reason;
    context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: 'en-GB' });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  /** The newest account link mailed to `to` (the outbox is what the file or SMTP mailer sends). */
  const mailedLink = async (to: string, purpose: 'reset' | 'signin'): Promise<string> => {
    const mails = (await app.t.services.repos.outbox.mailByKind(`account_${purpose}`)).filter(
      (m) => m.toAddress === to,
    );
    expect(mails.length).toBeGreaterThan(0);
    return /https?:\/\/\S+#(?:reset|signin)=\S+/.exec(mails[mails.length - 1]!.bodyText)![0];
  };
  const signedInAs = () => page.getByText(`Signed in as ${TRAVELLER.firstName}`);
  const expectNoTokenStored = async () => {
    const stored = await storageOf(page);
    // No access token (a JWT), refresh token (rt_…) or link token (al_…) anywhere the page's script keeps or reads.
    expect(stored.local).toBe('{}');
    for (const text of [stored.local, stored.session, stored.cookie]) {
      expect(text).not.toMatch(/rt_[A-Za-z0-9_-]{20}|al_[A-Za-z0-9_-]{20}/);
      expect(text).not.toMatch(/accessToken|refreshToken/);
    }
    return stored;
  };

  it('keeps no token in localStorage; a reload stays signed in through the HttpOnly cookie', async () => {
    const chat = new WebChat(page);
    await step(chat, shots, 'register', async () => {
      await chat.load(`${app.base}/`);
      await page.getByRole('button', { name: 'Create account' }).click();
      const form = page.locator('#register-form');
      await form.getByLabel('First name').fill(TRAVELLER.firstName);
      await form.getByLabel('Last name').fill(TRAVELLER.lastName);
      await form.getByLabel('Email').fill(TRAVELLER.email);
      await form.getByLabel(/Password/).fill(PASSWORD);
      await form.getByRole('button', { name: 'Create account' }).click();
      await signedInAs().waitFor();
      await chat.ready();
    });
    await step(chat, shots, 'storage', async () => {
      await expectNoTokenStored();
      const cookies = await context.cookies();
      const refresh = cookies.find((c) => c.name === 'jetway_rt');
      expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
      expect(refresh!.value).toMatch(/^rt_/);
      expect((await storageOf(page)).cookie).not.toContain('jetway_rt');
    });
    await step(chat, shots, 'reload', async () => {
      await chat.load();
      await signedInAs().waitFor();
      await expectNoTokenStored();
      await shots.shot(page, 'reloaded-signed-in');
    });
    await step(chat, shots, 'sign-out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await chat.ready();
      expect((await context.cookies()).find((c) => c.name === 'jetway_rt')).toBeUndefined();
      await chat.load();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect(await signedInAs().count()).toBe(0);
    });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('"Forgot password?" mails a link that sets a new password and signs in', async () => {
    const chat = new WebChat(page);
    await step(chat, shots, 'forgot', async () => {
      await chat.load(`${app.base}/`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Forgot password?' }).click();
      const form = page.locator('#forgot-form');
      await form.getByLabel('Email').fill(TRAVELLER.email);
      await form.getByRole('button', { name: 'Email me a link' }).click();
      await form.getByText(/a link is on its way/).waitFor();
      await shots.shot(page, 'forgot-sent');
    });
    await step(chat, shots, 'reset', async () => {
      const link = await mailedLink(TRAVELLER.email, 'reset');
      await chat.load(link);
      const form = page.locator('#reset-form');
      await form.getByLabel(/New password/).fill(NEW_PASSWORD);
      await form.getByRole('button', { name: 'Set password and sign in' }).click();
      await signedInAs().waitFor();
      // The token left the address bar (and so the history) as soon as the page read it.
      expect(page.url()).toBe(`${app.base}/`);
      await expectNoTokenStored();
    });
    const login = await app.t.http.post('/api/v1/auth/login').send({ email: TRAVELLER.email, password: NEW_PASSWORD });
    expect(login.status).toBe(200);
  }, 120_000);

  it('"Email me a sign-in link" signs in without a password', async () => {
    const chat = new WebChat(page);
    await step(chat, shots, 'ask-link', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Email me a sign-in link' }).first().click();
      const form = page.locator('#link-form');
      await form.getByLabel('Email').fill(TRAVELLER.email);
      await form.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await form.getByText(/a link is on its way/).waitFor();
    });
    await step(chat, shots, 'open-link', async () => {
      const link = await mailedLink(TRAVELLER.email, 'signin');
      await chat.load(link);
      await signedInAs().waitFor();
      expect(page.url()).toBe(`${app.base}/`);
      await expectNoTokenStored();
      await shots.shot(page, 'signed-in-by-link');
    });
  }, 120_000);
});
