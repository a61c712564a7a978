import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { type Chat, chat, climb, fixedNow, LADDER } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

type Json = Record<string, unknown>;
interface Instance {
  id: string;
  state: Json;
}

/**
 * A broken turn recovers: saved dialog state that a dialog throws on, or that was saved by code of another
 * shape, is reset with an apology, the trip already described is kept, and the next turns work.
 */
describe.each(DB_TARGETS)('a broken turn recovers (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  /** Rewrites this conversation's saved state as a deploy or a bug might have left it. */
  const corrupt = async (c: Chat, change: (data: Json) => void) => {
    const rows: { state_key: string; data: string }[] = await h.t.services.db.run((em) =>
      em.query('SELECT state_key, data FROM bot_state'),
    );
    const row = rows.find((r) => r.state_key.includes(c.conversationId) && r.data.includes('dialogState'))!;
    const data = JSON.parse(row.data) as Json;
    change(data);
    await h.t.services.db.run((em) =>
      em.query('UPDATE bot_state SET data = ? WHERE state_key = ?', [JSON.stringify(data), row.state_key]),
    );
  };
  /** The innermost dialog of the saved stack (the step on screen). */
  const leaf = (data: Json): Instance => {
    let stack = (data.dialogState as { dialogStack: Instance[] }).dialogStack;
    let top = stack[stack.length - 1]!;
    while ((top.state.dialogs as { dialogStack?: Instance[] } | undefined)?.dialogStack?.length) {
      stack = (top.state.dialogs as { dialogStack: Instance[] }).dialogStack;
      top = stack[stack.length - 1]!;
    }
    return top;
  };

  const BREAKS: [string, (data: Json) => void][] = [
    ['the step on screen throws on its state', (d) => void (leaf(d).state = { shown: 'not a message' })],
    ['a step of a dialog that no longer exists', (d) => void (leaf(d).id = 'chooseFareV0')],
    ['state saved by code of another shape', (d) => void (d.dialogStateVersion = 0)],
  ];

  it.each(BREAKS)('%s: an apology, the trip kept, and the booking goes on to the end', async (_what, change) => {
    const c = chat(h);
    await climb(c, h.t, 6); // the fare question
    await corrupt(c, change);
    const errors = jest.spyOn(h.t.services.log, 'error');
    const reply = await c.say('standard');
    expect(reply).toMatch(/^Sorry, I lost my place in our conversation because of a problem on my side\. I still have/);
    expect(reply).toMatch(/London LHR → Paris \(any airport\)/);
    for (const logged of errors.mock.calls)
      expect((logged as unknown[])[1]).toEqual(
        expect.objectContaining({ conversation: expect.stringContaining(c.conversationId) }),
      );
    errors.mockRestore();
    await climb(c, h.t, LADDER.length - 1, 6);
    expect(await c.say('confirm')).toMatch(/^Your seats are held\. Booking reference/);
  });

  it('a question answered before the failure is not answered twice', async () => {
    const c = chat(h);
    await c.say('check my booking');
    await corrupt(c, (d) => void (leaf(d).id = 'noSuchDialog'));
    const reply = await c.say("what's the baggage allowance?");
    expect(reply.match(/Flex: 2 checked bags included/g)).toHaveLength(1);
    expect(reply).toMatch(/Sorry, I lost my place[\s\S]*Where would you like to fly, or what can I help with\?/);
  });

  it('a failure is logged with the conversation it happened in', async () => {
    const c = chat(h);
    await climb(c, h.t, 6);
    await corrupt(c, BREAKS[0]![1]);
    const errors = jest.spyOn(h.t.services.log, 'error');
    await c.say('standard');
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/dialog failed/),
      expect.objectContaining({ conversation: c.key, err: expect.any(Error) }),
    );
    errors.mockRestore();
  });

  it.each([
    [
      'yes',
      /^Sorry, I lost my place[\s\S]*Where would you like to fly, or what can I help with\?[\s\S]*1\. Book a flight/,
    ],
    ['Heathrow to Paris tomorrow one way', /^Sorry, I lost my place[\s\S]*LHR → Paris/],
    ['I want to book a flight', /^Sorry, I lost my place[\s\S]*Where are you flying from\?/],
  ])('with nothing of a booking left, "%s" after the reset is routed as new', async (said, expected) => {
    const c = chat(h);
    await c.say('check my booking');
    await corrupt(c, (d) => void (leaf(d).id = 'noSuchDialog'));
    expect(await c.say(said)).toMatch(expected);
    expect(await c.say('help')).toMatch(/^I can find and book flights/);
  });
});
