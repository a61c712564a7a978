/** How airport, city and airline names are written, for the gazetteer's name keys. */
import type { MapGroup, PhraseGroup, WordGroup } from './types';

/** Abbreviations read as the full word ("st louis" is "saint louis"). */
export const NAME_ABBREVIATIONS: readonly MapGroup<string>[] = [
  { source: 'product', entries: { st: 'saint', ste: 'sainte', ft: 'fort', mt: 'mount' } },
];

/** Words an airport's name may end with that travellers leave out ("Denver International Airport" is "denver"). */
export const AIRPORT_NAME_ENDINGS: readonly WordGroup[] = [
  { source: 'product', words: 'international intl airport airfield regional municipal metropolitan county' },
];

/** Words that never make a name on their own: "London City Airport" must not make "city" a place name. */
export const GENERIC_NAME_WORDS: readonly WordGroup[] = [
  {
    source: 'product',
    words: 'city international county metro metropolitan regional municipal airport field downtown central',
  },
];

/** Words an airline's name may end with that travellers leave out ("Delta Air Lines" is "delta"). */
export const AIRLINE_NAME_ENDINGS: readonly PhraseGroup[] = [
  { source: 'product', phrases: ['airlines', 'airline', 'airways', 'air lines', 'international'] },
];
