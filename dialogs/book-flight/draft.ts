import { formatLocalDate } from '../../cards/shared/format';
import { MAX_SEATED_PASSENGERS, paxTypeForAge } from '../../api/domain/passengers';
import { ageOn, daysBetween, isIsoDate } from '../../api/domain/time';
import type { CreateBookingInput } from '../../api/services/booking.service';
import type { SearchQuery } from '../../api/services/search.service';
import type { Place, Understanding } from '../nlu';
import type { BookingDraft, PlaceChoice, SearchCriteria } from '../state';
import { unknownPlaceSentence } from './unknown-place-note';

/** Pure rules of the booking draft: what a reply changes, what a change invalidates, what is missing. */

/**
 * A resolved place as searched. `codes` lists a metro code first and then its airports (every
 * airport of the city until the traveller narrows it), or a single airport.
 */
export function placeChoice(p: Place): PlaceChoice {
  const code = p.codes[0]!;
  if (isMultiAirport(p)) return { code, label: `${metroCity(p)} (any airport)` };
  const c = p.candidates.find((x) => x.code === code);
  return { code, label: c ? `${c.city} ${c.code}` : code };
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
export function criteriaChanges(u: Understanding, c: SearchCriteria): Partial<SearchCriteria> | null {
  const out: Partial<SearchCriteria> = {};
  if (u.origin && !needsCityChoice(u.origin) && u.origin.codes[0] !== c.origin?.code)
    out.origin = placeChoice(u.origin);
  if (u.destination && !needsCityChoice(u.destination) && u.destination.codes[0] !== c.destination?.code)
    out.destination = placeChoice(u.destination);
  if (u.departDate && u.departDate !== c.departDate) out.departDate = u.departDate;
  if (u.returnDate && u.returnDate !== c.returnDate) {
    out.returnDate = u.returnDate;
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

/**
 * Whether a reply outside the search steps (seats, names, contact) is meant to change the trip: only
 * with words that say so ("actually 2 adults", "change the date to Tuesday"). Names and birth dates
 * are not trip dates.
 */
export function saysChange(text: string): boolean {
  return /\b(actually|instead|change|make it|rather|switch|no,? (i|we) (want|meant))\b/i.test(text);
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

/** The next criterion to ask for, or null when a search can run. */
export function missingCriterion(
  c: SearchCriteria,
): 'origin' | 'destination' | 'departDate' | 'tripType' | 'returnDate' | null {
  if (!c.origin) return 'origin';
  if (!c.destination) return 'destination';
  if (!c.departDate) return 'departDate';
  if (!c.tripType && !c.returnDate) return 'tripType';
  if (c.tripType === 'round_trip' && !c.returnDate) return 'returnDate';
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
  const window = out ? c.departTime : c.returnTime;
  return {
    origin: (out ? c.origin : c.destination)!.code,
    destination: (out ? c.destination : c.origin)!.code,
    departureDate: (out ? c.departDate : c.returnDate)!,
    ...partyOf(c),
    cabin: c.cabin ?? 'economy',
    flexDays: c.flexDays ?? 0,
    nonStop: c.nonStop ?? false,
    airlines: c.airline ? [c.airline] : undefined,
    departAfter: window?.from,
    departBefore: window && window.to < '23:59' ? window.to : undefined,
    sort: c.sort ?? 'price',
    limit: extra.limit ?? 5,
    page: extra.page ?? 1,
    ...(!out && c.currency ? { currency: c.currency } : {}),
  };
}

export function describeParty(c: SearchCriteria): string {
  const p = partyOf(c);
  const parts = [`${p.adults} adult${p.adults === 1 ? '' : 's'}`];
  if (p.children) parts.push(`${p.children} child${p.children === 1 ? '' : 'ren'}`);
  if (p.infants) parts.push(`${p.infants} infant${p.infants === 1 ? '' : 's'}`);
  return parts.join(', ');
}

/** The booking request the draft amounts to (chosen seats per passenger per flight). */
export function bookingInput(d: BookingDraft, channel?: string): CreateBookingInput {
  const flights: CreateBookingInput['flights'] = [];
  for (const [direction, chosen] of [
    ['outbound', d.outbound],
    ['inbound', d.inbound],
  ] as const)
    if (chosen?.fare)
      for (const s of chosen.offer.segments)
        flights.push({ flightId: s.flightId, cabin: chosen.fare.cabin, fareFamily: chosen.fare.fareFamily, direction });
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
