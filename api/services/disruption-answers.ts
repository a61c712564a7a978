import type { Db } from '../db/db';
import type { DisruptionBookingRow, DisruptionOutcome, DisruptionRow, StoredOffer } from '../domain/disruption';
import type { FlightRow } from '../domain/records';
import type { Cabin, PriceBreakdown } from '../domain/types';
import { conflict } from '../errors';
import type { BagOrderRepository } from '../repositories/bag-order.repository';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { DisruptionRepository } from '../repositories/disruption.repository';
import type { FlightChangeRepository } from '../repositories/flight-change.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import { bagsMailLine, moveBags } from './bag-carry-over';
import type { BookingAccessLevel } from './booking-access';
import { rebookedMail } from './disruption-mails';
import type { DisruptionOffers } from './disruption-offers';
import type { DomainEvents } from './domain-events';
import { flightNumber, segmentView } from './flight-view';
import type { MailService } from './mail.service';
import type { ReferenceDataService } from './reference-data.service';
import type { RefundService } from './refund.service';
import type { TicketingService } from './ticketing.service';

export interface DisruptionAnswersDeps {
  db: Db;
  ref: ReferenceDataService;
  flightRepo: FlightRepository;
  bookingRepo: BookingRepository;
  seatRepo: SeatRepository;
  disruptionRepo: DisruptionRepository;
  /** Where replaced ticket numbers are recorded as void (shared with flight changes). */
  voidedTickets: Pick<FlightChangeRepository, 'voidTickets'>;
  offers: DisruptionOffers;
  /** Extra bags paid for move to the replacement flights or are refunded (optional: no bags then). */
  bagOrderRepo?: Pick<BagOrderRepository, 'forBooking' | 'replaceItems'>;
  refunds: Pick<RefundService, 'requestAcross'>;
  ticketing: Pick<TicketingService, 'issueTickets' | 'ticketUrl'>;
  mail: Pick<MailService, 'enqueueDisruptionMail' | 'enqueueCancellation'>;
  events: DomainEvents;
  brand: string;
  /**
   * Answers settled at once on this instance. Reissuing tickets may reserve a block of serials in a transaction
   * of its own (another pooled connection): answers beyond this wait their turn instead of holding every
   * connection of the pool while that reservation waits for one (half the pool, DATABASE_POOL_SIZE).
   */
  concurrency: number;
}

const SETTLED = { accept: 'accepted', rebook: 'rebooked', refund: 'refunded' } as const;

/**
 * What a traveller's answer to a disruption does, all in one transaction that starts by settling the booking's row
 * (open → answered, one winner): the other offers' held seats go back; `rebook` moves the booking onto the offered
 * flights (their held seats become booked; a seat whose hold ran out and was taken is replaced by the same rules, or
 * 409 offer_unavailable undoes everything), reissues the tickets and mails the update; `refund` cancels the booking
 * and refunds everything paid; `accept` changes nothing else.
 */
