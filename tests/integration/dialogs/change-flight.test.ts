import { renderAdaptive } from '../../../cards/adaptive/render';
import { renderSms } from '../../../cards/sms/render';
import { MainDialog } from '../../../dialogs/main.dialog';
import { dateAhead } from '../../helpers/api-helpers';
import { payOnPage, payUrlIn, spoken } from '../../helpers/dialog-helpers';
import { drain } from '../../helpers/payment-flow';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { Chat, dialogDeps, hold, pay, type Traveller, traveller } from '../../unit/dialogs/manage-booking.harness';

const HOUR = 3_600_000;

/**
 * Changing dates or flights in the chat (issue 15), under the main dialog: the request in words, the flights on the
 * new date, the quote in a sentence, the explicit yes, the payment link (web and SMS renderings), and the booking
 * changed once paid.
 */
describe('change flight dialog (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  let start: Date;
  beforeAll(async () => {
    t = await createTestApp({ days: 14, env: { HOLD_MINUTES: '15' } });
    ada = await traveller(t);
    start = t.clock.now();
  }, 60_000);
  afterEach(() => t.clock.set(start));
  afterAll(() => t.close());

  const paidBooking = async (fareFamily: string) => {
    const b = await hold(t, ada, { fareFamily });
    await pay(t, ada, b.pnr);
    return b;
  };
  const chatAs = (who: Traveller) => {
    const env = dialogDeps(t);
    return new Chat(env, new MainDialog(env.deps), {}, who.identity);
  };
  const flightsOf = async (pnr: string) => (await t.services.bookings.view(pnr, false)).flights.map((f) => f.flightId);

  it('"can I change my flight to <date>?": flights that day, the quote in a sentence, yes, a link; paid, it is done', async () => {
    const b = await paidBooking('standard');
    t.clock.advance(30 * HOUR); // past the free 24 hours: the Standard fee applies
    const date = dateAhead(t, 10);
    const chat = chatAs(ada);
    // The request names no booking: the chat asks which one, then goes on with the date said.
    const which = await chat.send(`Can I change my flight to ${spoken(date)}?`);
    expect(which.text).toContain(b.pnr);
    const list = await chat.send(b.pnr);
    expect(list.text).toContain('Flights from LHR to CDG on');
    expect(list.text).toContain('Which one?');
    expect(list.text).toMatch(/\n1\. BA\d+/);
    const quote = await chat.send('1');
    // Flights priced alike (same advance band): the Standard fee keeps the net to pay positive.
    expect(quote.text).toMatch(/Change to BA\d+ .* The new fare is .* and the change fee is .*, so you pay/);
    expect(quote.text).toMatch(/Yes, pay .* and change/);
    const done = await chat.send('yes');
    expect(done.text).toContain('Here is the link to pay');
    expect(done.text).toContain('your booking stays as it is until it is paid');
    expect(done.cards).toContain('payment_link');
    const linkMessage = done.messages.find((m) => m.card?.kind === 'payment_link')!;
    const url = payUrlIn(done.text);
    // The same message on the web (an Adaptive Card with the link) and by SMS (plain text with the link).
    expect(JSON.stringify(renderAdaptive(linkMessage).attachments ?? [])).toContain(url);
    expect(renderSms(linkMessage).join('\n')).toContain(url);
    expect(await flightsOf(b.pnr)).toEqual(b.flights.map((f) => f.flightId));
    expect(await payOnPage(t, url)).toBe(200);
    await drain(t);
    const after = await flightsOf(b.pnr);
    expect(after).not.toEqual(b.flights.map((f) => f.flightId));
  });

  it('"move me to a later flight": later flights that day; no, another, then keep changes nothing', async () => {
    const b = await paidBooking('flex');
    const chat = chatAs(ada);
    expect((await chat.send(`show me booking ${b.pnr}`)).text).toContain('Change flights');
    const list = await chat.send('Please move me to a later flight');
    expect(list.text).toContain('Which one?');
    const quote = await chat.send('1');
    expect(quote.text).toContain('there is no change fee');
    expect(quote.text).toContain('Choose another flight');
    expect((await chat.send('Choose another flight')).text).toContain('Which one?');
    const kept = await chat.send('Keep my flight');
    expect(kept.text).toContain('Your flights stay as they are.');
    expect(await flightsOf(b.pnr)).toEqual(b.flights.map((f) => f.flightId));
  });

  it('is offered on a paid booking’s menu, asks for the date, and a Basic fare is told it cannot change', async () => {
    const b = await paidBooking('standard');
    const chat = chatAs(ada);
    const menu = await chat.send(`show me booking ${b.pnr}`);
    expect(menu.text).toContain('Change flights');
    expect((await chat.send('Change flights')).text).toContain('Which date would you like to fly instead?');
    const list = await chat.send(spoken(dateAhead(t, 11)));
    expect(list.text).toContain('Which one?');
    const quote = await chat.send('1');
    // Within 24 hours of buying, the Standard fee is waived.
    expect(quote.text).toContain('change fee is waived');

    const basic = await paidBooking('basic');
    const refused = await chatAs(ada).send(`I need to change the flight on booking ${basic.pnr}`);
    expect(refused.text).toContain("fare doesn't allow changing dates or flights");
    expect(await flightsOf(basic.pnr)).toEqual(basic.flights.map((f) => f.flightId));
  });
});
