/**
 * The offline recognizer: rules, a gazetteer and a date grammar. No network, no model, well under a
 * millisecond per message, so it is the default and the fallback for every other recognizer.
 */
import { findPnr } from './booking-ref';
import { parseIso, todayIn, toIso } from './calendar';
import { findDates, resolveDate, type DateExpr } from './dates';
import type { Gazetteer } from './gazetteer';
import { classifyIntent } from './intents';
import { legsOf, type Leg } from './legs';
import { AIRLINE_BLOCKERS as AIRLINE_BLOCKER_WORDS } from './lexicon/ambiguous-words.data';
import { INTENT_PHRASES } from './lexicon/intents.data';
import { phraseRegex } from './lexicon/phrases';
import { PLACE_WORDS } from './lexicon/places.data';
import { wordSet } from './lexicon/types';
import { findAges, findPassengers } from './passengers';
import { findPlaces, type UnservedMention } from './places';
import { findPreferences } from './preferences';
import {
  emptyUnderstanding,
  type AirlineRef,
  type RecognizeOptions,
  type Recognizer,
  type TimeWindow,
  type Understanding,
  type UnknownPlace,
} from './recognizer';
import { tokenize, type Token } from './text';
import { findTimes } from './times';
import { findTripLegs } from './trip-legs';

/** Words that make a lone place the destination ("paris, one way"). */
const SEARCH_HINT = phraseRegex(INTENT_PHRASES.aboutFlights);
/** Zones where 03/04 means 3 April; elsewhere (the Americas) it means March 4. */
const DAY_FIRST_ZONES = /^(Europe|Africa|Asia|Australia|Pacific|Indian|Atlantic)\//;
const AIRLINE_BLOCKERS = new Map(Object.entries(AIRLINE_BLOCKER_WORDS).map(([name, g]) => [name, wordSet(g)]));

export class OfflineRecognizer implements Recognizer {
  readonly name = 'offline';

  constructor(private readonly gazetteer: Gazetteer) {}

  /** Understands one message (async only to satisfy the Recognizer interface). */
  async recognize(text: string, options: RecognizeOptions = {}): Promise<Understanding> {
    return this.recognizeSync(text, options);
  }

  /** Same as `recognize`, synchronously: the CLI and the OpenAI fallback use it directly. */
  recognizeSync(text: string, options: RecognizeOptions = {}): Understanding {
    const u = emptyUnderstanding();
    const toks = tokenize(text);
    const s = ` ${toks.map((t) => t.n).join(' ')} `;
    const today = parseIso(options.today ?? todayIn(options.timeZone)) ?? parseIso(todayIn(undefined))!;
    const taken = new Uint8Array(toks.length);

    const ages = findAges(toks, taken);
    const dates = findDates(toks, DAY_FIRST_ZONES.test(options.timeZone ?? ''), taken);
    const times = findTimes(toks, taken);
    const prefs = findPreferences(s);
    const places = findPlaces(text, toks, this.gazetteer, taken);
    u.origin = places.origin;
    u.destination = places.destination;
    u.via = places.via;
    u.places = places.all;
    // A lone city with no "to"/"from" fills the slot the dialog asked for, else it is the destination
    // when the message is about flights ("paris next friday") and stays unassigned otherwise.
    const aboutFlights = dates.length > 0 || SEARCH_HINT.test(s) || prefs.cabin !== null || prefs.tripType !== null;
    // "Heathrow to LV": a lone place said just before "to" and a word we do not know is where the trip starts.
    const beforeUnknown =
      places.loneEnd !== null && toks[places.loneEnd]?.n === 'to' && !!unknownWordAt(toks, taken, places.loneEnd + 1);
    if (places.lone && (options.expect === 'origin' || beforeUnknown)) u.origin = places.lone;
    else if (places.lone && (options.expect === 'destination' || aboutFlights)) u.destination = places.lone;
    u.airline = this.findAirline(toks, taken);
    const party = findPassengers(toks, taken, ages);
    u.passengers = party.passengers;
    u.partySize = party.partySize;
    Object.assign(u, prefs);

    const legs = legsOf(toks, dates.length ? dates[0].start : toks.length);
    // A second outbound date is the return when the message talks about coming back at all.
    this.assignDates(
      u,
      toks,
      taken,
      dates,
      legs,
      today,
      prefs.tripType === 'round_trip' || / (return|returning|back) /.test(s),
      options,
    );
    for (const t of times) this.assignTime(u, legs[t.start], t.window);
    if (!u.tripType && u.returnDate) u.tripType = 'round_trip';

    u.pnr = findPnr(text, this.gazetteer.airlineCodeSet, (w) => this.gazetteer.isKnownName(w));
    const intent = classifyIntent(s, {
      hasTripSlots: !!(u.origin || u.destination || u.departDate || u.returnDate || places.unserved),
      hasPnr: u.pnr !== null,
      tokenCount: toks.length,
    });
    u.intent = intent.intent;
    u.confidence = intent.confidence;
    u.helpTopic = intent.helpTopic;
    u.more = intent.intent === 'more';
    u.unknownPlace =
      this.unservedPlace(u, places.unserved, options, aboutFlights) ??
      this.unknownPlace(u, toks, taken, options, aboutFlights);
    const trip = findTripLegs(text, options, (part, o) => this.recognizeSync(part, o));
    if (trip) u.trip = trip;
    return u;
  }

