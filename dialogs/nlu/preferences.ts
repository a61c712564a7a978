/** Search preferences read from the normalised sentence: cabin, non-stop, trip type, sort order, flexibility. */
import type { Cabin } from '../../api/domain/types';
import type { SortKey, TripType } from './recognizer';

export interface Preferences {
  cabin: Cabin | null;
  nonStop: boolean | null;
  tripType: TripType | null;
  sort: SortKey | null;
  sortDirection: 'asc' | 'desc' | null;
  flexDays: number | null;
}

// Patterns run over " w1 w2 ... " (single spaces, lower case), so " x " is a whole-word match.
const CABIN_RULES: [RegExp, Cabin][] = [
  [
    / (premium economy|premium eco|prem eco|economy plus|economy comfort|premium cabin|premium class|premium) /,
    'premium_economy',
  ],
  [/ (first class|first - class|1st class|in first|fly first|flying first|first cabin|firstclass) /, 'first'],
  [
    / (business class|business - class|biz class|in business|fly business|flying business|business cabin|business seats?|business fares?|business tickets?|j class|club class|upper class|polaris|business) /,
    'business',
  ],
  [
    / (economy class|economy|coach|coach class|thrift|thrift economy|economic class|eco class|main cabin|basic economy|economy seats?|cattle class|standard class) /,
    'economy',
  ],
];
/** "on business", "business trip" are about the purpose of travel, not the cabin. */
const BUSINESS_PURPOSE =
  / (on|for) business | business (trip|travel|traveller|travellers|traveler|travelers|meeting|meetings|reasons?|purposes?|days?|hours?) /;
const NON_STOP =
  / (nonstop|nonstops|non stop|non - stop|non stops|direct|directly|no stops|no stop|without stops|without stopping|without a stop|no layovers?|no connections?|without connections?|no changes|straight through) /;
const WITH_STOPS =
  / (connecting|connection|connections|one stop|1 stop|two stops|2 stops|with a stop|with stops|stopover|layover|stop in|stops in|stopping in) /;
const ONE_WAY = / (one way|one - way|oneway|1 way|single ticket|single fare|one direction|no return|not returning) /;
const ROUND_TRIP =
  / (round trip|round trips|round - trip|roundtrip|return ticket|return trip|return fare|return flight|return flights|there and back|and back|coming back|come back|fly back|flying back|returning|rtn|rtrn|ret) /;
const SORTS: [RegExp, SortKey, 'asc' | 'desc'][] = [
  [
    / (cheapest|cheaper|lowest (fare|fares|price|prices|cost)|least expensive|lowest|cheap|inexpensive|budget|best price|best deal|low cost|bargain) /,
    'price',
    'asc',
  ],
  [/ (most expensive|highest (fare|price|cost)|priciest) /, 'price', 'desc'],
  [/ (fastest|quickest|shortest|least time|shortest flight|shortest travel) /, 'duration', 'asc'],
  [/ (earliest arriving|arrive earliest|arriving earliest|earliest arrival|first to arrive) /, 'arrival', 'asc'],
  [/ (latest arriving|arrive latest|latest arrival) /, 'arrival', 'desc'],
  [/ (earliest|first flight|first flights|first available|early as possible|earliest possible) /, 'departure', 'asc'],
  [/ (latest|last flight|last flights|lastest) /, 'departure', 'desc'],
];
const FLEX_NUMBER =
  / (?:\+ ?\/? ?- ?|± ?|plus or minus |plus minus |give or take |flexible by |flexible up to |flex |within )(\d+|a|an|one|two|three|four|five|six|seven) (days?|weeks?)/;
const FLEX_VAGUE =
  / (flexible|flexible dates|dates are flexible|i'm flexible|im flexible|i am flexible|flexible on dates|flexible on the dates|flexible with dates|flexible with the dates|dates flexible|a day or two either side|either side|any day that week) /;
const WORD_NUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };

/** Reads every preference from the normalised sentence `s` (" words ... "). */
export function findPreferences(s: string): Preferences {
  let cabin: Cabin | null = null;
  for (const [re, c] of CABIN_RULES) {
    if (!re.test(s)) continue;
    if (c === 'business' && BUSINESS_PURPOSE.test(s) && !/ business (class|cabin|seats?) /.test(s)) continue;
    cabin = c;
    break;
  }
  let sort: SortKey | null = null;
  let sortDirection: 'asc' | 'desc' | null = null;
  for (const [re, key, dir] of SORTS) {
    if (re.test(s)) {
      sort = key;
      sortDirection = dir;
      break;
    }
  }
  let flexDays: number | null = null;
  const f = FLEX_NUMBER.exec(s);
  if (f) flexDays = (/^\d+$/.test(f[1]) ? Number(f[1]) : WORD_NUM[f[1]]) * (/^week/.test(f[2]) ? 7 : 1);
  else if (FLEX_VAGUE.test(s)) flexDays = / a day or two /.test(s) ? 2 : 3;
  const nonStop = NON_STOP.test(s) ? true : WITH_STOPS.test(s) ? false : null;
  const tripType: TripType | null = ONE_WAY.test(s) ? 'one_way' : ROUND_TRIP.test(s) ? 'round_trip' : null;
  return { cabin, nonStop, tripType, sort, sortDirection, flexDays };
}
