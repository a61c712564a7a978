/** Disruptions of flights: the records and the pure rules of what a disrupted booking is offered. */

export type DisruptionKind = 'delayed' | 'cancelled';
export type DisruptionOfferKind = 'accept' | 'rebook' | 'refund';
/** "informed": a short delay, nothing to choose; "superseded": a later disruption of the booking replaced it. */
export type DisruptionStatus = 'informed' | 'open' | 'accepted' | 'rebooked' | 'refunded' | 'superseded';

export interface DisruptionRow {
  id: number;
  flightId: number;
  kind: DisruptionKind;
  reason: string;
  oldDepartureAt: Date;
  oldArrivalAt: Date;
  newDepartureAt: Date | null;
  delayMinutes: number | null;
  /** Whether bookings are offered a choice (a cancellation, or a delay over the threshold). */
  withOffers: boolean;
  /** Live bookings on the flight when it was disrupted. */
  affected: number;
  createdBy: number | null;
  doneAt: Date | null;
  createdAt: Date;
}

/** An offered seat: passenger index and id in the booking, on one offered flight. */
export interface OfferedSeat {
  passenger: number;
  passengerId: number;
  flightId: number;
  designator: string;
}

/** An offer as stored with the booking's disruption. */
export interface StoredOffer {
  id: string;
  kind: DisruptionOfferKind;
  /** rebook: the replacement flights in travel order. */
  flightIds: number[];
  seats: OfferedSeat[];
  amount: number;
  currency: string;
}

/** What an answer did: the flight numbers moved to, the tickets voided and refunded amount. */
export interface DisruptionOutcome {
  movedTo?: string[];
  voidedTickets?: string[];
  refund?: number;
}

export interface DisruptionBookingRow {
  id: number;
  disruptionId: number;
  bookingId: number;
  pnr: string;
  status: DisruptionStatus;
  offers: StoredOffer[];
  expiresAt: Date | null;
  choice: string | null;
  chosenAt: Date | null;
  outcome: DisruptionOutcome | null;
  notifiedAt: Date;
}

/** Settings of disruption handling (env, README "Disruption"). */
export interface DisruptionSettings {
  /** A delay longer than this offers accept / rebook / refund (DISRUPTION_DELAY_THRESHOLD_MINUTES). */
  delayThresholdMinutes: number;
  /** How long offered seats on other flights are held (DISRUPTION_OFFER_HOLD_MINUTES). */
  offerHoldMinutes: number;
  /** At most this many rebooking offers per booking (DISRUPTION_REBOOK_OPTIONS). */
  rebookOptions: number;
}

/** Whether a booking on a flight disrupted this way is offered a choice. */
export function offersChoice(kind: DisruptionKind, delayMinutes: number | null, thresholdMinutes: number): boolean {
  return kind === 'cancelled' || (delayMinutes ?? 0) > thresholdMinutes;
}

/** A replacement journey: one flight, or two via a connection. */
export interface Journey<F> {
  legs: F[];
}

interface Leg {
  id: number;
  origin: string;
  destination: string;
  departureAt: Date;
  arrivalAt: Date;
}

/**
 * Replacement journeys for a disrupted flight, best first: direct flights and one-stop connections (layover within
 * [minLayover, maxLayover] minutes) from its origin to its destination, leaving no earlier than `earliest` and
 * arriving no later than `latestArrival` (when the booking flies on after it), never the disrupted flight itself.
 * Sorted by arrival, a direct flight before a connection arriving at the same time.
 */
export function replacementJourneys<F extends Leg>(
  disrupted: Leg,
  firstLegs: F[],
  secondLegs: F[],
  window: { earliest: Date; latestArrival: Date | null; minLayover: number; maxLayover: number },
): Journey<F>[] {
  const ok = (f: Leg) => f.id !== disrupted.id && f.departureAt.getTime() >= window.earliest.getTime();
  const arrivesInTime = (f: Leg) => !window.latestArrival || f.arrivalAt.getTime() <= window.latestArrival.getTime();
  const out: Journey<F>[] = [];
  for (const f of firstLegs.filter(ok)) {
    if (f.origin !== disrupted.origin) continue;
    if (f.destination === disrupted.destination) {
      if (arrivesInTime(f)) out.push({ legs: [f] });
      continue;
    }
    for (const s of secondLegs) {
      if (s.id === disrupted.id || s.origin !== f.destination || s.destination !== disrupted.destination) continue;
      const layover = (s.departureAt.getTime() - f.arrivalAt.getTime()) / 60_000;
      if (layover >= window.minLayover && layover <= window.maxLayover && arrivesInTime(s)) out.push({ legs: [f, s] });
    }
  }
  const arrival = (j: Journey<F>) => j.legs[j.legs.length - 1]!.arrivalAt.getTime();
  return out.sort((a, b) => arrival(a) - arrival(b) || a.legs.length - b.legs.length);
}
