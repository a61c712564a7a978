import { validationError } from '../errors';

/**
 * Multi-city trips: two to four one-way legs in one booking (London → Paris, then Paris → Rome). Each leg is a journey
 * of its own (nonstop or with connections); the legs follow each other in time. Pure rules, shared by search, booking
 * and the chat.
 */

export const MIN_LEGS = 2;
export const MAX_LEGS = 4;

/**
 * The shortest time between landing at the end of one leg and taking off on the next. Longer than a connection within
 * a journey (search offers 60 minutes): a leg ends the trip there, so bags are reclaimed, the airport is left or
 * changed (an open jaw: land in Paris CDG, leave from Paris ORY), and the next leg is checked in again.
 */
export const MIN_LEG_GAP_MINUTES = 180;

/** What the rules read of a leg: its date (local at its origin) and, once flights are chosen, its first and last. */
export interface LegTiming {
  departureDate: string;
  /** First departure and last arrival of the leg's chosen flights (UTC); absent while only the date is known. */
  departureAt?: Date;
  arrivalAt?: Date;
}

export type LegProblem =
  | { code: 'invalid_leg_count'; count: number }
  /** Leg `leg` (0-based) is dated before the previous one. */
  | { code: 'leg_dates_out_of_order'; leg: number }
  /** Leg `leg` leaves before the previous leg lands plus MIN_LEG_GAP_MINUTES. */
  | { code: 'leg_too_soon'; leg: number; minutes: number };

/** The first problem of a multi-city itinerary, or null when the legs may be booked together. */
export function legProblem(legs: readonly LegTiming[]): LegProblem | null {
  if (legs.length < MIN_LEGS || legs.length > MAX_LEGS) return { code: 'invalid_leg_count', count: legs.length };
  for (let i = 1; i < legs.length; i++) {
    const prev = legs[i - 1]!;
    const leg = legs[i]!;
    // Dates are local at each leg's origin; a later leg on the same date is fine when its flights fit (below).
    if (leg.departureDate < prev.departureDate) return { code: 'leg_dates_out_of_order', leg: i };
    if (prev.arrivalAt && leg.departureAt) {
      const minutes = Math.floor((leg.departureAt.getTime() - prev.arrivalAt.getTime()) / 60_000);
      if (minutes < MIN_LEG_GAP_MINUTES) return { code: 'leg_too_soon', leg: i, minutes };
    }
  }
  return null;
}

/** Throws the coded validation error of the legs' first problem (invalid_leg_count, leg_dates_out_of_order, …). */
export function assertLegs(legs: readonly LegTiming[]): void {
  const p = legProblem(legs);
  if (!p) return;
  const message = legProblemMessage(p);
  if (p.code === 'invalid_leg_count') throw validationError(p.code, message, { count: p.count });
  if (p.code === 'leg_dates_out_of_order') throw validationError(p.code, message, { leg: p.leg });
  throw validationError(p.code, message, { leg: p.leg, minutes: p.minutes, minimumMinutes: MIN_LEG_GAP_MINUTES });
}

/** Why the legs cannot go together, in words a traveller and a developer both read ("Leg 2 leaves …"). */
export function legProblemMessage(p: LegProblem): string {
  switch (p.code) {
    case 'invalid_leg_count':
      return `A multi-city trip has ${MIN_LEGS} to ${MAX_LEGS} legs, not ${p.count}.`;
    case 'leg_dates_out_of_order':
      return `Leg ${p.leg + 1} is dated before leg ${p.leg}.`;
    case 'leg_too_soon':
      return (
        `Leg ${p.leg + 1} must leave at least ${MIN_LEG_GAP_MINUTES / 60} hours after leg ${p.leg} lands ` +
        `(${p.minutes < 0 ? 'it leaves before' : `only ${p.minutes} minutes after`}).`
      );
  }
}

/**
 * The name of one part of a trip as itineraries, tickets and mails title it: "Outbound" / "Return" for one-way and
 * return trips, "Leg 2" for a multi-city trip (legs are 0-based in data, 1-based in words).
 */
export function tripPartName(part: { direction: 'outbound' | 'inbound'; leg: number }, multiCity: boolean): string {
  if (multiCity) return `Leg ${part.leg + 1}`;
  return part.direction === 'outbound' ? 'Outbound' : 'Return';
}

/** Whether a booking's flights form a multi-city trip: more than one leg, none of them a return. */
export function isMultiCity(parts: readonly { direction: 'outbound' | 'inbound'; leg: number }[]): boolean {
  return parts.every((p) => p.direction === 'outbound') && parts.some((p) => p.leg > 0);
}
