import type { BookingView } from '../../../api/services/booking-view';
import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { type Chat, chat, climb, dateIn, fixedNow, lastCode, toReview } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/** Card numbers are refused and never kept; nothing typed in a chat acts for another traveller. */
describe.each(DB_TARGETS)('security in the chat (%s)', (target) => {
  let h: BotHarness;
  let grace: BookingView;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
    const s = h.t.services;
    const user = await s.auth.createUser({
      email: 'grace@example.com',
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
        passengers: [{ firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1980-01-01' }],
        contact: { email: 'grace@example.com', phone: '+44 20 7946 0000' },
      },
    );
  }, 60_000);
  afterAll(() => h.close());

  /** Everything the bot keeps about a chat: its conversation and user state rows. */
  const stateOf = async (c: Chat): Promise<string> => {
    const rows: { state_key: string; data: string }[] = await h.t.services.db.run((em) =>
      em.query('SELECT state_key, data FROM bot_state'),
    );
    const mine = rows.filter(
      (r) => r.state_key.includes(c.conversationId) || r.state_key.includes(`/users/${c.userId}/`),
    );
    expect(mine.length).toBeGreaterThan(0);
    return mine.map((r) => r.data).join('\n');
  };
  const WARNING = /^For your safety, please never type card numbers in the chat: I have not kept it\./;

  it.each([
    'my card is 4242 4242 4242 4242',
    '4242424242424242',
    'pay with 4000-0000-0000-0002 exp 12/29',
    'card 5555 5555 5555 4444 please',
  ])('"%s" at the start is refused with a warning and not kept', async (said) => {
    const c = chat(h);
    expect(await c.say(said)).toMatch(WARNING);
    const digits = said.replace(/\D/g, '').slice(0, 16);
    // However it was spaced: digits joined across single spaces and dashes.
    const kept = (await stateOf(c)).replace(/(\d)[ -](?=\d)/g, '$1');
    expect(kept).not.toContain(digits);
  });

  it('a card number in the middle of a booking is refused and not kept, and the booking carries on', async () => {
    const c = chat(h);
    await climb(c, h.t, 9);
    expect(await c.say('my card is 4242 4242 4242 4242, expiry 12/29')).toMatch(WARNING);
    const state = await stateOf(c);
    expect(state.replace(/\s/g, '')).not.toContain('4242424242424242');
    expect(state).not.toMatch(/4242 4242/);
    expect(await c.say(c.email)).toMatch(/6-digit code/);
  });

  it('numbers that are not card numbers (a phone) are not refused', async () => {
    const c = chat(h);
    await climb(c, h.t, 9);
    expect(await c.say(`${c.email} +44 7700 900123`)).toMatch(/6-digit code/);
  });

  it(
    "another booking's reference alone reveals nothing: the last name is " + 'asked, a wrong one is "not found"',
    async () => {
      const c = chat(h);
      const asked = await c.say(`my booking is ${grace.pnr}`);
      expect(asked).toBe(`What is the last name of a passenger on booking ${grace.pnr}?`);
      const wrong = await c.say('Lovelace');
      expect(wrong).toMatch(/^I couldn't find a booking with that reference and last name\./);
      for (const reply of [asked, wrong]) expect(reply).not.toMatch(/Grace|Hopper|grace@|LHR|CDG|£|7946/);
    },
  );

  it.each([
    (pnr: string) => `cancel booking ${pnr}`,
    (pnr: string) => `change my seat on ${pnr}`,
    (pnr: string) => `send me the ticket for ${pnr}`,
  ])('asking to act on another booking (%#) without its last name reveals and changes nothing', async (ask) => {
    const c = chat(h);
    const reply = await c.say(ask(grace.pnr));
    expect(reply).toMatch(
      new RegExp(`last name of a passenger on booking ${grace.pnr}|booking reference and last name`),
    );
    expect(reply).not.toMatch(/Grace|Hopper|LHR|£/);
    expect(await c.say('yes')).not.toMatch(/Cancelled|Grace|Hopper/);
    expect((await h.t.services.bookings.view(grace.pnr, false)).status).toBe('held');
  });

  it("a traveller verified in the chat still cannot open someone else's booking by its reference", async () => {
    const c = chat(h);
    await toReview(c, h.t);
    await c.say('never mind');
    const reply = await c.say(`show my booking ${grace.pnr}`);
    expect(reply).toMatch(new RegExp(`last name of a passenger on booking ${grace.pnr}`));
    expect(reply).not.toMatch(/Grace|Hopper/);
  });

  it("being verified in one chat does not verify another traveller's chat", async () => {
    const a = chat(h);
    await toReview(a, h.t);
    const b = chat(h);
    await climb(b, h.t, 9);
    expect(await b.say(a.email)).toMatch(/I've sent a 6-digit code/);
  });

  it('a code sent to one address does not verify another', async () => {
    const a = chat(h);
    await climb(a, h.t, 10);
    const b = chat(h);
    await climb(b, h.t, 10);
    expect(await b.say(await lastCode(h.t, a.email))).toMatch(/^That code is not right|^Please/);
  });
});
