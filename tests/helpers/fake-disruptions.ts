import type { BookingView } from '../../api/services/booking-view';
import type { Disruption, DisruptionApi, DisruptionOffer, DisruptionOutcome } from '../../dialogs/ports';

/**
 * The dialogs' disruption port in memory, for dialog tests: disruptions are set by the test, choices recorded,
 * and an offer can be made to lapse or lose its seats to someone else before the traveller confirms it.
 */
export class FakeDisruptions implements DisruptionApi {
  private readonly open = new Map<string, Disruption>();
  /** What was chosen, in order. */
  readonly chosen: { pnr: string; offer: DisruptionOffer }[] = [];
  /** Offers whose seats someone else takes just before they are chosen (`taken`), or that lapse (`expired`). */
  readonly gone = new Map<string, 'taken' | 'expired'>();
  /** Offers that replace the gone ones when fresh offers are asked for. */
  fresh: DisruptionOffer[] = [];

  set(d: Disruption): void {
    this.open.set(d.pnr, d);
  }

  get(pnr: string): Disruption {
    return this.open.get(pnr)!;
  }

  async disruptionOf(_who: unknown, pnr: string): Promise<Disruption | null> {
    return this.open.get(pnr) ?? null;
  }

  async myDisruptions(who: { userId: number | null }): Promise<Disruption[]> {
    return who.userId === null ? [] : [...this.open.values()];
  }

  async renewOffers(_who: unknown, pnr: string): Promise<Disruption | null> {
    const d = this.open.get(pnr);
    if (!d) return null;
    d.offers = [...this.fresh, ...d.offers.filter((o) => o.kind !== 'rebook')];
    return d;
  }

  async choose(_who: unknown, pnr: string, offerId: string): Promise<DisruptionOutcome> {
    const d = this.open.get(pnr);
    const offer = d?.offers.find((o) => o.id === offerId);
    if (!d || !offer) return { kind: 'gone', reason: 'expired' };
    const gone = this.gone.get(offerId);
    if (gone) {
      d.offers = d.offers.filter((o) => o.id !== offerId);
      return { kind: 'gone', reason: gone };
    }
    this.chosen.push({ pnr, offer });
    Object.assign(d, { chosen: offer.kind, offers: [] });
    if (offer.kind === 'rebook') return { kind: 'rebooked', pnr };
    if (offer.kind === 'refund') return { kind: 'refunded', amount: offer.amount };
    return { kind: 'kept' };
  }
}

/** No flight is ever disrupted (dialog tests that never meet one). */
export const NO_DISRUPTIONS: DisruptionApi = {
  disruptionOf: async () => null,
  myDisruptions: async () => [],
  renewOffers: async () => null,
  choose: async () => ({ kind: 'gone', reason: 'expired' }),
};

/** A later flight on the same route the same day, at `hhmm` local time (the booking's own offset). */
export function laterFlight(b: BookingView, flightNumber: string, hhmm: string, arrives: string) {
  const f = b.flights[0]!;
  const day = f.departureTime.slice(0, 10);
  const offset = f.departureTime.slice(19);
  return {
    flightNumber,
    from: f.origin.code,
    to: f.destination.code,
    departureTime: `${day}T${hhmm}:00${offset}`,
    arrivalTime: `${day}T${arrives}:00${f.arrivalTime.slice(19)}`,
  };
}

/** The booking's first flight cancelled, with rebooking offers at the given times and a full refund. */
export function cancellationOf(b: BookingView, times: string[]): Disruption {
  const f = b.flights[0]!;
  return {
    pnr: b.pnr,
    kind: 'cancellation',
    flight: {
      flightNumber: f.flightNumber,
      from: f.origin.code,
      to: f.destination.code,
      departureTime: f.departureTime,
      arrivalTime: f.arrivalTime,
    },
    newDepartureTime: null,
    newArrivalTime: null,
    offers: [
      ...times.map((t, i): DisruptionOffer => ({
        id: `rebook-${i + 1}`,
        kind: 'rebook',
        flights: [laterFlight(b, `JW${801 + i}`, t, `${String(Number(t.slice(0, 2)) + 1).padStart(2, '0')}:20`)],
        seats: [`${12 + i}C`],
      })),
      { id: 'refund', kind: 'refund', amount: b.price.total },
    ],
    offersExpireAt: new Date(Date.parse(f.departureUtc) - 3_600_000).toISOString(),
    chosen: null,
  };
}

/** The booking's first flight delayed to `hhmm`, with keep, one rebooking offer and a refund. */
export function delayOf(b: BookingView, hhmm: string): Disruption {
  const d = cancellationOf(b, ['21:05']);
  const f = b.flights[0]!;
  const day = f.departureTime.slice(0, 10);
  return {
    ...d,
    kind: 'delay',
    newDepartureTime: `${day}T${hhmm}:00${f.departureTime.slice(19)}`,
    newArrivalTime: null,
    offers: [{ id: 'accept', kind: 'keep' }, ...d.offers],
  };
}
