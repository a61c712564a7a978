/**
 * What a special request asked for in the chat still needs (which request, for whom, on which flight), and
 * the booking's whole new set of requests once it has all that. Pure: the dialog reads the booking and asks.
 */
import {
  requestRefusal,
  SSR_CODES,
  type SpecialRequestKind,
  type SsrCode,
  ssrKind,
} from '../../api/domain/special-requests';
import type { BookingView } from '../../api/services/booking-view';
import { flightLabel } from './shared';

/** A request as the conversation has it so far; null: not said yet. */
export interface RequestAsk {
  code: SsrCode | null;
  kind: SpecialRequestKind | null;
  remove: boolean;
  /** Passenger indexes. */
  passengers: number[] | null;
  /** Flight ids. */
  flights: number[] | null;
}

type Passenger = BookingView['passengers'][number];
type Flight = BookingView['flights'][number];
type Wire = { passenger: number; flightId: number; code: SsrCode };

/** The next thing to ask, or the end (nothing to do, said why). */
export type Plan =
  | { step: 'what' }
  | { step: 'meal' }
  | { step: 'who'; passengers: Passenger[]; remove: boolean }
  | { step: 'flight'; flights: Flight[] }
  | { step: 'confirm'; changes: Change[] }
  | { step: 'end'; note: string };

/** One request added or dropped for one passenger on one flight. */
export interface Change {
  passenger: Passenger;
  flight: Flight;
  code: SsrCode;
  remove: boolean;
  /** The request of the same kind it replaces (one meal per passenger and flight). */
  replaces: SsrCode | null;
}

/** A pet is in the cabin and a wheelchair is WCHR (the most asked) unless the traveller said more. */
const DEFAULT_CODE: Partial<Record<SpecialRequestKind, SsrCode>> = { wheelchair: 'WCHR', pet: 'PETC' };

export function codeOf(ask: Pick<RequestAsk, 'code' | 'kind'>): SsrCode | null {
  return ask.code ?? (ask.kind ? (DEFAULT_CODE[ask.kind] ?? null) : null);
}

/** "a vegetarian meal, vegan (VGML)", "a wheelchair to the aircraft door, can climb steps (WCHR)". */
export function requestName(code: SsrCode): string {
  const label = SSR_CODES[code].label.replace(/ \((.+)\)$/, ', $1');
  const noun = `${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} (${code})`;
}

/** The kinds of request a kind-less "remove my request" may mean: those the booking has. */
function matches(r: { code: string }, ask: RequestAsk): boolean {
  if (ask.code) return r.code === ask.code || (ask.kind !== null && ssrKind(r.code as SsrCode) === ask.kind);
  return ask.kind === null || ssrKind(r.code as SsrCode) === ask.kind;
}

const byIndex = (p: Passenger) => p.index;
const openFlights = (b: BookingView, now: Date) => b.flights.filter((f) => new Date(f.departureUtc) > now);

/** What is still missing from `ask` on this booking, or what it comes to. */
export function planRequest(b: BookingView, ask: RequestAsk, now: Date): Plan {
  const flights = openFlights(b, now);
  if (flights.length === 0) return { step: 'end', note: `Every flight of booking ${b.pnr} has left already.` };
  return ask.remove ? planRemoval(b, ask, flights) : planAddition(b, ask, flights);
}

function planAddition(b: BookingView, ask: RequestAsk, open: Flight[]): Plan {
  if (!ask.kind && !ask.code) return { step: 'what' };
  const code = codeOf(ask);
  if (!code) return { step: 'meal' };
  const able = b.passengers.filter((p) => requestRefusal(code, p.type) === null);
  if (able.length === 0) {
    const why = requestRefusal(code, b.passengers[0]?.type ?? 'ADT') ?? '';
    return { step: 'end', note: `${why} Nobody on booking ${b.pnr} can have ${requestName(code)}.` };
  }
  const who = chosen(ask.passengers, able, byIndex) ?? (able.length === 1 ? able : null);
  if (!who) return { step: 'who', passengers: able, remove: false };
  const on = chosen(ask.flights, open, (f) => f.flightId) ?? (open.length === 1 ? open : null);
  if (!on) return { step: 'flight', flights: open };
  const changes: Change[] = [];
  for (const p of who)
    for (const f of on) {
      const same: { code: string } | undefined = p.specialRequests.find(
        (r) => r.flightId === f.flightId && ssrKind(r.code as SsrCode) === ssrKind(code),
      );
      if (same?.code === code) continue;
      changes.push({ passenger: p, flight: f, code, remove: false, replaces: (same?.code as SsrCode) ?? null });
    }
  if (changes.length === 0)
    return { step: 'end', note: `That's already on booking ${b.pnr}: ${requestName(code)} ${forWhom(who, on)}.` };
  return { step: 'confirm', changes };
}

