import type { PassengerType } from './types';

/**
 * Special service requests (SSRs) a passenger may ask for on a flight, as the standard IATA codes that go to the
 * airline: a meal, wheelchair assistance, a pet in the cabin. At most one of each kind per passenger and flight.
 */
export type SpecialRequestKind = 'meal' | 'wheelchair' | 'pet';

export const SSR_CODES = {
  VGML: { kind: 'meal', label: 'Vegetarian meal (vegan)' },
  AVML: { kind: 'meal', label: 'Asian vegetarian meal' },
  KSML: { kind: 'meal', label: 'Kosher meal' },
  MOML: { kind: 'meal', label: 'Muslim meal' },
  DBML: { kind: 'meal', label: 'Diabetic meal' },
  GFML: { kind: 'meal', label: 'Gluten-free meal' },
  CHML: { kind: 'meal', label: "Child's meal" },
  BBML: { kind: 'meal', label: 'Baby meal' },
  WCHR: { kind: 'wheelchair', label: 'Wheelchair to the aircraft door (can climb steps)' },
  WCHS: { kind: 'wheelchair', label: 'Wheelchair to the aircraft door (cannot climb steps)' },
  WCHC: { kind: 'wheelchair', label: 'Wheelchair to the seat (cannot walk)' },
  PETC: { kind: 'pet', label: 'Pet in the cabin' },
} as const satisfies Record<string, { kind: SpecialRequestKind; label: string }>;

export type SsrCode = keyof typeof SSR_CODES;
export const SSR_CODE_LIST = Object.keys(SSR_CODES) as SsrCode[];

export function isSsrCode(code: string): code is SsrCode {
  return Object.prototype.hasOwnProperty.call(SSR_CODES, code);
}

export function ssrKind(code: SsrCode): SpecialRequestKind {
  return SSR_CODES[code].kind;
}

/** One request as asked for: passenger index in the booking, the flight, the code. */
export interface SpecialRequestAsk {
  passenger: number;
  flightId: number;
  code: SsrCode;
}

/** Why a passenger cannot have this request, or null. A wheelchair or a pet needs a seated passenger. */
export function requestRefusal(code: SsrCode, type: PassengerType): string | null {
  const kind = ssrKind(code);
  if (type === 'INF' && kind !== 'meal') return 'A baby on a lap cannot have wheelchair assistance or a pet.';
  if (code === 'BBML' && type !== 'INF') return 'Baby meals are for babies on a lap.';
  if (kind === 'pet' && type !== 'ADT') return 'A pet in the cabin must travel with an adult.';
  return null;
}

/** The first two asks that give one passenger two requests of the same kind on a flight, or null. */
export function duplicateKind(asks: readonly SpecialRequestAsk[]): SpecialRequestAsk | null {
  const seen = new Set<string>();
  for (const a of asks) {
    const key = `${a.passenger}:${a.flightId}:${ssrKind(a.code)}`;
    if (seen.has(key)) return a;
    seen.add(key);
  }
  return null;
}

/** The key of a request, to compare what is stored with what is asked for. */
export function requestKey(r: { passenger: number; flightId: number; code: string }): string {
  return `${r.passenger}:${r.flightId}:${r.code}`;
}
