import type { Db } from '../db/db';
import {
  type DisruptionBookingRow,
  type DisruptionKind,
  type DisruptionOfferKind,
  type DisruptionRow,
  type DisruptionSettings,
  type DisruptionStatus,
  offersChoice,
} from '../domain/disruption';
import type { FlightRow } from '../domain/records';
import { localDate, localToInstant, localTime, toLocalIso } from '../domain/time';
import type { Money } from '../domain/types';
import { conflict, forbidden, notFound, validationError } from '../errors';
import type { BookingRepository } from '../repositories/booking.repository';
import type { DisruptionRepository } from '../repositories/disruption.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import { type Actor, actorRole, actorUserId, isAdmin, isStaff } from './actor';
import type { BookingAccess } from './booking-access';
import type { BookingView } from './booking-view';
import type { BookingViews } from './booking-views';
import type { Clock } from './clock';
import type { DisruptionAnswers } from './disruption-answers';
import type { DisruptionOffers } from './disruption-offers';
import type { DisruptionNotifier } from './disruption-notifier';
import { flightNumber, segmentView, type SegmentView } from './flight-view';
import type { ReferenceDataService } from './reference-data.service';

/**
 * Disruption of a flight and what each booking on it is offered.
 *
 * An admin (API or console) marks a flight `delayed` (new departure, local at the origin) or `cancelled` through
 * `disrupt`: the flight changes and a disruption is recorded in one transaction. Then every instance's worker
 * (`notifyDue`, also kicked at once) takes each live booking on the flight exactly once: under a unique
 * (disruption, booking) row it works out the booking's offers, holds the seats of rebooking offers (atomic
 * conditional seat claims, the SeatAssigner's rules: a party together, no child or WCHR in exit rows, one lap infant
 * per block), enqueues the email and publishes `booking.disrupted` for the chat (on the booking's channel, SMS when
 * no conversation can be reached) — all in one transaction, so a booking is told once whichever instance or retry
 * gets there. A cancellation offers `rebook` (the next flights with free seats on the same route, direct or via one
 * connection, on the same or next local day) and `refund` (everything paid). A delay longer than the threshold
 * (DISRUPTION_DELAY_THRESHOLD_MINUTES) offers `accept`, `rebook` free of charge, or `refund`; a shorter delay is
 * only told (no offers, status "informed"). Rebooking seats are held until `expiresAt`; `chooseOffer` settles the
 * booking's answer once (a second answer gets 409 `disruption_answered`): `rebook` moves the booking to the offered
 * flights (its held seats, or others by the same rules if the hold ran out; 409 `offer_unavailable` when the flight
 * filled meanwhile), reissues the tickets (new numbers, the old voided) and sends the update email; `refund` cancels
 * the booking and refunds everything paid; `accept` keeps the booking on the new times. Other offers' seats are
 * released. Travellers see their own booking's disruption (owner, or PNR + last name, masked); agents and admins see
 * all of them and the report.
 */

export type { DisruptionKind, DisruptionOfferKind, DisruptionStatus } from '../domain/disruption';

/** What an admin records about a flight: a later departure (local at the origin), or a cancellation. */
export type FlightDisruptionInput =
  | { kind: 'delayed'; departureTime: string; departureDate?: string; reason: string }
  | { kind: 'cancelled'; reason: string };

/**
 * One answer a disrupted booking may give. `id` is stable for the booking's disruption ("accept", "refund",
 * "rebook-1", "rebook-2"…), what the chat sends back to `chooseOffer`.
 */
export interface DisruptionOffer {
  id: string;
  kind: DisruptionOfferKind;
  /** rebook: the flights that replace the disrupted one, in travel order (two for a connection); else []. */
  flights: SegmentView[];
  /** rebook: the seat held for each seated passenger (index in the booking) on each offered flight; else []. */
  seats: { passenger: number; flightId: number; designator: string }[];
  /** What the traveller pays (always zero) or, for refund, gets back. */
  amount: Money;
}

