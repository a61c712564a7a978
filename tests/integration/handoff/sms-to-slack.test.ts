/**
 * The whole handoff, end to end over HTTP: an SMS traveller (Twilio webhooks in, Twilio's REST API out,
 * nocked) asks for a person; the case is posted as a thread in the Slack support channel (Slack's Web
 * API nocked, Slack's requests signed); an agent takes over from Slack; messages relay both ways; the
 * agent hands back and the bot answers the traveller again.
 */
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import twilio from 'twilio';
import { DB_TARGETS } from '../../helpers/test-app';
import {
  blockAction,
  buttonsOf,
  createSlackApp,
  FakeSlack,
  SLACK_ENV,
  type SlackApp,
  slackUser,
  SUPPORT_CHANNEL,
  textOf,
  threadReply,
} from '../slack/slack-harness';

const ACCOUNT_SID = 'AC00000000000000000000000000000e2e';
const AUTH_TOKEN = 'e2e0123456789abcdef0123456789abcd';
const OUR_NUMBER = '+15005550006';
const PUBLIC_URL = 'https://jetway.example.com';
const INBOUND = '/channels/sms/inbound';
const TRAVELLER = '+447700900123';
const ALICE = 'UALICE0E2E';

/** Twilio's Messages API, nocked: records every SMS the app sends. */
class TwilioMessages {
  readonly sent: { to: string; body: string }[] = [];
  constructor() {
    nock('https://api.twilio.com')
      .persist()
      .post(`/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`)
      .reply((_uri, body) => {
        const p = Object.fromEntries(new URLSearchParams(String(body)));
        this.sent.push({ to: p.To!, body: p.Body! });
        const text = JSON.stringify({
          sid: `SM${randomBytes(16).toString('hex')}`,
          account_sid: ACCOUNT_SID,
          to: p.To,
          from: p.From,
          body: p.Body,
          status: 'queued',
        });
        // Twilio's client keeps connections alive: without a Content-Length nock's response would not end.
        return [201, text, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) }];
      });
  }
  to(phone: string): string {
    return this.sent
      .filter((m) => m.to === phone)
      .map((m) => m.body)
      .join('\n');
  }
}

