/** Words for search preferences: cabin, non-stop, trip type, sort order, flexibility (syntax in `phrases.ts`). */
import type { Cabin } from '../../../api/domain/types';
import type { SortKey } from '../recognizer';
import type { PhraseGroup } from './types';

/** Cabins in the order they are tried: "premium economy" before "economy", "business" last of the named ones. */
export const CABIN_PHRASES: readonly { cabin: Cabin; groups: readonly PhraseGroup[] }[] = [
  {
    cabin: 'premium_economy',
    groups: [
      {
        source: 'product',
        phrases: [
          'premium economy',
          'premium eco',
          'prem eco',
          'economy plus',
          'economy comfort',
          'premium cabin',
          'premium class',
          'premium',
        ],
      },
    ],
  },
  {
    cabin: 'first',
    groups: [
      {
        source: 'product',
        phrases: [
          'first class',
          'first - class',
          '1st class',
          'in first',
          'fly first',
          'flying first',
          'first cabin',
          'firstclass',
        ],
      },
    ],
  },
  {
    cabin: 'business',
    groups: [
      {
        source: 'product',
        note: 'airline brand names too: J class, Club, Upper Class, Polaris',
        phrases: [
          'business class',
          'business - class',
          'biz class',
          'in business',
          'fly business',
          'flying business',
          'business cabin',
          'business seat(s)',
          'business fare(s)',
          'business ticket(s)',
          'j class',
          'club class',
          'upper class',
          'polaris',
          'business',
        ],
      },
    ],
  },
  {
    cabin: 'economy',
    groups: [
      {
        source: 'product',
        phrases: [
          'economy class',
          'economy',
          'coach',
          'coach class',
          'economic class',
          'eco class',
          'main cabin',
          'basic economy',
          'economy seat(s)',
          'cattle class',
          'standard class',
        ],
      },
    ],
  },
];

export const PREFERENCE_PHRASES = {
  /** "on business", "business trip" are about the purpose of travel, not the cabin... */
  businessPurpose: [
    {
      source: 'product',
      phrases: [
        'on|for business',
        'business trip|travel|traveller|travellers|traveler|travelers|meeting(s)|reason(s)|purpose(s)|day(s)|hour(s)',
      ],
    },
    {
      source: 'product',
      note: 'what a traveller goes to on business ("a business conference in Chicago"), never a cabin',
      phrases: [
        'business conference(s)|convention(s)|summit(s)|expo(s)|event(s)|seminar(s)|workshop(s)|training',
        'business lunch|dinner|partner(s)|associate(s)|client(s)|contact(s)|card(s)|school|owner(s)|deal(s)',
        'business visit(s)|call(s)|matter(s)|commitment(s)|engagement(s)|appointment(s)|course|fair|show',
      ],
    },
  ],
  /** ...unless the cabin is named as well. */
  businessCabin: [{ source: 'product', phrases: ['business class|cabin|seat(s)'] }],
  nonStop: [
    {
      source: 'product',
      phrases: [
        'nonstop',
        'nonstops',
        'non stop',
        'non - stop',
        'non stops',
        'direct',
        'directly',
        'no stops',
        'no stop',
        'without stops',
        'without stopping',
        'without a stop',
        'no layover(s)',
        'no connection(s)',
        'without connection(s)',
        'no changes',
        'straight through',
      ],
    },
  ],
  withStops: [
    {
      source: 'product',
      phrases: [
        'connecting',
        'connection',
        'connections',
        'one stop',
        '1 stop',
        'two stops',
        '2 stops',
        'with a stop',
        'with stops',
        'stopover',
        'layover',
        'stop in',
        'stops in',
        'stopping in',
      ],
    },
  ],
  oneWay: [
    {
      source: 'product',
      phrases: [
        'one way',
        'one - way',
        'oneway',
        '1 way',
        'single ticket',
        'single fare',
        'one direction',
        'no return',
        'not returning',
      ],
    },
  ],
  roundTrip: [
    {
      source: 'product',
      note: 'British "return ticket" and SMS shorthand (rtn) included',
      phrases: [
        'round trip(s)',
        'round - trip',
        'roundtrip',
        'return ticket',
        'return trip',
        'return fare',
        'return flight(s)',
        'there and back',
        'and back',
        'coming back',
        'come back',
        'fly back',
        'flying back',
        'returning',
        'rtn',
        'rtrn',
        'ret',
      ],
    },
  ],
  /** "flexible by 2 days", "+/- 3 days": the words before the number of days or weeks. */
  flexBy: [
    {
      source: 'product',
      phrases: [
        '+ / -',
        '+ -',
        '±',
        'plus or minus',
        'plus minus',
        'give or take',
        'flexible by',
        'flexible up to',
        'flex',
        'within',
      ],
    },
  ],
  /** Flexible without a number: three days either way. */
  flexVague: [
    {
      source: 'product',
      phrases: [
        'flexible',
        'flexible dates',
        'dates are flexible',
        "i'm flexible",
        'im flexible',
        'i am flexible',
        'flexible on [the] dates',
        'flexible with [the] dates',
        'dates flexible',
        'a day or two either side',
        'either side',
        'any day that week',
      ],
    },
  ],
  /** ...or two days, said so. */
  flexTwoDays: [{ source: 'product', phrases: ['a day or two'] }],
} satisfies Record<string, readonly PhraseGroup[]>;

/** Sort orders in the order they are tried: "earliest arriving" before "earliest". */
export const SORT_PHRASES: readonly { sort: SortKey; direction: 'asc' | 'desc'; groups: readonly PhraseGroup[] }[] = [
  {
    sort: 'price',
    direction: 'asc',
    groups: [
      {
        source: 'product',
        phrases: [
          'cheapest',
          'cheaper',
          'lowest fare(s)|price(s)|cost',
          'least expensive',
          'lowest',
          'cheap',
          'inexpensive',
          'budget',
          'best price',
          'best deal',
          'low cost',
          'bargain',
        ],
      },
    ],
  },
  {
    sort: 'price',
    direction: 'desc',
    groups: [{ source: 'product', phrases: ['most expensive', 'highest fare|price|cost', 'priciest'] }],
  },
  {
    sort: 'duration',
    direction: 'asc',
    groups: [
      {
        source: 'product',
        phrases: ['fastest', 'quickest', 'shortest', 'least time', 'shortest flight', 'shortest travel'],
      },
    ],
  },
  {
    sort: 'arrival',
    direction: 'asc',
    groups: [
      {
        source: 'product',
        phrases: ['earliest arriving', 'arrive earliest', 'arriving earliest', 'earliest arrival', 'first to arrive'],
      },
    ],
  },
  {
    sort: 'arrival',
    direction: 'desc',
    groups: [{ source: 'product', phrases: ['latest arriving', 'arrive latest', 'latest arrival'] }],
  },
  {
    sort: 'departure',
    direction: 'asc',
    groups: [
      {
        source: 'product',
        phrases: ['earliest', 'first flight(s)', 'first available', 'early as possible', 'earliest possible'],
      },
    ],
  },
  {
    sort: 'departure',
    direction: 'desc',
    groups: [
      { source: 'product', phrases: ['latest', 'last flight(s)'] },
      { source: 'ATIS', note: "a misspelling in the ATIS requests, and in travellers' too", phrases: ['lastest'] },
    ],
  },
];
