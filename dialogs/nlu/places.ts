/**
 * Finds place mentions and decides their role from the words before them ("from", "to", "via", "between
 * ... and", "arriving in") or their order ("sfo-lax", "LHR JFK", "boston to denver").
 * The cue words are in lexicon/places.data.ts.
 */
import type { Gazetteer, PlaceMatch } from './gazetteer';
import { PLACE_WORDS, TWO_WORD_REGIONS as TWO_WORD_REGION_GROUPS } from './lexicon/places.data';
import { wordSet } from './lexicon/types';
import type { UnservedPlace } from './lexicon/unserved-places.data';
import type { Place } from './recognizer';
import { readNumber, type Token } from './text';

export type PlaceRole = 'origin' | 'destination' | 'via' | 'return' | 'for' | 'in' | 'bare';

export interface PlaceMention {
  place: Place;
  role: PlaceRole;
  start: number;
  end: number;
  /** Set for a real place we do not serve: it takes part in role assignment, then is reported apart. */
  unserved?: UnservedPlace;
}

/** A real place we do not serve, with the role it was named in (null when no cue or shape says). */
export interface UnservedMention {
  place: UnservedPlace;
  role: 'origin' | 'destination' | null;
}

export interface PlaceRoles {
  origin: Place | null;
  destination: Place | null;
  via: Place[];
  /** Every place in the order mentioned, whatever its role. */
  all: Place[];
  /** The only place, named with no cue at all ("paris tomorrow", or just "Paris"): the caller decides. */
  lone: Place | null;
  /** The token just after the lone place (so "Heathrow to LV" can tell it is said before a "to"). */
  loneEnd: number | null;
  /** The first real place named that we do not serve ("to Nairobi"). */
  unserved: UnservedMention | null;
}

const ORIGIN_CUES = wordSet(...PLACE_WORDS.originCues);
const DEST_CUES = wordSet(...PLACE_WORDS.destinationCues);
const VIA_CUES = wordSet(...PLACE_WORDS.viaCues);
const ARRIVE_VERBS = wordSet(...PLACE_WORDS.arriveVerbs);
const STOP_VERBS = wordSet(...PLACE_WORDS.stopVerbs);
const HOME_VERBS = wordSet(...PLACE_WORDS.homeVerbs);
const ORIGIN_VERBS = wordSet(...PLACE_WORDS.originVerbs);
const PAIR_CUES = wordSet(...PLACE_WORDS.pairCues);
const RETURN_WORDS = wordSet(...PLACE_WORDS.returnWords);
const FILLERS = wordSet(...PLACE_WORDS.fillers);
const AIRPORT_WORDS = wordSet(...PLACE_WORDS.airportWords);
const PLACE_SEPARATORS = wordSet(...PLACE_WORDS.placeSeparators);
const REGION_WORDS = wordSet(...PLACE_WORDS.regions);
const REGION_CODES = wordSet(...PLACE_WORDS.regionCodes);
const REGION_CODES_NEEDING_CAPITALS = wordSet(...PLACE_WORDS.regionCodesNeedingCapitals);
const ORIGIN_NOUNS = wordSet(...PLACE_WORDS.originNouns);
const DESTINATION_NOUNS = wordSet(...PLACE_WORDS.destinationNouns);
const ROLE_NOUN_FILLERS = wordSet(...PLACE_WORDS.roleNounFillers);
const NOUN_DETERMINERS = wordSet(...PLACE_WORDS.nounDeterminers);
/** A typo'd name with no cue before it must be at least this long: "pairs to london" is not Paris. */
const MIN_UNCUED_TYPO_LENGTH = 6;
const TWO_WORD_REGIONS = new Set(TWO_WORD_REGION_GROUPS.flatMap((g) => g.phrases));

/** True when "to", "-" or the like follows within three words: a place is probably being named. */
function separatorSoon(toks: readonly Token[], i: number): boolean {
  for (let k = 1; k <= 3; k++) if (PLACE_SEPARATORS.has(toks[i + k]?.n ?? '')) return true;
  return false;
}

