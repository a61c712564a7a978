import { DB_TARGETS } from '../../helpers/test-app';
import {
  blockAction,
  blocksOf,
  buttonsOf,
  createSlackApp,
  dm,
  envelope,
  FakeSlack,
  newTs,
  type SlackApp,
  slackHeaders,
  SUPPORT_CHANNEL,
  textOf,
} from './slack-harness';

describe.each(DB_TARGETS)('Slack: /slack/events and traveller DMs (%s)', (target) => {
  let h: SlackApp;
  const fake = new FakeSlack();
  beforeAll(async () => {
    fake.install();
    h = await createSlackApp({ target });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    fake.uninstall();
  });
  beforeEach(async () => {
    await h.idle();
    fake.clear();
  });

  describe('signed requests', () => {
    const challenge = JSON.stringify({ token: 'legacy', challenge: 'abc123', type: 'url_verification' });

    it('answers a validly signed request (the URL verification challenge)', async () => {
      const res = await h.http
        .post('/slack/events')
        .set({ ...slackHeaders(challenge), 'Content-Type': 'application/json' })
        .send(challenge);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ challenge: 'abc123' });
    });

    it('refuses a forged signature', async () => {
      const res = await h.http
        .post('/slack/events')
        .set({ ...slackHeaders(challenge, { secret: 'not-the-signing-secret' }), 'Content-Type': 'application/json' })
        .send(challenge);
      expect(res.status).toBe(401);
      expect(res.body).not.toEqual({ challenge: 'abc123' });
    });

    it('refuses a body changed after signing', async () => {
      const headers = slackHeaders(challenge);
      const tampered = challenge.replace('abc123', 'evil99');
      const res = await h.http
        .post('/slack/events')
        .set({ ...headers, 'Content-Type': 'application/json' })
        .send(tampered);
      expect(res.status).toBe(401);
    });

    it('refuses a stale request (signed more than 5 minutes ago), even with a right signature', async () => {
      const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
      const res = await h.http
        .post('/slack/events')
        .set({ ...slackHeaders(challenge, { timestamp: sixMinutesAgo }), 'Content-Type': 'application/json' })
        .send(challenge);
      expect(res.status).toBe(401);
      const fourMinutesAgo = Math.floor(Date.now() / 1000) - 4 * 60;
      const ok = await h.http
        .post('/slack/events')
        .set({ ...slackHeaders(challenge, { timestamp: fourMinutesAgo }), 'Content-Type': 'application/json' })
        .send(challenge);
      expect(ok.status).toBe(200);
    });

    it('refuses a request without signature headers, and runs no turn for a forged event', async () => {
      const body = JSON.stringify(dm('UFORGER', 'DFORGED1', 'I want to fly from London to New York'));
      expect((await h.http.post('/slack/events').set('Content-Type', 'application/json').send(body)).status).toBe(401);
      expect(
        (
          await h.http
            .post('/slack/events')
            .set({ ...slackHeaders(body, { secret: 'wrong' }), 'Content-Type': 'application/json' })
            .send(body)
        ).status,
      ).toBe(401);
      await h.idle();
      expect(fake.posts('DFORGED1')).toHaveLength(0);
    });
  });

  it('acknowledges at once and runs the turn afterwards', async () => {
    fake.delays.set('chat.postMessage', 1500);
    try {
      const started = Date.now();
      const res = await h.event(dm('UACK', 'DACK0001', 'hello'));
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(1000);
      await h.idle();
      expect(fake.posts('DACK0001').length).toBeGreaterThan(0);
    } finally {
      fake.delays.clear();
    }
  });

  it('books in a DM: the reply is Block Kit with buttons, and a button click continues the dialog', async () => {
    const ch = 'DTRAV0001';
    expect((await h.event(dm('UTRAV1', ch, 'London to New York next friday one way 1 adult'))).status).toBe(200);
    await h.idle();
    const replies = fake.posts(ch);
    const list = replies.find((r) => buttonsOf(r).some((b) => b.label === 'Select'));
    expect(list).toBeDefined();
    expect(textOf(list!)).toMatch(/London|LHR|LGW/);
    expect(list!.unfurl_links).toBe('false');
    const select = buttonsOf(list!).find((b) => b.label === 'Select')!;
    expect(select.actionId).toMatch(/^choice:\d+$/);

    fake.clear();
    const click = blockAction({
      user: 'UTRAV1',
      channel: ch,
      messageTs: '1700000000.000001',
      actionId: select.actionId,
      value: select.value,
      label: select.label,
      blocks: blocksOf(list!),
    });
    expect((await h.action(click)).status).toBe(200);
    await h.idle();
    // The clicked message loses its buttons (no double picks) and shows the pick.
    const update = fake.of('chat.update').find((u) => u.channel === ch);
    expect(update).toBeDefined();
    expect(blocksOf(update!).some((b) => b.type === 'actions')).toBe(false);
    // The dialog went on: the fares of the picked flight.
    const next = fake.posts(ch).map(textOf).join('\n');
    expect(next).toMatch(/fare/i);
    const fares = fake.posts(ch).flatMap(buttonsOf);
    expect(fares.some((b) => /^Select /.test(b.label))).toBe(true);

    // The traveller's pick is in the transcript (text = the button's label) and the choice reached the dialogs.
    const ref = await h.t.services.db.run((em) =>
      em.query('SELECT conversation_key FROM conversation_refs WHERE conversation_key = ?', [`slack:${ch}`]),
    );
    expect(ref).toHaveLength(1);
  });

  it('turns a seat pick in a select into a choice', async () => {
    const ch = 'DTRAV0002';
    const say = async (text: string) => {
      fake.clear();
      await h.event(dm('UTRAV2', ch, text));
      await h.idle();
      return fake.posts(ch);
    };
    let replies = await say('London to New York next friday one way 1 adult');
    const pick = async (label: RegExp) => {
      const b = replies.flatMap(buttonsOf).find((x) => label.test(x.label))!;
      expect(b).toBeDefined();
      fake.clear();
      await h.action(
        blockAction({
          user: 'UTRAV2',
          channel: ch,
          messageTs: newTs(),
          actionId: b.actionId,
          value: b.value,
          label: b.label,
        }),
      );
      await h.idle();
      replies = fake.posts(ch);
    };
    await pick(/^Select$/);
    await pick(/^Select /);
    const seatMap = replies.find((r) => blocksOf(r).some((b) => b.elements?.some((e) => e.type === 'static_select')));
    expect(seatMap).toBeDefined();
    const select = blocksOf(seatMap!)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.type === 'static_select')!;
    const option = select.option_groups![0]!.options[0]!;
    fake.clear();
    await h.action(
      blockAction({
        user: 'UTRAV2',
        channel: ch,
        messageTs: newTs(),
        actionId: select.action_id!,
        option: { value: option.value, text: option.text.text },
      }),
    );
    await h.idle();
    const after = fake.posts(ch).map(textOf).join('\n');
    // The seat was taken from the select's option: the dialog moved on to the passenger's details.
    expect(after).toMatch(/Passenger 1 of 1/);
  });

  it('runs a retried event once (X-Slack-Retry-Num, same event id)', async () => {
    const payload = dm('UTRAV3', 'DTRAV0003', 'hello');
    expect((await h.event(payload)).status).toBe(200);
    await h.idle();
    const first = fake.posts('DTRAV0003').length;
    expect(first).toBeGreaterThan(0);
    expect((await h.event(payload, { retryNum: 1 })).status).toBe(200);
    expect((await h.event(payload, { retryNum: 2 })).status).toBe(200);
    await h.idle();
    expect(fake.posts('DTRAV0003')).toHaveLength(first);
  });

  it('runs a repeated button click once', async () => {
    const ch = 'DTRAV0004';
    await h.event(dm('UTRAV4', ch, 'hello'));
    await h.idle();
    const b = fake.posts(ch).flatMap(buttonsOf)[0];
    expect(b).toBeDefined();
    fake.clear();
    const click = blockAction({
      user: 'UTRAV4',
      channel: ch,
      messageTs: newTs(),
      actionId: b!.actionId,
      value: b!.value,
      label: b!.label,
    });
    await h.action(click);
    await h.action(click);
    await h.idle();
    const n = fake.posts(ch).length;
    expect(n).toBeGreaterThan(0);
    fake.clear();
    await h.action(click);
    await h.idle();
    expect(fake.posts(ch)).toHaveLength(0);
    expect(n).toBeLessThan(5);
  });

  it('ignores bot messages, edits, other channels and top-level posts in the support channel', async () => {
    await h.event(dm('UTRAV5', 'DTRAV0005', 'from a bot', { bot_id: 'BOTHER' }));
    await h.event(dm('UJETWAYBOT', 'DTRAV0005', 'our own message'));
    await h.event(dm('UTRAV5', 'DTRAV0005', 'edited', { subtype: 'message_changed' }));
    await h.event(dm('UTRAV5', 'DTRAV0005', 'deleted', { subtype: 'message_deleted' }));
    await h.event(
      envelope({
        type: 'message',
        channel: 'CRANDOM01',
        channel_type: 'channel',
        user: 'UTRAV5',
        text: 'hello',
        ts: newTs(),
      }),
    );
    await h.event(
      envelope({
        type: 'message',
        channel: 'GPRIVATE1',
        channel_type: 'group',
        user: 'UTRAV5',
        text: 'hello',
        ts: newTs(),
      }),
    );
    await h.event(
      envelope({
        type: 'message',
        channel: 'CRANDOM01',
        channel_type: 'channel',
        user: 'UTRAV5',
        text: 'reply',
        ts: newTs(),
        thread_ts: '1700000000.000001',
      }),
    );
    await h.event(
      envelope({
        type: 'message',
        channel: SUPPORT_CHANNEL,
        channel_type: 'channel',
        user: 'UTRAV5',
        text: 'top level',
        ts: newTs(),
      }),
    );
    await h.event(
      envelope({
        type: 'message',
        channel: SUPPORT_CHANNEL,
        channel_type: 'channel',
        user: 'UTRAV5',
        text: 'not a case thread',
        ts: newTs(),
        thread_ts: '1600000000.000001',
      }),
    );
    await h.idle();
    expect(fake.of('chat.postMessage')).toHaveLength(0);
    expect(fake.of('chat.postEphemeral')).toHaveLength(0);
  });

  it('unescapes what Slack wraps (an email address typed in a DM reaches the dialogs as text)', async () => {
    await h.event(dm('UTRAV6', 'DTRAV0006', 'my email is <mailto:ada@example.com|ada@example.com> &amp; thanks'));
    await h.idle();
    const memory = await h.t.services.db.run((em) =>
      em.query("SELECT data FROM bot_state WHERE data LIKE '%ada@example.com & thanks%'"),
    );
    expect(memory.length).toBeGreaterThan(0);
  });

  it('sends proactive messages to a Slack DM (continueConversation)', async () => {
    await h.event(dm('UTRAV7', 'DTRAV0007', 'hello'));
    await h.idle();
    fake.clear();
    const told = await h.runtime.messenger.tell('slack:DTRAV0007', {
      text: 'Your flight is delayed.',
      choices: [{ value: 'menu:manage', label: 'My booking' }],
    });
    expect(told).toBe(true);
    const [post] = fake.posts('DTRAV0007');
    expect(textOf(post!)).toContain('Your flight is delayed.');
    expect(buttonsOf(post!)).toEqual([expect.objectContaining({ value: 'menu:manage', label: 'My booking' })]);
  });
});
