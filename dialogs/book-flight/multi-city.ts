import { legProblem, MIN_LEG_GAP_MINUTES } from '../../api/domain/multi-city';
import type { Offer } from '../../api/services/search.service';
import { formatLocalDate } from '../../cards/shared/format';
import type { TripLeg, Understanding } from '../nlu';
import type { BookingDraft, ChosenFlight, PlannedLeg, SearchCriteria } from '../state';
import { placeChoice } from './draft';

/**
 * A multi-city trip in the booking conversation: the legs are chosen one after the other with the same steps as a
 * one-way trip (criteria, flights, fare), then seats, passengers, review and payment cover them all at once. The leg
 * being chosen is the draft's `criteria` and `outbound`; the legs chosen before it are `legs`, those after `nextLegs`.
 */

/** Whether the draft is a multi-city trip (some leg chosen before the current one, or some still to come). */
export function isMultiCityDraft(d: BookingDraft): boolean {
  return (d.legs?.length ?? 0) > 0 || (d.nextLegs?.length ?? 0) > 0;
}

function plannedLeg(l: TripLeg): PlannedLeg {
  return {
    ...(l.origin ? { origin: placeChoice(l.origin) } : {}),
    destination: placeChoice(l.destination),
    ...(l.departDate ? { departDate: l.departDate } : {}),
  };
}

/**
 * A first request naming several legs: the criteria of the first leg (over what the message says as one trip) and
 * the legs after it. Null when the message names no multi-city trip or only continues one.
 */
export function legsOfRequest(
  u: Understanding | undefined,
  criteria: SearchCriteria,
): { criteria: SearchCriteria; nextLegs: PlannedLeg[] } | null {
  const trip = u?.trip;
  if (!trip || trip.continues) return null;
  const [first, ...rest] = trip.legs.map(plannedLeg);
  const { returnDate: _ret, returnTime: _time, tripType: _type, ...oneWay } = criteria;
  return {
    criteria: {
      ...oneWay,
      tripType: 'one_way',
      ...(first!.origin ? { origin: first!.origin } : {}),
      destination: first!.destination,
      ...(first!.departDate ? { departDate: first!.departDate } : {}),
    },
    nextLegs: rest,
  };
}

/** Legs said while a booking is under way ("then on to Rome on the 23rd"), to be chosen after the others. */
export function addedLegs(u: Understanding): PlannedLeg[] | null {
  return u.trip?.continues ? u.trip.legs.map(plannedLeg) : null;
}

/**
 * Adds legs after the trip of the draft. A return trip under way becomes a multi-city one (its way back is dropped);
 * seats are chosen again to cover the new flights. Returns what to say ("then Rome, Wed 23 Dec").
 */
export function appendLegs(d: BookingDraft, legs: PlannedLeg[]): string {
  if (d.criteria.returnDate || d.inbound) {
    const { returnDate: _ret, returnTime: _time, tripType: _type, ...oneWay } = d.criteria;
    d.criteria = oneWay;
    d.inbound = undefined;
  }
  d.nextLegs = [...(d.nextLegs ?? []), ...legs];
  Object.assign(d, { seats: {}, seatsDone: false });
  return legs
    .map((l) => `then ${l.destination.label}${l.departDate ? `, ${formatLocalDate(l.departDate)}` : ''}`)
    .join(', ');
}

/** The criteria of the next leg: the same party, cabin and currency, leaving from where the leg before lands. */
export function nextLegCriteria(prev: SearchCriteria, leg: PlannedLeg): SearchCriteria {
  const origin = leg.origin ?? prev.destination;
  return {
    ...(origin ? { origin } : {}),
    destination: leg.destination,
    ...(leg.departDate ? { departDate: leg.departDate } : {}),
    tripType: 'one_way',
    ...(prev.passengers ? { passengers: prev.passengers } : {}),
    ...(prev.cabin ? { cabin: prev.cabin } : {}),
    ...(prev.nonStop !== undefined ? { nonStop: prev.nonStop } : {}),
    ...(prev.tripCurrency || prev.currency ? { tripCurrency: prev.tripCurrency ?? prev.currency } : {}),
  };
}

/** Keeps the leg just chosen and moves on to the next one; false when no leg is left to choose. */
export function advanceLeg(d: BookingDraft): boolean {
  const next = d.nextLegs?.[0];
  if (!next || !d.outbound) return false;
  d.legs = [...(d.legs ?? []), { criteria: d.criteria, flight: d.outbound }];
  d.nextLegs = d.nextLegs!.slice(1);
  d.criteria = nextLegCriteria(d.criteria, next);
  d.outbound = undefined;
  return true;
}

/** All legs to choose again from the first (another flight for the trip, or one sold out meanwhile). */
export function chooseLegsAgain(d: BookingDraft): void {
  const earlier = d.legs ?? [];
  if (earlier.length === 0) return;
  const asPlanned = (c: SearchCriteria): PlannedLeg => ({
    ...(c.origin ? { origin: c.origin } : {}),
    destination: c.destination!,
    ...(c.departDate ? { departDate: c.departDate } : {}),
  });
  d.nextLegs = [...earlier.slice(1).map((l) => asPlanned(l.criteria)), asPlanned(d.criteria), ...(d.nextLegs ?? [])];
  d.criteria = earlier[0]!.criteria;
  d.legs = [];
  d.outbound = undefined;
}

/** Why the flight chosen for this leg cannot follow the leg before (it leaves too soon after landing), or null. */
export function legTooSoon(before: ChosenFlight | undefined, chosen: Offer): string | null {
  if (!before) return null;
  const prev = before.offer;
  const problem = legProblem([
    {
      departureDate: prev.departureTime.slice(0, 10),
      departureAt: new Date(prev.segments[0]!.departureUtc),
      arrivalAt: new Date(prev.segments[prev.segments.length - 1]!.arrivalUtc),
    },
    { departureDate: chosen.departureTime.slice(0, 10), departureAt: new Date(chosen.segments[0]!.departureUtc) },
  ]);
  if (!problem) return null;
  return problem.code === 'leg_dates_out_of_order'
    ? 'That flight leaves before your previous flight.'
    : `That flight leaves too soon after your previous flight lands: allow at least ${MIN_LEG_GAP_MINUTES / 60} ` +
        'hours between them.';
}
