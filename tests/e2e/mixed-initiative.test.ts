/**
 * A traveller who does not follow the script, in a real browser (Web Chat over the server's Direct Line): they
 * change their mind twice (the destination, then the date), ask a question in the middle of the booking and find
 * everything kept, pick "the first one" in words, choose a seat and have their companion "sit together" beside it,
 * fill both passengers, confirm their email with the emailed code, and pay in the sandbox until the booking is
 * confirmed in the open chat. Screenshots of every step go to test-artifacts/e2e/mixed-initiative/.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app';
import { ARTIFACTS, launchChromium, screenshots, step, STEP_MS, WebChat } from '../helpers/e2e-browser';

const EMAIL = 'grace.hopper@example.com';
const PASSENGERS = [
  { first: 'Grace', last: 'Hopper', born: '1986-12-09' },
  { first: 'Alan', last: 'Turing', born: '1984-06-23' },
];
const FLIGHT_NUMBER = /\b[A-Z0-9]{2}\d{3,4}\b/g;

/** The date `days` ahead as a traveller types it ("16 Dec") and as the bot shows it ("Wed 16 Dec"). */
function ahead(days: number): { typed: string; shown: string } {
  const d = new Date(Date.now() + days * 86_400_000);
  const opts = { day: 'numeric', month: 'short', timeZone: 'UTC' } as const;
  return {
    typed: d.toLocaleDateString('en-GB', opts),
    shown: d.toLocaleDateString('en-GB', { ...opts, weekday: 'short' }).replace(',', ''),
  };
}

/** The free seats on a seat-map card, by designator ("14C"), with their position. */
async function freeSeats(seatMap: ReturnType<Page['locator']>): Promise<Map<string, string>> {
  const labels = await seatMap
    .getByRole('button', { name: /^\d{1,2}[A-K] \w+, free$/ })
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-label')!));
  return new Map(labels.map((l) => [l.split(' ')[0]!, l.split(' ')[1]!.replace(',', '')]));
}

