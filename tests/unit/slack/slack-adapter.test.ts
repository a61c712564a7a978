import { type Activity, TurnContext } from 'botbuilder';
import type { webApi } from '@slack/bolt';
import { SlackAdapter } from '../../../bot/channels/slack/slack.adapter';
import { messageActivity } from '../../../dialogs/messages';

/** A Web API client that records chat calls. */
function fakeClient() {
  const calls: { method: string; args: Record<string, unknown> }[] = [];
  let n = 0;
  const record = (method: string) => async (args: Record<string, unknown>) => {
    calls.push({ method, args });
    return { ok: true, channel: args.channel, ts: `1.${++n}` };
  };
  const client = {
    chat: { postMessage: record('postMessage'), update: record('update'), delete: record('delete') },
  } as unknown as webApi.WebClient;
  return { client, calls };
}

const clock = { now: () => new Date('2026-11-01T10:00:00Z') };
const dm = (adapter: SlackAdapter, channel: string, text: string, choice?: string) =>
  adapter.messageActivity({ channel, user: 'U1', text, ts: '100.1', team: 'T1', choice });

describe('SlackAdapter', () => {
  it('makes DM activities: conversation = the DM channel, from = the Slack user, picks as { choice }', () => {
    const { client } = fakeClient();
    const adapter = new SlackAdapter({ client, clock });
    const a = dm(adapter, 'D1', 'Select', 'offer:3');
    expect(a).toEqual(
      expect.objectContaining({ type: 'message', channelId: 'slack', text: 'Select', value: { choice: 'offer:3' } }),
    );
    expect(a.conversation).toEqual(expect.objectContaining({ id: 'D1', isGroup: false }));
    expect(a.from).toEqual(expect.objectContaining({ id: 'U1' }));
    expect(dm(adapter, 'D1', 'hi').value).toBeUndefined();
  });

  it(
    'renders replies as Block Kit (buttons carry the choice values) and ' + 'sends them with chat.postMessage',
    async () => {
      const { client, calls } = fakeClient();
      const adapter = new SlackAdapter({ client, clock });
      await adapter.processActivity(dm(adapter, 'D1', 'hi'), async (ctx) => {
        const sent = await ctx.sendActivity(
          messageActivity({ text: 'Where to?', choices: [{ value: 'menu:book', label: 'Book a flight' }] }),
        );
        expect(sent?.id).toBe('1.1');
        await ctx.sendActivity({ type: 'typing' });
        await ctx.sendActivity('plain');
      });
      expect(calls.map((c) => c.method)).toEqual(['postMessage', 'postMessage']);
      const first = calls[0]!.args;
      expect(first.channel).toBe('D1');
      expect(first.text).toBe('Where to?');
      expect(JSON.stringify(first.blocks)).toContain('"action_id":"choice:0","value":"menu:book"');
      expect(calls[1]!.args).toEqual(expect.objectContaining({ channel: 'D1', text: 'plain' }));
    },
  );

  it('updates and deletes messages by ts', async () => {
    const { client, calls } = fakeClient();
    const adapter = new SlackAdapter({ client, clock });
    await adapter.processActivity(dm(adapter, 'D1', 'hi'), async (ctx) => {
      await ctx.updateActivity({ id: '1.5', type: 'message', text: 'v2' });
      await ctx.deleteActivity('1.5');
    });
    expect(calls).toEqual([
      { method: 'update', args: expect.objectContaining({ channel: 'D1', ts: '1.5', text: 'v2' }) },
      { method: 'delete', args: { channel: 'D1', ts: '1.5' } },
    ]);
  });

  it('runs the turns of one conversation one after another, other conversations alongside', async () => {
    const { client } = fakeClient();
    const adapter = new SlackAdapter({ client, clock });
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = adapter.processActivity(dm(adapter, 'D1', 'one'), async () => {
      log.push('D1 one: start');
      await gate;
      log.push('D1 one: end');
    });
    const second = adapter.processActivity(dm(adapter, 'D1', 'two'), async () => void log.push('D1 two'));
    const other = adapter.processActivity(dm(adapter, 'D2', 'three'), async () => void log.push('D2 three'));
    await other;
    expect(log).toEqual(['D1 one: start', 'D2 three']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['D1 one: start', 'D2 three', 'D1 one: end', 'D1 two']);
  });

  it('continues a conversation proactively, queued behind its turn (at once from inside it)', async () => {
    const { client, calls } = fakeClient();
    const adapter = new SlackAdapter({ client, clock });
    let reference: Partial<Activity> | undefined;
    await adapter.processActivity(dm(adapter, 'D9', 'hi'), async (ctx) => {
      reference = TurnContext.getConversationReference(ctx.activity) as Partial<Activity>;
      // From inside the turn: runs at once (no deadlock).
      await adapter.continueConversation(
        TurnContext.getConversationReference(ctx.activity),
        async (c2) => void (await c2.sendActivity('inside')),
      );
    });
    await adapter.continueConversation(reference!, async (ctx) => {
      expect(ctx.activity.type).toBe('event');
      await ctx.sendActivity('Your flight is delayed.');
    });
    expect(calls.map((c) => [c.args.channel, c.args.text])).toEqual([
      ['D9', 'inside'],
      ['D9', 'Your flight is delayed.'],
    ]);
    await expect(
      adapter.continueConversation({ channelId: 'sms', conversation: { id: 'x' } as never }, async () => undefined),
    ).rejects.toThrow(/cannot continue/);
  });

  it('hands turn errors to onTurnError', async () => {
    const { client } = fakeClient();
    const adapter = new SlackAdapter({ client, clock });
    const seen: string[] = [];
    adapter.onTurnError = async (_ctx, err) => void seen.push(err.message);
    await adapter.processActivity(dm(adapter, 'D1', 'hi'), async () => {
      throw new Error('boom');
    });
    expect(seen).toEqual(['boom']);
  });
});
