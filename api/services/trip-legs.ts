import type { FlightRow } from '../domain/records';
import { assertLegs, type LegTiming } from '../domain/multi-city';
import { validationError } from '../errors';

/** What a booking request says of a flight's place in the trip. */
export interface FlightPlace {
  direction?: 'outbound' | 'inbound';
  /** Multi-city: the leg (0-based) the flight belongs to; given on every flight of the request or on none. */
  leg?: number;
}

export interface TripLegs {
  multiCity: boolean;
  /** The directions journeyDirections is given (all outbound on a multi-city trip). */
  givenDirections: ('outbound' | 'inbound' | undefined)[];
  /** Each flight's leg, from the directions journeyDirections decided. */
  legsOf: (directions: readonly ('outbound' | 'inbound')[]) => number[];
}

/**
 * The leg of each flight of a booking request, and the directions to give journeyDirections. A multi-city request
 * (legs given) numbers its legs 0, 1, … in travel order, every flight outbound, and its legs must follow each other
 * (assertLegs); otherwise a return trip's inbound flights are leg 1 and everything else leg 0.
 */
export function tripLegs(flights: readonly FlightRow[], places: readonly FlightPlace[]): TripLegs {
  const given = places.filter((p) => p.leg !== undefined).length;
  if (given === 0)
    return {
      multiCity: false,
      givenDirections: places.map((p) => p.direction),
      legsOf: (directions) => directions.map((d) => (d === 'inbound' ? 1 : 0)),
    };
  const legs = places.map((p) => p.leg);
  // Each flight stays on the leg of the one before or starts the next leg.
  const ordered = legs.every((leg, i) => {
    const step = leg === undefined ? -1 : leg - (i === 0 ? 0 : legs[i - 1]!);
    return step === 0 || (step === 1 && i > 0);
  });
  if (given !== places.length || !ordered)
    throw validationError('invalid_flights', 'Give every flight its leg, numbered 0, 1, … in travel order.');
  if (places.some((p) => p.direction === 'inbound'))
    throw validationError('invalid_flights', 'A multi-city trip has legs, not a return: leave out the direction.');
  const timings: LegTiming[] = [];
  flights.forEach((f, i) => {
    const leg = legs[i]!;
    const t = timings[leg];
    if (!t) timings[leg] = { departureDate: f.departureDate, departureAt: f.departureAt, arrivalAt: f.arrivalAt };
    else t.arrivalAt = f.arrivalAt;
  });
  assertLegs(timings);
  return {
    multiCity: true,
    givenDirections: places.map(() => 'outbound'),
    legsOf: () => legs as number[],
  };
}
