/**
 * A traveller books a flight in a real browser: the jetway page, Bot Framework Web Chat 4.18 over the
 * server's own Direct Line (WebSocket stream), the bot's Adaptive Cards clicked and filled like a person
 * would, the sandbox payment page in a second tab, the proactive confirmation arriving in the open chat,
 * the e-ticket PDF, and a reload that resumes the same conversation. Screenshots of every step go to
 * test-artifacts/e2e/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { launchChromium, LOAD_MS, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';

const TRAVELLER = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@example.com',
  password: 'analytical engine 1843',
};
const PNR = /\b[2-9A-HJKMNP-Z]{6}\b/;

/** "14 Dec": how a traveller writes the date 10 days ahead. */
function tenDaysAhead(): string {
  return new Date(Date.now() + 10 * 86_400_000).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

function storedChat(page: Page): Promise<{ conversationId: string; owner: string | null } | null> {
  return page.evaluate(
    () =>
      JSON.parse(window.sessionStorage.getItem('jetway.chat') ?? 'null') as {
        conversationId: string;
        owner: string | null;
      } | null,
  );
}

describe('booking in the browser (Web Chat over Direct Line)', () => {
  let app: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshots();
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const started = Date.now();
    // 14 days of demo inventory: the search is 10 days ahead, and "± 3 days" stays inside it.
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 14 }), launchChromium()]);
    if (appResult.status === 'fulfilled') app = appResult.value;
    if (browserResult.status === 'fulfilled') browser = browserResult.value;
    for (const r of [appResult, browserResult]) if (r.status === 'rejected') throw r.reason;
    if (process.env.E2E_TIMINGS) console.log(`app and browser: ${Date.now() - started} ms`);
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Europe/London',
    });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  it(
    'registers, books by clicking the cards, pays in the sandbox, gets the ' +
      'confirmation and the e-ticket, and resumes after a reload',
    async () => {
      const chat = new WebChat(page);
      const { base, t } = app;
      const request = `London to New York ${tenDaysAhead()} one way`;

      // The page, with an anonymous chat already running.
      await step(chat, shots, 'open-page', async () => {
        await chat.load(`${base}/`);
        await chat.botSays(/Where would you like to fly/);
        await shots.shot(page, 'anonymous-chat');
      });

      // Create an account on the page itself: the chat restarts with a Direct Line token bound to the user.
      const { userId, conversationId } = await step(chat, shots, 'register', async () => {
        await page.getByRole('button', { name: 'Create account' }).click();
        const form = page.locator('#register-form');
        await form.getByLabel('First name').fill(TRAVELLER.firstName);
        await form.getByLabel('Last name').fill(TRAVELLER.lastName);
        await form.getByLabel('Email').fill(TRAVELLER.email);
        await form.getByLabel(/Password/).fill(TRAVELLER.password);
        await shots.shot(page, 'register-form');
        await form.getByRole('button', { name: 'Create account' }).click();
        await page.getByText(`Signed in as ${TRAVELLER.firstName}`).waitFor();
        await chat.ready();
        await chat.botSays(/Where would you like to fly/);
        // The anonymous conversation's transcript must not carry over into the traveller's own.
        expect(
          await page.locator('#webchat .webchat__bubble').filter({ hasText: 'Where would you like to fly' }).count(),
        ).toBe(1);
        const user = await t.services.repos.users.findByEmail(TRAVELLER.email);
        expect(user).toBeTruthy();
        const stored = await storedChat(page);
        expect(stored?.owner).toBe(`u:${user!.id}`);
        await shots.shot(page, 'signed-in');
        return { userId: user!.id, conversationId: stored!.conversationId };
      });

      // 1. A free-text request in the send box.
      const flights = await step(chat, shots, 'search', async () => {
        await chat.send(request);
        const card = await chat.card(/Outbound: London → New York/);
        await shots.shot(page, 'flight-list');
        await shots.element(card, 'flight-list-card');
        return card;
      });

      // 2. Pick the second flight on the flight list card.
      const flightNumber = await step(chat, shots, 'pick-flight', async () => {
        const numbers = (await flights.innerText()).match(/\b[A-Z0-9]{2}\d{3,4}\b/g) ?? [];
        const selects = flights.getByRole('button', { name: 'Select', exact: true });
        expect(await selects.count()).toBeGreaterThanOrEqual(2);
        expect(numbers.length).toBeGreaterThanOrEqual(2);
        await selects.nth(1).click();
        return numbers[1]!;
      });

      // 3. Pick a fare on the fare card.
      await step(chat, shots, 'pick-fare', async () => {
        const fares = await chat.card(/Choose a fare/);
        expect(await fares.innerText()).toContain(flightNumber);
        await shots.shot(page, 'fares');
        await shots.element(fares, 'fares-card');
        await fares.getByRole('button', { name: /^Select .*Standard/ }).click();
      });

      // 4. Pick a free window seat on the seat map card.
      const seat = await step(chat, shots, 'pick-seat', async () => {
        const seatMap = await chat.card(/Choose a seat for/);
        await shots.shot(page, 'seat-map');
        await shots.element(seatMap, 'seat-map-card');
        const freeWindows = seatMap.getByRole('button', { name: /^\d{1,2}[A-K] window, free$/ });
        expect(await freeWindows.count()).toBeGreaterThan(2);
        const choice = freeWindows.nth(2);
        const designator = (await choice.getAttribute('aria-label'))!.split(' ')[0]!;
        await choice.click();
        return designator;
      });

      // 5. The passenger form card: inputs, then Continue.
      await step(chat, shots, 'passenger-form', async () => {
        const passenger = await chat.card(/Passenger details/);
        await passenger.getByLabel(/First name/).fill(TRAVELLER.firstName);
        await passenger.getByLabel(/Last name/).fill(TRAVELLER.lastName);
        await passenger.getByLabel(/Date of birth/).fill('1990-12-10');
        await shots.shot(page, 'passenger-form');
        await passenger.getByRole('button', { name: 'Continue' }).click();
      });

      // 6. Contact: the signed-in traveller's email is offered; take it.
      await step(chat, shots, 'contact', async () => {
        await chat.botSays(/Which email should the confirmation/);
        await shots.shot(page, 'contact');
        await chat.suggested(`Use ${TRAVELLER.email}`).click();
      });

      // 7. Review and confirm on the review card (no email code: the identity came with the token).
      await step(chat, shots, 'review', async () => {
        const review = await chat.card(/Review your trip/);
        const text = await review.innerText();
        expect(text).toContain(flightNumber);
        expect(text).toContain(seat);
        expect(text).toContain(`${TRAVELLER.firstName} ${TRAVELLER.lastName}`);
        expect(text).toContain(TRAVELLER.email);
        await shots.shot(page, 'review');
        await shots.element(review, 'review-card');
        await review.getByRole('button', { name: 'Confirm and pay' }).click();
      });

      // 8. The payment link card: "Pay now" opens the sandbox page in a new tab; pay with the test card.
      const pnr = await step(chat, shots, 'pay', async () => {
        const payCard = await chat.card(/Pay for booking/);
        const ref = /Pay for booking ([2-9A-HJKMNP-Z]{6})\b/.exec(await payCard.innerText())?.[1];
        expect(ref).toMatch(PNR);
        await shots.shot(page, 'payment-link');
        const [payPage] = await Promise.all([
          context.waitForEvent('page'),
          payCard.getByRole('button', { name: 'Pay now' }).click(),
        ]);
        await payPage.waitForLoadState('domcontentloaded');
        expect(payPage.url()).toMatch(new RegExp(`^${base}/pay/sandbox/`));
        await payPage.getByRole('heading', { name: `Pay for booking ${ref}` }).waitFor();
        await payPage.getByLabel('Card number').fill('4242 4242 4242 4242');
        await payPage.getByLabel('Expiry').fill('12/34');
        await payPage.getByLabel('CVC').fill('123');
        await shots.shot(payPage, 'sandbox-pay-form');
        await payPage.getByRole('button', { name: /^Pay / }).click();
        await payPage.getByText('Payment received').waitFor();
        await shots.shot(payPage, 'sandbox-paid');
        await payPage.close();
        return ref!;
      });

      // 9. The confirmation arrives in the open chat by itself (no reload).
      const confirmation = await step(chat, shots, 'proactive-confirmation', async () => {
        await page.bringToFront();
        await chat.botSays(`booking ${pnr} is confirmed`);
        const card = await chat.card(new RegExp(`Your booking is confirmed[\\s\\S]*${pnr}`));
        const text = await card.innerText();
        expect(text).toContain(seat);
        expect(text).toMatch(/Ticket \d{13}/);
        await shots.shot(page, 'confirmed');
        await shots.element(card, 'confirmation-card');
        expect((await t.services.repos.bookings.findByPnr(pnr))?.booking.status).toBe('confirmed');
        return card;
      });

      // 10. The e-ticket button on the confirmation card opens the PDF.
      await step(chat, shots, 'e-ticket', async () => {
        const opened = context.waitForEvent('request', (r) => r.url().includes(`/api/v1/bookings/${pnr}/tickets.pdf`));
        await confirmation.getByRole('button', { name: /e-ticket/i }).click();
        const url = (await opened).url();
        expect(url.startsWith(`${base}/`)).toBe(true);
        for (const other of context.pages()) if (other !== page) await other.close();
        const ticket = await fetch(url);
        expect(ticket.status).toBe(200);
        expect(ticket.headers.get('content-type')).toMatch(/^application\/pdf/);
        const pdf = Buffer.from(await ticket.arrayBuffer());
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        expect(pdf.toString('latin1')).toContain(pnr);
      });

      // A reload resumes the same conversation: the history is shown and typing carries on in it.
      await step(chat, shots, 'reload', async () => {
        await chat.load();
        await chat.card(new RegExp(`Your booking is confirmed[\\s\\S]*${pnr}`), LOAD_MS);
        await chat.userBubble(request).waitFor();
        expect((await storedChat(page))?.conversationId).toBe(conversationId);
        await shots.shot(page, 'reloaded');
        await chat.send(`show booking ${pnr}`);
        await chat.card(new RegExp(`Booking ${pnr}`));
        await shots.shot(page, 'after-reload-reply');
        const stored = await app.runtime.directLineAdapter.store.after(conversationId, 0, 1000);
        const fromUser = stored.filter((a) => a.activity.from?.id === `u:${userId}` && a.activity.type === 'message');
        expect(fromUser.map((a) => a.activity.text)).toEqual(expect.arrayContaining([request, `show booking ${pnr}`]));
      });

      // On a phone-sized screen the seat map keeps every seat on the card, each showing its letter.
      await step(chat, shots, 'narrow', async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        const seatMap = await chat.card(/Choose a seat for/);
        // Every free seat shown: its letter there and not clipped, its right edge inside the card.
        const seats = await seatMap.evaluate((el) => {
          const card = el.getBoundingClientRect();
          return Array.from(el.querySelectorAll<HTMLElement>('[role="button"][aria-label]'))
            .filter((cell) => /^\d{1,2}[A-K] /.test(cell.getAttribute('aria-label')!) && cell.offsetParent !== null)
            .map((cell) => {
              const text = cell.querySelector<HTMLElement>('.ac-textBlock');
              return {
                seat: cell.getAttribute('aria-label')!.split(' ')[0]!,
                letter: cell.innerText.trim(),
                readable: !!text && text.clientWidth > 0 && text.scrollWidth <= text.clientWidth,
                inside: cell.getBoundingClientRect().right <= card.right + 0.5,
              };
            });
        });
        expect(seats.length).toBeGreaterThan(30);
        expect(seats.filter((s) => s.letter !== s.seat.slice(-1) || !s.readable || !s.inside)).toEqual([]);
        await page.waitForTimeout(1000); // Web Chat's own scroll to the bottom after the resize, which would undo ours
        await seatMap.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await shots.shot(page, 'narrow-seat-map');
        await shots.element(seatMap, 'narrow-seat-map-card');
      });

      expect(pageErrors).toEqual([]);
    },
    110_000,
  );
});
