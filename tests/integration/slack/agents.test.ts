import { durableDatabase, openInstance } from '../../helpers/instances';
import { DB_TARGETS } from '../../helpers/test-app';
import {
  blockAction,
  blocksOf,
  buttonsOf,
  createSlackApp,
  dm,
  FakeSlack,
  mountSlack,
  SLACK_ENV,
  type SlackApp,
  slackUser,
  SUPPORT_CHANNEL,
  textOf,
  threadReply,
} from './slack-harness';

const ALICE = 'UALICE001';
const BOB = 'UBOB00001';
const TOM = 'UTOM00001'; // a Slack user whose account is a traveller's
const NOEMAIL = 'UNOMAIL01'; // Slack gives no email for this one

describe.each(DB_TARGETS)('Slack: agents work handed-off conversations in threads (%s)', (target) => {
  let h: SlackApp;
  const fake = new FakeSlack();
  beforeAll(async () => {
    fake.install();
    h = await createSlackApp({ target });
    await slackUser(h, fake, ALICE, 'agent', 'Alice');
    await slackUser(h, fake, BOB, 'admin', 'Bob');
    await slackUser(h, fake, TOM, 'traveller', 'Tom');
    fake.users.set(NOEMAIL, { realName: 'No Mail' });
  }, 60_000);
  afterAll(async () => {
    await h.close();
    fake.uninstall();
  });
  beforeEach(async () => {
    await h.idle();
    fake.clear();
  });

  /** A traveller DM turn; returns what the bot posted in the DM. */
  const say = async (user: string, ch: string, text: string) => {
    const before = fake.posts(ch).length;
    await h.event(dm(user, ch, text));
    await h.idle();
    return fake.posts(ch).slice(before);
  };
  const reply = async (user: string, threadRef: string, text: string) => {
    await h.event(threadReply(user, threadRef, text));
    await h.idle();
  };
  const click = async (user: string, header: { ts: string; blocks: unknown[] }, label: string) => {
    const b = buttonsOf({ blocks: header.blocks }).find((x) => x.label === label);
    if (!b) throw new Error(`no "${label}" button on the header`);
    await h.action(
      blockAction({
        user,
        channel: SUPPORT_CHANNEL,
        messageTs: header.ts,
        actionId: b.actionId,
        value: b.value,
        label,
        blocks: header.blocks,
      }),
    );
    await h.idle();
  };
  /** Asks for a person in a fresh DM; returns the case and its header. */
  const openCase = async (user: string, ch: string) => {
    await say(user, ch, 'hello');
    const told = await say(user, ch, 'I want to talk to a person');
    const c = (await h.t.services.support.active(`slack:${ch}`))!;
    expect(c).toBeTruthy();
    const ts = c.threadRef!.slice(c.threadRef!.indexOf(':') + 1);
    const header = fake.posts(SUPPORT_CHANNEL, null).find((p) => textOf(p).includes(`#${c.id}`))!;
    return { c, told, ts, header: { ts, blocks: blocksOf(header) as unknown[], args: header } };
  };
  const latestHeader = (ts: string) => {
    const updates = fake.of('chat.update').filter((u) => u.channel === SUPPORT_CHANNEL && u.ts === ts);
    const last = updates[updates.length - 1];
    return last ? { ts, blocks: blocksOf(last) as unknown[], args: last } : undefined;
  };

  it(
    'posts one thread per case with the context; only agents take over; ' +
      'replies relay both ways; resolve asks for a rating',
    async () => {
      const ch = 'DCASE0001';
      const { c, told, ts, header } = await openCase('UTRAVA1', ch);

      // The traveller is told a person is coming, with the queue.
      expect(told.map(textOf).join('\n')).toMatch(/getting you a person[\s\S]*number 1 in the queue/);
      // ONE thread in the support channel: the header with who, which channel, the booking, the buttons…
      expect(fake.posts(SUPPORT_CHANNEL, null)).toHaveLength(1);
      expect(c.threadRef).toBe(`${SUPPORT_CHANNEL}:${ts}`);
      const head = textOf(header.args);
      expect(head).toContain(`Support case #${c.id}`);
      expect(head).toContain('Slack');
      expect(head).toContain('<@UTRAVA1>');
      expect(head).toContain('asked for a person');
      expect(head).toMatch(/Booking/);
      expect(head).toMatch(/Waiting for an agent.*#1 in the queue/);
      expect(buttonsOf(header.args).map((b) => b.label)).toEqual(['Take over', 'Hand back to bot', 'Resolve']);
      expect(buttonsOf(header.args).every((b) => b.value === String(c.id))).toBe(true);
      // … and the recent transcript as the first reply.
      const transcript = fake.posts(SUPPORT_CHANNEL, ts);
      expect(transcript).toHaveLength(1);
      expect(textOf(transcript[0]!)).toMatch(/Recent conversation[\s\S]*hello[\s\S]*talk to a person/);

      // While queued the bot still answers, and agents see the traveller's messages.
      fake.clear();
      const meanwhile = await say('UTRAVA1', ch, 'what is the baggage allowance?');
      expect(meanwhile.length).toBeGreaterThan(0);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        'Traveller: what is the baggage allowance?',
      );
      // Asking again does not open a second thread.
      await say('UTRAVA1', ch, 'talk to a human please');
      expect(fake.posts(SUPPORT_CHANNEL, null)).toHaveLength(0);

      // A Slack user who is not an agent cannot take over.
      fake.clear();
      await click(TOM, header, 'Take over');
      expect(
        fake
          .ephemerals(TOM)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/only support agents can take over[\s\S]*tom\.utom00001@jetway\.example.*not a jetway agent account/i);
      await click(NOEMAIL, header, 'Take over');
      expect(
        fake
          .ephemerals(NOEMAIL)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/only support agents can take over.*did not give us an email/i);
      expect((await h.t.services.support.get(c.id))!.status).toBe('queued');
      expect(fake.of('chat.update')).toHaveLength(0);
      expect(fake.posts(ch)).toHaveLength(0);

      // An agent can.
      await click(ALICE, header, 'Take over');
      const taken = (await h.t.services.support.get(c.id))!;
      expect(taken.status).toBe('agent');
      expect(fake.posts(ch).map(textOf).join('\n')).toContain("You're now chatting with Alice from jetway support.");
      const updated = latestHeader(ts)!;
      expect(textOf(updated.args)).toMatch(/With Alice Support/);
      expect(buttonsOf(updated.args).map((b) => b.label)).toEqual(['Hand back to bot', 'Resolve']);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain('Alice took over');

      // The traveller's messages go to the thread; the bot is silent.
      fake.clear();
      expect(await say('UTRAVA1', ch, 'I need help with my booking <https://example.com|link>')).toHaveLength(0);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain(
        'Traveller: I need help with my booking link (https://example.com)',
      );

      // The agent's replies in the thread reach the traveller.
      await reply(ALICE, c.threadRef!, 'Hi! I am looking at it &amp; will be back in a minute.');
      expect(fake.posts(ch).map(textOf).join('\n')).toContain(
        'Alice (jetway support): Hi! I am looking at it & will be back in a minute.',
      );
      expect(
        (await h.t.services.support.transcript(c.id)).some(
          (m) => m.author === 'agent' && m.text.startsWith('Hi! I am looking'),
        ),
      ).toBe(true);

      // Only the agent holding the case speaks for it; others are told privately; notes stay in the thread.
      fake.clear();
      await reply(BOB, c.threadRef!, 'Bob here');
      expect(
        fake
          .ephemerals(BOB)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/Take over the conversation before replying/);
      expect(fake.ephemerals(BOB)[0]!.thread_ts).toBe(ts);
      await reply(TOM, c.threadRef!, 'Tom here');
      expect(
        fake
          .ephemerals(TOM)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/only support agents can write to travellers/i);
      await reply(ALICE, c.threadRef!, '// the traveller sounds upset, be gentle');
      expect(fake.posts(ch)).toHaveLength(0);
      fake.clear();
      await reply(BOB, c.threadRef!, '!take');
      expect(
        fake
          .ephemerals(BOB)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/Another agent already has this conversation/);
      await reply(ALICE, c.threadRef!, '!help');
      expect(
        fake
          .ephemerals(ALICE)
          .map((e) => e.text)
          .join('\n'),
      ).toMatch(/!seat.*!cancel/s);
      expect(fake.posts(ch)).toHaveLength(0);

      // Resolve: the traveller is asked for a rating; the header says resolved, without buttons.
      await click(ALICE, updated, 'Resolve');
      expect((await h.t.services.support.get(c.id))!.status).toBe('resolved');
      const rating = fake.posts(ch).find((p) => /rate the help/.test(textOf(p)))!;
      expect(rating).toBeDefined();
      expect(buttonsOf(rating).map((b) => b.value)).toEqual(['rate:1', 'rate:2', 'rate:3', 'rate:4', 'rate:5']);
      const resolved = latestHeader(ts)!;
      expect(textOf(resolved.args)).toMatch(/Resolved/);
      expect(buttonsOf(resolved.args)).toHaveLength(0);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain('Alice resolved the case');

      // The traveller rates with a button; then the bot is back (nothing relayed any more).
      fake.clear();
      const five = buttonsOf(rating).find((b) => b.value === 'rate:5')!;
      await h.action(
        blockAction({
          user: 'UTRAVA1',
          channel: ch,
          messageTs: '1700000000.999999',
          actionId: five.actionId,
          value: five.value,
          label: five.label,
        }),
      );
      await h.idle();
      expect(fake.posts(ch).map(textOf).join('\n')).toMatch(/Thank you!/);
      const feedback = await h.t.services.db.run((em) =>
        em.query("SELECT rating FROM feedback WHERE kind = 'case' AND subject = ?", [`case:${c.id}`]),
      );
      expect(feedback).toEqual([expect.objectContaining({ rating: 5 })]);
      fake.clear();
      expect((await say('UTRAVA1', ch, 'London to Paris tomorrow')).length).toBeGreaterThan(0);
      expect(fake.posts(SUPPORT_CHANNEL)).toHaveLength(0);
    },
    60_000,
  );

  it('hand back: the bot answers again and the thread stops receiving the conversation', async () => {
    const ch = 'DCASE0002';
    const { c, ts, header } = await openCase('UTRAVB1', ch);
    await click(ALICE, header, 'Take over');
    const withAlice = latestHeader(ts)!;
    fake.clear();
    expect(await say('UTRAVB1', ch, 'are you there?')).toHaveLength(0);
    await click(ALICE, withAlice, 'Hand back to bot');
    expect((await h.t.services.support.get(c.id))!.status).toBe('bot');
    expect(fake.posts(ch).map(textOf).join('\n')).toMatch(/Alice has handed you back to the jetway assistant/);
    expect(textOf(latestHeader(ts)!.args)).toMatch(/Handed back to the bot/);
    expect(buttonsOf(latestHeader(ts)!.args).map((b) => b.label)).toEqual(['Take over', 'Resolve']);
    fake.clear();
    const answer = await say('UTRAVB1', ch, 'London to New York next friday');
    expect(answer.length).toBeGreaterThan(0);
    expect(fake.posts(SUPPORT_CHANNEL)).toHaveLength(0);
    // An agent reply after the hand-back is refused (privately), not delivered.
    await reply(ALICE, c.threadRef!, 'one more thing');
    expect(
      fake
        .ephemerals(ALICE)
        .map((e) => e.text)
        .join('\n'),
    ).toMatch(/Take over the conversation before replying/);
  }, 60_000);

  it(
    'posts a note in the thread when no agent came in time (the traveller ' + 'is offered an email follow-up)',
    async () => {
      const ch = 'DCASE0003';
      const { c, ts } = await openCase('UTRAVC1', ch);
      fake.clear();
      h.t.clock.advance(11 * 60_000);
      expect(await h.runtime.handoff.offerFollowups()).toBeGreaterThanOrEqual(1);
      await h.idle();
      expect(fake.posts(ch).map(textOf).join('\n')).toMatch(/follow up by email/);
      expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toMatch(/No agent took this case in time/);
      expect((await h.t.services.support.get(c.id))!.status).toBe('queued');
    },
    60_000,
  );
});

