import { type Activity, ActivityTypes, type TurnContext } from 'botbuilder';
import { createLogger } from '../../../api/logger';
import { ManualClock } from '../../../api/services/clock';
import { SmsAdapter, type SmsAdapterStore } from '../../../bot/channels/sms/sms.adapter';
import type { SmsSender } from '../../../bot/channels/sms/twilio-sender';
import { smsEncoding } from '../../../cards/sms/gsm';
import { SMS_MAX_CHARS } from '../../../cards/sms/render';
import type { BotMessage } from '../../../cards/types';
import { messageActivity } from '../../../dialogs/messages';

const ALICE = '+447700900111';
const BOB = '+14155550123';
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

class FakeSender implements SmsSender {
  readonly sent: { to: string; body: string }[] = [];
  readonly errors: unknown[] = [];
  private n = 0;
  async send(to: string, body: string) {
    await tick(1);
    const err = this.errors.shift();
    if (err) throw err;
    this.sent.push({ to, body });
    return { sid: `SM${String(++this.n).padStart(32, '0')}`, status: 'queued' };
  }
}

class MemoryStore implements SmsAdapterStore {
  readonly optedOut = new Map<string, string>();
  readonly statuses: { messageSid: string; toNumber: string; status: string; segments?: number | null }[] = [];
  async isOptedOut(phone: string) {
    return this.optedOut.has(phone);
  }
  async setOptedOut(phone: string, out: boolean, source: string) {
    const was = this.optedOut.has(phone);
    if (out) this.optedOut.set(phone, source);
    else this.optedOut.delete(phone);
    return was !== out;
  }
  async recordStatus(s: { messageSid: string; toNumber: string; status: string; segments?: number | null }) {
    this.statuses.push(s);
  }
}

