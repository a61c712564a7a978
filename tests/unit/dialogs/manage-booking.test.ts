import { DomainError } from '../../../api/errors';
import { MainDialog } from '../../../dialogs/main.dialog';
import { MANAGE_BOOKING_DIALOG, ManageBookingDialog } from '../../../dialogs/manage-booking/manage-booking.dialog';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { CASES, statusOf } from './manage-booking.cases';
import { Chat, dialogDeps, hold, pay, type Traveller, traveller } from './manage-booking.harness';

describe('manage booking dialog (sqlite)', () => {
  let t: TestApp;
  let ada: Traveller;
  beforeAll(async () => {
    t = await createTestApp({ days: 14 });
    ada = await traveller(t);
  }, 60_000);
  afterAll(() => t.close());

  const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const f = await c.setup(t, ada);
    const env = dialogDeps(t);
    const chat = new Chat(env, new ManageBookingDialog(env.deps), f.options, f.identity ?? null);
    // The first message starts the dialog (as the main dialog would); cases that check the opening say "hi" themselves.
    if (c.turns[0]?.say !== 'hi') await chat.send('hi');
    for (const turn of c.turns) {
      const said = typeof turn.say === 'string' ? fill(turn.say, f.vars) : turn.say;
      const got = await chat.send(said);
      const where = `after "${JSON.stringify(said)}" the bot said:\n${got.text}`;
      for (const e of turn.expect ?? [])
        expect({ where, has: got.text.includes(fill(e, f.vars)) }).toEqual({ where, has: true });
      for (const e of turn.not ?? [])
        expect({ where, has: got.text.includes(fill(e, f.vars)) }).toEqual({ where, has: false });
      if (turn.cards) expect({ where, cards: got.cards }).toEqual({ where, cards: turn.cards });
    }
    if ('result' in c) expect({ ended: chat.ended, result: chat.result }).toEqual({ ended: true, result: c.result });
    await c.after?.(t, f.vars);
  });

  it('works under the main dialog: routing, a help question in the middle, then the explicit yes', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t);
    const chat = new Chat(env, new MainDialog(env.deps), {});
    expect((await chat.send('I want to manage my booking')).text).toContain('booking reference and last name');
    expect((await chat.send(`${b.pnr} Lovelace`)).cards).toEqual(['booking']);
    expect((await chat.send('Cancel booking')).cards).toEqual(['cancellation_quote']);
    const help = await chat.send('how many bags can I take?');
    expect(help.cards).toEqual(['article', 'cancellation_quote']);
    expect(help.text).toContain('How much baggage can I take?');
    expect((await chat.send('Yes, cancel my booking')).text).toContain('Cancelled. The held seats are released');
    expect(await statusOf(t, b.pnr)).toBe('cancelled');
  });

  it('explains politely when look-ups are rate limited', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t, (api) => ({
      ...api,
      getBooking: async () => {
        throw new DomainError(
          'rate_limited',
          'rate_limited',
          'Too many attempts. Please wait 4 minutes and try again.',
        );
      },
    }));
    const chat = new Chat(env, new ManageBookingDialog(env.deps), {});
    await chat.send('hi');
    const got = await chat.send(`${b.pnr} Lovelace`);
    expect(got.text).toContain('Please wait 4 minutes');
    expect(got.text).toContain('booking reference and last name');
  });

  it('an expired quote is replaced and asked again', async () => {
    const b = await hold(t, ada);
    await pay(t, ada, b.pnr);
    const env = dialogDeps(t);
    const chat = new Chat(env, new ManageBookingDialog(env.deps), { pnr: b.pnr, action: 'cancel' }, ada.identity);
    expect((await chat.send('cancel my booking')).cards).toEqual(['cancellation_quote']);
    t.clock.advance(16 * 60_000);
    try {
      const again = await chat.send('yes');
      expect(again.text).toContain('That quote had expired, so here is a fresh one');
      expect(again.cards).toEqual(['cancellation_quote']);
      expect((await chat.send('yes')).text).toContain('Cancelled. A refund of');
    } finally {
      t.clock.advance(-16 * 60_000);
    }
    expect(await statusOf(t, b.pnr)).toBe('cancelled');
  });

  it('the bot never keeps a booking between conversations: a new conversation asks again', async () => {
    const b = await hold(t, ada);
    const env = dialogDeps(t);
    const first = new Chat(env, new ManageBookingDialog(env.deps), {});
    await first.send('hi');
    expect((await first.send(`${b.pnr} Lovelace`)).cards).toEqual(['booking']);
    const second = new Chat(env, new ManageBookingDialog(env.deps), {});
    expect((await second.send('hi')).text).toContain('booking reference and last name');
    expect(MANAGE_BOOKING_DIALOG).toBe('manageBooking');
  });
});
