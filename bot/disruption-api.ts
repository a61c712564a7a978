import { isDomainError } from '../api/errors';
import type {
  BookingDisruption,
  DisruptionOffer as ServiceOffer,
  DisruptionService,
} from '../api/services/disruption.service';
import type { SegmentView } from '../api/services/flight-view';
import type { Disruption, DisruptionApi, DisruptionOffer, TravellerFlight } from '../dialogs/ports';
import { actorFor } from './travel-api';

/** What the chat uses of the disruption service. */
export type DisruptionServices = Pick<DisruptionService, 'disruptionFor' | 'openFor' | 'chooseOffer'>;

/**
 * The dialogs' port onto the disruption service: its views in the chat's words ("keep" is the service's
 * "accept"), and an offer whose flight filled meanwhile as an outcome the dialog words, not an error.
 * `limitLookup` counts a look-up by last name against the chat's limits, as for bookings.
 */
export function createDisruptionApi(s: DisruptionServices, limitLookup: () => Promise<void>): DisruptionApi {
  const limited = async (lastName: string | undefined) => {
    if (lastName) await limitLookup();
  };
  return {
    disruptionOf: async (who, pnr, lastName) => {
      await limited(lastName);
      const d = await s.disruptionFor(actorFor(who), pnr, lastName);
      return d ? travellerDisruption(d) : null;
    },
    myDisruptions: async (who) =>
      who.userId === null ? [] : (await s.openFor(actorFor(who))).map(travellerDisruption),
    // The service makes fresh offers itself when it reads a disruption whose offers lapsed or were taken.
    renewOffers: async (who, pnr, lastName) => {
      await limited(lastName);
      const d = await s.disruptionFor(actorFor(who), pnr, lastName);
      return d ? travellerDisruption(d) : null;
    },
    choose: async (who, pnr, offerId, lastName) => {
      await limited(lastName);
      try {
        const out = await s.chooseOffer(actorFor(who), pnr, offerId, lastName);
        const kind = out.disruption.choice?.kind;
        if (kind === 'rebook') return { kind: 'rebooked', pnr: out.booking.pnr };
        if (kind === 'refund')
          return { kind: 'refunded', amount: out.refund ?? { amount: 0, currency: out.booking.price.total.currency } };
        return { kind: 'kept' };
      } catch (err) {
        // The offered flight filled meanwhile: said in the chat, with fresh offers, rather than as an error.
        if (isDomainError(err) && err.code === 'offer_unavailable') return { kind: 'gone', reason: 'taken' };
        throw err;
      }
    },
  };
}

function travellerFlight(f: SegmentView): TravellerFlight {
  return {
    flightNumber: f.flightNumber,
    from: f.origin.code,
    to: f.destination.code,
    departureTime: f.departureTime,
    arrivalTime: f.arrivalTime,
  };
}

function travellerOffer(o: ServiceOffer): DisruptionOffer {
  switch (o.kind) {
    case 'accept':
      return { id: o.id, kind: 'keep' };
    case 'refund':
      return { id: o.id, kind: 'refund', amount: o.amount };
    case 'rebook': {
      // The seats on the first flight name the offer; a connection's second flight has its own, shown on the ticket.
      const first = o.flights[0]?.flightId;
      const seats = o.seats.filter((s) => s.flightId === first).map((s) => s.designator);
      return { id: o.id, kind: 'rebook', flights: o.flights.map(travellerFlight), seats };
    }
  }
}

/** The service's view of a booking's disruption as the chat words it. */
export function travellerDisruption(d: BookingDisruption): Disruption {
  const delayed = d.kind === 'delayed';
  return {
    pnr: d.pnr,
    kind: delayed ? 'delay' : 'cancellation',
    flight: { ...travellerFlight(d.flight), departureTime: d.scheduledDeparture },
    newDepartureTime: delayed ? d.newDeparture : null,
    newArrivalTime: delayed ? d.flight.arrivalTime : null,
    offers: d.offers.map(travellerOffer),
    offersExpireAt: d.expiresAt,
    chosen: d.choice ? (d.choice.kind === 'accept' ? 'keep' : d.choice.kind) : null,
  };
}
