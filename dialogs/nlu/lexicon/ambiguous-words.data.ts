/**
 * Plain English words that collide with airport codes, city aliases, airline designators or booking
 * references, and the words typo-tolerant matching must leave alone.
 */
import type { WordGroup } from './types';

/** Never a place or airline code in lower case, whatever the context ("was", "man", "can", "the", "us"). */
export const NEVER_LOWER: readonly WordGroup[] = [
  {
    source: 'product',
    note: 'short English words',
    words: `
      a an the and or but for nor so yet of to in on at by as is it be am are was were has had have do does did
      not no yes can may will man men all any one two six ten new old get got let see saw say use who why how
      now our out own off per put set sit top try way end far few too fit mid max min via pm us me my we you
      her his him she he its i ok hi bye yo vs ha go up so re big bad non hot ice job
    `,
  },
  {
    source: 'product',
    note: 'day and month abbreviations',
    words: 'sun sat wed mon tue thu fri jan feb mar apr jun jul aug sep sept oct nov dec',
  },
  {
    source: 'product',
    note: 'travel words',
    words: `
      day days fly bus car cab bag bags pay fee tax air jet home work back next last first late early time fare cost
      help
    `,
  },
  {
    source: 'product',
    note: 'airline designators that are also words or abbreviations (CA, AI, HP, NZ, NH, OS, AC, TK, SK, CO)',
    words: 'ca ai hp nz nh os ac tk sk co',
  },
];

/**
 * Words that name a place only right after a place cue ("to sea", "from pit", "via den", "to nice"),
 * because on their own they are ordinary words.
 */
export const NEEDS_CUE: readonly WordGroup[] = [
  {
    source: 'product',
    note: 'airport codes that are words',
    words: `
      sea den oak pit pie lax mia ind san aus sin mad ham dub mex par rom mil ber cia bom del hel ams lis osl
      arn vie mel syd hou dal
    `,
  },
  {
    source: 'product',
    note: 'city names and shorthand that are words',
    words: 'sf la nice reading split mobile orange',
  },
  {
    source: 'product',
    note: 'airport names that are words or people',
    words: 'metro national midway hobby mascot mitchell logan lambert pearson trudeau dorval kennedy indy',
  },
];

/** Airline names that are ordinary words unless the next word rules it out ("united states"). */
export const AIRLINE_BLOCKERS: Readonly<Record<string, WordGroup>> = {
  united: { source: 'product', words: 'states kingdom arab nations' },
  american: { source: 'product', words: 'express citizen citizens passport dollars' },
  british: { source: 'product', words: 'passport citizen citizens pounds columbia' },
  swiss: { source: 'product', words: 'francs passport citizen' },
  virgin: { source: 'product', words: 'islands mobile' },
  delta: { source: 'product', words: 'variant' },
  frontier: { source: 'product', words: 'land' },
  alaska: { source: 'product', words: 'state' },
  thai: { source: 'product', words: 'food baht' },
  turkish: { source: 'product', words: 'lira passport' },
};

/**
 * Common words that are one typo away from a city name ("settle" ~ seattle, "parts" ~ paris) or are
 * vocabulary of the domain; fuzzy matching skips them.
 */
export const NO_FUZZY: readonly WordGroup[] = [
  {
    source: 'product',
    note: 'common words, some one typo away from a city ("settle", "parts")',
    words: 'settle parts there these those where which would could should about after before again along around',
  },
  {
    source: 'product',
    note: 'words of the domain',
    words: `
      flight flights flying ticket tickets travel trip trips return returning leaving depart departing arrive
      arriving arrival morning evening afternoon night tonight today tomorrow monday tuesday wednesday thursday
      friday saturday sunday weekend january february march april june july august september october november
      december please thanks thank hello cheap cheapest price prices first second third class business economy
      coach premium nonstop direct adults adult children child infant infants people persons passengers family
      between through during until stops round other another earliest latest early later might maybe plane
      planes airport airports airline airlines fares service going coming leave leaves lands landing dinner
      lunch breakfast meals layover connecting connection available schedule times information options option
      change cancel booking seats seat downtown afternoons mornings evenings nights weekdays weekday possible
      cities states state stopover either
    `,
  },
  {
    source: 'product',
    note:
      'everyday words one typo from a served place name with the same first letter (person ~ Pearson, ' +
      'pairs ~ Paris, login ~ Logan, midday ~ Midway, kansas ~ Kansai); found by running the ' +
      "fuzzy matcher over the words of the FAQ, the npm packages' READMEs and both corpora",
    words: `
      person parson pairs parks parish palms login logon midday kansas dulled duller dullest poking peaking
      peeking perch
    `,
  },
];

/** Six-letter words that pass the booking-reference character test and follow "booking" or "ref" in messages. */
export const NOT_A_REFERENCE: readonly WordGroup[] = [
  {
    source: 'product',
    words: `
      NUMBER STATUS CHANGE THANKS MANAGE RETURN BEFORE MONDAY SUNDAY RECORD SEARCH ANSWER ACCESS REFUND SECURE
      UPDATE
    `,
  },
];

/** Words right before a booking reference ("booking ref", "confirmation #"), in any case. */
export const REFERENCE_CUES: WordGroup = {
  source: 'product',
  words: 'booking reference ref pnr code confirmation locator record reservation number #',
};
