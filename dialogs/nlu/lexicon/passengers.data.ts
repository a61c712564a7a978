/** Words for who travels: passenger nouns by type, companions, "just me" (phrase syntax in `phrases.ts`). */
import type { PhraseGroup, WordGroup } from './types';

/** "2 adults", "an infant", "3 kids": the noun after a number says the passenger type. */
export const PASSENGER_NOUNS: Readonly<Record<'adults' | 'children' | 'infants', readonly WordGroup[]>> = {
  adults: [
    {
      source: 'product',
      words: `
        adult adults grownups people persons person ppl pax passenger passengers traveller travellers traveler
        travelers tickets ticket seniors senior students student guests guys friends friend colleagues colleague
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
  fillers: [{ source: 'product', words: 'more extra additional other small little young lap grown adult' }],
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
