import { decodeBcbpMandatory } from '../../../api/domain/bcbp';
import { renderAdaptive } from '../../../cards/adaptive/render';
import { renderSms } from '../../../cards/sms/render';
import type { BotMessage } from '../../../cards/types';
import { MainDialog } from '../../../dialogs/main.dialog';
import { notificationFor } from '../../../dialogs/notifications';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { Chat, dialogDeps, hold, pay, type Traveller, traveller } from '../../unit/dialogs/manage-booking.harness';

const HOUR = 3_600_000;

/** Check-in in the chat, under the main dialog, with the web (Adaptive Card) and SMS renderings of the passes. */
describe('check-in dialog (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  let start: Date;
  beforeAll(async () => {
    t = await createTestApp({ days: 14 });
    ada = await traveller(t);
    start = t.clock.now();
  }, 60_000);
  afterEach(() => t.clock.set(start));
  afterAll(() => t.close());

  /** A paid booking `days` ahead, and the clock moved to `hoursBefore` its departure. */
  const paidBooking = async (days: number, hoursBefore: number | null) => {
    const b = await hold(t, ada, { days });
    await pay(t, ada, b.pnr);
    if (hoursBefore !== null)
      t.clock.set(new Date(new Date(b.flights[0]!.departureUtc).getTime() - hoursBefore * HOUR));
    return b;
  };
  const chatAs = (who: Traveller | null) => {
    const env = dialogDeps(t);
    return new Chat(env, new MainDialog(env.deps), {}, who?.identity ?? null);
  };

  it('asks nationality, expiry and number one at a time, corrects bad answers, and shows the pass', async () => {
    const b = await paidBooking(5, 3);
    const chat = chatAs(ada);
    const opening = await chat.send(`I'd like to check in for ${b.pnr}`);
    expect(opening.text).toContain(`Check-in is open for ${b.flights[0]!.flightNumber}`);
    expect(opening.text).toContain('Yes, check in');
    expect((await chat.send('yes')).text).toContain('Ada Lovelace: what nationality');
    expect((await chat.send('British')).text).toContain('3-letter nationality code');
    expect((await chat.send('GBR')).text).toContain('When does Ada Lovelace');
    const tooSoon = await chat.send(b.flights[0]!.departureTime.slice(0, 10));
    expect(tooSoon.text).toContain('expires before the end of the trip');
    expect((await chat.send('20/05/2031')).text).toContain('passport number? I only keep its last 4');
    expect((await chat.send('12')).text).toContain('5 to 20 letters and digits');
    const done = await chat.send('AB 1234567');
    expect(done.text).toContain("You're checked in!");
    expect(done.text).not.toContain('1234567');
    expect(done.cards).toEqual(['boarding_pass']);
    const pass = done.messages.find((m) => m.card?.kind === 'boarding_pass')!;
    expectWebAndSms(pass, b.pnr);
    // Asked again (a new request to the main dialog): the passes come back, nothing is asked.
    const again = await chatAs(ada).send(`check in ${b.pnr}`);
    expect(again.text).toContain('already checked in');
    expect(again.cards).toEqual(['boarding_pass']);
  });

  it('says when check-in opens, and refuses an unpaid booking, without asking for passports', async () => {
    const b = await paidBooking(6, null);
    const early = await chatAs(ada).send(`check me in for ${b.pnr}`);
    expect(early.text).toMatch(/Check-in for \w+ opens in \d+ days/);
    expect(early.text).toContain('reminder');
    const held = await hold(t, ada, { days: 7 });
    const unpaid = await chatAs(ada).send(`check in for ${held.pnr}`);
    expect(unpaid.text).toContain('not paid yet');
    expect(unpaid.text).not.toContain('nationality');
  });

  it('is offered on a confirmed booking’s menu, and "not now" goes back to the booking', async () => {
    const b = await paidBooking(8, 2);
    const chat = chatAs(ada);
    const menu = await chat.send(`show me booking ${b.pnr}`);
    expect(menu.text).toContain('Check in');
    expect((await chat.send('Check in')).text).toContain('Shall we start?');
    const back = await chat.send('Not now');
    expect(back.text).toContain('OK, not now');
    expect(back.cards).toEqual(['booking']);
  });

  it('renders the "check-in is open" reminder with a Check in now choice on the web and by SMS', () => {
    const event = {
      type: 'checkin.opened' as const,
      bookingId: 1,
      pnr: 'ABC234',
      flightId: 7,
      flightNumber: 'BA304',
      from: 'LHR',
      to: 'CDG',
      departureTime: '2026-12-10T18:30:00+00:00',
    };
    const m = notificationFor(event, null, '')!;
    expect(m.text).toContain('Check-in is open for BA304 LHR–CDG (booking ABC234), departing 18:30 on Thu 10 Dec');
    expect(m.choices).toEqual([{ value: 'checkin:ABC234', label: 'Check in now' }]);
    expect(renderSms(m).join('\n')).toContain('1) Check in now');
    expect(renderAdaptive(m).suggestedActions?.actions[0]?.title).toBe('Check in now');
  });
});

/** Web Chat shows the barcode image and a PDF button; SMS gives the same as links. */
function expectWebAndSms(pass: BotMessage, pnr: string): void {
  if (pass.card?.kind !== 'boarding_pass') throw new Error('not a boarding pass');
  const p = pass.card.pass;
  expect(decodeBcbpMandatory(p.barcodeData).legs[0]).toMatchObject({ pnr, passengerStatus: '1' });
  expect(p.document).toBe('•••• 4567');
  const web = JSON.stringify(renderAdaptive(pass).attachments[0]!.content);
  expect(web).toContain(`"type":"Image","url":"${p.imageUrl}"`);
  expect(web).toContain(`"type":"Action.OpenUrl","title":"Boarding pass (PDF)","url":"${p.pdfUrl}"`);
  const sms = renderSms(pass).join('\n');
  expect(sms).toContain(`Barcode to show at the gate: ${p.imageUrl}`);
  expect(sms).toContain(`PDF: ${p.pdfUrl}`);
  expect(sms).toContain('Passport: **** 4567');
}
