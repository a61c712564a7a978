import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

/**
 * Browser side of the end-to-end tests: Debian's Chromium (never a downloaded one) driven by
 * playwright-core, and a small vocabulary for Bot Framework Web Chat 4.18 as the page renders it.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = resolve(__dirname, '..', '..', 'test-artifacts', 'e2e');

/** How long one bot turn (or one page step) may take before the test fails. */
export const STEP_MS = 15_000;
/**
 * How long loading the page may take: the Web Chat bundle is ~5 MB of script, and a reload replays the whole
 * transcript.
 */
export const LOAD_MS = 30_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
}

/** Saves numbered screenshots into test-artifacts/e2e/ (created here, old ones removed; git-ignored). */
export function screenshots(dir = ARTIFACTS): {
  shot(page: Page, name: string): Promise<string>;
  element(target: Locator, name: string): Promise<string>;
  files: string[];
} {
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(dir)) if (old.endsWith('.png')) rmSync(join(dir, old));
  let n = 0;
  const files: string[] = [];
  const path = (name: string) => {
    const file = join(dir, `${String(++n).padStart(2, '0')}-${name}.png`);
    files.push(file);
    return file;
  };
  return {
    files,
    async shot(page, name) {
      const file = path(name);
      await page.screenshot({ path: file });
      return file;
    },
    /** Just the element; the viewport grows for the shot when the element is taller than it. */
    async element(target, name) {
      const file = path(name);
      const page = target.page();
      const size = page.viewportSize();
      const box = await target.boundingBox();
      const tall = !!size && !!box && box.height > size.height - 120;
      if (tall) await page.setViewportSize({ width: size!.width, height: Math.ceil(box!.height + 400) });
      try {
        await target.scrollIntoViewIfNeeded();
        await target.screenshot({ path: file });
      } finally {
        if (tall) await page.setViewportSize(size!);
      }
      return file;
    },
  };
}

/** Web Chat on the jetway page: the send box, the transcript, the bot's Adaptive Cards. */
export class WebChat {
  constructor(readonly page: Page) {}

  /** Web Chat's send box input (4.18 marks it with data-id; its accessible name is "Message input box"). */
  get input(): Locator {
    return this.page.locator('[data-id="webchat-sendbox-input"]');
  }

  get transcript(): Locator {
    return this.page.locator('#webchat .webchat__basic-transcript');
  }

  /** Every Adaptive Card in the transcript, oldest first. */
  get cards(): Locator {
    return this.page.locator('#webchat .ac-adaptiveCard');
  }

  /** Suggested actions (imBack buttons over the send box). */
  suggested(name: string | RegExp): Locator {
    return this.page.locator('#webchat .webchat__suggested-actions').getByRole('button', { name });
  }

  /** Opens (or reloads) the page and waits until Web Chat is connected. */
  async load(url?: string): Promise<void> {
    if (url) await this.page.goto(url, { waitUntil: 'domcontentloaded', timeout: LOAD_MS });
    else await this.page.reload({ waitUntil: 'domcontentloaded', timeout: LOAD_MS });
    await this.ready(LOAD_MS);
  }

  async ready(timeout = STEP_MS): Promise<void> {
    await this.input.waitFor({ state: 'visible', timeout });
    await this.page
      .locator('#webchat')
      .getByText('Connectivity Status: Connected')
      .waitFor({ state: 'attached', timeout });
  }

  /** Types into the send box and sends with Enter, as a traveller would. */
  async send(text: string): Promise<void> {
    await this.input.click();
    await this.input.fill(text);
    await this.input.press('Enter');
    await this.userBubble(text).waitFor({ timeout: STEP_MS });
  }

  /** One of the traveller's own bubbles. */
  userBubble(text: string): Locator {
    return this.page.locator('#webchat .webchat__bubble--from-user').filter({ hasText: text }).last();
  }

  /** The newest bot bubble text matching `text` (waits for it). */
  async botSays(text: string | RegExp, timeout = STEP_MS): Promise<Locator> {
    const bubble = this.page
      .locator('#webchat .webchat__bubble:not(.webchat__bubble--from-user)')
      .filter({ hasText: text })
      .last();
    await bubble.waitFor({ timeout });
    await bubble.scrollIntoViewIfNeeded();
    return bubble;
  }

  /** The newest Adaptive Card whose text matches `text`, once it is on screen. */
  async card(text: string | RegExp, timeout = STEP_MS): Promise<Locator> {
    const card = this.cards.filter({ hasText: text }).last();
    await card.waitFor({ timeout });
    await card.scrollIntoViewIfNeeded();
    return card;
  }

  /** The text of the last `n` transcript entries, for failure messages. */
  async tail(n = 4): Promise<string> {
    const texts = await this.page.locator('#webchat .webchat__basic-transcript__activity').allInnerTexts();
    return texts.slice(-n).join('\n---\n');
  }
}

/**
 * Runs one step of a browser test; when it fails, saves a screenshot and adds the end of the transcript
 * to the error, so a broken step can be seen rather than guessed.
 */
export async function step<T>(
  chat: WebChat,
  shots: ReturnType<typeof screenshots>,
  name: string,
  fn: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  try {
    const result = await fn();
    if (process.env.E2E_TIMINGS) console.log(`${name}: ${Date.now() - started} ms`);
    return result;
  } catch (err) {
    const file = await shots.shot(chat.page, `FAILED-${name}`).catch(() => 'no screenshot');
    const tail = await chat.tail().catch(() => '(transcript unavailable)');
    if (err instanceof Error) {
      const original = err.message;
      err.message = `step "${name}" failed (${file}): ${original}\n\nLast messages in the chat:\n${tail}`;
      if (err.stack) err.stack = err.stack.replace(original, err.message);
    }
    throw err;
  }
}
