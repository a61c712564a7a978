import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import {
  ADA,
  bookingOf,
  type Chat,
  chat,
  dateIn,
  expectReply,
  fixedNow,
  lastCode,
  payOnPage,
  payUrlIn,
  pnrIn,
  spoken,
} from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/**
 * Multi-city trips in the chat: the legs said in one message or added later are chosen leg by leg with the steps of a
 * one-way trip, then seats, passengers, review and one payment cover them all. Each reply is checked in the text
 * rendering and in the SMS one.
 */
describe.each(DB_TARGETS)('book a flight: multi-city (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  const day = (n: number) => spoken(dateIn(h.t, n));

  /** Says `text`; the reply must match `expected` as text and as SMS (arrows and dots as SMS writes them). */
  async function step(c: Chat, text: string, expected: RegExp): Promise<string> {
    const reply = await c.say(text);
    expectReply(reply, expected, text);
    const loose = new RegExp(expected.source.replace(/→/g, '(?:→|->)').replace(/^\^/, ''), expected.flags);
    expectReply(c.sms(), loose, `${text} (SMS)`);
    return reply;
  }

  /** From the fare of the last leg to the review: standard fare, no seat choice, Ada, her email and code. */
  async function toReview(c: Chat, afterLastFare: RegExp = /Choose a seat/): Promise<string> {
    await step(c, 'standard', afterLastFare);
    await step(c, 'skip', /Passenger 1 of 1/);
    await step(c, `${ADA.name} ${ADA.born}`, /Which email/);
    await step(c, c.email, /6-digit code/);
    return step(c, await lastCode(h.t, c.email), /check everything/i);
  }

  it('"London to Paris on …, then Paris to Rome on …": both legs chosen in turn, one booking, one payment', async () => {
    const c = chat(h);
    await step(c, `London to Paris on ${day(7)}, then Paris to Rome on ${day(10)}`, /^London \(any airport\) → Paris/m);
    await step(c, '1', /Which fare/);
    await step(c, 'standard', /Now leg 2 of 2\.[\s\S]*Paris \(any airport\) → Rome/);
    await step(c, '1', /Which fare/);
    const review = await toReview(c);
    expect(review).toMatch(/Leg 1 · [\s\S]*Leg 2 · /);
    const held = await c.say('confirm');
    const pnr = pnrIn(held);
    const booking = await bookingOf(h.t, pnr);
    expect(booking.flights.every((f) => f.direction === 'outbound')).toBe(true);
    expect([...new Set(booking.flights.map((f) => f.leg))]).toEqual([0, 1]);
    expect(booking.flights[0]!.origin.city).toBe('London');
    expect(booking.flights[booking.flights.length - 1]!.destination.city).toBe('Rome');
    expect(await payOnPage(h.t, payUrlIn(held))).toBe(200);
    expect(c.drain()).toMatch(new RegExp(`Payment received — booking ${pnr} is confirmed`));
    const paid = await bookingOf(h.t, pnr);
    expect(paid.status).toBe('confirmed');
    expect(paid.passengers[0]!.ticketNumber).toMatch(/^\d{13}$/);
  });

  it('three legs with "and then" and "after that"', async () => {
    const c = chat(h);
    await step(
      c,
      `Heathrow to Paris on ${day(7)} and then to Madrid on ${day(9)}, after that Madrid to London on ${day(12)}`,
      /^London LHR → Paris/m,
    );
    await step(c, '1', /Which fare/);
    await step(c, 'standard', /Now leg 2 of 3\.[\s\S]*Paris \(any airport\) → Madrid/);
    await step(c, '1', /Which fare/);
    await step(c, 'standard', /Now leg 3 of 3\.[\s\S]*Madrid[^\n]* → London/);
    await step(c, '1', /Which fare/);
    const review = await toReview(c);
    expect(review).toMatch(/Leg 1 · [\s\S]*Leg 2 · [\s\S]*Leg 3 · /);
  });

  it('a leg added later ("then on to Rome on …") is chosen after the trip under way', async () => {
    const c = chat(h);
    await step(c, `Heathrow to Paris on ${day(7)} one way`, /^London LHR → Paris/m);
    await step(c, `then on to Rome on ${day(10)}`, /Got it: then Rome[^\n]*\. Let's finish choosing your flights/);
    await step(c, '1', /Which fare/);
    await step(c, 'standard', /Now leg 2 of 2\.[\s\S]*Paris \(any airport\) → Rome/);
    await step(c, '1', /Which fare/);
    const review = await toReview(c);
    expect(review).toMatch(/Leg 1 · [\s\S]*Leg 2 · /);
  });

  it('a later leg leaving too soon after the previous lands is chosen again', async () => {
    const c = chat(h);
    await step(c, `Heathrow to Paris on ${day(7)}, then Paris to New York on ${day(7)}`, /^London LHR → Paris/m);
    // The last flight of the day to Paris, then the first to New York (which leaves before it lands).
    await step(c, 'the last one', /Which fare/);
    await step(c, 'standard', /Now leg 2 of 2\./);
    await step(c, '1', /Which fare/);
    await step(
      c,
      'standard',
      /leaves too soon after your previous flight lands: allow at least 3 hours[\s\S]*Please pick/,
    );
  });
});
