import type { BookingView } from '../../../api/services/booking-view';
import type { DomainEvent } from '../../../api/services/domain-events';
import { renderSms } from '../../../cards/sms/render';
import { MainDialog } from '../../../dialogs/main.dialog';
import { notificationFor } from '../../../dialogs/notifications';
import type { Disruption } from '../../../dialogs/ports';
import { cancellationOf, delayOf, FakeDisruptions } from '../../helpers/fake-disruptions';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import {
  Chat,
  dialogDeps,
  hold,
  pay,
  type Traveller,
  traveller,
  type Turn,
} from '../../unit/dialogs/manage-booking.harness';

/** Developer text a traveller must never see (as in the regression set), and the port's own values. */
const INTERNAL = /\bundefined\b|\[object |Error:|\bnull\b|NaN|offer:|rebook-\d|disruption:/;

/**
 * A delayed or cancelled flight in the chat, under the main dialog, over a fake disruption port and real bookings:
 * the traveller answers the notice, or writes first; confirms before anything changes; an offer gone meanwhile is
 * replaced; a booking without disruption is said to run as booked. Every reply in the text and SMS renderings.
 */
describe('disruption dialogs (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  beforeAll(async () => {
    t = await createTestApp({ days: 14 });
    ada = await traveller(t);
  }, 60_000);
  afterAll(() => t.close());

  const paid = async (who: Traveller, days: number) => {
    const b = await hold(t, who, { days });
    await pay(t, who, b.pnr);
    return b;
  };
  const chatAs = (who: Traveller | null, fake: FakeDisruptions) => {
    const env = dialogDeps(t, undefined, fake);
    return new Chat(env, new MainDialog(env.deps), {}, who?.identity ?? null);
  };
  /** The text and SMS renderings of a turn, checked for developer text. */
  const seen = (turn: Turn) => {
    const sms = turn.messages.flatMap((m) => renderSms(m)).join('\n');
    expect(turn.text).not.toMatch(INTERNAL);
    expect(sms).not.toMatch(INTERNAL);
    return { text: turn.text, sms };
  };
  /** The notice the service's event sends, with the conversation remembering it (as bot/proactive.ts does). */
  const notify = (chat: Chat, d: Disruption, b: BookingView) => {
    const event: DomainEvent = {
      type: 'booking.disrupted',
      bookingId: 1,
      pnr: b.pnr,
      disruptionId: 1,
      kind: d.kind === 'delay' ? 'delayed' : 'cancelled',
      flightId: b.flights[0]!.flightId,
      flightNumber: d.flight.flightNumber,
      from: d.flight.from,
      to: d.flight.to,
      scheduledDeparture: d.flight.departureTime,
      newDeparture: d.newDepartureTime,
      offers: d.offers.length,
      expiresAt: d.offersExpireAt,
    };
    return chat.notice(notificationFor(event, b, '')!, (m) => (m.disruptionNotice = { pnr: b.pnr }));
  };

  it('answers the notice by departure time, confirms, rebooks and shows the new e-ticket', async () => {
    const b = await paid(ada, 3);
    const fake = new FakeDisruptions();
    fake.set(cancellationOf(b, ['17:10', '18:05']));
    const chat = chatAs(ada, fake);
    const notice = seen(await notify(chat, fake.get(b.pnr), b));
    expect(notice.text).toContain('has been cancelled');
    expect(notice.sms).toContain('1) See my options');
    const confirm = seen(await chat.send('take the 18:05'));
    expect(confirm.text).toContain(
      `To confirm: I'll move booking ${b.pnr} from ${b.flights[0]!.flightNumber} to JW802`,
    );
    expect(confirm.text).toMatch(/leaving at 18:05 (UTC|[+-]\d\d:\d\d) on/);
    expect(confirm.sms).toContain('1) Yes, do it');
    expect(fake.chosen).toEqual([]);
    const turn = await chat.send('yes');
    const done = seen(turn);
    expect(done.text).toContain(`Done: booking ${b.pnr} is now on`);
    expect(done.text).toContain('new e-ticket');
    expect(done.sms).toContain('new e-ticket');
    expect(turn.cards).toEqual(['confirmation']);
    expect(fake.chosen.map((c) => c.offer.id)).toEqual(['rebook-2']);
  });

  it('"the first one", then "no" keeps everything; "I\'ll take the refund" refunds after a yes', async () => {
    const b = await paid(ada, 4);
    const fake = new FakeDisruptions();
    fake.set(cancellationOf(b, ['17:10', '18:05']));
    const chat = chatAs(ada, fake);
    await notify(chat, fake.get(b.pnr), b);
    expect(seen(await chat.send('the first one')).text).toContain('to JW801');
    const back = seen(await chat.send('no'));
    expect(back.text).toContain('OK, nothing has changed.');
    expect(back.text).toContain('1. JW801 17:10');
    expect(back.sms).toContain('Reply 1-3');
    const refund = seen(await chat.send("I'll take the refund"));
    expect(refund.text).toContain(`I'll cancel booking ${b.pnr} and refund`);
    expect(refund.text).toContain('cannot be undone');
    const done = seen(await chat.send('Yes, do it'));
    expect(done.text).toContain(`booking ${b.pnr} is cancelled`);
    expect(done.text).toContain('on its way back to your card');
    expect(fake.chosen.map((c) => c.offer.kind)).toEqual(['refund']);
  });

  it('a delay: "that\'s fine, keep me on it" keeps the flight once confirmed', async () => {
    const b = await paid(ada, 5);
    const fake = new FakeDisruptions();
    fake.set(delayOf(b, '21:40'));
    const chat = chatAs(ada, fake);
    const notice = seen(await notify(chat, fake.get(b.pnr), b));
    expect(notice.text).toContain('is delayed');
    const confirm = seen(await chat.send("that's fine, keep me on it"));
    expect(confirm.text).toMatch(/you stay on \w+, now leaving at 21:40/);
    const done = seen(await chat.send('yes please'));
    expect(done.text).toMatch(/OK, you stay on \w+, now leaving at 21:40/);
    expect(fake.chosen.map((c) => c.offer.kind)).toEqual(['keep']);
  });

  it('"can I have a later one?" shows the offers, then the later page, then says there is none later', async () => {
    const b = await paid(ada, 6);
    const fake = new FakeDisruptions();
    fake.set(cancellationOf(b, ['12:00', '14:00', '16:00', '19:00']));
    const chat = chatAs(ada, fake);
    await notify(chat, fake.get(b.pnr), b);
    const offers = seen(await chat.send('can I have a later one?'));
    expect(offers.text).toContain('has been cancelled');
    expect(offers.text).toContain('1. JW801 12:00');
    expect(offers.text).toContain('Later flights');
    const later = seen(await chat.send('can I have a later one?'));
    expect(later.text).toContain('Here are later flights');
    expect(later.text).toContain('1. JW804 19:00');
    const none = seen(await chat.send('anything later?'));
    expect(none.text).toContain('no later flight with free seats');
    expect(none.sms).toContain('Reply 1-');
    expect(fake.chosen).toEqual([]);
  });

  it('writing first without an account: asks reference and last name, shows the offers, picks by number', async () => {
    const b = await paid(ada, 7);
    const fake = new FakeDisruptions();
    fake.set(cancellationOf(b, ['17:10']));
    const chat = chatAs(null, fake);
    const ask = seen(await chat.send('my flight was cancelled, what now?'));
    expect(ask.text).toContain('booking reference and last name');
    const offers = seen(await chat.send(`${b.pnr} Lovelace`));
    expect(offers.text).toContain(`(booking ${b.pnr}), due to leave at`);
    expect(offers.text).toMatch(/due to leave at \d\d:\d\d (UTC|[+-]\d\d:\d\d) on/);
    expect(offers.text).toContain('1. JW801 17:10');
    expect(offers.sms).toContain('1) JW801 17:10');
    expect(offers.sms).toContain('Reply 1-2');
    expect(seen(await chat.send('2')).text).toContain('refund');
    const done = seen(await chat.send('1'));
    expect(done.text).toContain(`booking ${b.pnr} is cancelled`);
  });

  it('writing first signed in: the one disrupted booking is found without asking', async () => {
    const b = await paid(ada, 8);
    const fake = new FakeDisruptions();
    fake.set(delayOf(b, '22:15'));
    const offers = seen(await chatAs(ada, fake).send('is my flight delayed?'));
    expect(offers.text).toContain(`(booking ${b.pnr}) is delayed: it now leaves at 22:15`);
    expect(offers.text).toContain('Keep my flight');
    expect(offers.text).toContain('Full refund');
  });

  it('an offer whose seats someone else took meanwhile: said so, with fresh offers', async () => {
    const b = await paid(ada, 9);
    const fake = new FakeDisruptions();
    const d = cancellationOf(b, ['17:10', '18:05']);
    fake.set(d);
    fake.gone.set('rebook-1', 'taken');
    const later = d.offers[1]!;
    if (later.kind !== 'rebook') throw new Error('expected a rebooking offer');
    fake.fresh = [{ ...later, id: 'rebook-3', seats: ['20A'] }];
    const chat = chatAs(ada, fake);
    await notify(chat, d, b);
    seen(await chat.send('the first one'));
    const again = seen(await chat.send('yes'));
    expect(again.text).toContain('taken by someone else');
    expect(again.text).toContain('Here is what I can offer now');
    expect(again.text).toContain('1. JW802 18:05');
    expect(again.sms).toContain('seat 20A');
    expect(fake.chosen).toEqual([]);
  });

  it('an offer that ran out: said so, with fresh offers', async () => {
    const b = await paid(ada, 10);
    const fake = new FakeDisruptions();
    const d = cancellationOf(b, ['17:10']);
    fake.set(d);
    fake.gone.set('rebook-1', 'expired');
    const chat = chatAs(ada, fake);
    seen(await chat.send(`my flight ${b.pnr} was cancelled`));
    seen(await chat.send('1'));
    const again = seen(await chat.send('yes'));
    expect(again.text).toContain('ran out before it was confirmed');
  });

  it('no disruption on the booking: said plainly, with the departure in local time and offset', async () => {
    const b = await paid(ada, 11);
    const turn = seen(await chatAs(ada, new FakeDisruptions()).send(`is my flight ${b.pnr} delayed?`));
    expect(turn.text).toContain(`Your flight ${b.flights[0]!.flightNumber}`);
    expect(turn.text).toMatch(/is running as booked: it leaves at \d\d:\d\d (UTC|[+-]\d\d:\d\d) on/);
    expect(turn.sms).toContain('running as booked');
  });
});
