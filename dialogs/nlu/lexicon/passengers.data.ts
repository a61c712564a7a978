/** Words for who travels: passenger nouns by type, companions, "just me" (phrase syntax in `phrases.ts`). */
import type { PhraseGroup, WordGroup } from './types';

/** "2 adults", "an infant", "3 kids": the noun after a number says the passenger type. */
export const PASSENGER_NOUNS: Readonly<Record<'adults' | 'children' | 'infants', readonly WordGroup[]>> = {
  adults: [
    {
      source: 'product',
      words: `
        adult adults grownups grown-ups seniors senior students student guys friends friend colleagues colleague
      `,
    },
  ],
  children: [
    {
      source: 'product',
      words: `
        child children kid kids kiddos son sons daughter daughters boys girls teens teen teenagers youths minors
        toddler toddlers
      `,
    },
  ],
  infants: [{ source: 'product', words: 'infant infants baby babies newborn' }],
};

/**
 * "3 tickets", "4 people", "seats for 2": a head count that says nothing about ages. Said next to a story
 * ("my wife and son are coming") it is the number to search for; the story only says who is a child.
 */
export const HEAD_COUNT_NOUNS: readonly WordGroup[] = [
  {
    source: 'product',
    words: `
      people persons person ppl pax passenger passengers traveller travellers traveler travelers tickets ticket
      seats seat guests guest members pple peeps
    `,
  },
];

/**
 * "my 8 year old", "a 2-year-old", "our 18 month old": an age says the passenger type by the airlines'
 * usual rule (under 2 an infant, 2 to 11 a child, 12 and over an adult fare).
 */
export const AGE_WORDS = {
  years: [{ source: 'product', words: 'year years yr yrs y' }],
  months: [{ source: 'product', words: 'month months mo mos' }],
  old: [{ source: 'product', words: 'old olds' }],
  /** "8yo", "8 y/o": written as one token after the number. */
  shortForms: [{ source: 'product', words: 'yo yr-old' }],
  /** The person an age describes, when named right after it ("my 8 year old son"): not a second traveller. */
  kin: [
    { source: 'product', words: 'son daughter boy girl kid child baby toddler grandson granddaughter nephew niece' },
  ],
} satisfies Record<string, readonly WordGroup[]>;

export const PARTY_WORDS = {
  /** People who are grown-ups when they travel with the speaker ("me and my wife"). */
  companions: [
    {
      source: 'product',
      words: `
        wife husband partner girlfriend boyfriend fiance fiancee spouse friend mom mum mother dad father brother
        sister colleague boss coworker grandma grandpa mother-in-law aunt uncle cousin buddy mate roommate parents
        other
      `,
    },
  ],
  /** Companions that are two people. */
  companionPairs: [{ source: 'product', words: 'parents' }],
  /** "with 2 friends": the speaker travels too. */
  withSpeaker: [{ source: 'product', words: 'friend friends colleague colleagues guys' }],
  /** Words between the number and the noun ("2 more adults", "an extra child", "a lap infant"). */
  fillers: [
    { source: 'product', words: 'more extra additional other small little young lap grown adult' },
    {
      source: 'product',
      note: 'what the tickets are ("three economy tickets", "2 round trip tickets", "2 business class seats")',
      words: 'economy business premium coach first class round trip return one way - nonstop direct refundable cheap',
    },
  ],
  /** "for 2", "seats for four": a number after "for" is the head count unless these follow it ("for 2 nights"). */
  notAfterFor: [{ source: 'product', words: 'way more less of or to - / : am pm' }],
  /** "we are 3 ..." followed by these is not a party size ("there are 2 stops", "we're 5 minutes late"). */
  notPartyUnits: [
    {
      source: 'product',
      words: `
        minute minutes hour hours day days night nights week weeks dollar dollars year years am pm o'clock percent
        stop stops flight flights
      `,
    },
  ],
} satisfies Record<string, readonly WordGroup[]>;

export const PARTY_PHRASES = {
  /** One adult, said so. */
  solo: [
    {
      source: 'product',
      phrases: [
        'just me',
        'only me',
        'myself',
        'by myself',
        'on my own',
        'solo',
        'alone',
        'only one person',
        'just one person',
        'one and only person',
        'only person',
      ],
    },
  ],
  /** "we are 3", "party of four": the number that follows is the whole party. */
  groupOf: [
    {
      source: 'product',
      phrases: ['we are', "we're", 'were', 'there are', "there's", 'party of', 'group of', 'team of', 'total of'],
    },
  ],
} satisfies Record<string, readonly PhraseGroup[]>;