describe('a traveller who changes their mind, asks a question and books with a companion (Web Chat)', () => {
  let app: E2eApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const shots = screenshots(join(ARTIFACTS, 'mixed-initiative'));
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const [appResult, browserResult] = await Promise.allSettled([startE2eApp({ days: 14 }), launchChromium()]);
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
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await app?.close();
  }, 30_000);

  it(
    'changes destination and date, asks about baggage, keeps everything, picks "the first one", sits together ' +
      'with a companion and pays',
    async () => {
      const chat = new WebChat(page);
      const { base, t } = app;
      const first = ahead(8);
      const second = ahead(10);

      await step(chat, shots, 'open-page', async () => {
        await chat.load(`${base}/`);
        await chat.botSays(/Where would you like to fly/);
      });

      await step(chat, shots, 'first-request', async () => {
        await chat.send(`London to Paris on ${first.typed}, 2 adults, one way`);
        const list = await chat.card(/Outbound: London → Paris/);
        expect(await list.innerText()).toContain(first.shown);
        await shots.shot(page, 'paris');
      });

      // First change of mind: the destination. The date and the party stay.
      await step(chat, shots, 'change-destination', async () => {
        await chat.send('actually make that Rome');
        await chat.botSays('Got it: to Rome');
        const list = await chat.card(/Outbound: London → Rome/);
        const text = await list.innerText();
        expect(text).toContain(first.shown);
        expect(text).toContain('2 passengers');
        await shots.shot(page, 'rome');
      });

      // Second change of mind: the date. The new destination and the party stay.
      await step(chat, shots, 'change-date', async () => {
        await chat.send(`no wait, ${second.typed} instead`);
        const list = await chat.card(new RegExp(`Outbound: London → Rome[\\s\\S]*${second.shown}`));
        expect(await list.innerText()).toContain('2 passengers');
        await shots.shot(page, 'rome-later');
      });

      // A question in the middle: answered, then the same flights again with everything kept.
      const firstFlight = await step(chat, shots, 'question-mid-booking', async () => {
        const cardsBefore = await chat.cards.count();
        await chat.send('how much luggage can I bring?');
        await chat.botSays(/How much baggage can I take\?/);
        await page.waitForFunction(
          (n) => document.querySelectorAll('#webchat .ac-adaptiveCard').length > n,
          cardsBefore,
          { timeout: STEP_MS },
        );
        const list = await chat.card(/Outbound: London → Rome/);
        const text = await list.innerText();
        expect(text).toContain(second.shown);
        expect(text).toContain('2 passengers');
        expect(await chat.page.getByText(/lost my place/).count()).toBe(0);
        await shots.shot(page, 'question-answered');
        return text.match(FLIGHT_NUMBER)![0]!;
      });

      // "The first one", in words: the fares of the first flight on the list.
      await step(chat, shots, 'the-first-one', async () => {
        await chat.send('the first one');
        const fares = await chat.card(/Choose a fare/);
        expect(await fares.innerText()).toContain(firstFlight);
        await shots.shot(page, 'fares');
        await fares.getByRole('button', { name: /^Select .*Standard/ }).click();
      });

      // The first traveller picks an aisle seat on the map; the companion asks to sit together.
      const chosen = await step(chat, shots, 'pick-seat', async () => {
        const seatMap = await chat.card(/Choose a seat for passenger 1/);
        const free = await freeSeats(seatMap);
        // An aisle seat with the seat beside it free, so that "together" has room next to it.
        const aisle = [...free].find(([d, pos]) => pos === 'aisle' && free.has(d.replace(/C$/, 'B')) && /C$/.test(d));
        expect(aisle).toBeDefined();
        await shots.element(seatMap, 'seat-map-card');
        await seatMap.getByRole('button', { name: `${aisle![0]} aisle, free` }).click();
        await chat.botSays(`Seat ${aisle![0]} for passenger 1`);
        return aisle![0];
      });

      const seats = await step(chat, shots, 'sit-together', async () => {
        await chat.card(/Choose a seat for passenger 2/);
        await chat.send("we'd like to sit together");
        const said = await chat.botSays(/side by side/);
        const text = await said.innerText();
        expect(text).toContain(`keeping ${chosen}`);
        const pair = /Seats (\d+[A-K]), (\d+[A-K]) on/.exec(text);
        expect(pair).not.toBeNull();
        const both = [pair![1]!, pair![2]!];
        expect(both).toContain(chosen);
        // Beside it: same row, the next letter.
        const other = both.find((s) => s !== chosen)!;
        expect(other.slice(0, -1)).toBe(chosen.slice(0, -1));
        expect(Math.abs(other.charCodeAt(other.length - 1) - chosen.charCodeAt(chosen.length - 1))).toBe(1);
        await shots.shot(page, 'together');
        return both;
      });

      await step(chat, shots, 'passengers', async () => {
        for (const [i, p] of PASSENGERS.entries()) {
          const form = await chat.card(new RegExp(`Passenger ${i + 1} of 2`));
          await form.getByLabel(/First name/).fill(p.first);
          await form.getByLabel(/Last name/).fill(p.last);
          await form.getByLabel(/Date of birth/).fill(p.born);
          await shots.shot(page, `passenger-${i + 1}`);
          await form.getByRole('button', { name: 'Continue' }).click();
        }
      });

      // An anonymous traveller confirms the email with the code it receives.
      await step(chat, shots, 'contact-and-code', async () => {
        const contact = await chat.card(/Contact details/);
        await contact.getByLabel(/Email/).fill(EMAIL);
        await contact.getByRole('button', { name: 'Continue' }).click();
        await chat.botSays(/6-digit code/);
        const mails = await t.services.repos.outbox.mailByKind('otp');
        const code = /\b(\d{6})\b/.exec(mails.filter((m) => m.toAddress === EMAIL).at(-1)?.bodyText ?? '')?.[1];
        expect(code).toBeDefined();
        await chat.send(code!);
      });

      await step(chat, shots, 'review', async () => {
        const review = await chat.card(/Review your trip/);
        const text = await review.innerText();
        expect(text).toContain(firstFlight);
        for (const s of seats) expect(text).toContain(s);
        for (const p of PASSENGERS) expect(text).toContain(`${p.first} ${p.last}`);
        expect(text).toContain(second.shown);
        await shots.element(review, 'review-card');
        await review.getByRole('button', { name: 'Confirm and pay' }).click();
      });

      const pnr = await step(chat, shots, 'pay', async () => {
        const payCard = await chat.card(/Pay for booking/);
        const ref = /Pay for booking ([2-9A-HJKMNP-Z]{6})\b/.exec(await payCard.innerText())?.[1];
        expect(ref).toBeDefined();
        const [payPage] = await Promise.all([
          context.waitForEvent('page'),
          payCard.getByRole('button', { name: 'Pay now' }).click(),
        ]);
        await payPage.waitForLoadState('domcontentloaded');
        await payPage.getByLabel('Card number').fill('4242 4242 4242 4242');
        await payPage.getByLabel('Expiry').fill('12/34');
        await payPage.getByLabel('CVC').fill('123');
        await payPage.getByRole('button', { name: /^Pay / }).click();
        await payPage.getByText('Payment received').waitFor();
        await shots.shot(payPage, 'sandbox-paid');
        await payPage.close();
        return ref!;
      });

      await step(chat, shots, 'confirmed', async () => {
        await page.bringToFront();
        const card = await chat.card(new RegExp(`Your booking is confirmed[\\s\\S]*${pnr}`));
        const text = await card.innerText();
        for (const s of seats) expect(text).toContain(s);
        await shots.shot(page, 'confirmed');
        const booking = await t.services.repos.bookings.findByPnr(pnr);
        expect(booking?.booking.status).toBe('confirmed');
        const view = await t.services.bookings.view(pnr, false);
        expect(view.passengers.flatMap((p) => Object.values(p.seats)).sort()).toEqual([...seats].sort());
        expect(view.flights.map((f) => f.flightNumber)).toEqual([firstFlight]);
      });

      expect(pageErrors).toEqual([]);
    },
    150_000,
  );
});