/** A booking's disruption as the traveller (chat, API) sees it. */
export interface BookingDisruption {
  disruptionId: number;
  pnr: string;
  kind: DisruptionKind;
  /** The disrupted flight as it is now (new times for a delay; status "cancelled"). */
  flight: SegmentView;
  /** The departure before the disruption, local at the origin with offset. */
  scheduledDeparture: string;
  /** Delays: the new departure, local with offset, and how late it is. Null for cancellations. */
  newDeparture: string | null;
  delayMinutes: number | null;
  reason: string;
  /** Empty when there is nothing to choose (short delay) or once answered. */
  offers: DisruptionOffer[];
  /** Until when rebooking seats are held (ISO UTC); null when none are. */
  expiresAt: string | null;
  status: DisruptionStatus;
  choice: { offerId: string; kind: DisruptionOfferKind; at: string } | null;
  /** When the traveller was told (ISO UTC). */
  notifiedAt: string;
}

/** The booking after its answer, with the disruption as settled. */
export interface DisruptionChoiceOutcome {
  disruption: BookingDisruption;
  booking: BookingView;
  /** For refund: what is being refunded. */
  refund: Money | null;
}

/** What `disrupt` did. Travellers are told by the worker right after (within seconds). */
export interface FlightDisruptionResult {
  disruptionId: number;
  flight: SegmentView;
  /** References of the live (held or paid) bookings on the flight, each of which is told. */
  affectedBookings: string[];
}

/** One booking in the disruption report. */
export interface DisruptionReportLine {
  pnr: string;
  passengers: number;
  status: DisruptionStatus;
  choice: DisruptionOfferKind | null;
  /** rebook: the flight numbers moved to. */
  movedTo: string[];
  notifiedAt: string;
  answeredAt: string | null;
}

/** For agents and admins: a disruption, each affected booking, who chose what and who has not answered. */
export interface DisruptionReport {
  disruptionId: number;
  kind: DisruptionKind;
  flight: SegmentView;
  scheduledDeparture: string;
  reason: string;
  createdAt: string;
  /** Live bookings on the flight when it was disrupted, and how many have been told so far. */
  affected: number;
  notified: number;
  counts: Record<DisruptionStatus, number>;
  lines: DisruptionReportLine[];
}

/** A disruption in the list of recent ones (console). */
export interface DisruptionSummary {
  disruptionId: number;
  kind: DisruptionKind;
  flightId: number;
  flightNumber: string;
  scheduledDeparture: string;
  createdAt: string;
  affected: number;
  unanswered: number;
}

export interface DisruptionServiceDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  disruptionRepo: DisruptionRepository;
  opsRepo: OpsRepository;
  bookingAccess: BookingAccess;
  bookingViews: BookingViews;
  notifier: DisruptionNotifier;
  answers: DisruptionAnswers;
  /** What a full refund gives back now (optional: the amount stored with the offers then). */
  refundDue?: Pick<DisruptionOffers, 'netPaid'>;
  settings: DisruptionSettings;
  clock: Clock;
}

/** See the comment at the top of this file. */
export class DisruptionService {
  constructor(private readonly deps: DisruptionServiceDeps) {}

  /** Admins: marks the flight delayed or cancelled and starts telling its travellers. */
  async disrupt(actor: Actor, flightId: number, input: FlightDisruptionInput): Promise<FlightDisruptionResult> {
    if (!isAdmin(actor)) throw forbidden('forbidden', 'Only admins can delay or cancel flights.');
    const { db, flightRepo, disruptionRepo } = this.deps;
    const f = await flightRepo.findById(flightId);
    if (!f) throw notFound('flight_not_found', `There is no flight with id ${flightId}.`);
    if (f.status !== 'scheduled')
      throw conflict('flight_cancelled', `This flight is already ${f.status}.`, { flightId });
    const zone = this.deps.ref.airport(f.origin)?.timeZone ?? 'UTC';
    let moved: Pick<FlightRow, 'departureAt' | 'arrivalAt' | 'departureDate'> | null = null;
    if (input.kind === 'delayed') {
      const departureAt = localToInstant(
        input.departureDate ?? localDate(f.departureAt, zone),
        input.departureTime,
        zone,
      );
      if (departureAt.getTime() <= f.departureAt.getTime())
        throw validationError(
          'invalid_time_window',
          `A delay moves the departure later than ${localTime(f.departureAt, zone)}.`,
        );
      const arrivalAt = new Date(departureAt.getTime() + f.durationMinutes * 60_000);
      moved = { departureAt, arrivalAt, departureDate: localDate(departureAt, zone) };
    }
    const delayMinutes = moved ? Math.round((moved.departureAt.getTime() - f.departureAt.getTime()) / 60_000) : null;
    const affected = await disruptionRepo.liveOn(flightId);
    const disruptionId = await db.transaction(async () => {
      await flightRepo.update(flightId, moved ?? { status: 'cancelled' });
      const id = await disruptionRepo.insert({
        flightId,
        kind: input.kind,
        reason: input.reason,
        oldDepartureAt: f.departureAt,
        oldArrivalAt: f.arrivalAt,
        newDepartureAt: moved?.departureAt ?? null,
        delayMinutes,
        withOffers: offersChoice(input.kind, delayMinutes, this.deps.settings.delayThresholdMinutes),
        affected: affected.length,
        createdBy: actorUserId(actor),
      });
      await this.deps.opsRepo.audit({
        actorUserId: actorUserId(actor),
        actorRole: actorRole(actor),
        action: `flight.${input.kind}`,
        entityType: 'flight',
        entityId: String(flightId),
        reason: input.reason,
        data: { disruptionId: id, affected: affected.length, delayMinutes },
      });
      db.afterCommit(() => this.kick());
      return id;
    });
    const after = (await flightRepo.findById(flightId))!;
    return { disruptionId, flight: segmentView(this.deps.ref, after), affectedBookings: affected };
  }

