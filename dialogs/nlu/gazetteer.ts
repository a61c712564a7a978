/**
 * Place and airline names, built once from airport/metro/airline records (seed data or the database)
 * into hash indexes keyed by normalised token sequences, plus length/first-letter buckets for typos.
 */
import type { AirlineRecord, AirportRecord, MetroRecord } from '../../api/domain/types';
import { boundedDistance, typoBudget } from './fuzzy';
import * as ambiguous from './lexicon/ambiguous-words.data';
import {
  AIRLINE_NAME_ENDINGS,
  AIRPORT_NAME_ENDINGS,
  GENERIC_NAME_WORDS as GENERIC_NAME_WORD_GROUPS,
  NAME_ABBREVIATIONS,
} from './lexicon/names.data';
import { PARTY_WORDS, PASSENGER_NOUNS } from './lexicon/passengers.data';
import { PLACE_ALIASES } from './lexicon/place-aliases.data';
import { PLACE_WORDS } from './lexicon/places.data';
import { UNSERVED_PLACES, type UnservedPlace } from './lexicon/unserved-places.data';
import { endingRegex } from './lexicon/phrases';
import { mapOf, wordSet, wordsOf } from './lexicon/types';
import type { AirlineRef, PlaceCandidate } from './recognizer';
import { tokenize, type Token } from './text';

export interface GazetteerData {
  airports: readonly AirportRecord[];
  metros: readonly MetroRecord[];
  airlines: readonly AirlineRecord[];
  /** Extra colloquial names, name -> airport/metro code; defaults to the module's own list. */
  extraAliases?: Readonly<Record<string, string>>;
  /** Real places the inventory does not serve; defaults to the module's own list. Served names always win. */
  unserved?: readonly UnservedPlace[];
}

/** A real place named in a message that no served airport stands for ("to Nairobi"). */
export interface UnservedMatch {
  place: UnservedPlace;
  start: number;
  end: number;
}

/** What a name stands for. Several senses under one name make it ambiguous ("portland"). */
export interface PlaceSense {
  codes: string[];
  candidates: PlaceCandidate[];
  /** A metro with more than one airport: the dialog should ask which airport. */
  multiAirport: boolean;
}

export interface PlaceMatch {
  senses: PlaceSense[];
  start: number;
  /** Index after the last token matched. */
  end: number;
  distance: number;
  /** The words are also ordinary English ("sea", "nice"): trust them only after a place cue. */
  weak: boolean;
}

export interface AirlineMatch {
  airline: AirlineRef;
  start: number;
  end: number;
}

// Name ranks: a city or metro name beats an explicit alias, which beats a name derived from the airport's
// official name, so "denver" is the city even though "Denver International" also shortens to it.
const RANK_CITY = 0;
const RANK_ALIAS = 1;
const RANK_DERIVED = 2;
const MAX_NAME_TOKENS = 6;
const NO_SENSES: PlaceSense[] = [];
const CANONICAL = mapOf(...NAME_ABBREVIATIONS);
const SKIPPABLE = new Set(['-', '/', '&']);
const NAME_SUFFIXES = endingRegex(AIRPORT_NAME_ENDINGS.flatMap((g) => wordsOf(g.words)));
const GENERIC_NAME_WORDS = wordSet(...GENERIC_NAME_WORD_GROUPS);
const AIRLINE_SUFFIXES = endingRegex(AIRLINE_NAME_ENDINGS.flatMap((g) => g.phrases));
const NEVER_LOWER = wordSet(...ambiguous.NEVER_LOWER);
const NEEDS_CUE = wordSet(...ambiguous.NEEDS_CUE);
// Words the recognizer knows as something else (a passenger, a companion, a state or country) never open a
// typo'd place name either: "one person to Atlanta" is not Toronto Pearson, "Kansas" is not Osaka Kansai.
const NO_FUZZY = new Set([
  ...wordSet(...ambiguous.NO_FUZZY),
  ...Object.values(PASSENGER_NOUNS).flatMap((groups) => [...wordSet(...groups)]),
  ...wordSet(...PARTY_WORDS.companions),
  ...wordSet(...PLACE_WORDS.regions, ...PLACE_WORDS.notPlaces),
]);
const EXTRA_PLACE_ALIASES = mapOf(...PLACE_ALIASES);

/** Canonical form of one token for name lookups. */
function canon(t: Token): string {
  return CANONICAL[t.base] ?? t.base;
}

/** Normalised lookup key of a name: the same tokens the recogniser will see in a message. */
export function nameKey(name: string): string {
  return tokenize(name)
    .filter((t) => !SKIPPABLE.has(t.n) && t.n !== "'s" && t.n !== '.')
    .map(canon)
    .join(' ');
}

interface Named {
  rank: number;
  sense: PlaceSense;
}

