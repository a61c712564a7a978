import { CABINS, type Cabin } from '../../api/domain/types';
import type { PlaceChoice, SearchCriteria } from '../state';

/**
 * The shape of the dialog state this code saves. Raise it when a deploy changes that shape (a step's
 * state, a flow's options): a conversation saved by the older code is then reset with an apology instead
 * of failing on every later turn, keeping the trip the traveller described (see `salvageCriteria`).
 */
export const DIALOG_STATE_VERSION = 1;

/** What the traveller is told when their conversation had to be reset. */
export const LOST_OUR_PLACE = 'Sorry, I lost my place in our conversation because of a problem on my side.';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The trip a booking in progress had gathered, read from saved dialog state that can no longer be run
 * (older shape, or a step that throws on it): every field that still reads right is kept, the rest is
 * dropped and asked again. Null when there is no booking in it.
 */
export function salvageCriteria(state: unknown): SearchCriteria | null {
  const found = findCriteria(state, 0);
  if (!found) return null;
  const c: SearchCriteria = {};
  const origin = place(found.origin);
  const destination = place(found.destination);
  if (origin) c.origin = origin;
  if (destination) c.destination = destination;
  if (typeof found.departDate === 'string' && DATE.test(found.departDate)) c.departDate = found.departDate;
  if (typeof found.returnDate === 'string' && DATE.test(found.returnDate)) c.returnDate = found.returnDate;
  if (found.tripType === 'one_way' || found.tripType === 'round_trip') c.tripType = found.tripType;
  if (CABINS.includes(found.cabin as Cabin)) c.cabin = found.cabin as Cabin;
  const p = found.passengers;
  if (isObject(p) && [p.adults, p.children, p.infants].every((n) => Number.isInteger(n) && (n as number) >= 0))
    c.passengers = { adults: p.adults as number, children: p.children as number, infants: p.infants as number };
  return Object.keys(c).length ? c : null;
}

/** The first `criteria` object of a booking draft anywhere in the state (the dialog stack nests flows). */
function findCriteria(v: unknown, depth: number): Json | null {
  if (depth > 12) return null;
  if (Array.isArray(v)) {
    for (const item of v) {
      const found = findCriteria(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(v)) return null;
  if (isObject(v.draft) && isObject(v.draft.criteria)) return v.draft.criteria;
  for (const child of Object.values(v)) {
    const found = findCriteria(child, depth + 1);
    if (found) return found;
  }
  return null;
}

function place(v: unknown): PlaceChoice | null {
  if (!isObject(v) || typeof v.code !== 'string' || typeof v.label !== 'string') return null;
  return /^[A-Z]{3}$/.test(v.code) ? { code: v.code, label: v.label } : null;
}
