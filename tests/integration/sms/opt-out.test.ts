import { SmsOptOutEntity } from '../../../bot/channels/sms/sms.entities';
import { ConversationRefRepository } from '../../../bot/conversation-refs.repository';
import { DB_TARGETS } from '../../helpers/test-app';
import { createSmsHarness, type SmsHarness } from './harness';

const OPTED_OUT = "You're unsubscribed from jetway texts and won't get more messages. Reply START to resubscribe.";

/** STOP / START / HELP: answered by the channel, never by the bot; nothing reaches an opted-out number. */
describe.each(DB_TARGETS)('SMS opt-out (%s)', (target) => {
  let h: SmsHarness;
  let n = 0;
  const phone = () => `+4477009005${String(++n).padStart(2, '0')}`;
  const optOutRow = (p: string) =>
    h.t.services.db.run((em) => em.getRepository(SmsOptOutEntity).findOneBy({ phone: p }));

  beforeAll(async () => {
    h = await createSmsHarness({ target });
  }, 60_000);
  afterAll(() => h.close());
  afterEach(() => expect(h.twilio.unmatched).toEqual([]));

  it(
    'STOP opts out with one confirmation; afterwards nothing is sent, ' +
      'proactive messages and booking news included',
    async () => {
      const me = phone();
      const key = `sms:${me}`;
      expect((await h.text(me, 'London to Paris tomorrow')).replies.length).toBeGreaterThan(0);

      expect((await h.text(me, 'STOP')).replies).toEqual([OPTED_OUT]);
      expect(await optOutRow(me)).toMatchObject({ optedOut: true, source: 'STOP' });
      const sentAfterStop = h.twilio.sent.length;

      const info = jest.spyOn(h.t.services.log, 'info');
      try {
        expect((await h.text(me, 'stop')).replies).toEqual([]); // confirmed once only
        expect((await h.text(me, '1')).replies).toEqual([]); // the bot does not even see it
        expect((await h.text(me, 'HELP')).replies).toEqual([]);
        // A proactive message (an agent's reply, a reminder) …
        expect(await h.runtime.messenger.tell(key, { text: 'Your flight leaves in 3 hours.' })).toBe(true);
        // … and booking news through the domain events.
        await new ConversationRefRepository(h.t.services.db).watch('SMSOUT', key);
        await h.t.services.events.publish({ type: 'booking.expired', bookingId: 999_001, pnr: 'SMSOUT' });
        await h.t.services.events.dispatchPending();
        await h.runtime.sms.idle();
        expect(h.twilio.sent.length).toBe(sentAfterStop); // nock saw no further call
        const lines = info.mock.calls.map((c) => String(c[0]));
        expect(lines.filter((l) => /not sent: the number opted out/.test(l)).length).toBeGreaterThanOrEqual(3); // HELP, tell, event
      } finally {
        info.mockRestore();
      }

      // START opts back in (with a confirmation), and messages flow again — booking news included.
      const { replies } = await h.text(me, 'Start');
      expect(replies).toEqual(["You're subscribed to jetway texts. Reply HELP for help, STOP to unsubscribe."]);
      expect(await optOutRow(me)).toMatchObject({ optedOut: false, source: 'START' });
      await h.t.services.events.publish({ type: 'booking.expired', bookingId: 999_002, pnr: 'SMSOUT' });
      await h.t.services.events.dispatchPending();
      expect(h.twilio.to(me).pop()).toMatch(/The hold on booking SMSOUT has ended/);
      expect((await h.text(me, 'London to Paris tomorrow')).replies.join('\n')).toMatch(/One way|LHR/);
    },
  );

  it.each([
    'STOP',
    'stop',
    ' Stop. ',
    'STOPALL',
    'unsubscribe',
    'End',
    'QUIT!',
    'cancel',
    'OPTOUT',
    'Revoke',
    'stop texting me',
    'Stop messaging me',
    'unsubscribe me',
    'please stop texting me',
  ])('%j opts out', async (word) => {
    const me = phone();
    expect((await h.text(me, word)).replies).toEqual([OPTED_OUT]);
    expect((await optOutRow(me))?.optedOut).toBe(true);
  });

  it.each([
    'cancel my booking',
    'stop over in Amsterdam',
    'I want to end my trip early',
    'help me change my seat',
    'start over',
  ])('%j is not an opt-out: the bot answers it', async (text) => {
    const me = phone();
    const { replies } = await h.text(me, text);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies).not.toContain(OPTED_OUT);
    expect(await optOutRow(me)).toBeNull();
  });

  it('YES opts back in only an opted-out number; otherwise it is an answer for the dialogs', async () => {
    const me = phone();
    const { replies } = await h.text(me, 'yes');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.join('\n')).not.toMatch(/subscribed/);
    expect(await optOutRow(me)).toBeNull();

    await h.text(me, 'QUIT');
    expect((await h.text(me, 'Yes.')).replies).toEqual([
      "You're subscribed to jetway texts. Reply HELP for help, STOP to unsubscribe.",
    ]);
    expect((await optOutRow(me))?.optedOut).toBe(false);
  });

  it(
    'HELP and INFO answer with the brand, how to reach support and how to ' + 'opt out, without starting a dialog',
    async () => {
      const me = phone();
      const support = h.t.services.config;
      for (const word of ['HELP', 'info']) {
        const { replies } = await h.text(me, word);
        expect(replies).toHaveLength(1);
        expect(replies[0]).toContain('jetway');
        expect(replies[0]).toContain(support.SUPPORT_EMAIL);
        expect(replies[0]).toContain(support.SUPPORT_PHONE);
        expect(replies[0]).toMatch(/Reply STOP to unsubscribe/);
      }
      // The bot never saw them: no conversation was started for this number.
      expect(await new ConversationRefRepository(h.t.services.db).find(`sms:${me}`)).toBeNull();
    },
  );

  it('a number that told Twilio STOP (error 21610) is recorded as opted out and not tried again', async () => {
    const me = phone();
    h.twilio.failNext(21610);
    const { res, replies } = await h.text(me, 'hello');
    expect(res.status).toBe(200);
    expect(replies).toEqual([]);
    expect(await optOutRow(me)).toMatchObject({ optedOut: true, source: 'twilio:21610' });
    const before = h.twilio.sent.length;
    expect(await h.runtime.messenger.tell(`sms:${me}`, { text: 'anything' })).toBe(true);
    expect(h.twilio.sent.length).toBe(before);
  });
});