export class Gazetteer {
  private readonly names = new Map<string, Named[]>();
  /** name -> its best-ranked senses, computed once so lookups allocate nothing. */
  private readonly resolved = new Map<string, PlaceSense[]>();
  private readonly codes = new Map<string, PlaceSense>();
  private readonly airlineNames = new Map<string, AirlineRef>();
  private readonly airlineCodes = new Map<string, AirlineRef>();
  /** Fuzzy candidates bucketed by first letter and length ("n8" -> "new york", ...). */
  private readonly fuzzyKeys = new Map<string, string[]>();
  /** First words of multi-word names ("new", "san", "los"). */
  private readonly firstWords = new Set<string>();
  private maxAirlineTokens = 1;
  private readonly unservedNames = new Map<string, UnservedPlace>();
  /** Served airports with their positions, for "the nearest airports we fly to". */
  private readonly airportPoints: { candidate: PlaceCandidate; latitude: number; longitude: number }[] = [];
  /** IATA designators of every known airline. */
  readonly airlineCodeSet: ReadonlySet<string>;

  constructor(data: GazetteerData) {
    const airportByCode = new Map(data.airports.map((a) => [a.code, a]));
    const candidateOf = (a: AirportRecord): PlaceCandidate => ({
      code: a.code,
      kind: 'airport',
      name: a.name,
      city: a.city,
      country: a.country,
    });
    const metroCity = new Map<string, string>();

    for (const m of data.metros) {
      const airports = m.airports.map((c) => airportByCode.get(c)).filter((a): a is AirportRecord => a !== undefined);
      const multi = m.airports.length > 1;
      const sense: PlaceSense = {
        codes: multi ? [m.code, ...m.airports] : [m.airports[0] ?? m.code],
        // A one-airport metro (Detroit's DTT) is simply that airport: nothing to choose between.
        candidates:
          multi || airports.length === 1
            ? airports.map(candidateOf)
            : [{ code: m.code, kind: 'metro', name: m.name, city: m.city, country: m.country }],
        multiAirport: multi,
      };
      metroCity.set(m.code, nameKey(m.city));
      this.codes.set(m.code, sense);
      this.addName(m.city, RANK_CITY, sense);
      for (const alias of m.aliases ?? []) this.addName(alias, RANK_ALIAS, sense);
    }

    // Cities with several airports but no metro record still deserve a "which airport?" question.
    const byCity = new Map<string, AirportRecord[]>();
    for (const a of data.airports) {
      if (a.metro && metroCity.get(a.metro) === nameKey(a.city)) continue;
      const k = `${nameKey(a.city)}|${a.country}`;
      byCity.set(k, [...(byCity.get(k) ?? []), a]);
    }
    for (const group of byCity.values()) {
      const sense: PlaceSense = {
        codes: group.map((a) => a.code),
        candidates: group.map(candidateOf),
        multiAirport: group.length > 1,
      };
      this.addName(group[0].city, RANK_CITY, sense);
    }

    for (const a of data.airports) {
      const sense: PlaceSense = { codes: [a.code], candidates: [candidateOf(a)], multiAirport: false };
      this.codes.set(a.code, sense);
      for (const alias of a.aliases ?? []) this.addName(alias, RANK_ALIAS, sense);
      for (const variant of nameVariants(a.name, a.city)) this.addName(variant, RANK_DERIVED, sense);
    }
    for (const [alias, code] of Object.entries(data.extraAliases ?? EXTRA_PLACE_ALIASES)) {
      const sense = this.codes.get(code);
      if (sense) this.addName(alias, RANK_ALIAS, sense);
    }

    for (const al of data.airlines) {
      const ref: AirlineRef = { code: al.code, name: al.name };
      this.airlineCodes.set(al.code, ref);
      const stem = nameKey(al.name).replace(AIRLINE_SUFFIXES, '');
      for (const n of [al.name, ...(al.aliases ?? []), stem, `${stem} airline`, `${stem} airlines`]) {
        const k = nameKey(n);
        if (!k || this.airlineNames.has(k)) continue;
        this.airlineNames.set(k, ref);
        this.maxAirlineTokens = Math.max(this.maxAirlineTokens, k.split(' ').length);
      }
    }

    this.airlineCodeSet = new Set(this.airlineCodes.keys());

    for (const a of data.airports)
      this.airportPoints.push({ candidate: candidateOf(a), latitude: a.latitude, longitude: a.longitude });
    for (const u of data.unserved ?? UNSERVED_PLACES.places) {
      if (this.codes.has(u.code)) continue;
      for (const n of [u.name, ...(u.aliases ?? [])]) {
        const k = nameKey(n);
        if (k && !this.names.has(k)) this.unservedNames.set(k, u);
      }
    }

    for (const [k, named] of this.names) {
      const top = Math.min(...named.map((x) => x.rank));
      this.resolved.set(
        k,
        named.filter((x) => x.rank === top).map((x) => x.sense),
      );
    }
    for (const k of this.names.keys()) {
      if (k.includes(' ')) this.firstWords.add(k.slice(0, k.indexOf(' ')));
      if (k.replace(/ /g, '').length < 5) continue;
      const b = `${k[0]}${k.length}`;
      const bucket = this.fuzzyKeys.get(b) ?? [];
      bucket.push(k);
      this.fuzzyKeys.set(b, bucket);
    }
  }