describe('SmsAdapter', () => {
  let sender: FakeSender;
  let store: MemoryStore;
  let adapter: SmsAdapter;
  const log = createLogger({ level: 'debug', format: 'json', silent: true });
  const inbound = (from: string, body: string) =>
    adapter.inboundActivity({ messageSid: `SM${body.length}${from.slice(-4)}`, from, to: '+15005550006', body });
  const say = (m: BotMessage | string) => (ctx: TurnContext) =>
    ctx.sendActivity(messageActivity(typeof m === 'string' ? { text: m } : m)).then(() => undefined);

  beforeEach(() => {
    sender = new FakeSender();
    store = new MemoryStore();
    adapter = new SmsAdapter({
      sender,
      store,
      log,
      clock: new ManualClock(new Date('2026-11-01T10:00:00Z')),
      bot: { id: '+15005550006', name: 'jetway' },
    });
    adapter.onTurnError = async (_ctx, err) => {
      throw err;
    };
  });

  test('an inbound SMS is a message on channel "sms" whose conversation and sender are the E.164 number', () => {
    const a = inbound(ALICE, 'hello');
    expect(a).toMatchObject({
      type: 'message',
      channelId: 'sms',
      text: 'hello',
      conversation: { id: ALICE, isGroup: false },
      from: { id: ALICE, role: 'user' },
      recipient: { id: '+15005550006', role: 'bot' },
    });
    expect(a.from!.name).not.toContain('900111'); // the number is masked where a name would show
  });

  test('renders each message for SMS: numbered choices and "Reply 1-n", GSM-7, as its own SMS', async () => {
    await adapter.processActivity(inbound(ALICE, 'hi'), async (ctx) => {
      await say({
        text: 'Where to? “Quick” picks…',
        choices: [
          { value: 'a', label: 'Paris – CDG' },
          { value: 'b', label: 'New York' },
          { value: 'c', label: 'Zürich' },
        ],
      })(ctx);
      await say('Second message')(ctx);
    });
    expect(sender.sent.map((m) => m.to)).toEqual([ALICE, ALICE]);
    const [first, second] = sender.sent.map((m) => m.body);
    expect(first).toBe('Where to? "Quick" picks...\n\n1) Paris - CDG\n2) New York\n3) Zürich\n\nReply 1-3');
    expect(second).toBe('Second message');
    for (const m of sender.sent) expect(smsEncoding(m.body).encoding).toBe('GSM-7');
    expect(store.statuses.map((s) => s.status)).toEqual(['queued', 'queued']);
    expect(store.statuses[0]).toMatchObject({ toNumber: ALICE, segments: 1 });
  });

  test('splits a long message into parts of at most 1,600 characters, sent in order', async () => {
    const text = Array.from({ length: 40 }, (_, i) => `Line ${i + 1} ${'x'.repeat(90)}`).join('\n');
    await adapter.processActivity(inbound(ALICE, 'hi'), say(text));
    expect(sender.sent.length).toBeGreaterThan(2);
    for (const m of sender.sent) expect(m.body.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    const joined = sender.sent.map((m) => m.body).join('\n');
    expect(joined.indexOf('Line 1 ')).toBeLessThan(joined.indexOf('Line 40 '));
    expect(joined.replace(/\n+/g, '\n')).toBe(text);
  });

  test('typing, traces and events are not sent', async () => {
    await adapter.processActivity(inbound(ALICE, 'hi'), async (ctx) => {
      await ctx.sendActivities([
        { type: ActivityTypes.Typing },
        { type: ActivityTypes.Trace, name: 'debug', value: 'x' },
        { type: ActivityTypes.Event, name: 'whatever' },
        { type: 'delay', value: 10 },
        messageActivity({ text: 'only this' }),
      ]);
    });
    expect(sender.sent.map((m) => m.body)).toEqual(['only this']);
  });

  test('sends nothing to an opted-out number, however the message comes (and logs it)', async () => {
    store.optedOut.set(ALICE, 'STOP');
    const info = jest.spyOn(log, 'info');
    await adapter.processActivity(inbound(ALICE, 'hi'), say('a reply'));
    await adapter.continueConversation(
      { channelId: 'sms', conversation: { id: ALICE } as Activity['conversation'] },
      say('proactive news'),
    );
    expect(await adapter.deliver(ALICE, ['direct'])).toEqual([]);
    expect(sender.sent).toEqual([]);
    expect(info.mock.calls.filter((c) => /not sent: the number opted out/.test(String(c[0])))).toHaveLength(3);
    info.mockRestore();
    // …except the single confirmation of the opt-out itself.
    expect(await adapter.deliver(ALICE, ['confirmation'], { ignoreOptOut: true })).toHaveLength(1);
  });

  test(
    "Twilio's 21610 (the number told Twilio STOP) records the opt-out and " + 'stops; other errors fail the send',
    async () => {
      sender.errors.push(
        Object.assign(new Error('Attempt to send to unsubscribed recipient'), { code: 21610, status: 400 }),
      );
      expect(await adapter.deliver(ALICE, ['one', 'two'])).toEqual([]);
      expect(store.optedOut.get(ALICE)).toBe('twilio:21610');
      expect(sender.sent).toEqual([]);

      sender.errors.push(
        Object.assign(new Error('The To number is not a valid phone number'), { code: 21211, status: 400 }),
      );
      await expect(adapter.deliver(BOB, ['x'])).rejects.toThrow(/not a valid phone number/);
    },
  );

  test('turns of one number run one after another; other numbers are not held up', async () => {
    const order: string[] = [];
    const slow = (label: string, ms: number) => async (ctx: TurnContext) => {
      order.push(`${label} start`);
      await tick(ms);
      await say(label)(ctx);
      order.push(`${label} end`);
    };
    await Promise.all([
      adapter.processActivity(inbound(ALICE, 'first'), slow('A1', 40)),
      adapter.processActivity(inbound(ALICE, 'second'), slow('A2', 1)),
      adapter.processActivity(inbound(BOB, 'other'), slow('B1', 1)),
    ]);
    expect(order.indexOf('A1 end')).toBeLessThan(order.indexOf('A2 start'));
    expect(order.indexOf('B1 end')).toBeLessThan(order.indexOf('A1 end'));
    expect(sender.sent.filter((m) => m.to === ALICE).map((m) => m.body)).toEqual(['A1', 'A2']);
  });

  test(
    'continueConversation sends proactively, queued behind a running turn, ' + 'and at once from inside one',
    async () => {
      const ref = {
        channelId: 'sms',
        serviceUrl: 'urn:jetway:sms',
        conversation: { id: ALICE } as Activity['conversation'],
        user: { id: ALICE, name: '' },
      };
      let releaseTurn!: () => void;
      const turn = adapter.processActivity(inbound(ALICE, 'hi'), async (ctx) => {
        await new Promise<void>((r) => (releaseTurn = r));
        await say('turn reply')(ctx);
        // From inside the number's own turn (e.g. a handoff message): runs at once, no deadlock.
        await adapter.continueConversation(ref, say('nested'));
      });
      const proactive = adapter.continueConversation(ref, async (ctx) => {
        expect(ctx.activity).toMatchObject({ type: 'event', channelId: 'sms', conversation: { id: ALICE } });
        await say('payment confirmed')(ctx);
      });
      await tick(10);
      releaseTurn();
      await Promise.all([turn, proactive]);
      expect(sender.sent.map((m) => m.body)).toEqual(['turn reply', 'nested', 'payment confirmed']);
    },
  );

  test('refuses references that are not an SMS number', async () => {
    await expect(
      adapter.continueConversation({ conversation: { id: 'a:1' } as Activity['conversation'] }, say('x')),
    ).rejects.toThrow(/E\.164/);
    await expect(
      adapter.continueConversation(
        { channelId: 'slack', conversation: { id: ALICE } as Activity['conversation'] },
        say('x'),
      ),
    ).rejects.toThrow(/slack/);
    await expect(adapter.updateActivity()).rejects.toThrow(/cannot be changed/);
    expect(sender.sent).toEqual([]);
  });
});
