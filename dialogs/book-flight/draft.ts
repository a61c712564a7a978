import { formatLocalDate } from '../../cards/shared/format';
import { MAX_SEATED_PASSENGERS, paxTypeForAge } from '../../api/domain/passengers';
import { ageOn, daysBetween, isIsoDate } from '../../api/domain/time';
import type { CreateBookingInput } from '../../api/services/booking.service';
import type { FareFamily } from '../../api/domain/fares';
import type { SearchQuery } from '../../api/services/search.service';
import type { Place, TimeWindow, Understanding } from '../nlu';
import { type BookingDraft, chosenSegments, type PlaceChoice, type SearchCriteria } from '../state';
import { unknownPlaceSentence } from './unknown-place-note';

/** Pure rules of the booking draft: what a reply changes, what a change invalidates, what is missing. */

/**
 * A resolved place as searched. `codes` lists a metro code first and then its airports (every
 * airport of the city until the traveller narrows it), or a single airport.
 */
export function placeChoice(p: Place): PlaceChoice {
  const code = p.codes[0]!;
  if (isMultiAirport(p)) {
    const city = metroCity(p);
    return { code, label: `${city} (any airport)`, city, airports: airportsOf(p) };
  }
  const c = p.candidates.find((x) => x.code === code);
  return c ? { code, label: `${c.city} ${c.code}`, city: c.city } : { code, label: code };
}

/** One airport of a city with several, keeping the city's airports so the traveller can switch or widen again. */
export function airportChoice(city: PlaceChoice, airport: { code: string }): PlaceChoice {
  return { code: airport.code, label: `${city.city ?? city.label} ${airport.code}`, ...sameCity(city) };
}

function sameCity(p: PlaceChoice): Pick<PlaceChoice, 'city' | 'airports'> {
  return { ...(p.city ? { city: p.city } : {}), ...(p.airports ? { airports: p.airports } : {}) };
}

/** A metro's airports with short names ("Heathrow", "City"), as the traveller would say them. */
export function airportsOf(p: Place): { code: string; name: string }[] {
  const city = metroCity(p);
  return p.candidates
    .filter((x) => x.kind === 'airport' && p.codes.includes(x.code))
    .map((x) => ({ code: x.code, name: shortAirportName(x.name, city) }));
}

/** "Heathrow" for "London Heathrow Airport", "Charles de Gaulle" for "Paris Charles de Gaulle Airport". */
export function shortAirportName(name: string, city: string): string {
  const short = name.replace(/ (International )?Airport$/, '');
  return short.startsWith(`${city} `) ? short.slice(city.length + 1) : short;
}