  private assignDates(
    u: Understanding,
    toks: readonly Token[],
    taken: Uint8Array,
    dates: ReturnType<typeof findDates>,
    legs: Leg[],
    today: number,
    roundTrip: boolean,
    options: RecognizeOptions,
  ): void {
    let depart: DateExpr | null = null;
    let ret: DateExpr | null = null;
    let arrive: DateExpr | null = null;
    let stay: DateExpr | null = null;
    for (const m of dates) {
      const leg = legs[m.start];
      if (m.expr.type === 'duration') {
        stay ??= m.expr;
        continue;
      }
      // "on the 27th or the 28th": an alternative, not a second leg.
      const or = toks[m.start - 1]?.n === 'on' ? m.start - 2 : m.start - 1;
      if (toks[or]?.n === 'or' && !taken[or]) continue;
      if (leg === 'return') ret ??= m.expr;
      else if (leg === 'arrive') arrive ??= m.expr;
      else if (!depart) {
        depart = m.expr;
        if (m.rangeEnd) ret ??= m.rangeEnd;
      } else if (roundTrip && !ret) ret = m.expr;
    }
    // Answering "when are you coming back?", a plain date is the return.
    if (options.expect === 'returnDate' && depart && !ret) {
      ret = depart;
      depart = null;
    }
    // "for 5 days" is the length of stay: with a departure it sets the return.
    if (depart && !ret && stay) ret = stay;
    const d = depart ? resolveDate(depart, today, today) : null;
    u.departDate = d === null ? null : toIso(d);
    const known = options.departDate ? parseIso(options.departDate) : null;
    let r = ret ? resolveDate(ret, d ?? known ?? today, today) : null;
    // A return before the departure ("the 31st, back tomorrow") is a misunderstanding: leave it to the dialog.
    if (r !== null && r < (d ?? known ?? today)) r = null;
    u.returnDate = r === null ? null : toIso(r);
    const a = arrive ? resolveDate(arrive, today, today) : null;
    u.arriveDate = a === null ? null : toIso(a);
  }

  /** "to Nairobi": a real place we do not serve, in the slot it was named for, with what we serve nearby. */
  private unservedPlace(
    u: Understanding,
    unserved: UnservedMention | null,
    options: RecognizeOptions,
    aboutFlights: boolean,
  ): UnknownPlace | null {
    if (!unserved) return null;
    const expected = options.expect === 'origin' || options.expect === 'destination' ? options.expect : null;
    const role = unserved.role ?? expected ?? (aboutFlights && !u.destination ? 'destination' : null);
    if (!role || u[role]) return null;
    const p = unserved.place;
    return {
      role,
      text: p.name,
      suggestions: this.gazetteer.nearestServed(p.latitude, p.longitude, 3, NEARBY_KM),
      notServed: { name: p.name, country: p.country, code: p.code },
    };
  }

