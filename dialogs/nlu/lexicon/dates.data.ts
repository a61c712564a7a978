/** Words of dates and of the legs they belong to; the shapes of dates ("dec 3-10", "the 20th") are in dates.ts. */
import type { MapGroup, PhraseGroup, WordGroup } from './types';

/** Month names and abbreviations; names that are also words ("may", "march") count only next to a day. */
export const MONTHS: readonly MapGroup<number>[] = [
  {
    source: 'product',
    note: 'with a common misspelling (febuary)',
    entries: {
      jan: 1,
      january: 1,
      feb: 2,
      february: 2,
      febuary: 2,
      mar: 3,
      march: 3,
      apr: 4,
      april: 4,
      may: 5,
      jun: 6,
      june: 6,
      jul: 7,
      july: 7,
      aug: 8,
      august: 8,
      sep: 9,
      sept: 9,
      september: 9,
      oct: 10,
      october: 10,
      nov: 11,
      november: 11,
      dec: 12,
      december: 12,
    },
  },
];

/** Weekday names, plurals ("fridays") and abbreviations; Sunday is 0. */
export const WEEKDAYS: readonly MapGroup<number>[] = [
  {
    source: 'product',
    entries: {
      sunday: 0,
      sundays: 0,
      sun: 0,
      monday: 1,
      mondays: 1,
      mon: 1,
      tuesday: 2,
      tuesdays: 2,
      tue: 2,
      tues: 2,
      wednesday: 3,
      wednesdays: 3,
      wed: 3,
      weds: 3,
      thursday: 4,
      thursdays: 4,
      thu: 4,
      thur: 4,
      thurs: 4,
      friday: 5,
      fridays: 5,
      fri: 5,
      saturday: 6,
      saturdays: 6,
      sat: 6,
    },
  },
];

export const DATE_WORDS = {
  /** Weekday abbreviations that are English words: only after a date cue ("back sun", "on sat"). */
  wordyWeekdays: [{ source: 'product', words: 'sun sat wed mon' }],
  /** The date cues for those. */
  weekdayCues: [
    {
      source: 'product',
      words: `
        on this next back return returning until till til by - leave leaving depart departing coming every fly
        flying from to and or before after
      `,
    },
  ],
  /** Tomorrow, with SMS spellings and misspellings. */
  tomorrow: [{ source: 'product', words: 'tomorrow tomorow tommorow tommorrow tmrw tmr tmw 2morrow 2moro' }],
  /** Between two dates of a range ("dec 3-10", "3rd to the 10th"). */
  rangeWords: [{ source: 'product', words: '- to until till til thru through' }],
  /** May stand between a weekday and the date that restates it ("wednesday the 14th", "fri morning 12/4"). */
  weekdayDateGap: [{ source: 'product', words: 'the morning afternoon evening night of' }],
  /** Join a day to a month named after it ("the 27th or the 28th of december"). */
  dateJoiners: [{ source: 'product', words: 'or and to - the until till through thru' }],
  /** After an ordinal, these make it not a day ("the first flight", "the 2nd option"). */
  notADayAfter: [
    {
      source: 'product',
      words: `
        flight flights class stop leg one ones time available option options seat row fare thing passenger person
        page result week choice cheapest earliest latest airline trip
      `,
    },
  ],
} satisfies Record<string, readonly WordGroup[]>;

/** Words that set the leg a date or time belongs to, from there on. */
export const LEG_WORDS = {
  depart: [
    {
      source: 'product',
      words: 'leave leaving leaves depart departs departing departure departures outbound outward',
    },
  ],
  return: [
    {
      source: 'product',
      note: 'with SMS shorthand (ret, rtn, rtrn)',
      words: 'return returning returns back inbound homebound homeward ret rtn rtrn',
    },
  ],
  arrive: [
    {
      source: 'product',
      words: 'arrive arrives arriving arrival arrivals land lands landing reach reaching',
    },
  ],
  /** "return ticket" / "return trip" is British for round trip, not a cue for the return leg. */
  tripNouns: [{ source: 'product', words: 'ticket tickets trip trips fare fares journey flight flights' }],
  /** "return from miami to new york", "fly back to boston": a route for the leg home, not a date cue. */
  routeWords: [{ source: 'product', words: 'to from into' }],
  /** "go home", "fly out": with these before them, "home" and "out" set the leg. */
  go: [{ source: 'product', words: 'fly flying get getting come coming go going head heading' }],
} satisfies Record<string, readonly WordGroup[]>;

/**
 * Words that start the next leg of a multi-city trip: "London to Paris on the 20th, then Paris to Rome on the 23rd",
 * "… and after that on to Rome". Plain words (no phrase syntax); the longest that matches is taken.
 */
export const NEXT_LEG_PHRASES: readonly PhraseGroup[] = [
  {
    source: 'product',
    phrases: ['and then', 'then', 'and after that', 'after that', 'afterwards', 'followed by', 'and from there'],
  },
];
