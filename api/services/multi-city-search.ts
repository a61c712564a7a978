import { assertLegs } from '../domain/multi-city';
import type { Cabin } from '../domain/types';
import type { Party } from './fare-quote';
import type { Offer, SearchQuery, SearchResult, SearchService } from './search.service';

/** A multi-city search: the legs in travel order, and the options shared by every leg. */
export interface MultiCitySearchQuery extends Omit<
  SearchQuery,
  'origin' | 'destination' | 'departureDate' | 'returnDate'
> {
  legs: { origin: string; destination: string; departureDate: string }[];
}

export interface MultiCityLegResult {
  leg: number;
  origin: string;
  destination: string;
  departureDate: string;
  offers: Offer[];
  total: number;
}

export interface MultiCitySearchResult {
  currency: string;
  passengers: Party;
  cabin: Cabin;
  legs: MultiCityLegResult[];
}

/**
 * Searches each leg of a multi-city trip as a one-way search, all priced in the currency of the first leg's origin
 * (one booking, one payment). Which offers go together is checked when they are booked: a leg's flight must leave
 * MIN_LEG_GAP_MINUTES after the previous leg lands.
 */
export async function searchMultiCity(
  search: Pick<SearchService, 'search'>,
  q: MultiCitySearchQuery,
  channel = 'api',
): Promise<MultiCitySearchResult> {
  assertLegs(q.legs);
  const { legs, ...shared } = q;
  const results: SearchResult[] = [];
  for (const leg of legs) {
    // The first leg's result decides the currency of the others (unless the caller chose one).
    const currency = shared.currency ?? results[0]?.currency;
    results.push(await search.search({ ...shared, ...leg, ...(currency ? { currency } : {}) }, channel));
  }
  const first = results[0]!;
  return {
    currency: first.currency,
    passengers: first.passengers,
    cabin: first.cabin,
    legs: legs.map((leg, i) => ({
      leg: i,
      ...leg,
      offers: results[i]!.outbound,
      total: results[i]!.paging.totalOutbound,
    })),
  };
}
