import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, fixedNow, LADDER } from '../../helpers/dialog-helpers';
import { drain } from '../../helpers/payment-flow';
import { DB_TARGETS } from '../../helpers/test-app';
import { hold, pay, type Traveller, traveller } from '../../unit/dialogs/manage-booking.harness';

/**
 * People and feedback: asking to rate or leave feedback reaches the rating; a rating question follows a
 * cancellation; with no agents' channel, "talk to a person" asks what it is about and how to reach the
 * traveller before it opens the case, and never promises an email to someone who gave none.
 */
describe.each(DB_TARGETS)('people and feedback (%s)', (target) => {
  let h: BotHarness;
  let ada: Traveller;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
    ada = await traveller(h.t);
  }, 60_000);
  afterAll(() => h.close());

  const feedbackOf = async (key: string) =>
    (await h.t.services.repos.support.feedback()).filter((f) => f.conversationKey === key);
  const casesOf = async (key: string) =>
    (await h.t.services.db.run((em) =>
      em.query('SELECT id, reason FROM support_cases WHERE conversation_key = ?', [key]),
    )) as { id: number; reason: string }[];

  it.each(['I want to leave feedback', 'can I rate this chat', 'how do I leave a review?', 'feedback'])(
    '"%s" asks for a rating, then a comment, and stores both',
    async (said) => {
      const c = chat(h);
      expect(await c.say(said)).toMatch(/^How would you rate this chat, from 1 \(poor\) to 5 \(excellent\)\?/);
      expect(c.sms()).toMatch(/How would you rate this chat/);
      expect(await c.say('4')).toMatch(/Anything you would like to add/);
      expect(await c.say('quick and friendly, thanks')).toMatch(/Thanks for your feedback/);
      expect(await feedbackOf(c.key)).toEqual([
        expect.objectContaining({ kind: 'chat', rating: 4, comment: 'quick and friendly, thanks' }),
      ]);
    },
  );

  it.each([
    ['5 stars', 5],
    ["I'd give you 4 out of 5", 4],
    ['two stars', 2],
  ])('"%s" is a rating at once', async (said, rating) => {
    const c = chat(h);
    expect(await c.say(said)).toMatch(new RegExp(`^Thank you for the ${rating} out of 5`));
    expect(await c.say('no')).toMatch(/Thanks for your feedback/);
    expect(await feedbackOf(c.key)).toEqual([expect.objectContaining({ kind: 'chat', rating })]);
  });

  it('a rating asked for in the middle of a booking, then the booking goes on', async () => {
    const c = chat(h);
    await climb(c, h.t, 6);
    expect(await c.say('can I rate this chat?')).toMatch(/How would you rate this chat/);
    expect(await c.say('5')).toMatch(/Anything you would like to add/);
    expect(await c.say('no thanks')).toMatch(/Thanks for your feedback/);
    await climb(c, h.t, 7, 7);
  });

  it('a rating question follows a cancellation', async () => {
    const b = await hold(h.t, ada);
    await pay(h.t, ada, b.pnr);
    await drain(h.t);
    const c = chat(h);
    await c.say(`I need to cancel ${b.pnr}`);
    await c.say('Lovelace');
    const done = await c.say('yes');
    expect(done).toMatch(/^Cancelled\.[\s\S]*How would you rate how cancelling went, from 1 \(poor\) to 5/);
    expect(await c.say('2')).toMatch(/What could we do better\?/);
    expect(await c.say('it took too many steps')).toMatch(/Thanks for your feedback/);
    expect(await feedbackOf(c.key)).toEqual([
      expect.objectContaining({ kind: 'cancellation', subject: `cancellation:${b.pnr}`, rating: 2 }),
    ]);
  });

  const NO_EMAIL_PROMISE = /follow up by email|reply to|email you/i;

  it.each([
    ['skip', /Please quote case #(\d+) when you contact us\./],
    ['ada.person@example.com', /Our team will reply to ada\.person@example\.com\./],
    ['you can call me on +44 20 7946 0958', /Our team will call you on \+44 20 7946 0958\./],
  ])('"talk to a person" with no agents: the reason, then "%s", then the case', async (contact, next) => {
    const c = chat(h);
    expect(await c.say('talk to a person')).toMatch(/^I'll pass this to our support team\. In a few words/);
    expect(await casesOf(c.key)).toEqual([]);
    expect(await c.say('I was charged twice for my booking')).toMatch(/^How can our team reach you\?/);
    const opened = await c.say(contact);
    expect(opened).toMatch(/^I've opened support case #\d+ for you\./);
    expect(opened).toMatch(next);
    if (contact === 'skip') expect(opened).not.toMatch(NO_EMAIL_PROMISE);
    const [kase] = await casesOf(c.key);
    expect(kase!.reason).toMatch(/^I was charged twice for my booking/);
  });

  it('a complaint is its own reason: only the contact is asked', async () => {
    const c = chat(h);
    expect(await c.say('this is ridiculous, I was charged twice and nobody helps')).toMatch(
      /^How can our team reach you\?/,
    );
    const opened = await c.say('no');
    expect(opened).toMatch(/^I'm sorry about this\. I've opened support case #\d+ for you\. Please quote/);
    expect(opened).not.toMatch(NO_EMAIL_PROMISE);
  });

  it('what the traveller tells support is not taken as a new request ("my baggage was lost")', async () => {
    const c = chat(h);
    await c.say('I need to speak to someone');
    expect(await c.say('my baggage was lost on my last flight')).toMatch(/^How can our team reach you\?/);
  });

  it('"talk to an agent" in the middle of a booking: the case is opened, then the booking goes on', async () => {
    const c = chat(h);
    await climb(c, h.t, 5);
    expect(await c.say('talk to an agent')).toMatch(/In a few words, what do you need help with\?/);
    expect(await c.say('I want to know if I can pay by bank transfer')).toMatch(/How can our team reach you\?/);
    const opened = await c.say('skip');
    expect(opened).toMatch(/support case #\d+[\s\S]*---[\s\S]*LHR → Paris \(any airport\)/);
    await climb(c, h.t, LADDER.length - 1, 6);
    expect(await c.say('confirm')).toMatch(/Your seats are held/);
  });
});
