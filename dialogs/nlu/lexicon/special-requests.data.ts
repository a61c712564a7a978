/**
 * How travellers name special service requests (meals, wheelchair assistance, a pet in the cabin) and what
 * they say to ask for one or to drop it. Read by `../special-requests.ts`; the SSR codes are the API's.
 */
import type { SsrCode } from '../../../api/domain/special-requests';
import type { PhraseLists } from './phrases';
import type { PhraseGroup } from './types';

const p = (...phrases: string[]): readonly PhraseGroup[] => [{ source: 'product', phrases }];

/**
 * Each code's names, tried in this order: the more specific first ("asian vegetarian" before "vegetarian",
 * "wheelchair to my seat" before "wheelchair").
 */
/** Lists the phrases below refer to as `<name>`. */
export const SPECIAL_REQUEST_LISTS: PhraseLists = {
  cannot: ["can't", 'cant', 'cannot', 'can not', 'unable to', 'not able to', "won't be able to"],
  'i-am': ["i'm", 'im', 'i am', "we're", 'we are', "she's", 'she is', "he's", 'he is', 'they are', "they're"],
  'do-not': ["don't", 'dont', 'do not', "doesn't", 'doesnt', 'does not', 'no longer', "won't", 'will not'],
  animal: ['pet', 'cat', 'dog', 'kitten', 'puppy'],
  diet: ['vegetarian', 'vegan', 'veggie', 'diabetic', 'coeliac', 'celiac', 'kosher', 'halal'],
  moving: ['coming', 'travelling', 'traveling', 'flying'],
};

/**
 * Each code's names, tried in this order: the more specific first ("asian vegetarian" before "vegetarian",
 * "wheelchair to my seat" before "wheelchair").
 */
export const SSR_NAMES: readonly { code: SsrCode; names: readonly PhraseGroup[] }[] = [
  { code: 'AVML', names: p('asian|indian|hindu|jain vegetarian', 'hindu|jain meal(s)|food') },
  { code: 'VGML', names: p('vegetarian', 'veggie', 'vegan', 'vegans', 'meat free', 'meat - free', 'no meat') },
  { code: 'KSML', names: p('kosher') },
  { code: 'MOML', names: p('halal', 'muslim meal(s)|food') },
  { code: 'DBML', names: p('diabetic', 'diabetes meal(s)', 'low sugar meal(s)') },
  { code: 'GFML', names: p('gluten free', 'gluten - free', 'glutenfree', 'coeliac', 'celiac', 'no gluten') },
  { code: 'BBML', names: p('baby|infant meal(s)|food|jar(s)') },
  { code: 'CHML', names: p("child|child's|children's|childrens|kid|kids|kid's meal(s)|menu") },
  {
    code: 'WCHC',
    names: p(
      '<cannot> walk',
      'wheelchair to|into [my|the|our|her|his] seat(s)',
      'wheel chair to|into [my|the|our|her|his] seat(s)',
      'assistance to|into [my|the|our|her|his] seat(s)',
      'carried on|to',
    ),
  },
  {
    code: 'WCHS',
    names: p('<cannot> climb|manage|use|do|take [the|any] steps|stairs', 'no steps|stairs'),
  },
  {
    code: 'WCHR',
    names: p(
      'wheelchair(s)',
      'wheel chair(s)',
      'mobility assistance|aid|help',
      'special|airport assistance',
      'assistance at|in|through the airport',
      'reduced mobility',
      'prm',
    ),
  },
  {
    code: 'PETC',
    names: p(
      'pet(s)',
      'cat(s)',
      'kitten(s)',
      'dog(s)',
      'puppy',
      'puppies',
      'rabbit(s)',
      'bunny',
      'guinea pig(s)',
      'hamster(s)',
      'ferret(s)',
      'bird(s)',
      'parrot(s)',
    ),
  },
];

/** A request named without its kind: which one is asked next. */
export const ANY_REQUEST_NAMES = p('special request(s)', 'special service(s)', 'ssr(s)');
/** A meal named without its kind: enough to drop it, not to add one (which one?). */
export const ANY_MEAL_NAMES = p('meal(s)', 'meal request(s)|preference(s)|option(s)', 'food');

/** Asking for one: "I need", "can I get", "please add", "I use a wheelchair", "I'm vegetarian". */
export const ADD_WORDS = p(
  'please',
  'pls',
  'need(s)',
  'needed',
  'want(s)',
  "i'd|we'd|she'd|he'd|would like",
  'get',
  'have',
  'add',
  'adding',
  'request',
  'requesting',
  'order',
  'preorder',
  'book',
  'reserve',
  'arrange',
  'organise|organize',
  'use(s)',
  'using',
  '<i-am> [a] <diet>',
  '<i-am> bringing',
  'will be bringing',
  'travelling|traveling|flying|coming|going with my|our|a|her|his',
  'my|our <animal> is|was <moving>',
  'my|our <animal> will be <moving>',
  'my|our <animal> comes|travels|flies',
);

/** Words that ask for a generic meal to be added: "a meal" alone is a question about catering. */
export const ADD_MEAL_WORDS = p('add', 'request', 'requesting', 'order', 'preorder', 'book', 'reserve');

/** Dropping one: "remove the meal request", "we don't need the wheelchair any more". */
export const REMOVE_WORDS = p(
  'remove',
  'removing',
  'cancel',
  'cancelling|canceling',
  'drop',
  'delete',
  'take off|away',
  'get rid of',
  '<do-not> need|want|require',
  'not needed|necessary',
  'without',
  'undo',
);

/** Everyone on the booking. */
export const EVERYONE_WORDS = p(
  'everyone',
  'everybody',
  'all of us|them',
  'all [the] passengers|travellers|travelers',
  'both of us|them',
  'each of us|them',
  'us all',
  'for both|all $',
  'the whole family|group',
  'for us',
);

/** Which flight of a return trip. */
export const INBOUND_WORDS = p(
  'way back',
  'return flight|leg',
  'inbound',
  'coming back',
  'flight home',
  'on the return',
);
export const OUTBOUND_WORDS = p('way out|there', 'outbound', 'outward', 'going out');
export const ALL_FLIGHTS_WORDS = p('both ways', 'each way', 'both|all|each|every flight(s)|leg(s)', 'there and back');