export class DisruptionAnswers {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly deps: DisruptionAnswersDeps) {}

  private async turn<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= Math.max(1, this.deps.concurrency)) await new Promise<void>((go) => this.waiting.push(go));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  async answer(
    agg: BookingAggregate,
    row: DisruptionBookingRow,
    d: DisruptionRow,
    offer: StoredOffer,
    access: BookingAccessLevel,
    now: Date,
  ): Promise<DisruptionOutcome> {
    return this.turn(() => this.settle(agg, row, d, offer, access, now));
  }

  private settle(
    agg: BookingAggregate,
    row: DisruptionBookingRow,
    d: DisruptionRow,
    offer: StoredOffer,
    access: BookingAccessLevel,
    now: Date,
  ): Promise<DisruptionOutcome> {
    const { db, disruptionRepo, seatRepo } = this.deps;
    return db.transaction(async () => {
      if (!(await disruptionRepo.settle(row.id, ['open'], SETTLED[offer.kind], offer.id, now, null)))
        throw conflict('disruption_answered', 'This disruption has already been answered.');
      if (agg.booking.status !== 'confirmed') throw conflict('booking_cancelled', 'The booking is cancelled.');
      const others = row.offers.filter((o) => o.id !== offer.id).flatMap((o) => o.seats);
      await seatRepo.releaseHeld(agg.booking.id, others);
      let outcome: DisruptionOutcome = {};
      if (offer.kind === 'refund') outcome = await this.refund(agg, row, access, now);
      if (offer.kind === 'rebook') outcome = await this.rebook(agg, d, offer, access, now);
      await disruptionRepo.setOutcome(row.id, outcome);
      return outcome;
    });
  }

  private async refund(
    agg: BookingAggregate,
    row: DisruptionBookingRow,
    access: BookingAccessLevel,
    now: Date,
  ): Promise<DisruptionOutcome> {
    const b = agg.booking;
    const extra = { cancelledAt: now, holdExpiresAt: null };
    if (!(await this.deps.bookingRepo.transition(b.id, ['confirmed'], 'cancelled', extra)))
      throw conflict('booking_changed', 'The booking changed meanwhile. Please look at it again.');
    await this.deps.seatRepo.release(b.id);
    const amount = await this.deps.offers.netPaid(b.id);
    await this.deps.refunds.requestAcross({
      booking: b,
      amount,
      reason: 'disruption',
      idempotencyKey: `disruption:${row.id}`,
    });
    const money = { amount, currency: b.currency };
    await this.deps.mail.enqueueCancellation(b.pnr, b.contactEmail, money, 'disruption', access);
    await this.deps.events.publish({
      type: 'booking.cancelled',
      bookingId: b.id,
      pnr: b.pnr,
      refundAmount: amount,
      currency: b.currency,
    });
    return { refund: amount };
  }

  private async rebook(
    agg: BookingAggregate,
    d: DisruptionRow,
    offer: StoredOffer,
    access: BookingAccessLevel,
    now: Date,
  ): Promise<DisruptionOutcome> {
    const { seatRepo, bookingRepo, disruptionRepo } = this.deps;
    const b = agg.booking;
    const byId = new Map((await this.deps.flightRepo.findByIds(offer.flightIds)).map((f) => [f.id, f]));
    const flights = offer.flightIds.map((id) => byId.get(id));
    const gone = offer.flightIds.find((id) => byId.get(id)?.status !== 'scheduled');
    if (gone !== undefined || flights.length === 0)
      throw conflict('offer_unavailable', 'That flight can no longer be booked.', { flightId: gone ?? d.flightId });
    const segment = agg.segments.find((s) => s.flightId === d.flightId);
    if (!segment) throw conflict('booking_changed', 'The booking is no longer on the disrupted flight.');
    await this.bookSeats(agg, offer, flights as FlightRow[], segment.cabin as Cabin, now);
    const leaving = (await seatRepo.forBooking(b.id)).filter((s) => s.flightId === d.flightId).map((s) => s.id);
    if (leaving.length > 0) await seatRepo.release(b.id, leaving);
    await disruptionRepo.replaceSegmentFlight(segment, offer.flightIds);
    // The same rule as a change of flights (bag-carry-over.ts): one flight for one moves the bags, else refunded.
    const bags = this.deps.bagOrderRepo
      ? await moveBags(this.deps.bagOrderRepo, b.id, [d.flightId], offer.flightIds, now)
      : { moved: 0, refunded: 0 };
    const bagRefund = bags.refunded;
    if (bagRefund > 0)
      await this.deps.refunds.requestAcross({
        booking: b,
        amount: bagRefund,
        reason: 'disruption_bags',
        idempotencyKey: `disruption-bags:${d.id}:${b.id}`,
      });
    await bookingRepo.update(b.id, { breakdown: movedBreakdown(b.breakdown, d.flightId, offer) });
    // Tickets are reissued: new numbers for everyone, the old ones recorded as void (as flight changes do).
    const old = agg.passengers.filter((p) => p.ticketNumber);
    for (const p of old) await bookingRepo.updatePassenger(p.id, { ticketNumber: null });
    await this.deps.ticketing.issueTickets((await bookingRepo.findById(b.id))!);
    const reissued = (await bookingRepo.findById(b.id))!;
    await this.deps.voidedTickets.voidTickets(
      old.map((p) => ({
        bookingId: b.id,
        passengerId: p.id,
        ticketNumber: p.ticketNumber!,
        replacedBy: reissued.passengers.find((x) => x.id === p.id)!.ticketNumber!,
        reason: 'disruption',
        voidedAt: now,
      })),
    );
    const voidedTickets = old.map((p) => p.ticketNumber!);
    const views = (flights as FlightRow[]).map((f) => segmentView(this.deps.ref, f));
    const bagsLine = bagsMailLine(bags, b.currency);
    const ticketUrl = this.deps.ticketing.ticketUrl(b.pnr, access);
    const content = rebookedMail(b.pnr, views, ticketUrl, this.deps.brand, bagsLine);
    await this.deps.mail.enqueueDisruptionMail(`disruption-rebooked:${d.id}:${b.pnr}`, b.contactEmail, content, b.pnr);
    return { movedTo: (flights as FlightRow[]).map(flightNumber), voidedTickets };
  }

  /**
   * The offer's held seats become booked, even after their hold ended as long as nobody took them; passengers whose
   * seat was taken meanwhile get another on that flight by the same rules, or the offer is no longer available.
   */
  private async bookSeats(agg: BookingAggregate, offer: StoredOffer, flights: FlightRow[], cabin: Cabin, now: Date) {
    const lost = [];
    for (const s of offer.seats)
      if (!(await this.deps.seatRepo.bookHeldSeat(agg.booking.id, s.passengerId, s.flightId, s.designator)))
        lost.push(s);
    for (const f of flights) {
      const ids = new Set(lost.filter((s) => s.flightId === f.id).map((s) => s.passengerId));
      if (ids.size === 0) continue;
      const who = agg.passengers.filter((p) => ids.has(p.id));
      if (!(await this.deps.offers.hold(agg, [f], cabin, null, now, 'booked', who)))
        throw conflict('offer_unavailable', `${flightNumber(f)} has filled up since it was offered.`, {
          flightId: f.id,
        });
    }
  }
}

/** The price breakdown with the disrupted flight's fares and seats on the replacement flights (free: same amounts). */
function movedBreakdown(breakdown: PriceBreakdown, fromFlightId: number, offer: StoredOffer): PriceBreakdown {
  const [first] = offer.flightIds;
  const moved = structuredClone(breakdown);
  for (const f of moved.fares) if (f.flightId === fromFlightId) f.flightId = first!;
  const kept = moved.seats.filter((s) => s.flightId !== fromFlightId);
  const paidFor = new Map(moved.seats.filter((s) => s.flightId === fromFlightId).map((s) => [s.passenger, s]));
  const added = offer.seats.map((s) => ({
    flightId: s.flightId,
    passenger: s.passenger,
    designator: s.designator,
    tier: paidFor.get(s.passenger)?.tier ?? 'standard',
    // What was paid for the old seat stays with the first replacement flight's seat; the total is unchanged.
    amount: s.flightId === first ? (paidFor.get(s.passenger)?.amount ?? 0) : 0,
  }));
  moved.seats = [...kept, ...added];
  return moved;
}
