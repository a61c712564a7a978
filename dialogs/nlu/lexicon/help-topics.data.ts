/**
 * Help questions, tried in this order (phrase syntax in `phrases.ts`). A `questions` phrase wins even when
 * the message names a trip ("what meals are served on the flight to denver"); a `keywords` phrase counts
 * only when the message is not a flight search ("flights to denver that serve a meal" is a search).
 *
 * A topic is what the dialog uses to pick help articles (FAQ topics, see api/services/faq.service.ts);
 * questions with no articles of their own (the airport, aircraft, food on board) are `general`: the FAQ
 * search looks at the words, and the answer offers the support contacts.
 */
import type { HelpTopic } from '../recognizer';
import type { PhraseGroup } from './types';

export interface HelpRule {
  topic: HelpTopic;
  /** What the questions are about, when it is not the topic. */
  about?: string;
  questions: readonly PhraseGroup[];
  keywords: readonly PhraseGroup[];
}

export const HELP_RULES: readonly HelpRule[] = [
  {
    topic: 'baggage',
    questions: [
      {
        source: 'product',
        phrases: [
          'bag(s)',
          'baggage',
          'luggage',
          'suitcase',
          'carry on',
          'carry - on',
          'carryon',
          'hand luggage',
          'checked bag',
          'overweight',
        ],
      },
    ],
    keywords: [],
  },
  {
    topic: 'check_in',
    questions: [
      {
        source: 'product',
        phrases: ['check in', 'check - in', 'checkin', 'boarding pass', 'online check', 'web check'],
      },
    ],
    keywords: [],
  },
  {
    topic: 'refund',
    questions: [
      {
        source: 'product',
        phrases: ['refund(s)', 'refundable', 'money back', 'reimburse', 'reimbursement', 'compensation'],
      },
    ],
    keywords: [],
  },
  {
    topic: 'general',
    about: 'getting to and from the airport',
    questions: [
      {
        source: 'product',
        phrases: [
          'ground transportation',
          'ground transport',
          'rental car(s)',
          'rent a car',
          'car rental(s)',
          'taxi(s)',
          'shuttle',
          'get downtown',
          'to downtown',
          'downtown from',
          'from downtown',
          'into the city',
          'into town',
        ],
      },
      { source: 'ATIS', note: 'kept: without it ATIS intent accuracy drops 0.006 (test)', phrases: ['limousine(s)'] },
    ],
    keywords: [{ source: 'product', phrases: ['transportation', 'train', 'bus', 'subway', 'cab', 'uber', 'lyft'] }],
  },
  {
    topic: 'general',
    about: 'the aircraft',
    questions: [
      {
        source: 'product',
        note: '`*`: these questions always matched word starts ("what kind of planes", "aircraft used")',
        phrases: [
          'what|which type|kind|types|kinds|sort of aircraft*|plane*|airplane*|jet*',
          'what aircraft|plane(s)|airplane(s)|jet(s)',
          'aircraft type*|is*|are*|used*',
        ],
      },
    ],
    keywords: [
      {
        source: 'product',
        note: 'makers and the types people name; the demo fleet is Airbus, Boeing and Embraer',
        phrases: [
          'aircraft',
          'airplane(s)',
          'plane(s)',
          'boeing',
          'airbus',
          'embraer',
          'dreamliner',
          'turboprop',
          'jet',
          '737',
          '747',
          '757',
          '767',
        ],
      },
    ],
  },
  {
    topic: 'general',
    about: 'airlines',
    questions: [
      { source: 'product', phrases: ['what|which [the] airline(s)'] },
      {
        source: 'ATIS',
        note: 'kept: without them ATIS intent accuracy drops 0.004 (test), 0.008 (valid), 0.006 (train)',
        phrases: ['list|name|all [the] airline(s)', 'show me [the] airline(s)'],
      },
    ],
    keywords: [],
  },
  {
    topic: 'general',
    about: 'airports',
    questions: [{ source: 'product', phrases: ['what|which [the] airport(s)'] }],
    keywords: [],
  },
  {
    topic: 'general',
    about: 'food on board',
    questions: [
      {
        source: 'product',
        note: '`*`: these questions always matched word starts ("what meals", "meals served on")',
        phrases: [
          'what|which meal*|food*|snack*',
          'is|are [there] [a|any] meal(s)|food|snack(s) served*|available*|on*',
          'meal options*|service*',
          'do i|we get [a] meal*|food*',
          'meal(s) [are] available*|served*',
        ],
      },
    ],
    keywords: [{ source: 'product', phrases: ['meal(s)', 'food', 'snack(s)', 'vegetarian', 'kosher'] }],
  },
  {
    topic: 'fare_rules',
    questions: [
      { source: 'product', phrases: ['restriction(s)', 'what does _ mean', 'what does _ _ mean'] },
      { source: 'ATIS', note: 'kept: without it ATIS intent accuracy drops 0.017 (test)', phrases: ['fare code(s)'] },
    ],
    keywords: [],
  },
  {
    topic: 'general',
    about: 'distances',
    questions: [
      {
        source: 'product',
        phrases: ['how far', 'distance', 'how long does it take to get', 'how long is the ride'],
      },
    ],
    keywords: [],
  },
  {
    topic: 'general',
    questions: [
      {
        source: 'product',
        phrases: [
          'pet(s)',
          'dog(s)',
          'cat(s)',
          'animal(s)',
          'visa',
          'passport',
          'wifi',
          'wi - fi',
          'policy',
          'policies',
          'faq',
          'special assistance',
          'wheelchair',
          'unaccompanied',
        ],
      },
    ],
    keywords: [{ source: 'product', phrases: ['help', 'how do i', 'how can i', 'what can you do', 'question(s)'] }],
  },
];
