import { smsEncoding } from '../../../cards/sms/gsm';
import { SMS_MAX_CHARS } from '../../../cards/sms/render';
import { DB_TARGETS } from '../../helpers/test-app';
import { createSmsHarness, INBOUND, inboundParams, type SmsHarness } from './harness';

/**
 * Every SMS part fits Twilio's limit and the GSM-7 alphabet.
 */
function expectSmsParts(parts: string[]): void {
  expect(parts.length).toBeGreaterThan(0);
  for (const p of parts) {
    expect(p.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(p.trim()).toBe(p);
    expect(smsEncoding(p).encoding).toBe('GSM-7');
  }
}

/** Booking by SMS end to end: numbered choices answered by digits, email verification, proactive news. */
describe.each(DB_TARGETS)('a conversation by SMS (%s)', (target) => {
  let h: SmsHarness;
  beforeAll(async () => {
    h = await createSmsHarness({ target });
  }, 60_000);
  afterAll(() => h.close());
  afterEach(() => expect(h.twilio.unmatched).toEqual([]));

  it(
    'books London to Paris by text: digits pick choices, the email is ' +
      'verified by code, the number is linked, payment is confirmed by SMS',
    async () => {
      const me = '+447700900401';
      const say = async (text: string) => {
        const { res, replies } = await h.text(me, text);
        expect(res.status).toBe(200);
        expectSmsParts(replies);
        return replies.join('\n');
      };

      // One way or return is not asked first: the outbound is searched, a return is offered later.
      const flights = await say('London to Paris tomorrow one way');
      expect(flights).toMatch(/London \(any airport\) -> Paris \(any airport\)/);
      expect(flights).toMatch(/^1\) \d\d:\d\d-\d\d:\d\d LHR-CDG nonstop/m);
      expect(flights).toMatch(/Reply 1-\d$/);
      expect(await say('1')).toMatch(/Which fare[\s\S]*Reply 1-3$/);
      expect(await say('1')).toMatch(/Choose a seat[\s\S]*3\) No preference \(free\)[\s\S]*reply 1-4$/);
      expect(await say('3')).toMatch(/Passenger 1 of 1/);
      expect(await say('Ada Lovelace 1990-12-10')).toMatch(/Which email/);
      expect(await say('ada.sms@example.com')).toMatch(/6-digit code/);
      const mail = await h.t.services.repos.outbox.mailByKind('otp');
      const code = /\b(\d{6})\b/.exec(mail[mail.length - 1]!.bodyText)![1]!;
      expect(await say(code)).toMatch(/Please check everything[\s\S]*1\) Confirm and pay/);

      // The verified email's account now owns this number: the next conversation from it is recognised.
      const user = await h.t.services.repos.users.findByEmail('ada.sms@example.com');
      expect(user).toBeTruthy();
      expect(await h.t.services.support.identityFor('sms', me)).toBe(user!.id);

      const held = await say('1');
      expect(held).toMatch(/Booking reference [2-9A-HJKMNP-Z]{6}/);
      const pnr = /reference ([2-9A-HJKMNP-Z]{6})/.exec(held)![1]!;
      const url = /(https:\/\/jetway\.example\.com\/pay\/sandbox\/\S+)/.exec(held)![1]!;

      // Paid on the web page; the confirmation reaches the phone proactively, through the REST API.
      const before = h.twilio.sent.length;
      const paid = await h.t.http
        .post(new URL(url).pathname)
        .type('form')
        .send({ card: '4242424242424242', action: 'pay' });
      expect(paid.status).toBe(200);
      await h.t.services.events.dispatchPending();
      const told = h.twilio.sent
        .slice(before)
        .filter((m) => m.to === me)
        .map((m) => m.body);
      expectSmsParts(told);
      expect(told.join('\n')).toContain(`booking ${pnr} is confirmed`);
    },
    60_000,
  );

  it('sends a long message as several SMS, each ≤ 1,600 characters, in order', async () => {
    const me = '+447700900402';
    await h.text(me, 'hello'); // the conversation exists (its reference is kept for messages later)
    const paragraphs = Array.from(
      { length: 12 },
      (_, i) => `Paragraph ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(8).trim()}.`,
    );
    const before = h.twilio.sent.length;
    expect(await h.runtime.messenger.tell(`sms:${me}`, { text: paragraphs.join('\n\n') })).toBe(true);
    const parts = h.twilio.sent.slice(before).map((m) => m.body);
    expect(parts.length).toBeGreaterThan(1);
    expectSmsParts(parts);
    const joined = parts.join('\n\n');
    paragraphs.forEach((p, i) => {
      expect(joined).toContain(p);
      if (i > 0) expect(joined.indexOf(p)).toBeGreaterThan(joined.indexOf(paragraphs[i - 1]!));
    });
  });

  it('runs the turns of one number one after another, in the order the messages arrived', async () => {
    const me = '+447700900403';
    const before = h.twilio.sent.length;
    // Both webhooks are answered before the first turn is over; the second turn waits for the first.
    const a = await h.post(INBOUND, inboundParams(me, 'London to Paris tomorrow'));
    const b = await h.post(INBOUND, inboundParams(me, '1'));
    expect([a.status, b.status]).toEqual([200, 200]);
    await h.runtime.sms.idle();
    const replies = h.twilio.sent
      .slice(before)
      .filter((m) => m.to === me)
      .map((m) => m.body);
    expect(replies[0]).toMatch(/LHR-CDG/);
    expect(replies[replies.length - 1]).toMatch(/Which fare/);
  });

  it('turns of different numbers do not share a conversation', async () => {
    const [x, y] = ['+447700900404', '+447700900405'];
    await Promise.all([h.text(x, 'London to Paris tomorrow'), h.text(y, 'hello')]);
    const { replies } = await h.text(x, '2');
    expect(replies.join('\n')).toMatch(/Which fare/);
    expect(h.twilio.to(y).join('\n')).not.toMatch(/LHR|fare/);
  });
});