  /** Starts telling travellers now (on this instance), without waiting for the worker's next pass. */
  kick(): void {
    setImmediate(() => void this.deps.notifier.notifyDue().catch(() => undefined));
  }

  /** The booking's latest disruption (null when its flights are undisrupted). Same access as the booking. */
  async disruptionFor(actor: Actor, pnr: string, lastName?: string): Promise<BookingDisruption | null> {
    const { agg } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const row = await this.deps.disruptionRepo.latestFor(agg.booking.id);
    return row ? this.view(row) : null;
  }

  /** A signed-in traveller's bookings with a disruption still waiting for an answer ("my flight was cancelled"). */
  async openFor(actor: Actor): Promise<BookingDisruption[]> {
    if (actor.kind !== 'user') return [];
    const rows = await this.deps.disruptionRepo.openForUser(actor.userId);
    const latest = rows.filter((r, i) => rows.findIndex((x) => x.bookingId === r.bookingId) === i);
    return Promise.all(latest.map((r) => this.view(r)));
  }

  /** Settles the booking's answer to its disruption (see the top of this file). */
  async chooseOffer(actor: Actor, pnr: string, offerId: string, lastName?: string): Promise<DisruptionChoiceOutcome> {
    const { agg, access } = await this.deps.bookingAccess.load(pnr, actor, { lastName });
    const row = await this.deps.disruptionRepo.latestFor(agg.booking.id);
    if (!row) throw notFound('disruption_not_found', 'No flight of this booking has been delayed or cancelled.');
    if (row.status === 'informed') throw conflict('nothing_to_choose', 'This delay is short: nothing to choose.');
    if (row.status !== 'open') throw conflict('disruption_answered', 'This disruption has already been answered.');
    const offer = row.offers.find((o) => o.id === offerId);
    if (!offer) throw notFound('offer_not_found', `No offer of this booking's disruption is called ${offerId}.`);
    const d = (await this.deps.disruptionRepo.find(row.disruptionId))!;
    const outcome = await this.deps.answers.answer(agg, row, d, offer, access, this.deps.clock.now());
    const fresh = (await this.deps.bookingRepo.findById(agg.booking.id))!;
    const settled = (await this.deps.disruptionRepo.latestFor(agg.booking.id))!;
    return {
      disruption: await this.view(settled),
      booking: await this.deps.bookingViews.render(fresh, access === 'masked'),
      refund: outcome.refund !== undefined ? { amount: outcome.refund, currency: agg.booking.currency } : null,
    };
  }

  /** Worker: tells the bookings of recorded disruptions not told yet. Returns how many this instance told. */
  notifyDue(): Promise<number> {
    return this.deps.notifier.notifyDue();
  }

  /** Agents and admins: recent disruptions, newest first. */
  async list(actor: Actor, limit = 50): Promise<DisruptionSummary[]> {
    requireStaff(actor);
    const rows = await this.deps.disruptionRepo.recent(limit);
    const counts = await this.deps.disruptionRepo.counts(rows.map((d) => d.id));
    const flights = new Map((await this.deps.flightRepo.findByIds(rows.map((d) => d.flightId))).map((f) => [f.id, f]));
    return rows.map((d) => {
      const f = flights.get(d.flightId)!;
      return {
        disruptionId: d.id,
        kind: d.kind,
        flightId: d.flightId,
        flightNumber: flightNumber(f),
        scheduledDeparture: this.local(d.oldDepartureAt, f),
        createdAt: d.createdAt.toISOString(),
        affected: d.affected,
        unanswered: counts.get(d.id)?.open ?? 0,
      };
    });
  }

