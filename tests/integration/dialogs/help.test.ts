import { type BotHarness, createBotHarness } from '../../helpers/bot-harness';
import { chat, climb, fixedNow } from '../../helpers/dialog-helpers';
import { DB_TARGETS } from '../../helpers/test-app';

/** Help: answers from the FAQ articles in the database, at the start and in the middle of a booking. */
describe.each(DB_TARGETS)('help (%s)', (target) => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await createBotHarness({ target, now: fixedNow() });
  }, 60_000);
  afterAll(() => h.close());

  // [topic, question, the article that answers it, a line of its answer]
  const QUESTIONS: [string, string, string, RegExp][] = [
    [
      'baggage',
      "what's the baggage allowance?",
      'How much baggage can I take?',
      // The allowance comes from the baggage table (api/domain/baggage.ts).
      /Standard: 1 checked bag included \(up to 23 kg each\)/,
    ],
    // A price question gets the prices, from the same table.
    [
      'baggage',
      'how much is a checked bag?',
      'How much is an extra checked bag, and can I bring sports equipment?',
      /Basic: US\$35 short haul/,
    ],
    [
      'check-in',
      'how do I check in online?',
      'When and how do I check in?',
      /Online check-in opens 24 hours before departure/,
    ],
    ['check-in', 'when does check-in open?', 'When and how do I check in?', /24 hours before departure/],
    ['changes', 'what are the change fees?', 'Can I change my flight?', /change/i],
    ['refunds', "what's the refund policy?", 'How much do I get back if I cancel?', /refund/i],
    ['refunds', 'can I get a refund?', 'How much do I get back if I cancel?', /refund/i],
    ['payment', 'what payment methods do you accept?', 'How can I pay?', /card/i],
    ['payment', 'which cards do you accept?', 'How can I pay?', /card/i],
    ['contact', 'how do I contact support?', 'How do I reach a person?', /support@jetway\.example|\+1 555 0100/],
    ['contact', 'how do I reach a person?', 'How do I reach a person?', /support@jetway\.example|\+1 555 0100/],
  ];

  it.each(QUESTIONS)('%s: "%s" is answered with "%s"', async (_topic, question, title, line) => {
    const c = chat(h);
    const reply = await c.say(question);
    const article = c.messages.find((m) => m.card?.kind === 'article')?.card;
    expect({ question, title: article?.kind === 'article' ? article.title : reply }).toEqual({ question, title });
    expect(reply).toMatch(line);
    expect(reply).toMatch(/http\S+\/help#[a-z-]+/);
  });

  it('the answer is said once: the text names the article, which carries it', async () => {
    const c = chat(h);
    const reply = await c.say("what's the baggage allowance?");
    expect(reply.match(/Standard: 1 checked bag included/g)).toHaveLength(1);
    expect(c.messages[0]!.text).toMatch(/^How much baggage can I take\? \(see also: /);
  });

  it.each(QUESTIONS.filter((_, i) => i % 2 === 0))(
    '%s: "%s" in the middle of a booking is answered, then the question is asked again',
    async (_topic, question, title) => {
      const c = chat(h);
      await climb(c, h.t, 5);
      const reply = await c.say(question);
      expect(reply).toContain(title);
      expect(reply).toMatch(/---\nLondon LHR → Paris \(any airport\)/);
      expect(await c.say('1')).toMatch(/^Which fare/);
    },
  );

  it('an article an admin edits is answered as edited', async () => {
    const s = h.t.services;
    const admin = await s.auth.createUser({
      email: 'faq.editor@example.com',
      password: null,
      firstName: 'Faq',
      lastName: 'Editor',
      role: 'admin',
    });
    const actor = { kind: 'user', userId: admin.id, role: 'admin' } as const;
    const [article] = await s.faq.search('baggage allowance', 'baggage');
    const { slug, topic, question, answer, keywords, position } = article!;
    await s.faq.upsert(actor, slug, { topic, question, keywords, position, answer: 'Two bags of 23 kg each, always.' });
    try {
      const reply = await chat(h).say("what's the baggage allowance?");
      expect(reply).toContain('Two bags of 23 kg each, always.');
    } finally {
      await s.faq.upsert(actor, slug, { topic, question, keywords, position, answer });
    }
  });

  it('"help" alone says what the assistant can do and how to reach support', async () => {
    expect(await chat(h).say('help')).toMatch(
      /^I can find and book flights[\s\S]*support@jetway\.example or \+1 555 0100, or say "talk to an agent"\./,
    );
  });
});
