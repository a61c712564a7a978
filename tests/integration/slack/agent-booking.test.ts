import { drain, holdBooking } from '../../helpers/payment-flow';
import { DB_TARGETS } from '../../helpers/test-app';
import {
  blockAction,
  blocksOf,
  buttonsOf,
  createSlackApp,
  dm,
  FakeSlack,
  type SlackApp,
  slackUser,
  SUPPORT_CHANNEL,
  textOf,
  threadReply,
} from './slack-harness';

const ALICE = 'UALICE002';
const TOM = 'UTOM00002';

describe.each(DB_TARGETS)('Slack: agents act on the booking from the thread (%s)', (target) => {
  let h: SlackApp;
  const fake = new FakeSlack();
  beforeAll(async () => {
    fake.install();
    h = await createSlackApp({ target });
    await slackUser(h, fake, ALICE, 'agent', 'Alice');
    await slackUser(h, fake, TOM, 'traveller', 'Tom');
  }, 60_000);
  afterAll(async () => {
    await h.close();
    fake.uninstall();
  });

  it(
    'links a booking, shows it, resends the payment link and the ticket, ' +
      'changes a seat and cancels with a confirmation step',
    async () => {
      const ch = 'DBOOK0001';
      const traveller = 'UTRAVD1';
      const say = async (text: string) => {
        await h.event(dm(traveller, ch, text));
        await h.idle();
      };
      const cmd = async (user: string, text: string) => {
        fake.clear();
        await h.event(threadReply(user, c.threadRef!, text));
        await h.idle();
        return fake.ephemerals(user);
      };
      const header = () => {
        const updates = fake.of('chat.update').filter((u) => u.channel === SUPPORT_CHANNEL && u.ts === ts);
        return updates[updates.length - 1] ?? fake.posts(SUPPORT_CHANNEL, null)[0]!;
      };
      let currentHeader: Record<string, unknown>;
      const click = async (
        user: string,
        label: string,
        on: Record<string, unknown> = currentHeader,
        where: { ephemeral?: boolean } = {},
      ) => {
        const b = buttonsOf(on).find((x) => x.label === label);
        if (!b) throw new Error(`no "${label}" button`);
        fake.clear();
        await h.action(
          blockAction({
            user,
            channel: SUPPORT_CHANNEL,
            messageTs: ts,
            actionId: b.actionId,
            value: b.value,
            label,
            blocks: blocksOf(on),
            ephemeral: where.ephemeral,
            threadTs: where.ephemeral ? ts : undefined,
          }),
        );
        await h.idle();
      };

      await say('hello');
      await say('I want to talk to a person');
      const c = (await h.t.services.support.active(`slack:${ch}`))!;
      const ts = c.threadRef!.slice(c.threadRef!.indexOf(':') + 1);
      currentHeader = header();
      expect(textOf(currentHeader)).toMatch(/No booking linked yet/);
      await click(ALICE, 'Take over');
      currentHeader = header();

      // No booking yet: the service's error is shown to the agent only.
      expect((await cmd(ALICE, '!booking')).map((e) => e.text).join('\n')).toMatch(
        /This case has no booking yet; link one with its PNR first/,
      );
      expect((await cmd(ALICE, '!pnr ZZZZZZ')).map((e) => e.text).join('\n')).toMatch(/No booking matches/);

      const held = await holdBooking(h.t, { email: 'ada.traveller@example.com' });
      fake.clear();
      await h.event(threadReply(ALICE, c.threadRef!, `!pnr ${held.pnr.toLowerCase()}`));
      await h.idle();
      expect((await h.t.services.support.get(c.id))!.pnr).toBe(held.pnr);
      currentHeader = header();
      expect(textOf(currentHeader)).toContain(`PNR *${held.pnr}*`);
      expect(textOf(currentHeader)).toMatch(/awaiting payment/);
      expect(buttonsOf(currentHeader).map((b) => b.label)).toEqual([
        'Hand back to bot',
        'Resolve',
        'View booking',
        'Resend payment link',
        'Resend ticket',
        'Change seat…',
        'Cancel booking…',
      ]);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        `Alice Support linked booking ${held.pnr}`,
      );

      // View booking (unmasked, for agents).
      await click(ALICE, 'View booking');
      const view = fake.ephemerals(ALICE)[0]!;
      expect(textOf(view)).toContain(held.pnr);
      expect(textOf(view)).toContain('ada.traveller@example.com');
      expect(textOf(view)).toMatch(/flight id \d+/);
      // A non-agent cannot act.
      await click(TOM, 'View booking');
      expect(
        fake
          .ephemerals(TOM)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/only support agents can act on cases/i);

      // Resend the payment link: the traveller gets it in their DM.
      await click(ALICE, 'Resend payment link');
      const linkMsg = fake.posts(ch).find((p) => /new payment link/.test(textOf(p)))!;
      expect(linkMsg).toBeDefined();
      const pay = blocksOf(linkMsg)
        .flatMap((b) => (b.accessory ? [b.accessory] : []))
        .find((e) => (e as { url?: string }).url) as { url: string } | undefined;
      expect(pay?.url).toMatch(/\/pay\//);
      expect(fake.ephemerals(ALICE)[0]!.text).toContain(pay!.url);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        'Alice Support sent the traveller a new payment link.',
      );

      // Change a seat: the help first, then the command (mistakes explained privately).
      await click(ALICE, 'Change seat…');
      const flightNumber = held && (await h.t.services.bookings.view(held.pnr, false))!.flights[0]!.flightNumber;
      expect(textOf(fake.ephemerals(ALICE)[0]!)).toContain(`!seat 1 ${flightNumber} 12A`);
      expect((await cmd(ALICE, '!seat 3 XX1 12A')).map((e) => e.text).join('\n')).toMatch(/There is no passenger 3/);
      expect((await cmd(ALICE, `!seat 1 ${flightNumber} 1A`)).map((e) => e.text).join('\n')).toMatch(
        /There is no seat 1A in economy/,
      );
      await cmd(ALICE, `!seat 1 ${flightNumber.toLowerCase()} 40c`);
      expect(fake.posts(ch).map(textOf).join('\n')).toContain('Your seat was changed to 40C.');
      expect(Object.values((await h.t.services.bookings.view(held.pnr, false))!.passengers[0]!.seats)).toEqual(['40C']);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        `Alice Support changed passenger 1's seat on ${flightNumber} to 40C.`,
      );

      // The traveller pays; the ticket can be sent again.
      const paid = await h.t.http
        .post(new URL(pay!.url).pathname)
        .type('form')
        .send({ card: '4242424242424242', action: 'pay' });
      expect(paid.status).toBe(200);
      await drain(h.t);
      await h.idle();
      await click(ALICE, 'Resend ticket');
      const ticket = fake.posts(ch).find((p) => /e-ticket/.test(textOf(p)))!;
      expect(ticket).toBeDefined();
      expect(textOf(ticket)).toMatch(/Download e-ticket/);

      // Cancel: a quote first, with Confirm / Keep; nothing happens until confirmed.
      expect((await cmd(ALICE, '!cancel waive no')).map((e) => e.text).join('\n')).toMatch(/Say why the fee is waived/);
      await click(ALICE, 'Cancel booking…');
      const quote = fake.ephemerals(ALICE)[0]!;
      expect(textOf(quote)).toMatch(
        new RegExp(`Cancel booking ${held.pnr}\\?[\\s\\S]*Refund[\\s\\S]*Cancellation fee`),
      );
      expect(buttonsOf(quote).map((b) => b.label)).toEqual(['Confirm cancellation', 'Keep booking']);
      expect((await h.t.services.bookings.view(held.pnr, false))!.status).toBe('confirmed');
      await click(ALICE, 'Keep booking', quote, { ephemeral: true });
      expect(fake.responses.map((r) => r.body.text).join('\n')).toMatch(/Kept the booking/);
      expect((await h.t.services.bookings.view(held.pnr, false))!.status).toBe('confirmed');

      const waived = (await cmd(ALICE, '!cancel waive flight delayed, goodwill'))[0]!;
      expect(textOf(waived)).toMatch(/\(waived\)/);
      await click(TOM, 'Confirm cancellation', waived, { ephemeral: true });
      expect(
        fake
          .ephemerals(TOM)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/only support agents/i);
      expect((await h.t.services.bookings.view(held.pnr, false))!.status).toBe('confirmed');
      await click(ALICE, 'Confirm cancellation', waived, { ephemeral: true });
      expect((await h.t.services.bookings.view(held.pnr, false))!.status).toBe('cancelled');
      expect(fake.responses.map((r) => r.body.text).join('\n')).toMatch(
        new RegExp(`Alice Support cancelled booking ${held.pnr} \\(refund .+\\)`),
      );
      expect(fake.posts(ch).map(textOf).join('\n')).toContain(
        `Booking ${held.pnr} has been cancelled by our support team`,
      );
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        `Alice Support cancelled booking ${held.pnr}`,
      );
      // The quote is spent: a second confirmation is refused.
      await click(ALICE, 'Confirm cancellation', waived, { ephemeral: true });
      expect(
        fake
          .ephemerals(ALICE)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/already|cancelled/i);

      // The services audited the agent's actions.
      const alice = (await h.t.services.repos.users.findByEmail('alice.ualice002@jetway.example'))!;
      const audit: { action: string; reason: string | null }[] = await h.t.services.db.dataSource.query(
        'SELECT action, reason FROM audit_log WHERE actor_user_id = ? ORDER BY id',
        [alice.id],
      );
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining(['support.take_over', 'booking.seats_changed']),
      );
      expect(audit.some((a) => /cancel/.test(a.action))).toBe(true);
      expect(audit.some((a) => a.reason === 'flight delayed, goodwill')).toBe(true);

      // Complaint progress.
      await cmd(ALICE, '!status refund on its way');
      expect((await h.t.services.support.get(c.id))!.progress).toBe('refund on its way');
    },
    90_000,
  );
});