  /** The airline with this IATA designator, if known. */
  airlineByCode(code: string): AirlineRef | undefined {
    return this.airlineCodes.get(code.toUpperCase());
  }

  /** True when `name` (any case) is a known place or airline name. */
  isKnownName(name: string): boolean {
    const k = nameKey(name);
    return this.names.has(k) || this.airlineNames.has(k);
  }

  /** The place an IATA airport or metro code stands for, if known. */
  byCode(code: string): PlaceSense | undefined {
    return this.codes.get(code.toUpperCase());
  }

  /** The senses of a whole name ("new york", "heathrow"), exact match only. */
  byName(name: string): PlaceSense[] {
    return this.senses(nameKey(name));
  }

  /** Longest exact place name or code starting at token `i`. */
  matchPlace(toks: readonly Token[], i: number): PlaceMatch | null {
    if (i >= toks.length) return null;
    let best: PlaceMatch | null = null;
    let key = '';
    let j = i;
    for (let n = 0; n < MAX_NAME_TOKENS && j < toks.length; n++) {
      const t = toks[j];
      if (n > 0 && SKIPPABLE.has(t.n) && j + 1 < toks.length) {
        j++;
        continue;
      }
      if (SKIPPABLE.has(t.n) || !/[\p{L}\d]/u.test(t.n)) break;
      key = key ? `${key} ${canon(t)}` : canon(t);
      j++;
      const senses = this.senses(key);
      if (senses.length) best = { senses, start: i, end: j, distance: 0, weak: false };
    }
    if (best && best.end - best.start === 1) {
      const t = toks[i];
      if (!t.upper && NEVER_LOWER.has(t.base)) return null;
      best.weak = !t.upper && NEEDS_CUE.has(t.base);
    }
    if (!best && /^[a-z]{3}$/i.test(toks[i].base)) {
      const t = toks[i];
      const sense = this.codes.get(t.base.toUpperCase());
      if (sense && (t.upper || !NEVER_LOWER.has(t.base)))
        best = { senses: [sense], start: i, end: i + 1, distance: 0, weak: !t.upper && NEEDS_CUE.has(t.base) };
    }
    return best;
  }