function planRemoval(b: BookingView, ask: RequestAsk, open: Flight[]): Plan {
  const openIds = new Set(open.map((f) => f.flightId));
  const having = (p: Passenger) => p.specialRequests.filter((r) => openIds.has(r.flightId) && matches(r, ask));
  const holders = b.passengers.filter((p) => having(p).length > 0);
  if (holders.length === 0) {
    const what = ask.code ? requestName(ask.code) : ask.kind ? `${ask.kind} request` : 'special request';
    return { step: 'end', note: `There is no ${what.replace(/^an? /, '')} on booking ${b.pnr} to remove.` };
  }
  const who = chosen(ask.passengers, holders, byIndex) ?? (holders.length === 1 ? holders : null);
  if (!who) return { step: 'who', passengers: holders, remove: true };
  const flightsHeld = open.filter((f) => who.some((p) => having(p).some((r) => r.flightId === f.flightId)));
  const on = chosen(ask.flights, flightsHeld, (f) => f.flightId) ?? (flightsHeld.length === 1 ? flightsHeld : null);
  if (!on) return { step: 'flight', flights: flightsHeld };
  const changes = who.flatMap((p) =>
    having(p)
      .filter((r) => on.some((f) => f.flightId === r.flightId))
      .map((r): Change => ({
        passenger: p,
        flight: on.find((f) => f.flightId === r.flightId)!,
        code: r.code as SsrCode,
        remove: true,
        replaces: null,
      })),
  );
  return { step: 'confirm', changes };
}

/** The chosen among `all` (by passenger index or flight id); null when nothing (or nothing that fits) was chosen. */
function chosen<T>(picked: number[] | null, all: T[], key: (t: T) => number): T[] | null {
  if (!picked) return null;
  const out = all.filter((t) => picked.includes(key(t)));
  return out.length > 0 ? out : null;
}

/** The booking's whole set of requests after `changes`, as the API replaces it. */
export function newRequestSet(b: BookingView, changes: Change[]): Wire[] {
  const key = (passenger: number, flightId: number, code: string) => `${passenger}:${flightId}:${code}`;
  const dropped = new Set(
    changes.flatMap((c) => [
      ...(c.remove ? [key(c.passenger.index, c.flight.flightId, c.code)] : []),
      ...(c.replaces ? [key(c.passenger.index, c.flight.flightId, c.replaces)] : []),
    ]),
  );
  const kept = b.passengers.flatMap((p) =>
    p.specialRequests
      .filter((r) => !dropped.has(key(p.index, r.flightId, r.code)))
      .map((r) => ({ passenger: p.index, flightId: r.flightId, code: r.code as SsrCode })),
  );
  const added = changes
    .filter((c) => !c.remove)
    .map((c) => ({ passenger: c.passenger.index, flightId: c.flight.flightId, code: c.code }));
  return [...kept, ...added];
}

const fullName = (p: Passenger) => `${p.firstName} ${p.lastName}`;

/** "for Ada Lovelace on BA117 LHR–CDG 1 Dec", "for everyone on both flights". */
function forWhom(who: Passenger[], on: Flight[]): string {
  return `for ${who.map(fullName).join(' and ')} on ${on.map(flightLabel).join(' and ')}`;
}

/** One line per change: "Add a vegetarian meal (VGML) for Ada Lovelace on BA117 LHR–CDG 1 Dec". */
export function changeLines(changes: Change[]): string[] {
  return changes.map((c) => {
    const instead = c.replaces ? `, instead of ${requestName(c.replaces)}` : '';
    const verb = c.remove ? 'Remove' : 'Add';
    return `${verb} ${requestName(c.code)} for ${fullName(c.passenger)} on ${flightLabel(c.flight)}${instead}`;
  });
}

/** What was done, said after the API kept it. */
export function doneSentence(changes: Change[]): string {
  const done = changeLines(changes).map((l, i) =>
    l.replace(/^Add /, i === 0 ? 'Added ' : 'added ').replace(/^Remove /, i === 0 ? 'Removed ' : 'removed '),
  );
  const added = changes.filter((c) => !c.remove).length;
  const shown = added === 0 ? '' : ` ${added === 1 ? 'It shows' : 'They show'} on your e-ticket and to our team.`;
  return `Done. ${done.join('; ')}.${shown}`;
}
