import { extraBagPriceLines } from '../../../api/domain/baggage';
import { formatMoney } from '../../../api/domain/money';
import { renderSms } from '../../../cards/sms/render';
import type { BotMessage } from '../../../cards/types';
import { MainDialog } from '../../../dialogs/main.dialog';
import { notificationFor } from '../../../dialogs/notifications';
import { nonstopFlight, pax } from '../../helpers/api-helpers';
import { drain } from '../../helpers/payment-flow';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { Chat, dialogDeps, hold, pay, type Traveller, traveller } from '../../unit/dialogs/manage-booking.harness';

/** Adding checked bags in the chat, under the main dialog, in the text rendering and the SMS one. */
describe('add bags dialog (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  beforeAll(async () => {
    t = await createTestApp({ days: 14 });
    ada = await traveller(t);
  }, 60_000);
  afterAll(() => t.close());

  const chatAs = (who: Traveller | null) => {
    const env = dialogDeps(t);
    return new Chat(env, new MainDialog(env.deps), {}, who?.identity ?? null);
  };
  const sms = (messages: BotMessage[]) => messages.flatMap((m) => renderSms(m)).join('\n');
  const addedOf = async (pnr: string, passenger = 0) =>
    (await t.services.bookings.view(pnr, false)).passengers[passenger]!.checkedBags!.map((c) => c.added);

  it('"I need to check two suitcases": a quote in a sentence, a yes sends the link, paying adds them', async () => {
    const b = await hold(t, ada);
    await pay(t, ada, b.pnr);
    const chat = chatAs(ada);
    const quote = await chat.send(`I need to check two suitcases on ${b.pnr}`);
    // One passenger, one flight: nothing to pick; the price by fare family and route length in one sentence.
    expect(quote.text).toMatch(
      /2 extra checked bags: 2 for Ada on \w+ \(short haul, £\d+ each, up to 23 kg; the fare includes 1\)/,
    );
    expect(quote.text).toContain('Shall I send a payment link?');
    expect(sms(quote.messages)).toMatch(/1\) Yes, pay £\d+/);
    expect(sms(quote.messages)).toContain('2) No bags, thanks');
    const sent = await chat.send('yes');
    expect(sent.text).toContain('Here is the link to pay');
    expect(sent.cards).toContain('payment_link');
    expect(sent.text).toContain('The bags are added as soon as the link is paid');
    const smsLink = sms(sent.messages);
    expect(smsLink).toMatch(/https?:\/\/\S+\/pay\/sandbox\//);
    expect(await addedOf(b.pnr)).toEqual([0]);

    const url = /(https?:\/\/\S+\/pay\/sandbox\/\S+)/.exec(sent.text)![1]!;
    expect((await t.http.post(new URL(url).pathname).type('form').send({ card: '4242424242424242' })).status).toBe(200);
    await drain(t);
    expect(await addedOf(b.pnr)).toEqual([2]);
    // The booking card shows them, on the web and by SMS.
    const shown = await chatAs(ada).send(`show me booking ${b.pnr}`);
    expect(shown.cards).toContain('booking');
    expect(sms(shown.messages)).toContain('checked bags');
    expect(sms(shown.messages)).toContain('3 x 23 kg (2 added)');
  });

  it('cancelling in the chat states the refund with the bags, the same as the API quote, and refunds it', async () => {
    // Three days out: the free 24-hour cancellation does not apply, so the Standard rules decide.
    const b = await hold(t, ada, { days: 3 });
    await pay(t, ada, b.pnr);
    const chat = chatAs(ada);
    await chat.send(`I need to check two suitcases on ${b.pnr}`);
    const sent = await chat.send('yes');
    const url = /(https?:\/\/\S+\/pay\/sandbox\/\S+)/.exec(sent.text)![1]!;
    expect((await t.http.post(new URL(url).pathname).type('form').send({ card: '4242424242424242' })).status).toBe(200);
    await drain(t);
    const api = await t.services.cancellations.quote(b.pnr, ada.actor);
    const bags = (await t.services.bookings.view(b.pnr, false)).bags!.total.amount;
    expect(api.refund.amount).toBe(b.price.total.amount - api.fee.amount + bags);
    const asked = await chat.send(`cancel booking ${b.pnr}`);
    expect(asked.text).toContain(`you get ${formatMoney(api.refund)} back`);
    expect(asked.text).toContain('extra bags refunded');
    await chat.send('yes');
    const id = (await t.services.repos.bookings.findByPnr(b.pnr))!.booking.id;
    const refunds = await t.services.repos.payments.refundsForBooking(id);
    expect(refunds.reduce((n, r) => n + r.amount, 0)).toBe(api.refund.amount);
  });

  it('asks which flight and who when there are several, and "no" adds nothing', async () => {
    const out = await nonstopFlight(t, 'LHR', 'CDG', 9);
    const back = await nonstopFlight(t, 'CDG', 'LHR', 12);
    const held = await t.services.bookings.createHold(ada.actor, {
      flights: [
        { flightId: out, cabin: 'economy', fareFamily: 'basic', direction: 'outbound' },
        { flightId: back, cabin: 'economy', fareFamily: 'basic', direction: 'inbound' },
      ],
      passengers: [pax('Ada', 'Lovelace', '1985-06-15'), pax('Grace', 'Hopper', '1986-01-01')],
      contact: { email: ada.identity.email! },
    } as Parameters<typeof t.services.bookings.createHold>[1]);
    await pay(t, ada, held.pnr);
    const chat = chatAs(ada);
    expect((await chat.send(`show me booking ${held.pnr}`)).text).toContain('Add bags');
    const flight = await chat.send('Add bags');
    expect(flight.text).toContain('Which flight are the bags for?');
    expect(sms(flight.messages)).toContain('All flights');
    const who = await chat.send('All flights');
    expect(who.text).toContain('Who are the bags for?');
    const many = await chat.send('Grace Hopper');
    expect(many.text).toContain('How many extra checked bags?');
    const tooMany = await chat.send('5');
    expect(tooMany.text).toContain('At most 3 extra bags per passenger and flight.');
    expect(tooMany.text).toContain('How many extra checked bags?');
    const quote = await chat.send('1');
    expect(quote.text).toMatch(
      /2 extra checked bags: 1 for Grace on \w+ \(short haul, £\d+ each, up to 23 kg\); 1 for Grace/,
    );
    const no = await chat.send('no');
    expect(no.text).toContain('OK, no bags added.');
    expect(no.cards).toEqual(['booking']);
    expect(await addedOf(held.pnr, 1)).toEqual([0, 0]);
  });

  it('answers "how much is a checked bag?" from the baggage table, and refuses bags on an unpaid booking', async () => {
    const answer = await chatAs(null).send('how much is a checked bag?');
    expect(answer.cards).toContain('article');
    expect(answer.text).toMatch(/^How much is an extra checked bag/);
    // The article's prices are the table's (api/domain/baggage.ts), in the text channel's card and by SMS.
    const line = extraBagPriceLines('USD')[0]!.replace(/\*\*/g, '');
    expect(JSON.stringify(answer.messages)).toContain(extraBagPriceLines('USD')[0]!);
    expect(sms(answer.messages)).toContain(line.slice(0, 24));
    const allowance = await chatAs(null).send('how many bags can I take?');
    expect(JSON.stringify(allowance.messages)).toContain('**Standard**: 1 checked bag included (up to 23 kg each).');
    const held = await hold(t, ada);
    const unpaid = await chatAs(ada).send(`add a bag to ${held.pnr}`);
    expect(unpaid.text).toContain('Checked bags can be added once the booking is paid.');
  });

  it('tells the traveller when bags were paid on the payment page, on the web and by SMS', () => {
    const m = notificationFor(
      { type: 'booking.bags_added', bookingId: 1, pnr: 'ABC234', bags: 2, charged: 9000, currency: 'GBP' },
      null,
      'https://example.com/t.pdf',
    )!;
    expect(m.text).toContain('Payment of £90 received — 2 extra checked bags are now on booking ABC234');
    expect(sms([m])).toContain('https://example.com/t.pdf');
  });
});