/** Role implied by the words just before token `start`. */
function roleBefore(toks: readonly Token[], start: number, taken: Uint8Array): PlaceRole {
  let p = start - 1;
  for (;;) {
    while (p >= 0 && FILLERS.has(toks[p].n) && !(toks[p].n === 'in' && p === start - 1)) p--;
    if (p >= 1 && toks[p].n === 'of' && toks[p - 1].n === 'city') p -= 2;
    // "from the airport in philadelphia": the role belongs to the words before "airport in".
    else if (p >= 1 && (toks[p].n === 'in' || toks[p].n === 'at') && AIRPORT_WORDS.has(toks[p - 1].n)) p -= 2;
    else break;
  }
  if (p < 0) return 'bare';
  const w = toks[p].n;
  const before = toks[p - 1]?.n ?? '';
  if (w === 'of') return before === 'out' ? 'origin' : before === 'way' && toks[p - 2]?.n === 'by' ? 'via' : 'bare';
  if (RETURN_WORDS.has(before) && (w === 'to' || w === 'into')) return 'return';
  if (ORIGIN_CUES.has(w) || PAIR_CUES.has(w)) return 'origin';
  if (w === '2' && !taken[p] && !toks[p].code && !/^\d/.test(before) && p > 0) return 'destination';
  if (w === 'for') return 'for';
  if (DEST_CUES.has(w) && w !== '2') return 'destination';
  if (w === 'is') {
    // "destination is", "the departure city is", "my city of departure is", "arrival is": the noun names the role.
    for (let k = p - 1; k >= 0 && k >= p - 3; k--) {
      if (ORIGIN_NOUNS.has(toks[k].n)) return 'origin';
      if (DESTINATION_NOUNS.has(toks[k].n)) return 'destination';
      if (!ROLE_NOUN_FILLERS.has(toks[k].n)) break;
    }
  }
  if (VIA_CUES.has(w)) return 'via';
  if (w === 'in' || w === 'at' || w === 'on') {
    if (STOP_VERBS.has(before) || STOP_VERBS.has(toks[p - 2]?.n ?? '')) return 'via';
    if (HOME_VERBS.has(before)) return 'origin';
    if (ORIGIN_VERBS.has(before)) return 'origin';
    // "arriving in denver", "arrives in the evening in denver", "arrive by 8 pm friday in boston"
    for (let k = p - 1; k >= 0 && k >= p - 6; k--) {
      if (ARRIVE_VERBS.has(toks[k].n)) return 'destination';
      if (ORIGIN_CUES.has(toks[k].n) || DEST_CUES.has(toks[k].n)) break;
    }
    return 'in';
  }
  return 'bare';
}

/**
 * The index after a state, province or country that qualifies the place ending at `end` ("portland oregon",
 * "Portland, OR", "paris france", "albany new york"), or `end` itself when none follows.
 */
function afterRegion(text: string, toks: readonly Token[], end: number, gaz: Gazetteer): number {
  const t = toks[end];
  if (!t) return end;
  if (TWO_WORD_REGIONS.has(`${t.n} ${toks[end + 1]?.n ?? ''}`) && !gaz.matchPlace(toks, end + 2)) return end + 2;
  if (REGION_WORDS.has(t.n) && !(t.n === 'us' && !t.upper && toks[end + 1])) return end + 1;
  if (!REGION_CODES.has(t.n)) return end;
  if (!REGION_CODES_NEEDING_CAPITALS.has(t.n)) return end + 1;
  // "Portland, OR" and "New Orleans, LA", but not "portland or seattle" nor "Dallas LA" (two places).
  const comma = end > 0 && text.slice(toks[end - 1].end, t.start).includes(',');
  return t.upper && (comma || !gaz.matchPlace(toks, end)) ? end + 1 : end;
}

