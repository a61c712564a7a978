import type { BookingView } from '../../../api/services/booking-view';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, dateIn, fixedNow, payOnPage } from '../../helpers/dialog-helpers';
import { binary } from '../../helpers/payment-flow';
import { pdfText } from '../../helpers/pdf-text';
import { DB_TARGETS } from '../../helpers/test-app';

const EMAIL = 'grace.hopper@example.com';

describe.each(DB_TARGETS)('masking in the chat (%s)', (target) => {
  let h: BotHarness;
  let grace: BookingView;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
    const s = h.t.services;
    const user = await s.auth.createUser({
      email: EMAIL,
      password: null,
      firstName: 'Grace',
      lastName: 'Hopper',
      role: 'traveller',
    });
    const [offer] = (
      await s.search.search({
        origin: 'LHR',
        destination: 'CDG',
        departureDate: dateIn(h.t, 8),
        adults: 1,
        children: 0,
        infants: 0,
        cabin: 'economy',
        flexDays: 0,
        nonStop: true,
        sort: 'price',
        limit: 1,
        page: 1,
      })
    ).outbound;
    grace = await s.bookings.createHold(
      { kind: 'user', userId: user.id, role: 'traveller' },
      {
        flights: [
          { flightId: offer!.segments[0]!.flightId, cabin: 'economy', fareFamily: 'standard', direction: 'outbound' },
        ],
        passengers: [{ firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1976-12-09' }],
        contact: { email: EMAIL, phone: '+44 20 7946 0000' },
      },
    );
  }, 60_000);
  afterAll(() => h.close());

  /** The e-ticket a link in the chat opens, as text. */
  const ticketAt = async (text: string): Promise<string> => {
    const url = new URL(/(http\S+tickets\.pdf\?t=\S+)/.exec(text)![1]!);
    const res = await binary(h.t.http.get(url.pathname + url.search));
    expect(res.status).toBe(200);
    return pdfText(res.body as Buffer);
  };
  const expectMasked = (text: string) => {
    expect(text).not.toContain(EMAIL);
    expect(text).not.toContain('7946');
    expect(text).not.toMatch(/Payment reference/);
  };

  it('a booking paid from a chat that opened it with a last name is told there masked, with a masked e-ticket', async () => {
    const c = chat(h);
    expect(await c.say(`I want to pay for booking ${grace.pnr}`)).toMatch(/last name of a passenger/);
    expect(await c.say('Hopper')).toMatch(/is on hold/);
    const link = /(http\S+\/pay\/sandbox\/\S+)/.exec(await c.say('pay'))![1]!;
    expect(await payOnPage(h.t, link)).toBe(200);
    const told = c.drain();
    expect(told).toMatch(new RegExp(`booking ${grace.pnr} is confirmed`));
    expect(told).toContain('A confirmation email is on its way to g•••@example.com.');
    expectMasked(told);
    const ticket = await ticketAt(told);
    expect(ticket).toContain(grace.pnr);
    expect(ticket).toContain('g•••@example.com');
    expectMasked(ticket);
  });

  it('"E-ticket" for a booking opened with a last name gives a link to the masked PDF', async () => {
    const c = chat(h);
    await c.say(`show booking ${grace.pnr}`);
    expect(await c.say('Hopper')).toMatch(/is confirmed/);
    const reply = await c.say('E-ticket');
    expect(reply).toMatch(new RegExp(`Your e-ticket for booking ${grace.pnr}: http`));
    expectMasked(reply);
    expectMasked(await ticketAt(reply));
  });
});