  /**
   * "from Atlantis", "fly to Narnia", "to SJ": the first unmatched word after "from" (when no origin was found)
   * or after "to" following a place or a travel word (when no destination was found), or a short bare answer
   * to "where from?"/"where to?" with no place in it. Dates, times, passengers and airlines have taken their
   * words by now, so what is left in that position is most likely a place name the gazetteer does not know.
   */
  private unknownPlace(
    u: Understanding,
    toks: readonly Token[],
    taken: Uint8Array,
    options: RecognizeOptions,
    aboutFlights: boolean,
  ): UnknownPlace | null {
    const wordAt = (i: number): string | null => unknownWordAt(toks, taken, i);
    const found = (role: 'origin' | 'destination', text: string): UnknownPlace => ({
      role,
      text,
      suggestions: this.gazetteer.suggest(text),
      notServed: null,
    });
    for (let i = 0; i < toks.length - 1; i++) {
      const w = toks[i]!.n;
      if (w === 'from' && !u.origin) {
        const text = wordAt(i + 1);
        if (text) return found('origin', text);
      }
      // "to LV on Friday": a trip message may start with where it goes.
      const opening = i === 0 && (aboutFlights || options.expect === 'destination');
      if (w === 'to' && !u.destination && (opening || (i > 0 && (taken[i - 1] || DEST_LEAD.has(toks[i - 1]!.n))))) {
        const text = wordAt(i + 1);
        if (text) return found('destination', text);
      }
    }
    const expected = options.expect;
    // A bare answer that is not a yes, a no, a greeting or a question ("SJ", "Atlantis").
    const bare = u.intent === 'none' || u.intent === 'search_flights';
    if ((expected === 'origin' || expected === 'destination') && bare && !u[expected] && !u.places.length) {
      const open = toks.map((_, i) => i).filter((i) => !taken[i] && wordAt(i) !== null);
      if (toks.length <= MAX_BARE_ANSWER_TOKENS && open.length === 1) return found(expected, toks[open[0]!]!.raw);
    }
    return null;
  }

  private assignTime(u: Understanding, leg: Leg, w: TimeWindow): void {
    if (leg === 'return') u.returnTime ??= w;
    else if (leg === 'arrive') u.arriveTime ??= w;
    else u.departTime ??= w;
  }

  private findAirline(toks: readonly Token[], taken: Uint8Array): AirlineRef | null {
    for (let i = 0; i < toks.length; i++) {
      if (taken[i]) continue;
      const m = this.gazetteer.matchAirline(toks, i);
      if (!m) continue;
      const blockers = AIRLINE_BLOCKERS.get(toks[m.end - 1].base);
      if (blockers && m.end - m.start === 1 && blockers.has(toks[m.end]?.n ?? '')) continue;
      for (let k = m.start; k < m.end; k++) taken[k] = 1;
      return m.airline;
    }
    return null;
  }
}

const NOT_PLACE_WORDS = wordSet(...PLACE_WORDS.notPlaces);

/** The word at `i` when it may be a place name we do not know: not taken, not a common word after "to"/"from". */
function unknownWordAt(toks: readonly Token[], taken: Uint8Array, i: number): string | null {
  const t = toks[i];
  if (!t || taken[i] || NOT_PLACE_WORDS.has(t.n)) return null;
  // Two letters are enough for an abbreviation in capitals ("SJ", "LV"); otherwise a word of three or more.
  return /^\p{L}[\p{L}'.-]{2,}$/u.test(t.raw) || /^\p{Lu}{2}$/u.test(t.raw) ? t.raw : null;
}
const DEST_LEAD = wordSet(...PLACE_WORDS.destinationLeads);
/** How far "the nearest airports we fly to" may be from a place we do not serve. */
const NEARBY_KM = 800;
/** A bare answer to "where from?"/"where to?" this short may be a place name we do not know ("SJ", "Atlantis"). */
const MAX_BARE_ANSWER_TOKENS = 3;
