/**
 * Which leg a date or time belongs to. A cue word ("returning", "back", "arriving", "leaving") sets the
 * leg for everything after it until the next cue; with no cue a date is the departure.
 */
import type { Token } from './text';

export type Leg = 'depart' | 'return' | 'arrive';

const DEPART = new Set([
  'leave',
  'leaving',
  'leaves',
  'depart',
  'departs',
  'departing',
  'departure',
  'departures',
  'outbound',
  'outward',
]);
const RETURN = new Set([
  'return',
  'returning',
  'returns',
  'back',
  'inbound',
  'homebound',
  'homeward',
  'ret',
  'rtn',
  'rtrn',
]);
const ARRIVE = new Set([
  'arrive',
  'arrives',
  'arriving',
  'arrival',
  'arrivals',
  'land',
  'lands',
  'landing',
  'reach',
  'reaching',
]);
/** "return ticket" / "return trip" is British for round trip, not a cue for the return leg. */
const TRIP_NOUNS = new Set(['ticket', 'tickets', 'trip', 'trips', 'fare', 'fares', 'journey', 'flight', 'flights']);
/** "return from miami to new york", "fly back to boston": a route for the leg home, not a date cue. */
const ROUTE_WORDS = new Set(['to', 'from', 'into']);
const GO = new Set(['fly', 'flying', 'get', 'getting', 'come', 'coming', 'go', 'going', 'head', 'heading']);

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