describe.each(DB_TARGETS)('handoff end to end: an SMS traveller, agents in Slack (%s)', (target) => {
  let h: SlackApp;
  let sms: TwilioMessages;
  const slack = new FakeSlack();

  beforeAll(async () => {
    slack.install();
    sms = new TwilioMessages();
    h = await createSlackApp({
      target,
      env: {
        ...SLACK_ENV,
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_FROM_NUMBER: OUR_NUMBER,
        PUBLIC_URL,
      },
    });
    await slackUser(h, slack, ALICE, 'agent', 'Alice');
  }, 60_000);
  afterAll(async () => {
    await h.close();
    slack.uninstall();
  });

  /** The traveller texts us (a signed Twilio webhook); resolves once everything it started is done. */
  const text = async (body: string) => {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = {
      MessageSid: sid,
      SmsSid: sid,
      AccountSid: ACCOUNT_SID,
      From: TRAVELLER,
      To: OUR_NUMBER,
      Body: body,
      NumMedia: '0',
    };
    const res = await h.http
      .post(INBOUND)
      .type('form')
      .set('X-Twilio-Signature', twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${INBOUND}`, params))
      .send(params);
    expect(res.status).toBe(200);
    await h.idle();
  };
  const fresh = () => {
    slack.clear();
    sms.sent.length = 0;
  };

  it(
    'SMS in → a thread with the context in Slack → an agent takes over → ' +
      'messages both ways → hand back → the bot answers again',
    async () => {
      expect(h.runtime.sms.enabled).toBe(true);
      expect(h.runtime.slack).not.toBeNull();

      // The traveller talks to the bot by SMS, then asks for a person.
      await text('hi');
      expect(sms.to(TRAVELLER)).not.toBe('');
      fresh();
      await text('I want to talk to a person');
      expect(sms.to(TRAVELLER)).toMatch(/getting you a person[\s\S]*queue/i);

      // One thread in the support channel, with who, which channel and the recent transcript.
      const c = (await h.t.services.support.active(`sms:${TRAVELLER}`))!;
      expect(c).toBeTruthy();
      expect(c.channelId).toBe('sms');
      const [header] = slack.posts(SUPPORT_CHANNEL, null);
      expect(header).toBeDefined();
      const ts = c.threadRef!.slice(c.threadRef!.indexOf(':') + 1);
      expect(c.threadRef).toBe(`${SUPPORT_CHANNEL}:${ts}`);
      expect(textOf(header!)).toContain(`Support case #${c.id}`);
      expect(textOf(header!)).toMatch(/\*Channel\*\nSMS/);
      expect(textOf(header!)).toContain('••• ••• 0123');
      expect(textOf(header!)).not.toContain(TRAVELLER); // agents see the masked number
      expect(textOf(header!)).toMatch(/Waiting for an agent/);
      const transcript = slack.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n');
      expect(transcript).toMatch(/Recent conversation[\s\S]*hi[\s\S]*talk to a person/);

      // The agent takes over from Slack: the traveller is told by SMS; the header says who has it.
      fresh();
      const take = buttonsOf(header!).find((b) => b.label === 'Take over')!;
      expect(
        (
          await h.action(
            blockAction({
              user: ALICE,
              channel: SUPPORT_CHANNEL,
              messageTs: ts,
              actionId: take.actionId,
              value: take.value,
              label: take.label,
            }),
          )
        ).status,
      ).toBe(200);
      await h.idle();
      expect((await h.t.services.support.get(c.id))!.status).toBe('agent');
      expect(sms.to(TRAVELLER)).toContain("You're now chatting with Alice from jetway support.");
      const updated = slack.of('chat.update').find((u) => u.ts === ts)!;
      expect(textOf(updated)).toMatch(/With Alice Support/);

      // SMS in → a post in the thread (the bot stays silent).
      fresh();
      await text('My flight was cancelled, can you rebook me?');
      expect(slack.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        'Traveller: My flight was cancelled, can you rebook me?',
      );
      expect(sms.sent).toHaveLength(0);

      // The agent's reply in the thread → an SMS to the traveller.
      fresh();
      expect(
        (
          await h.event(
            threadReply(ALICE, c.threadRef!, 'Of course, let me look at the options &amp; I will text you back.'),
          )
        ).status,
      ).toBe(200);
      await h.idle();
      expect(sms.to(TRAVELLER)).toContain(
        'Alice (jetway support): Of course, let me look at the options & I will text you back.',
      );

      // The agent hands back; the bot answers again (and nothing more goes to the thread).
      fresh();
      const handBack = buttonsOf(updated).find((b) => b.label === 'Hand back to bot')!;
      await h.action(
        blockAction({
          user: ALICE,
          channel: SUPPORT_CHANNEL,
          messageTs: ts,
          actionId: handBack.actionId,
          value: handBack.value,
          label: handBack.label,
        }),
      );
      await h.idle();
      expect((await h.t.services.support.get(c.id))!.status).toBe('bot');
      expect(sms.to(TRAVELLER)).toMatch(/handed you back to the jetway assistant/);
      fresh();
      await text('London to New York next friday one way');
      expect(sms.to(TRAVELLER)).toMatch(/New York/);
      expect(slack.posts(SUPPORT_CHANNEL)).toHaveLength(0);

      // The case's transcript in the database has the whole exchange.
      const log = (await h.t.services.support.transcript(c.id, 50)).map((m) => `${m.author}: ${m.text}`).join('\n');
      expect(log).toContain('traveller: My flight was cancelled, can you rebook me?');
      expect(log).toContain('agent: Of course, let me look at the options & I will text you back.');
    },
    90_000,
  );
});
