/**
 * Special service requests in a message: which (a vegetarian meal, a wheelchair, a pet), whether it is asked
 * for or dropped, and for whom and which flight when the message says. Pure; the dialog decides what is
 * still to ask.
 */
import { type SpecialRequestKind, type SsrCode, ssrKind } from '../../api/domain/special-requests';
import { phraseRegex } from './lexicon/phrases';
import {
  ADD_MEAL_WORDS,
  ADD_WORDS,
  ALL_FLIGHTS_WORDS,
  ANY_MEAL_NAMES,
  ANY_REQUEST_NAMES,
  EVERYONE_WORDS,
  INBOUND_WORDS,
  OUTBOUND_WORDS,
  REMOVE_WORDS,
  SPECIAL_REQUEST_LISTS,
  SSR_NAMES,
} from './lexicon/special-requests.data';
import type { PhraseGroup } from './lexicon/types';
import { tokenize } from './text';

export interface SpecialRequestWords {
  /** The code named ("vegetarian" → VGML), or null when only the kind (or nothing) is named. */
  code: SsrCode | null;
  /** The kind named ("a meal", or that of the code), or null ("a special request"). */
  kind: SpecialRequestKind | null;
  /** Asked to drop it rather than add it. */
  remove: boolean;
  /** "for everyone", "for both of us". */
  everyone: boolean;
  /** Which flight of a return trip, when said. */
  flights: 'outbound' | 'inbound' | 'all' | null;
}

const rule = (groups: readonly PhraseGroup[]) => phraseRegex(groups, SPECIAL_REQUEST_LISTS);
const CODES = SSR_NAMES.map((n) => ({ code: n.code, re: rule(n.names) }));
const ANY_REQUEST = rule(ANY_REQUEST_NAMES);
const ANY_MEAL = rule(ANY_MEAL_NAMES);
const ADD = rule(ADD_WORDS);
const ADD_MEAL = rule(ADD_MEAL_WORDS);
const REMOVE = rule(REMOVE_WORDS);
const EVERYONE = rule(EVERYONE_WORDS);
const INBOUND = rule(INBOUND_WORDS);
const OUTBOUND = rule(OUTBOUND_WORDS);
const ALL_FLIGHTS = rule(ALL_FLIGHTS_WORDS);

/** The normalised sentence the rules run over: " w1 w2 … ". */
export function normalised(text: string): string {
  return ` ${tokenize(text)
    .map((t) => t.n)
    .join(' ')} `;
}

/** What a normalised sentence names, asked for or not: a code, a kind, or a special request in general. */
export function namedRequest(s: string): { code: SsrCode | null; kind: SpecialRequestKind | null } | null {
  const hit = CODES.find((c) => c.re.test(s));
  if (hit) return { code: hit.code, kind: ssrKind(hit.code) };
  if (ANY_MEAL.test(s)) return { code: null, kind: 'meal' };
  if (ANY_REQUEST.test(s)) return { code: null, kind: null };
  return null;
}

/**
 * The message asks for a special request or to drop one (over the normalised sentence): it names one and says
 * it is wanted ("I need a wheelchair", "can I get a vegetarian meal?", "I'm travelling with my cat") or not
 * wanted ("remove the meal request"). A meal in general is only asked for with a clear verb ("add a meal"):
 * "do we get a meal?" asks what is served.
 */
export function asksForSpecialRequest(s: string): boolean {
  const named = namedRequest(s);
  if (!named) return false;
  if (REMOVE.test(s)) return true;
  if (named.kind === 'meal' && !named.code) return ADD_MEAL.test(s);
  return ADD.test(s);
}

/** Everything a message says about a special request, or null when it asks for none. */
export function readSpecialRequest(text: string): SpecialRequestWords | null {
  const s = normalised(text);
  if (!asksForSpecialRequest(s)) return null;
  return { ...namedRequest(s)!, ...requestDetails(s) };
}

/** Whom and which flights a message names (an answer to "for whom?" or "which flight?" included). */
export function requestDetails(s: string): Pick<SpecialRequestWords, 'remove' | 'everyone' | 'flights'> {
  return {
    remove: REMOVE.test(s),
    everyone: EVERYONE.test(s),
    flights: ALL_FLIGHTS.test(s) ? 'all' : INBOUND.test(s) ? 'inbound' : OUTBOUND.test(s) ? 'outbound' : null,
  };
}
