/**
 * Plain English words that collide with airport codes, city aliases or airline designators, and the
 * words fuzzy matching must leave alone.
 */

const words = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Never a place or airline code in lower case, whatever the context ("was", "man", "can", "the", "us"). */
export const NEVER_LOWER = words(`
  a an the and or but for nor so yet of to in on at by as is it be am are was were has had have do does did
  not no yes can may will man men all any one two six ten new old get got let see saw say use who why how
  now our out own off per put set sit top try way day days end far few fly too bus car cab fit bag bags mid
  max min via pm us me my we you her his him she he its i ok hi bye yo sun sat wed mon tue thu fri jan feb
  mar apr jun jul aug sep sept oct nov dec pay fee tax air jet job big bad non hot ice vs ha ca ai hp nz nh
  os ac tk sk co go up so re home work back next last first late early time fare cost help
`);

/**
 * Words that name a place only right after a place cue ("to sea", "from pit", "via den", "to nice"),
 * because on their own they are ordinary words.
 */
export const NEEDS_CUE = words(`
  sea den oak pit pie lax mia ind san aus sin mad ham dub mex par rom mil ber cia bom del hel ams lis osl
  arn vie mel syd hou dal sf la nice reading split mobile orange metro national midway hobby mascot mitchell
  logan lambert pearson trudeau dorval kennedy indy
`);

/** Airline names that are ordinary words unless the next word rules it out ("united states"). */
export const AIRLINE_BLOCKERS: Record<string, Set<string>> = {
  united: words('states kingdom arab nations'),
  american: words('express citizen citizens passport dollars'),
  british: words('passport citizen citizens pounds columbia'),
  swiss: words('francs passport citizen'),
  virgin: words('islands mobile'),
  delta: words('variant'),
  frontier: words('land'),
  alaska: words('state'),
  thai: words('food baht'),
  turkish: words('lira passport'),
};

/**
 * Common words that are one typo away from a city name ("settle" ~ seattle, "parts" ~ paris) or are
 * vocabulary of the domain; fuzzy matching skips them.
 */
export const NO_FUZZY = words(`
  settle parts there these those where which would could should about after before again along around
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
`);