describe.each(DB_TARGETS)('Slack: handoff state lives in the database (%s)', (target) => {
  it(
    'a case opened by one instance is taken over, relayed and resolved by ' + 'another (a restart, or a second server)',
    async () => {
      const fake = new FakeSlack().install();
      const { config, drop } = await durableDatabase(target, SLACK_ENV);
      const first = await openInstance(config, { seedDays: 14 });
      const a = mountSlack(first.services);
      const ch = 'DMULTI001';
      try {
        await slackUser(first, fake, ALICE, 'agent', 'Alice');
        await a.event(dm('UTRAVM1', ch, 'hello'));
        await a.event(dm('UTRAVM1', ch, 'I want to speak to an agent'));
        await a.idle();
        const c = (await first.services.support.active(`slack:${ch}`))!;
        expect(c.threadRef).toMatch(new RegExp(`^${SUPPORT_CHANNEL}:`));
        // The first instance goes away.
        await a.stop();
        await first.close();

        const second = await openInstance(config, { clock: first.clock });
        const b = mountSlack(second.services);
        try {
          fake.clear();
          const ts = c.threadRef!.slice(c.threadRef!.indexOf(':') + 1);
          await b.action(
            blockAction({
              user: ALICE,
              channel: SUPPORT_CHANNEL,
              messageTs: ts,
              actionId: 'case:take',
              value: String(c.id),
              label: 'Take over',
            }),
          );
          await b.idle();
          expect((await second.services.support.get(c.id))!.status).toBe('agent');
          expect(fake.posts(ch).map(textOf).join('\n')).toContain("You're now chatting with Alice");
          await b.event(dm('UTRAVM1', ch, 'thanks for coming'));
          await b.event(threadReply(ALICE, c.threadRef!, 'How can I help?'));
          await b.idle();
          expect(fake.posts(SUPPORT_CHANNEL, ts).map(textOf).join('\n')).toContain('Traveller: thanks for coming');
          expect(fake.posts(ch).map(textOf).join('\n')).toContain('Alice (jetway support): How can I help?');
          await b.action(
            blockAction({
              user: ALICE,
              channel: SUPPORT_CHANNEL,
              messageTs: ts,
              actionId: 'case:resolve',
              value: String(c.id),
              label: 'Resolve',
            }),
          );
          await b.idle();
          expect((await second.services.support.get(c.id))!.status).toBe('resolved');
          expect(fake.posts(ch).map(textOf).join('\n')).toMatch(/rate the help/);
        } finally {
          await b.stop();
          await second.close();
        }
      } finally {
        await drop();
        fake.uninstall();
      }
    },
    60_000,
  );
});
