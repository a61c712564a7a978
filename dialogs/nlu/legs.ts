/**
 * Which leg a date or time belongs to. A cue word ("returning", "back", "arriving", "leaving") sets the
 * leg for everything after it until the next cue; with no cue a date is the departure.
 */
import { LEG_WORDS } from './lexicon/dates.data';
import { wordSet } from './lexicon/types';
import type { Token } from './text';

export type Leg = 'depart' | 'return' | 'arrive';

const DEPART = wordSet(...LEG_WORDS.depart);
const RETURN = wordSet(...LEG_WORDS.return);
const ARRIVE = wordSet(...LEG_WORDS.arrive);
const TRIP_NOUNS = wordSet(...LEG_WORDS.tripNouns);
const ROUTE_WORDS = wordSet(...LEG_WORDS.routeWords);
const GO = wordSet(...LEG_WORDS.go);

/**
 * Leg in force at each token position. `firstDate` is where the first date starts: "the return flight on
 * thursday" is about the way back only once an outbound date has been given.
 */
export function legsOf(toks: readonly Token[], firstDate: number): Leg[] {
  const out: Leg[] = new Array<Leg>(toks.length);
  let leg: Leg = 'depart';
  for (let i = 0; i < toks.length; i++) {
    out[i] = leg;
    const w = toks[i].n;
    const next = toks[i + 1]?.n ?? '';
    if (
      RETURN.has(w) &&
      !ROUTE_WORDS.has(next) &&
      (!TRIP_NOUNS.has(next) || (/^flights?$/.test(next) && firstDate < i))
    )
      leg = 'return';
    else if (w === 'home' && GO.has(toks[i - 1]?.n ?? '')) leg = 'return';
    else if (DEPART.has(w)) leg = 'depart';
    else if (w === 'out' && GO.has(toks[i - 1]?.n ?? '')) leg = 'depart';
    else if (ARRIVE.has(w)) leg = 'arrive';
    else if ((w === 'get' || w === 'getting' || w === 'gets') && next === 'in') leg = 'arrive';
    else if (w === 'be' && (next === 'in' || next === 'there') && toks[i - 1]?.n !== 'will') leg = 'arrive';
  }
  return out;
}
