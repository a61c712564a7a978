import { bearer, dateAhead, expectError, MINUTE } from '../../helpers/api-helpers';
import { type ChatApp, createChatApp } from '../../helpers/chat-app';
import { DB_TARGETS } from '../../helpers/test-app';

/** Rate limits on the chat: booking look-ups shared with the HTTP API, chat tokens and messages. */
describe.each(DB_TARGETS)('chat rate limits (%s)', (target) => {
  let c: ChatApp;
  let pnr: string;
  beforeAll(async () => {
    c = await createChatApp({
      target,
      env: {
        RATE_LIMIT_LOOKUP_PER_15_MIN: '4',
        RATE_LIMIT_CHAT_MESSAGES_PER_MINUTE: '12',
        RATE_LIMIT_CHAT_TOKENS_PER_15_MIN: '6',
      },
    });
    const s = c.t.services;
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
        departureDate: dateAhead(c.t, 1),
        adults: 1,
        children: 0,
        infants: 0,
        cabin: 'economy',
        flexDays: 0,
        nonStop: false,
        sort: 'price',
        limit: 1,
        page: 1,
      })
    ).outbound;
    const segment = offer!.segments[0]!;
    pnr = (
      await s.bookings.createHold(
        { kind: 'user', userId: user.id, role: 'traveller' },
        {
          flights: [{ flightId: segment.flightId, cabin: 'economy', fareFamily: 'standard', direction: 'outbound' }],
          passengers: [{ firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1980-01-01' }],
          contact: { email: 'grace@example.com', phone: '+44 20 7946 0000' },
        },
      )
    ).pnr;
  }, 60_000);
  afterAll(() => c.close());
  /** A new window for every limit (they count on the services' clock). */
  const nextWindow = () => c.t.clock.advance(16 * MINUTE);

  async function conversation() {
    const r = await c.http.post('/api/v1/chat/token').send({});
    expect(r.status).toBe(200);
    const { token, conversationId } = r.body as { token: string; conversationId: string };
    await c.http.post('/v3/directline/conversations').set(bearer(token));
    let seen = 0;
    return {
      post: (text: string) =>
        c.http
          .post(`/v3/directline/conversations/${conversationId}/activities`)
          .set(bearer(token))
          .send({ type: 'message', text }),
      /** Posts and returns what the bot answered to it. */
      async say(text: string): Promise<string> {
        const posted = await this.post(text);
        expect(posted.status).toBe(200);
        const all = await c.http.get(`/v3/directline/conversations/${conversationId}/activities`).set(bearer(token));
        const acts = (all.body.activities as { from: { role?: string }; text?: string }[]).slice(seen);
        seen += acts.length;
        return acts
          .filter((a) => a.from.role === 'bot')
          .map((a) => a.text ?? '')
          .join('\n');
      },
    };
  }

  it('booking look-ups by last name share one limit per address across conversations and the HTTP API', async () => {
    nextWindow();
    const a = await conversation();
    expect(await a.say(`my booking is ${pnr}`)).toMatch(/last name/);
    const guesses: string[] = [];
    guesses.push(await a.say('Lovelace'));
    for (const name of ['Turing', 'Babbage', 'Knuth', 'Liskov', 'Hopper']) guesses.push(await a.say(`${pnr} ${name}`));
    expect(guesses.slice(0, 4).every((g) => /couldn.t find a booking/.test(g))).toBe(true);
    // The fifth guess and then even the right name are refused: nothing is unlocked.
    for (const reply of guesses.slice(4)) {
      expect(reply).toMatch(/more look-ups than I can do/);
      expect(reply).not.toMatch(/Hopper|LHR|CDG|Pay|Cancel/);
    }
    // The same address over HTTP is out of look-ups too, and so is a new conversation from it.
    expectError(await c.http.get(`/api/v1/bookings/${pnr}?lastName=Hopper`), 429, 'rate_limited');
    const b = await conversation();
    await b.say(`my booking is ${pnr}`);
    expect(await b.say('Hopper')).toMatch(/more look-ups than I can do/);
    // A new window lets the traveller in.
    nextWindow();
    const later = await conversation();
    await later.say(`my booking is ${pnr}`);
    expect(await later.say('Hopper')).toMatch(new RegExp(pnr));
  }, 60_000); // a dozen chat turns

  it('messages per conversation are limited: 429 with a way forward', async () => {
    nextWindow();
    const a = await conversation();
    const statuses: number[] = [];
    let refused: { status: number; body: { error: { code: string; message: string } } } | undefined;
    for (let i = 0; i < 14; i++) {
      const r = await a.post(`hello ${i}`);
      statuses.push(r.status);
      if (r.status === 429) refused = r as never;
    }
    expect(statuses.slice(0, 12).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    expect(refused!.body.error.code).toBe('rate_limited');
    expect(refused!.body.error.message).toMatch(/wait .* and try again/);
  });

  it('chat tokens per address are limited', async () => {
    nextWindow();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.http.post('/api/v1/chat/token').send({})).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });
});
