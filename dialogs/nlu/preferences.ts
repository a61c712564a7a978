/** Search preferences read from the normalised sentence: cabin, non-stop, trip type, sort order, flexibility. */
import type { Cabin } from '../../api/domain/types';
import { CABIN_PHRASES, PREFERENCE_PHRASES, SORT_PHRASES } from './lexicon/preferences.data';
import { phraseRegex, phraseSource } from './lexicon/phrases';
import type { SortKey, TripType } from './recognizer';

export interface Preferences {
  cabin: Cabin | null;
  nonStop: boolean | null;
  tripType: TripType | null;
  sort: SortKey | null;
  sortDirection: 'asc' | 'desc' | null;
  flexDays: number | null;
}

// Rules run over " w1 w2 ... " (single spaces, lower case); the words are in lexicon/preferences.data.ts.
const CABIN_RULES: [RegExp, Cabin][] = CABIN_PHRASES.map((c) => [phraseRegex(c.groups), c.cabin]);
const BUSINESS_PURPOSE = phraseRegex(PREFERENCE_PHRASES.businessPurpose);
const BUSINESS_CABIN = phraseRegex(PREFERENCE_PHRASES.businessCabin);
const NON_STOP = phraseRegex(PREFERENCE_PHRASES.nonStop);
const WITH_STOPS = phraseRegex(PREFERENCE_PHRASES.withStops);
const ONE_WAY = phraseRegex(PREFERENCE_PHRASES.oneWay);
const ROUND_TRIP = phraseRegex(PREFERENCE_PHRASES.roundTrip);
const SORTS: [RegExp, SortKey, 'asc' | 'desc'][] = SORT_PHRASES.map((o) => [
  phraseRegex(o.groups),
  o.sort,
  o.direction,
]);
const WORD_NUM: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7 };
/** "+/- 3 days", "flexible by a week": captures the number and the unit. */
const FLEX_NUMBER = new RegExp(
  ` ${phraseSource(PREFERENCE_PHRASES.flexBy.flatMap((g) => g.phrases))}` +
    `(\\d+|${Object.keys(WORD_NUM).join('|')}) (days?|weeks?)`,
);
const FLEX_VAGUE = phraseRegex(PREFERENCE_PHRASES.flexVague);
const FLEX_TWO_DAYS = phraseRegex(PREFERENCE_PHRASES.flexTwoDays);

/** Reads every preference from the normalised sentence `s` (" words ... "). */
export function findPreferences(s: string): Preferences {
  let cabin: Cabin | null = null;
  for (const [re, c] of CABIN_RULES) {
    if (!re.test(s)) continue;
    if (c === 'business' && BUSINESS_PURPOSE.test(s) && !BUSINESS_CABIN.test(s)) continue;
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
  else if (FLEX_VAGUE.test(s)) flexDays = FLEX_TWO_DAYS.test(s) ? 2 : 3;
  const nonStop = NON_STOP.test(s) ? true : WITH_STOPS.test(s) ? false : null;
  const tripType: TripType | null = ONE_WAY.test(s) ? 'one_way' : ROUND_TRIP.test(s) ? 'round_trip' : null;
  return { cabin, nonStop, tripType, sort, sortDirection, flexDays };
}
