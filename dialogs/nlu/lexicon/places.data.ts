/** Words around place names that tell their role: origin, destination, a stop on the way, or no place at all. */
import type { PhraseGroup, WordGroup } from './types';

export const PLACE_WORDS = {
  /** The word right before a place makes it the origin ("from", "leaving", SMS "frm"). */
  originCues: [
    {
      source: 'product',
      words: 'from leaving leave leaves departing depart departs departure outta originating starting ex frm fm',
    },
  ],
  /** ...the destination ("to", "->", SMS "2"). */
  destinationCues: [
    {
      source: 'product',
      words: `
        to into towards toward -> > destination reaching reach visit visiting arriving arrive arrives landing
        land lands for till bound til 2
      `,
    },
  ],
  /** ...a stop on the way. */
  viaCues: [{ source: 'product', words: 'via through thru thr' }],
  /** "arriving in denver": an "in" after these words (up to six words back) is the destination. */
  arriveVerbs: [
    {
      source: 'product',
      words: 'arriving arrive arrives arrival landing land lands get getting gets be reach arrivals',
    },
  ],
  /** "a stop in chicago": an "in" after these words is a stop on the way. */
  stopVerbs: [
    {
      source: 'product',
      words: 'stop stops stopping stopover layover connecting connect connection connections change changing transfer',
    },
  ],
  /** "i'm in boston", "based in leeds": where the traveller is, so the origin. */
  homeVerbs: [
    { source: 'product', words: "i'm im am we're are based live living currently staying stuck located now" },
  ],
  /** "starting in boston": the origin. */
  originVerbs: [
    {
      source: 'product',
      words: `
        originating originate originates begins begin beginning starting start starts departing depart departs
        leaving leave leaves
      `,
    },
  ],
  /** "between X and Y", "connect X and Y": the first is the origin, the one after "and" the destination. */
  pairCues: [{ source: 'product', words: 'between connect connects connecting linking' }],
  /** "back to", "home to": the way back. */
  returnWords: [{ source: 'product', words: 'back return returning home' }],
  /** Words that may stand between a cue and its place ("to the beautiful city of ..."). */
  fillers: [{ source: 'product', words: 'the beautiful sunny lovely downtown either both somewhere in' }],
  /** Words after a place name that belong to it ("boston airport", "heathrow terminal"). */
  airportWords: [{ source: 'product', words: 'airport airports international intl field terminal' }],
  /** Between two places they make an origin and a destination ("sfo-lax", "LHR 2 JFK", "boston to denver"). */
  placeSeparators: [{ source: 'product', words: '- / -> > 2 to' }],
  /** A state or country after a city belongs to it ("portland oregon", "paris france"). */
  regions: [
    {
      source: 'product',
      note: 'US states',
      words: `
        alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho
        illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi
        missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia
        washington wisconsin wyoming
      `,
    },
    { source: 'product', note: 'Canadian provinces', words: 'quebec ontario alberta manitoba' },
    {
      source: 'product',
      note: 'countries, as travellers add them after a city ("Nairobi, Kenya", "London, UK")',
      words: `
        usa us uk england scotland wales ireland france germany italy spain portugal canada japan mexico kenya
        india china australia brazil argentina nigeria egypt morocco netherlands holland belgium switzerland austria
        greece turkey denmark norway sweden finland poland hungary czechia russia israel thailand vietnam malaysia
        indonesia philippines korea taiwan peru chile colombia uae qatar emirates
      `,
    },
  ],
  /**
   * Postal abbreviations of a state, province or territory after a city ("Portland, OR", "Phoenix, AZ",
   * "Sydney, NSW"): part of the place, never an airline designator or the word "or". The ones that are also
   * English words or place names count only in capitals or after a comma (`regionCodesNeedingCapitals`).
   */
  regionCodes: [
    {
      source: 'product',
      note: 'US states and DC (USPS)',
      words: `
        al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok
        or pa ri sc sd tn tx ut vt va wa wv wi wy dc
      `,
    },
    { source: 'product', note: 'Canadian provinces (Canada Post)', words: 'bc ab sk mb on qc ns nb nl pe' },
    { source: 'product', note: 'Australian states and territories', words: 'nsw vic qld wa sa tas act nt' },
  ],
  /** Region codes that are also words or place names ("or", "in", "LA"): only in capitals or after a comma. */
  regionCodesNeedingCapitals: [
    { source: 'product', words: 'al co de hi id in la ma me mo ne oh ok on or pa sd ny act sa' },
  ],
  /** Words that may follow "from"/"to" without being a place ("from my account", "to book", "to the"). */
  notPlaces: [
    {
      source: 'product',
      words: `
        a an the my our your their his her its this that these those here there home work now today tonight
        tomorrow yesterday next last me us you him them it what which where when who how any anywhere somewhere
        everywhere book booking change cancel see go get fly travel buy pay check know be have do make find help
        talk speak start stop return come leave arrive visit stay
        depart departing departure leaving returning coming arriving flying going travelling traveling heading
        flight flights
      `,
    },
  ],
  /** "the departure city is Vegas", "origin is LA": a place after "is" is the origin... */
  originNouns: [{ source: 'product', words: 'departure origin' }],
  /** ..."my destination is Paris", "arrival is Seattle": the destination. */
  destinationNouns: [{ source: 'product', words: 'destination arrival' }],
  /** Words between such a noun and "is" ("departure city is", "city of departure is", "arrival airport is"). */
  roleNounFillers: [{ source: 'product', words: 'city airport point of my the final' }],
  /** Before a word they make it a common noun, not a typo'd place name ("a person", "my login", "each pair"). */
  nounDeterminers: [
    {
      source: 'product',
      words: 'a an the my your our their his her its this that these those each every per any some no another',
    },
  ],
  /** "fly to Narnia": after these words, the unknown word after "to" was meant as a destination. */
  destinationLeads: [
    {
      source: 'product',
      words: 'fly flying flight flights go going travel travelling traveling trip ticket tickets fare fares',
    },
  ],
} satisfies Record<string, readonly WordGroup[]>;

/** States and countries of two words after a city ("albany new york", "vancouver british columbia"). */
export const TWO_WORD_REGIONS: readonly PhraseGroup[] = [
  {
    source: 'product',
    phrases: [
      'new york',
      'new jersey',
      'new mexico',
      'new hampshire',
      'north carolina',
      'south carolina',
      'north dakota',
      'south dakota',
      'west virginia',
      'rhode island',
      'british columbia',
      'united states',
      'united kingdom',
      'new zealand',
      'south africa',
      'south korea',
    ],
  },
];