/** The city a metro stands for: the one most of its airports name ("New York", though EWR says Newark). */
export function metroCity(p: Place): string {
  const counts = new Map<string, number>();
  for (const c of p.candidates) if (p.codes.includes(c.code)) counts.set(c.city, (counts.get(c.city) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? p.text;
}

/** A place the traveller must still narrow down: a name shared by several cities ("London": England or Ontario). */
export function needsCityChoice(p: Place): boolean {
  return citiesOf(p).length > 1 || p.candidates.some((c) => !p.codes.includes(c.code));
}

/**
 * The cities a place name stands for, each with its airports and, for a city with several, its metro
 * code. Cities are told apart by country: the airports of one metro may name other towns (New York's
 * EWR says Newark), and the recognizer already merges same-named cities of one country.
 */
export function citiesOf(p: Place): { city: string; country: string; metro?: string; airports: Place['candidates'] }[] {
  const out: ReturnType<typeof citiesOf> = [];
  for (const c of p.candidates) {
    const found = out.find((x) => x.country === c.country);
    if (found) found.airports.push(c);
    else out.push({ city: c.city, country: c.country, airports: [c] });
  }
  // `codes` lists each sense's metro code just before its airports.
  for (const city of out) {
    city.city = metroCity({ ...p, codes: city.airports.map((a) => a.code), candidates: city.airports });
    const first = p.codes.indexOf(city.airports[0]!.code);
    const before = p.codes[first - 1];
    if (city.airports.length > 1 && before && !p.candidates.some((c) => c.code === before)) city.metro = before;
  }
  return out;
}

/** One city of a shared name, as a place of its own (still to be narrowed to an airport when it has several). */
export function narrowToCity(p: Place, city: ReturnType<typeof citiesOf>[number]): Place {
  const codes = city.airports.map((a) => a.code);
  return {
    ...p,
    codes: city.metro ? [city.metro, ...codes] : codes,
    candidates: city.airports,
    ambiguous: codes.length > 1,
  };
}

/** A city with several airports (its metro code first), where we offer "any airport" or one of them. */
export function isMultiAirport(p: Place): boolean {
  return p.codes.length > 1;
}

/**
 * The search criteria a reply states that differ from what we have. Bare places only count when a
 * prompt asked for one (the recognizer then fills origin or destination itself).
 */
export function criteriaChanges(u: Understanding, c: SearchCriteria, text = ''): Partial<SearchCriteria> | null {
  const out: Partial<SearchCriteria> = {};
  const swaps = sameCitySwaps(u, c, text);
  for (const role of ['origin', 'destination'] as const) {
    const swap = swaps.places[role];
    if (swap) {
      if (swap.code !== c[role]?.code) out[role] = swap;
      continue;
    }
    const p = u[role];
    if (p && !swaps.used.has(placeKey(p)) && !needsCityChoice(p) && p.codes[0] !== c[role]?.code)
      out[role] = placeChoice(p);
  }
  const renamed = renamedDestination(u, c, text, swaps.used);
  if (renamed && !out.origin && !out.destination) out.destination = renamed;
  const dates = datesMeant(u, c, text);
  if (dates.departDate && dates.departDate !== c.departDate) out.departDate = dates.departDate;
  if (dates.returnDate && dates.returnDate !== c.returnDate) {
    out.returnDate = dates.returnDate;
    if (c.tripType !== 'round_trip') out.tripType = 'round_trip';
  }
  if (u.tripType && u.tripType !== c.tripType && !out.tripType) out.tripType = u.tripType;
  const p = u.passengers;
  const cur = c.passengers ?? { adults: 1, children: 0, infants: 0 };
  if (p && (p.adults !== cur.adults || p.children !== cur.children || p.infants !== cur.infants))
    out.passengers = { ...p, adults: Math.max(p.adults, p.children + p.infants > 0 && p.adults === 0 ? 1 : p.adults) };
  if (u.cabin && u.cabin !== (c.cabin ?? 'economy')) out.cabin = u.cabin;
  return Object.keys(out).length ? out : null;
}

const placeKey = (p: Place) => `${p.text.toLowerCase()}|${p.codes.join(',')}`;

/**
 * "Make it Amsterdam", "Amsterdam instead": a change of mind naming one new place with no "from" or "to", once the
 * trip has both ends, is where the traveller now wants to go. The reply names the change ("Got it: to Amsterdam"),
 * so one who meant the origin can say "from Amsterdam". Without words of change nothing is guessed: a passenger
 * called Charlotte is not a trip to Charlotte.
 */
function renamedDestination(u: Understanding, c: SearchCriteria, text: string, used: Set<string>) {
  if (u.origin || u.destination || !c.origin || !c.destination || !saysChange(text)) return undefined;
  const fresh = u.places.filter((p) => !used.has(placeKey(p)) && !needsCityChoice(p) && !isNegated(text, p.text));
  if (fresh.length !== 1) return undefined;
  const choice = placeChoice(fresh[0]!);
  return choice.code === c.origin.code || choice.code === c.destination.code ? undefined : choice;
}

/** Words that take back the place after them ("not Heathrow", "instead of Gatwick", "rather than LHR"). */
const NEGATION = String.raw`\b(?:not|no|except|instead of|rather than|other than|but not)\s+(?:from\s+|to\s+|the\s+)?`;

/** Whether the place named `name` is taken back in `text` ("not Heathrow, Gatwick"). */
export function isNegated(text: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${NEGATION}${escaped}\\b`, 'i').test(text);
}

/**
 * Another airport (or all airports) of a city already in the trip replaces that end of the trip, whatever role the
 * words seem to give it: on a London–Paris trip "Gatwick", "only Heathrow" and "not Heathrow, Gatwick" are about
 * London, and "Orly" about Paris. A place taken back ("not Heathrow") changes nothing by itself. `used` holds the
 * places accounted for (swapped in or taken back), which must not also count as a new origin or destination.
 */
function sameCitySwaps(
  u: Understanding,
  c: SearchCriteria,
  text: string,
): { places: Partial<Record<'origin' | 'destination', PlaceChoice>>; used: Set<string> } {
  const places: Partial<Record<'origin' | 'destination', PlaceChoice>> = {};
  const used = new Set<string>();
  const named = [...u.places, ...[u.origin, u.destination].filter((p): p is Place => !!p)];
  // A place taken back makes the roles the words seem to give unreliable ("not Heathrow, Gatwick" reads as "from
  // Heathrow to Gatwick"); otherwise a place with a role ("from Paris") is only weighed for that role.
  const takenBack = named.some((p) => isNegated(text, p.text));
  const roleOf = (p: Place) =>
    u.origin && placeKey(u.origin) === placeKey(p)
      ? 'origin'
      : u.destination && placeKey(u.destination) === placeKey(p)
        ? 'destination'
        : null;
  for (const p of named) {
    if (needsCityChoice(p)) continue;
    if (isNegated(text, p.text)) {
      used.add(placeKey(p));
      continue;
    }
    const hint = takenBack ? null : roleOf(p);
    const roles: ('origin' | 'destination')[] = hint ? [hint] : ['origin', 'destination'];
    for (const role of roles) {
      const cur = c[role];
      const other = c[role === 'origin' ? 'destination' : 'origin'];
      if (!cur?.city || places[role] || other?.city === cur.city) continue;
      const code = p.codes[0]!;
      const airport = p.candidates.find((x) => x.code === code);
      const inCity =
        cur.airports?.some((a) => a.code === code) ||
        (isMultiAirport(p) ? metroCity(p) === cur.city : airport?.city === cur.city);
      if (!inCity) continue;
      used.add(placeKey(p));
      // Naming the city itself again ("London") changes nothing; only another airport or the whole city does.
      if (code === cur.code) break;
      places[role] = isMultiAirport(p) ? placeChoice(p) : airportChoice(cur, { code });
      break;
    }
  }
  return { places, used };
}

/** Return words: a date after them is the way back ("make the return flight the 18th", "coming back Sunday"). */
const RETURN_WORDS = /\b(return(ing)?|back|home|inbound|way back)\b/i;
const DEPART_WORDS = /\b(leav(e|ing)|depart(ing|ure)?|outbound|go(ing)? out|fly(ing)? out)\b/i;

/**
 * The dates a reply gives. With a departure already agreed, a lone date said with return words ("make the return
 * flight December 18th") is the return, whatever the recognizer read (it may take the first date of a message for
 * the departure). On a return trip still without its way back, a lone later date said without leaving or change
 * words ("round trip, out on the 13th" … "December 18th") is the way back too: the departure is already known.
 */
export function datesMeant(
  u: Pick<Understanding, 'departDate' | 'returnDate'>,
  c: SearchCriteria,
  text: string,
): { departDate: string | null; returnDate: string | null } {
  if (u.departDate && !u.returnDate && c.departDate && RETURN_WORDS.test(text) && !DEPART_WORDS.test(text))
    return { departDate: null, returnDate: u.departDate };
  const backPending = c.tripType === 'round_trip' && !!c.departDate && !c.returnDate;
  const later = !!u.departDate && !u.returnDate && !!c.departDate && u.departDate > c.departDate;
  if (backPending && later && !DEPART_WORDS.test(text) && !saysChange(text))
    return { departDate: null, returnDate: u.departDate };
  return { departDate: u.departDate, returnDate: u.returnDate };
}

/**
 * Whether a reply outside the search steps (seats, names, contact) is meant to change the trip: only
 * with words that say so ("actually 2 adults", "change the date to Tuesday", "no, Rome"). Names and birth dates
 * are not trip dates.
 */
export function saysChange(text: string): boolean {
  return (
    /\b(actually|instead|change|make (it|the)|rather|switch|not|only|no,? (i|we) (want|meant))\b/i.test(text) ||
    /^\s*(no|nope|sorry)\s*[,.!–-]\s*\S/i.test(text)
  );
}

/**
 * Merges a change into the draft and forgets what it invalidates: new places, dates, party or cabin
 * mean new flights, fares and seats; a new party keeps the passenger details that still fit.
 */
export function applyChanges(d: BookingDraft, ch: Partial<SearchCriteria>): BookingDraft {
  const criteria = { ...d.criteria, ...ch };
  if (ch.tripType === 'one_way') delete criteria.returnDate;
  const next: BookingDraft = { ...d, criteria, seats: { ...d.seats } };
  const outboundChanged = ['origin', 'destination', 'departDate', 'passengers', 'cabin', 'nonStop'].some(
    (k) => k in ch,
  );
  if (outboundChanged) delete criteria.currency;
  const inboundChanged = outboundChanged || 'returnDate' in ch || 'tripType' in ch;
  if (outboundChanged) delete next.outbound;
  if (inboundChanged) delete next.inbound;
  if (outboundChanged || inboundChanged) {
    next.seats = {};
    next.seatsDone = false;
  }
  if (ch.passengers || ch.departDate) next.passengers = stillValid(d.passengers, criteria);
  delete next.pnr;
  return next;
}

/**
 * The passenger details that still fit a changed party or travel date: each must still be the type
 * its place asks for (adults first, then children, then infants) on the day of travel. Details are
 * asked in order, so the first one that no longer fits ends the list.
 */
function stillValid(passengers: BookingDraft['passengers'], c: SearchCriteria): BookingDraft['passengers'] {
  const p = partyOf(c);
  const total = p.adults + p.children + p.infants;
  const kept: BookingDraft['passengers'] = [];
  for (const [i, pax] of passengers.slice(0, total).entries()) {
    const want = i < p.adults ? 'ADT' : i < p.adults + p.children ? 'CHD' : 'INF';
    if (c.departDate && isIsoDate(pax.dateOfBirth) && paxTypeForAge(ageOn(pax.dateOfBirth, c.departDate)) !== want)
      break;
    kept.push(pax);
  }
  return kept;
}

/** How far ahead flights can be booked, in days. */
export const BOOKING_HORIZON_DAYS = 360;

export interface CriteriaProblem {
  /** What is wrong, said before asking again ("Sat 5 Dec has already passed."). */
  text: string;
  /** The criterion to ask for again. */
  drop: 'destination' | 'departDate' | 'returnDate' | 'passengers';
}

/**
 * What cannot be searched in criteria however they were given (one sentence, an answer, a correction):
 * the same place twice, dates past or beyond the booking horizon, a return before the departure, more
 * seated travellers than one booking takes, more lap infants than adults. Empty when all is well.
 */
export function criteriaProblems(c: SearchCriteria, today: string): CriteriaProblem[] {
  const out: CriteriaProblem[] = [];
  if (c.origin && c.destination && c.origin.code === c.destination.code)
    out.push({ text: `You're already in ${c.origin.label.replace(/ \(any airport\)$/, '')}.`, drop: 'destination' });
  const dateProblem = (date: string) =>
    date < today
      ? `${formatLocalDate(date)} has already passed.`
      : daysBetween(today, date) > BOOKING_HORIZON_DAYS
        ? 'I can book up to a year ahead.'
        : null;
  const depart = c.departDate ? dateProblem(c.departDate) : null;
  if (depart) out.push({ text: depart, drop: 'departDate' });
  if (c.returnDate) {
    const back = dateProblem(c.returnDate);
    // With the departure asked again, the return is asked after it (nothing more to say about it).
    if (depart) out.push({ text: '', drop: 'returnDate' });
    else if (back) out.push({ text: back, drop: 'returnDate' });
    else if (c.departDate && c.returnDate < c.departDate)
      out.push({
        text:
          `The return (` +
          `${formatLocalDate(c.returnDate)}) is before the departure (` +
          `${formatLocalDate(c.departDate)}).`,
        drop: 'returnDate',
      });
  }
  const p = c.passengers;
  if (p && p.adults + p.children > MAX_SEATED_PASSENGERS)
    out.push({ text: `I can book up to ${MAX_SEATED_PASSENGERS} seated travellers at a time.`, drop: 'passengers' });
  else if (p && p.infants > Math.max(p.adults, 1))
    out.push({ text: 'Each baby on a lap needs an adult of their own.', drop: 'passengers' });
  return out;
}

/** The criteria without what `problems` ask for again, and what to say about it. */
export function withoutProblems(
  c: SearchCriteria,
  problems: CriteriaProblem[],
): { criteria: SearchCriteria; note: string; askParty: boolean } {
  const criteria = { ...c };
  for (const p of problems) delete criteria[p.drop];
  return {
    criteria,
    note: problems
      .map((p) => p.text)
      .filter(Boolean)
      .join(' '),
    askParty: problems.some((p) => p.drop === 'passengers'),
  };
}

/**
 * The next criterion to ask for, or null when a search can run. One way or return is not asked before the
 * search: without a return date the outbound is searched and a return is offered once it is chosen. A return the
 * traveller asked for ("a round trip") is searched the same way, the way out first, and its date is asked once the
 * outbound flight is picked (many travellers say "round trip" and then only ever give the day they leave); only
 * `withReturn` (a return date that had to be asked again) makes the return date needed before the search.
 */
export function missingCriterion(
  c: SearchCriteria,
  opts: { withReturn?: boolean } = {},
): 'origin' | 'destination' | 'departDate' | 'returnDate' | null {
  if (!c.origin) return 'origin';
  if (!c.destination) return 'destination';
  if (!c.departDate) return 'departDate';
  if (opts.withReturn && c.tripType === 'round_trip' && !c.returnDate) return 'returnDate';
  return null;
}

export function partyOf(c: SearchCriteria) {
  return c.passengers ?? { adults: 1, children: 0, infants: 0 };
}

/** The search for one direction of the trip. */
export function searchQuery(
  c: SearchCriteria,
  direction: 'outbound' | 'inbound',
  extra: { page?: number; limit?: number } = {},
): SearchQuery {
  const out = direction === 'outbound';
  const window = searchWindow(out ? c.departTime : c.returnTime);
  return {
    origin: (out ? c.origin : c.destination)!.code,
    destination: (out ? c.destination : c.origin)!.code,
    departureDate: (out ? c.departDate : c.returnDate)!,
    ...partyOf(c),
    cabin: c.cabin ?? 'economy',
    flexDays: c.flexDays ?? 0,
    nonStop: c.nonStop ?? false,
    airlines: c.airline ? [c.airline] : undefined,
    departAfter: window.from,
    departBefore: window.to,
    sort: c.sort ?? 'price',
    limit: extra.limit ?? 5,
    page: extra.page ?? 1,
    ...(!out && c.currency ? { currency: c.currency } : c.tripCurrency ? { currency: c.tripCurrency } : {}),
  };
}

/** An hour either side of a time said as a point ("at 7pm", "the 2:45 one"). */
const AROUND_MINUTES = 60;

/**
 * The departure window searched for a time the traveller gave: a point ("at 2:45 in the afternoon") becomes the
 * hour either side of it, an open end is left open, and a window that wraps past midnight ("10pm to 2am") keeps
 * only its start; the search is never sent a window it would refuse.
 */
export function searchWindow(w: TimeWindow | undefined): { from?: string; to?: string } {
  if (!w) return {};
  if (w.from === w.to) {
    const at = minutesOf(w.from);
    return { from: clock(Math.max(0, at - AROUND_MINUTES)), to: clock(Math.min(23 * 60 + 59, at + AROUND_MINUTES)) };
  }
  const from = w.from > '00:00' ? w.from : undefined;
  const to = w.to < '23:59' && (!from || w.to > from) ? w.to : undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function describeParty(c: SearchCriteria): string {
  const p = partyOf(c);
  const parts = [`${p.adults} adult${p.adults === 1 ? '' : 's'}`];
  if (p.children) parts.push(`${p.children} child${p.children === 1 ? '' : 'ren'}`);
  if (p.infants) parts.push(`${p.infants} infant${p.infants === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The booking request the draft amounts to (chosen seats per passenger per flight). */
export function bookingInput(d: BookingDraft, channel?: string): CreateBookingInput {
  // A multi-city trip gives every flight its leg; a one-way or return trip its direction.
  const multiCity = (d.legs?.length ?? 0) > 0;
  const flights: CreateBookingInput['flights'] = chosenSegments(d).map((s) => ({
    flightId: s.flightId,
    cabin: s.cabin,
    fareFamily: s.fareFamily as FareFamily,
    ...(multiCity ? { leg: s.leg } : { direction: s.direction }),
  }));
  return {
    flights,
    passengers: d.passengers.map((p, i) => {
      const seats: Record<string, string> = {};
      for (const [flightId, byPax] of Object.entries(d.seats))
        if (byPax[String(i)]) seats[flightId] = byPax[String(i)]!;
      return { ...p, ...(Object.keys(seats).length ? { seats } : {}) };
    }),
    contact: d.contact ?? { email: '' },
    ...(channel ? { channel } : {}),
  };
}

/**
 * "I don't know a place called …" (with suggestions) or "We don't fly to … yet" (with the nearest airports we do)
 * for a place the recognizer could not search, if that slot is still empty.
 */
export function unknownPlaceNote(
  u: Pick<Understanding, 'unknownPlace'> | undefined,
  c: SearchCriteria,
): string | undefined {
  const unknown = u?.unknownPlace;
  if (!unknown || c[unknown.role]) return undefined;
  return unknownPlaceSentence(unknown);
}

/** What a change amounts to, said back before the next question ("from London LGW, leaving Tue 8 Dec"). */
export function describeChange(ch: Partial<SearchCriteria>, c: SearchCriteria): string {
  const parts: string[] = [];
  if (ch.origin) parts.push(`from ${ch.origin.label}`);
  if (ch.destination) parts.push(`to ${ch.destination.label}`);
  if (ch.departDate) parts.push(`leaving ${formatLocalDate(ch.departDate)}`);
  if (ch.returnDate) parts.push(`back ${formatLocalDate(ch.returnDate)}`);
  if (ch.tripType === 'one_way') parts.push('one way');
  if (ch.tripType === 'round_trip' && !ch.returnDate) parts.push('a return trip');
  if (ch.passengers) parts.push(describeParty(c));
  if (ch.cabin) parts.push(ch.cabin.replace('_', ' '));
  if (ch.nonStop) parts.push('nonstop only');
  if (ch.airline) parts.push(`${ch.airlineName ?? ch.airline} only`);
  if (ch.departTime) parts.push(`leaving ${describeWindow(ch.departTime)}`);
  if (ch.returnTime) parts.push(`coming back ${describeWindow(ch.returnTime)}`);
  return parts.join(', ') || 'updated';
}

/** "around 19:00", "after 18:00", "before 12:00", "between 06:00 and 12:00". */
export function describeWindow(w: TimeWindow): string {
  if (w.from === w.to) return `around ${w.from}`;
  const open = searchWindow(w);
  if (open.from && open.to) return `between ${open.from} and ${open.to}`;
  if (open.from) return `after ${open.from}`;
  if (open.to) return `before ${open.to}`;
  return 'any time';
}

/** The criteria that differ between two versions (for saying back what a reply changed). */
export function changedCriteria(before: SearchCriteria, after: SearchCriteria): Partial<SearchCriteria> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof SearchCriteria>;
  const out: Partial<SearchCriteria> = {};
  for (const k of keys)
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k]) && after[k] !== undefined)
      Object.assign(out, { [k]: after[k] });
  return out;
}

/** Dates further ahead than this, given without a year, are confirmed ("3 November" said in December). */
const CONFIRM_AFTER_DAYS = 270;

/**
 * A date to confirm before searching: far ahead and said without a year, it is probably a day of this year that has
 * passed ("on 3 november" in December means next November only if the traveller says so).
 */
export function dateToConfirm(date: string | undefined, today: string, text: string): string | null {
  if (!date || /\b(19|20)\d\d\b/.test(text) || /\bnext year\b/i.test(text)) return null;
  return daysBetween(today, date) > CONFIRM_AFTER_DAYS ? date : null;
}
