import { createSmsHarness, type SmsHarness } from '../sms/harness';
import { HOUR, holdTrip, paidTrip } from './check-in-helpers';

/**
 * A booking made over the API has no conversation to continue: its reminders still reach the traveller,
 * by SMS to the booking's phone (through Twilio's REST API, faked), once.
 */
describe('reminders by SMS when no conversation can be continued (sqlite)', () => {
  let h: SmsHarness;
  beforeAll(async () => {
    h = await createSmsHarness();
  }, 60_000);
  afterAll(() => h.close());
  afterEach(() => expect(h.twilio.unmatched).toEqual([]));

  const phone = '+442079460123'; // the contact phone of the test bookings, "+44 20 7946 0123"
  const deliver = async () => {
    await h.t.services.reminders.runDue();
    await h.t.services.events.dispatchPending();
    await h.runtime.sms.idle();
  };
  const textsTo = () => h.twilio.sent.filter((m) => m.to === phone).map((m) => m.body);

  it('texts "check-in is open" once, with the way to check in', async () => {
    const start = h.t.clock.now();
    const b = await paidTrip(h.t, { days: 4 });
    const before = textsTo().length;
    h.t.clock.set(new Date(b.departures[0]!.getTime() - 23 * HOUR));
    await deliver();
    await deliver();
    const texts = textsTo().slice(before);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`Check-in is open for`);
    expect(texts[0]).toContain(`(booking ${b.pnr})`);
    expect(texts[0]).toContain('1) Check in now');
    h.t.clock.set(start);
  }, 60_000);

  it('texts the hold reminder with the payment link', async () => {
    const start = h.t.clock.now();
    const held = await holdTrip(h.t, { days: 6 });
    const ends = (await h.t.services.repos.bookings.findByPnr(held.pnr))!.booking.holdExpiresAt!;
    const before = textsTo().length;
    h.t.clock.set(new Date(ends.getTime() - 4 * 60_000));
    await deliver();
    const texts = textsTo().slice(before);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(`The hold on booking ${held.pnr} ends`);
    expect(texts[0]).toMatch(/https:\/\/jetway\.example\.com\/pay\/sandbox\/\S+/);
    h.t.clock.set(start);
  }, 60_000);
});
