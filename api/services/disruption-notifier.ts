import { randomInt } from 'node:crypto';
import type { Db } from '../db/db';
import type { DisruptionRow, DisruptionSettings, StoredOffer } from '../domain/disruption';
import type { FlightRow } from '../domain/records';
import { toLocalIso } from '../domain/time';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { DisruptionRepository, UntoldBooking } from '../repositories/disruption.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Clock } from './clock';
import { disruptionMail } from './disruption-mails';
import type { DisruptionOffers, ReplacementFlights } from './disruption-offers';
import type { DomainEvents } from './domain-events';
import { flightNumber, segmentView } from './flight-view';
import type { MailService } from './mail.service';
import type { ReferenceDataService } from './reference-data.service';

const BATCH = 100;

export interface DisruptionNotifierDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  seatRepo: SeatRepository;
  disruptionRepo: DisruptionRepository;
  offers: DisruptionOffers;
  events: DomainEvents;
  mail: Pick<MailService, 'enqueueDisruptionMail'>;
  settings: DisruptionSettings;
  /** The brand name mails are signed with. */
  brand: string;
  clock: Clock;
  log: Logger;
}

/**
 * Tells every live booking on a disrupted flight, once: each booking is claimed by inserting its
 * (disruption, booking) row first in the transaction that works out its offers, holds their seats, enqueues the
 * mail and publishes `booking.disrupted`; an instance that loses the insert tells nobody, and a failure gives the
 * claim back for the next pass. Every instance runs it (DISRUPTION_SECONDS), and `disrupt` kicks it at once.
 */
export class DisruptionNotifier {
  private running: Promise<number> | undefined;

  constructor(private readonly deps: DisruptionNotifierDeps) {}

  /** One pass at a time per instance; returns how many bookings this instance told. */
  notifyDue(): Promise<number> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    let told = 0;
    for (const d of await this.deps.disruptionRepo.pending(10)) {
      const flight = await this.deps.flightRepo.findById(d.flightId);
      if (!flight) continue;
      let candidates: ReplacementFlights | null = null;
      const tried = new Set<number>();
      for (;;) {
        // In a random order, so that instances working on the same disruption rarely reach for the same booking.
        const batch = shuffled(
          (await this.deps.disruptionRepo.untold(d.id, d.flightId, BATCH)).filter((b) => !tried.has(b.bookingId)),
        );
        if (batch.length === 0) break;
        if (d.withOffers) candidates ??= await this.deps.offers.candidates(d, flight, this.deps.clock.now());
        for (const b of batch) {
          tried.add(b.bookingId);
          try {
            if (await this.tell(d, flight, b, candidates)) told++;
          } catch (err) {
            this.deps.log.error(`telling ${b.pnr} of disruption ${d.id} failed; retried next pass`, { err });
          }
        }
      }
      if ((await this.deps.disruptionRepo.untold(d.id, d.flightId, 1)).length === 0)
        await this.deps.disruptionRepo.markDone(d.id, this.deps.clock.now());
    }
    return told;
  }

  private async tell(
    d: DisruptionRow,
    flight: FlightRow,
    b: UntoldBooking,
    candidates: ReplacementFlights | null,
  ): Promise<boolean> {
    const { db, disruptionRepo, settings } = this.deps;
    const agg = await this.deps.bookingRepo.findById(b.bookingId);
    if (!agg) return false;
    const now = this.deps.clock.now();
    const paid = agg.booking.status === 'confirmed';
    const choosing = d.withOffers && paid;
    const holdUntil = new Date(now.getTime() + settings.offerHoldMinutes * 60_000);
    return db.transaction(async () => {
      const claimed = { disruptionId: d.id, bookingId: b.bookingId, pnr: b.pnr, offers: [], expiresAt: null };
      const rowId = await disruptionRepo.claim({ ...claimed, status: choosing ? 'open' : 'informed', notifiedAt: now });
      if (rowId === null) return false;
      // An earlier disruption still waiting for an answer is replaced by this one: its held seats go back.
      for (const old of await disruptionRepo.openFor(b.bookingId, rowId)) {
        await this.deps.seatRepo.releaseHeld(
          b.bookingId,
          old.offers.flatMap((o) => o.seats),
        );
        await disruptionRepo.settle(old.id, ['open'], 'superseded', null, now, null);
      }
      let offers: StoredOffer[] = [];
      if (choosing && candidates) {
        const opts = { now, expiresAt: holdUntil, rebookOptions: settings.rebookOptions };
        offers = await this.deps.offers.offersFor(d, flight, agg, candidates, opts);
      }
      const rebooks = offers.filter((o) => o.kind === 'rebook');
      const expiresAt = rebooks.length > 0 ? holdUntil : null;
      if (offers.length > 0) await disruptionRepo.setOffers(rowId, offers, expiresAt);
      // A hold on a cancelled flight can no longer be paid: it ends now, nothing was charged.
      if (agg.booking.status === 'held' && d.kind === 'cancelled') {
        await this.deps.bookingRepo.transition(b.bookingId, ['held'], 'cancelled', {
          cancelledAt: now,
          holdExpiresAt: null,
        });
        await this.deps.seatRepo.release(b.bookingId);
      }
      await this.send(d, flight, b, agg.booking.contactEmail, offers, expiresAt);
      return true;
    });
  }

  private async send(
    d: DisruptionRow,
    flight: FlightRow,
    b: UntoldBooking,
    email: string,
    offers: StoredOffer[],
    expiresAt: Date | null,
  ): Promise<void> {
    const ref = this.deps.ref;
    const zone = ref.airport(flight.origin)?.timeZone ?? 'UTC';
    const scheduledDeparture = toLocalIso(d.oldDepartureAt, zone);
    const newDeparture = d.newDepartureAt ? toLocalIso(d.newDepartureAt, zone) : null;
    const ids = [...new Set(offers.flatMap((o) => o.flightIds))];
    const byId = new Map((await this.deps.flightRepo.findByIds(ids)).map((f) => [f.id, f]));
    const refund = offers.find((o) => o.kind === 'refund');
    const content = disruptionMail(
      {
        pnr: b.pnr,
        kind: d.kind,
        flight: segmentView(ref, flight),
        scheduledDeparture,
        newDeparture,
        rebook: offers
          .filter((o) => o.kind === 'rebook')
          .map((o) => o.flightIds.map((id) => segmentView(ref, byId.get(id)!))),
        refund: refund ? { amount: refund.amount, currency: refund.currency } : null,
        accept: offers.some((o) => o.kind === 'accept'),
        expiresAt,
      },
      this.deps.brand,
    );
    await this.deps.mail.enqueueDisruptionMail(`disruption:${d.id}:${b.pnr}`, email, content);
    await this.deps.events.publish({
      type: 'booking.disrupted',
      bookingId: b.bookingId,
      pnr: b.pnr,
      disruptionId: d.id,
      kind: d.kind,
      flightId: flight.id,
      flightNumber: flightNumber(flight),
      from: flight.origin,
      to: flight.destination,
      scheduledDeparture,
      newDeparture,
      offers: offers.length,
      expiresAt: expiresAt?.toISOString() ?? null,
    });
  }
}

function shuffled<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