  /** Best typo-tolerant place name starting at token `i` (one to three words), or null. */
  fuzzyPlace(toks: readonly Token[], i: number): PlaceMatch | null {
    let best: PlaceMatch | null = null;
    let key = '';
    for (let n = 0; n < 3 && i + n < toks.length; n++) {
      const t = toks[i + n];
      if (!/^\p{L}[\p{L}']*$/u.test(t.base) || (n === 0 && NO_FUZZY.has(t.base))) break;
      // A common word may only open a typo'd name when real names start with it ("new yrok", "san fransisco").
      if (NEVER_LOWER.has(t.base) && (n > 0 || !this.firstWords.has(t.base))) break;
      key = key ? `${key} ${canon(t)}` : canon(t);
      const budget = typoBudget(key.replace(/ /g, '').length);
      if (!budget) continue;
      // Only names whose length is within the typo budget can be close enough.
      for (let len = key.length - budget; len <= key.length + budget; len++) {
        for (const cand of this.fuzzyKeys.get(`${key[0]}${len}`) ?? []) {
          const d = boundedDistance(key, cand, budget);
          if (d <= budget && (!best || d < best.distance || (d === best.distance && i + n + 1 > best.end)))
            best = { senses: this.senses(cand), start: i, end: i + n + 1, distance: d, weak: false };
        }
      }
    }
    return best;
  }

  /** Longest name of a real place we do not serve starting at token `i` ("nairobi", "rio de janeiro"). */
  matchUnserved(toks: readonly Token[], i: number): UnservedMatch | null {
    let best: UnservedMatch | null = null;
    let key = '';
    for (let n = 0; n < 4 && i + n < toks.length; n++) {
      key = key ? `${key} ${canon(toks[i + n])}` : canon(toks[i + n]);
      const place = this.unservedNames.get(key);
      if (place) best = { place, start: i, end: i + n + 1 };
    }
    return best;
  }

  /** The served airports nearest to a point, one per city, closest first, within `maxKm`. */
  nearestServed(latitude: number, longitude: number, limit: number, maxKm: number): PlaceCandidate[] {
    const byCity = new Map<string, { candidate: PlaceCandidate; km: number }>();
    for (const p of this.airportPoints) {
      const km = greatCircleKm(latitude, longitude, p.latitude, p.longitude);
      const city = `${p.candidate.city}|${p.candidate.country}`;
      if (km <= maxKm && km < (byCity.get(city)?.km ?? Infinity)) byCity.set(city, { candidate: p.candidate, km });
    }
    return [...byCity.values()]
      .sort((a, b) => a.km - b.km)
      .slice(0, limit)
      .map((x) => x.candidate);
  }

  /**
   * Served places a word the gazetteer does not know may stand for, best first: the initials of a longer name
   * ("SJ" → San Jose, "LV" → Las Vegas), the start of a name ("philad" → Philadelphia), then a looser typo.
   */
  suggest(text: string, limit = 3): PlaceCandidate[] {
    const key = nameKey(text);
    const letters = key.replace(/ /g, '');
    const found: PlaceSense[] = [];
    const add = (senses: readonly PlaceSense[]) => {
      for (const s of senses) if (!found.some((f) => f.codes[0] === s.codes[0])) found.push(s);
    };
    if (!letters || NO_FUZZY.has(key) || NEVER_LOWER.has(key)) return [];
    for (const [name, senses] of this.resolved) {
      const words = name.split(' ');
      if (letters.length >= 2 && letters.length <= 4 && words.length === letters.length)
        if (words.every((w, k) => w[0] === letters[k])) add(senses);
    }
    if (letters.length >= 4)
      for (const [name, senses] of this.resolved) if (name.startsWith(key) && name !== key) add(senses);
    if (letters.length >= 4) {
      const budget = typoBudget(letters.length) + 1;
      const near: [number, string][] = [];
      for (let len = key.length - budget; len <= key.length + budget; len++)
        for (const cand of this.fuzzyKeys.get(`${key[0]}${len}`) ?? []) {
          const d = boundedDistance(key, cand, budget);
          if (d <= budget) near.push([d, cand]);
        }
      for (const [, cand] of near.sort((a, b) => a[0] - b[0])) add(this.senses(cand));
    }
    return found.slice(0, limit).map(displayCandidate);
  }

  /** Longest airline name or designator starting at token `i`. */
  matchAirline(toks: readonly Token[], i: number): AirlineMatch | null {
    let best: AirlineMatch | null = null;
    let key = '';
    for (let n = 0; n < this.maxAirlineTokens && i + n < toks.length; n++) {
      key = key ? `${key} ${canon(toks[i + n])}` : canon(toks[i + n]);
      const ref = this.airlineNames.get(key);
      if (ref) best = { airline: ref, start: i, end: i + n + 1 };
    }
    const t = toks[i];
    // "let us fly": a one-word name that is an ordinary word counts only in capitals ("US").
    if (best && best.end - best.start === 1 && !t.upper && NEVER_LOWER.has(t.n)) best = null;
    if (!best && /^[a-z\d]{2}$/i.test(t.n) && (t.upper || !NEVER_LOWER.has(t.n))) {
      const ref = this.airlineCodes.get(t.n.toUpperCase());
      if (ref) best = { airline: ref, start: i, end: i + 1 };
    }
    return best;
  }

  private senses(key: string): PlaceSense[] {
    return this.resolved.get(key) ?? NO_SENSES;
  }

  private addName(name: string, rank: number, sense: PlaceSense): void {
    const key = nameKey(name);
    if (!key) return;
    const list = this.names.get(key) ?? [];
    // The same sense under the same name twice (an alias repeating the city) is one sense.
    const same = list.find((x) => x.sense.codes[0] === sense.codes[0]);
    if (same) same.rank = Math.min(same.rank, rank);
    else list.push({ rank, sense });
    this.names.set(key, list);
  }
}

/** Shorter names travellers use for an airport: without "International Airport", without the city. */
function nameVariants(name: string, city: string): string[] {
  const out: string[] = [];
  let k = nameKey(name);
  out.push(k);
  while (NAME_SUFFIXES.test(k)) {
    k = k.replace(NAME_SUFFIXES, '');
    out.push(k);
  }
  const c = nameKey(city);
  const rest = k.slice(c.length + 1);
  if (k.startsWith(`${c} `) && rest.length > 4 && !GENERIC_NAME_WORDS.has(rest)) out.push(rest);
  return out.filter((v) => v.length > 2);
}

/** One line's worth of a place: the metro code and city for a city with several airports, else the airport. */
function displayCandidate(s: PlaceSense): PlaceCandidate {
  const first = s.candidates[0]!;
  if (!s.multiAirport) return first;
  return {
    code: s.codes[0]!,
    kind: 'metro',
    name: `${first.city} (all airports)`,
    city: first.city,
    country: first.country,
  };
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance between two points in degrees (haversine). */
function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