  /** Agents and admins: one disruption's report. */
  async report(actor: Actor, disruptionId: number): Promise<DisruptionReport> {
    requireStaff(actor);
    const d = await this.deps.disruptionRepo.find(disruptionId);
    if (!d) throw notFound('disruption_not_found', `There is no disruption with id ${disruptionId}.`);
    const f = (await this.deps.flightRepo.findById(d.flightId))!;
    const rows = await this.deps.disruptionRepo.forDisruption(d.id);
    const pax = await this.deps.disruptionRepo.passengerCounts(rows.map((r) => r.bookingId));
    const counts: Record<DisruptionStatus, number> = {
      informed: 0,
      open: 0,
      accepted: 0,
      rebooked: 0,
      refunded: 0,
      superseded: 0,
    };
    for (const r of rows) counts[r.status]++;
    return {
      disruptionId: d.id,
      kind: d.kind,
      flight: segmentView(this.deps.ref, f),
      scheduledDeparture: this.local(d.oldDepartureAt, f),
      reason: d.reason,
      createdAt: d.createdAt.toISOString(),
      affected: d.affected,
      notified: rows.length,
      counts,
      lines: rows.map((r) => ({
        pnr: r.pnr,
        passengers: pax.get(r.bookingId) ?? 0,
        status: r.status,
        choice: r.offers.find((o) => o.id === r.choice)?.kind ?? null,
        movedTo: r.outcome?.movedTo ?? [],
        notifiedAt: r.notifiedAt.toISOString(),
        answeredAt: r.chosenAt?.toISOString() ?? null,
      })),
    };
  }

  private local(at: Date, f: FlightRow): string {
    return toLocalIso(at, this.deps.ref.airport(f.origin)?.timeZone ?? 'UTC');
  }

  private async view(row: DisruptionBookingRow): Promise<BookingDisruption> {
    const d: DisruptionRow = (await this.deps.disruptionRepo.find(row.disruptionId))!;
    const open = row.status === 'open';
    const ids = [d.flightId, ...(open ? row.offers.flatMap((o) => o.flightIds) : [])];
    const flights = new Map((await this.deps.flightRepo.findByIds([...new Set(ids)])).map((f) => [f.id, f]));
    const seg = (id: number) => segmentView(this.deps.ref, flights.get(id)!);
    const flight = flights.get(d.flightId)!;
    const chosen = row.offers.find((o) => o.id === row.choice);
    // The refund offer shows what it gives back now: bags paid for since the offers were made are included.
    const refundNow =
      open && this.deps.refundDue && row.offers.some((o) => o.kind === 'refund')
        ? await this.deps.refundDue.netPaid(row.bookingId)
        : null;
    return {
      disruptionId: d.id,
      pnr: row.pnr,
      kind: d.kind,
      flight: seg(d.flightId),
      scheduledDeparture: this.local(d.oldDepartureAt, flight),
      newDeparture: d.newDepartureAt ? this.local(d.newDepartureAt, flight) : null,
      delayMinutes: d.delayMinutes,
      reason: d.reason,
      // A flight offered may have been cancelled since: that offer is gone.
      offers: open
        ? row.offers
            .filter((o) => o.flightIds.every((id) => flights.get(id)?.status === 'scheduled'))
            .map((o) => ({
              id: o.id,
              kind: o.kind,
              flights: o.flightIds.map(seg),
              seats: o.seats.map((s) => ({ passenger: s.passenger, flightId: s.flightId, designator: s.designator })),
              amount: {
                amount: o.kind === 'refund' && refundNow !== null ? refundNow : o.amount,
                currency: o.currency,
              },
            }))
        : [],
      expiresAt: open ? (row.expiresAt?.toISOString() ?? null) : null,
      status: row.status,
      choice: chosen && row.chosenAt ? { offerId: chosen.id, kind: chosen.kind, at: row.chosenAt.toISOString() } : null,
      notifiedAt: row.notifiedAt.toISOString(),
    };
  }
}

function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden('forbidden', 'Only agents and admins can read disruption reports.');
}