/** "between new york and la": the word after "and" is as good as cued. */
function afterPairAnd(toks: readonly Token[], i: number): boolean {
  if (toks[i - 1]?.n !== 'and') return false;
  for (let k = i - 2; k >= 0 && k >= i - 6; k--) if (PAIR_CUES.has(toks[k].n)) return true;
  return false;
}

/** Text, codes, ambiguity and candidates of a gazetteer match. */
function toPlace(text: string, toks: readonly Token[], m: PlaceMatch): Place {
  const codes: string[] = [];
  for (const s of m.senses) for (const c of s.codes) if (!codes.includes(c)) codes.push(c);
  return {
    text: text.slice(toks[m.start].start, toks[m.end - 1].end),
    codes,
    ambiguous: m.senses.length > 1 || m.senses.some((s) => s.multiAirport),
    candidates: m.senses.flatMap((s) => s.candidates),
    distance: m.distance,
  };
}

/** Finds places (exact, then typo-tolerant where a cue says a place must be) and assigns their roles. */
export function findPlaces(text: string, toks: readonly Token[], gaz: Gazetteer, taken: Uint8Array): PlaceRoles {
  const mentions: PlaceMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue;
    let m = gaz.matchPlace(toks, i);
    const role = roleBefore(toks, i, taken);
    const cued =
      role === 'origin' ||
      role === 'destination' ||
      role === 'via' ||
      role === 'return' ||
      role === 'for' ||
      afterPairAnd(toks, i);
    // A one-word hit may be the start of a misspelt longer name ("san fransisco" is not San Diego's SAN).
    const short =
      m !== null &&
      m.end - m.start === 1 &&
      /^\p{L}/u.test(toks[i + 1]?.n ?? '') &&
      !PLACE_SEPARATORS.has(toks[i + 1].n);
    if ((!m || short) && (cued || separatorSoon(toks, i))) {
      const f = gaz.fuzzyPlace(toks, i);
      // Typos are trusted after a cue, or when the next word makes the slot obvious ("frankfrut to paris") and
      // the word is neither short nor counted or owned like a common noun ("one person to Atlanta", "my login").
      const uncuedOk =
        f !== null &&
        PLACE_SEPARATORS.has(toks[f.end]?.n ?? '') &&
        toks[i].n.length >= MIN_UNCUED_TYPO_LENGTH &&
        !NOUN_DETERMINERS.has(toks[i - 1]?.n ?? '') &&
        readNumber(toks, i - 1) === null;
      if (f && (cued || uncuedOk) && (!m || f.end > m.end)) m = f;
    }
    if (!m) {
      // A real place we do not serve, where a place is expected ("to Nairobi", "Nairobi to Paris"), or as the
      // whole message (answering "where to?").
      const u = gaz.matchUnserved(toks, i);
      if (!u) continue;
      const end = afterRegion(text, toks, u.end, gaz);
      if (!cued && !PLACE_SEPARATORS.has(toks[u.end]?.n ?? '') && !(i === 0 && end === toks.length)) continue;
      for (let k = i; k < end; k++) taken[k] = 1;
      const placeText = text.slice(toks[i].start, toks[u.end - 1].end);
      const place: Place = { text: placeText, codes: [u.place.code], ambiguous: false, candidates: [], distance: 0 };
      mentions.push({ place, role, start: i, end, unserved: u.place });
      i = end - 1;
      continue;
    }
    let clash = false;
    for (let k = m.start; k < m.end; k++) if (taken[k]) clash = true;
    if (clash) continue;
    // "midway airlines", "alaska air": an airline, not a place.
    if (/^(airlines?|airways|air)$/.test(toks[m.end]?.n ?? '')) continue;
    // "with KL to Amsterdam": two letters that are also an airline's designator name a place only after a cue
    // ("from KL" is Kuala Lumpur).
    if (m.end - i === 1 && toks[i].n.length === 2 && gaz.airlineByCode(toks[i].n) && !cued) continue;
    const sep = toks[m.end]?.n ?? '';
    // A weak name ("sea", "la") needs a cue, a separator ("sea-lax") or a place right after "to".
    const placeAfterTo = sep === 'to' && gaz.matchPlace(toks, m.end + 1) !== null;
    if (
      m.weak &&
      !cued &&
      !placeAfterTo &&
      !(PLACE_SEPARATORS.has(sep) && sep !== 'to') &&
      !(toks[i - 1] && PLACE_SEPARATORS.has(toks[i - 1].n))
    )
      continue;
    let end = m.end;
    while (end < toks.length && AIRPORT_WORDS.has(toks[end].n)) end++;
    end = afterRegion(text, toks, end, gaz);
    for (let k = i; k < end; k++) taken[k] = 1;
    mentions.push({ place: toPlace(text, toks, m), role, start: i, end });
    i = end - 1;
  }
  return assignRoles(toks, mentions);
}

