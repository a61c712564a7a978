import type { Db } from '../../api/db/db';
import type { FaqArticleRow } from '../../api/domain/records';
import type { HelpContentRepository } from '../../api/repositories/help-content.repository';
import type { FaqArticleInput, FaqRepository } from '../../api/repositories/faq.repository';
import type { OpsRepository } from '../../api/repositories/ops.repository';
import { FAQ_ARTICLES } from '../../api/seed/data/faq';
import { ManualClock } from '../../api/services/clock';
import { FaqService, tokens } from '../../api/services/faq.service';

/** The seeded articles in memory: search quality does not need a database. */
function service(): FaqService {
  const rows: FaqArticleRow[] = FAQ_ARTICLES.map((a, i) => ({
    ...a,
    id: i + 1,
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  }));
  const repo = {
    all: async () => rows,
    findBySlug: async (slug: string) => rows.find((r) => r.slug === slug) ?? null,
    upsert: async (_a: FaqArticleInput) => true,
    insertIfAbsent: async () => false,
    remove: async () => false,
  } as unknown as FaqRepository;
  const ops = { audit: async () => undefined } as unknown as OpsRepository;
  const db = { transaction: <T>(fn: () => Promise<T>) => fn() } as unknown as Db;
  const helpRepo = { recordAsk: async () => undefined, addVersion: async () => undefined };
  return new FaqService({
    db,
    faqRepo: repo,
    helpRepo: helpRepo as unknown as HelpContentRepository,
    opsRepo: ops,
    clock: new ManualClock(new Date('2026-01-01T00:00:00Z')),
    settings: {
      holdMinutes: 15,
      supportEmail: 'help@jetway.example',
      supportPhone: '+1 555 0100',
      brand: 'jetway',
    },
  });
}

describe('FAQ search', () => {
  const faq = service();

  it.each([
    ['how many bags can I take', 'baggage-allowance'],
    ['luggage allowance', 'baggage-allowance'],
    ['can I bring a suitcase', 'baggage-allowance'],
    ['how much luggage is included with a basic fare?', 'baggage-allowance'],
    ['what size can my hand luggage be', 'cabin-bags'],
    ['can I take liquids in my carry-on', 'cabin-bags'],
    ['can I bring my golf clubs', 'extra-baggage'],
    ['when does online check-in open', 'online-check-in'],
    ['how early should I get to the airport', 'airport-times'],
    ['can I change the date of my flight', 'change-flight'],
    ['my name is misspelled on the ticket', 'name-correction'],
    ['how do I cancel my trip', 'cancel-booking'],
    ['will I get my money back if I cancel a basic fare', 'refund-rules'],
    ['I just booked and changed my mind, is there a free cancellation within 24 hours?', 'free-cancellation-24h'],
    ['how long does a refund take', 'refund-timing'],
    ['which cards do you accept', 'payment-methods'],
    ['how long are the seats held before I have to pay', 'seat-hold'],
    ['my card was declined', 'payment-problems'],
    ['how much does an exit row seat cost', 'seat-selection'],
    ['can I choose a window seat', 'seat-selection'],
    ['travelling with a baby', 'children-and-infants'],
    ['do kids pay full price', 'children-and-infants'],
    ['I need a wheelchair', 'special-assistance'],
    ['can I bring my dog', 'pets'],
    ['how can I talk to a human', 'contact-support'],
    ['where is my e-ticket', 'e-ticket'],
    ['I did not get the verification code', 'email-code'],
    ['what do you do with my personal data', 'privacy'],
    ['is the payment page a sandbox test', 'sandbox-payments'],
  ])('%s → %s', async (question, slug) => {
    const found = await faq.search(question);
    expect(found.map((a) => a.slug)[0]).toBe(slug);
  });

  it('returns nothing for a question no article is about', async () => {
    expect(await faq.search('what is the capital of peru')).toEqual([]);
    expect(await faq.search('')).toEqual([]);
  });

  it('a topic alone lists that topic in order, and boosts a vague question', async () => {
    expect((await faq.search('', 'baggage')).map((a) => a.slug)).toEqual([
      'baggage-allowance',
      'cabin-bags',
      'extra-baggage',
    ]);
    expect((await faq.search('what are the rules', 'refund'))[0]?.topic).toBe('refund');
  });

  it('fills configured values into the text', async () => {
    const [hold] = await faq.search('how long are seats held');
    expect(hold?.answer).toContain('15 minutes');
    expect(hold?.answer).not.toContain('{holdMinutes}');
  });

  it('normalises words: plurals, endings, synonyms and phrases', () => {
    expect(tokens('Suitcases and luggage')).toEqual(['bag', 'bag']);
    expect(tokens('Cancelled cancellations')).toEqual(['cancel', 'cancel']);
    expect(tokens('When does check-in open?')).toEqual(['checkin', 'open']);
  });
});