function assignRoles(toks: readonly Token[], mentions: PlaceMention[]): PlaceRoles {
  // Order-based roles: "between X and Y", "X-Y", "X 2 Y", "LHR JFK", "for X to Y".
  for (let k = 1; k < mentions.length; k++) {
    const a = mentions[k - 1];
    const b = mentions[k];
    const gap = toks.slice(a.end, b.start).map((t) => t.n);
    const pairAnd = gap.length === 1 && gap[0] === 'and' && PAIR_CUES.has(toks[a.start - 1]?.n ?? '');
    if (pairAnd || (gap.length === 1 && PLACE_SEPARATORS.has(gap[0]))) {
      if (a.role === 'bare' || a.role === 'in' || a.role === 'for') a.role = 'origin';
      if (b.role === 'bare' || b.role === 'in' || pairAnd || gap[0] === '2') b.role = 'destination';
    } else if (gap.length === 0 && a.role === 'bare' && b.role === 'bare') {
      a.role = 'origin';
      b.role = 'destination';
    } else if (b.role === 'return' && a.role === 'bare' && gap.length === 2) {
      // "minneapolis back to indianapolis"
      a.role = 'origin';
    }
  }
  for (const m of mentions) if (m.role === 'for') m.role = 'destination';
  const roles = resolveRoles(mentions);
  const out = (m: PlaceMention | null) => (m && !m.unserved ? m.place : null);
  const served = mentions.filter((m) => !m.unserved);
  const bare = served.filter((m) => m.role === 'bare');
  const lone = !roles.origin && !roles.destination && bare.length === 1 ? bare[0] : null;
  const firstUnserved = mentions.find((m) => m.unserved) ?? null;
  const unservedRole = !firstUnserved
    ? null
    : roles.origin === firstUnserved
      ? 'origin'
      : roles.destination === firstUnserved
        ? 'destination'
        : null;
  return {
    origin: out(roles.origin),
    destination: out(roles.destination),
    via: served.filter((m) => m.role === 'via').map((m) => m.place),
    all: served.map((m) => m.place),
    lone: lone ? lone.place : null,
    loneEnd: lone ? lone.end : null,
    unserved: firstUnserved ? { place: firstUnserved.unserved!, role: unservedRole } : null,
  };
}

/** Origin and destination among the mentions, from their cues, then from their order. */
function resolveRoles(mentions: PlaceMention[]): { origin: PlaceMention | null; destination: PlaceMention | null } {
  let origin = mentions.find((m) => m.role === 'origin') ?? null;
  // "fly from salt lake city back to st. petersburg": the way back is the only leg asked about.
  let destination = mentions.find((m) => m.role === 'destination') ?? mentions.find((m) => m.role === 'return') ?? null;
  const bare = mentions.filter((m) => m.role === 'bare');
  if (!origin && destination) origin = bare.find((m) => m.start < destination!.start) ?? null;
  if (!destination && origin) destination = bare.find((m) => m.start > origin!.start) ?? null;
  return { origin, destination };
}
