import type { FlightChangePlan, FlightRow, SeatChangeRow } from '../domain/records';
import type { Money } from '../domain/types';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { BagOrderRepository } from '../repositories/bag-order.repository';
import type { FlightChangeRepository } from '../repositories/flight-change.repository';
import type { FlightRepository } from '../repositories/flight.repository';
import type { SeatChangeRepository } from '../repositories/seat-change.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import { moveBags } from './bag-carry-over';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { FlightChangeLine, FlightChangeMoneyView } from './flight-change-mails';
import { flightNumber } from './flight-view';
import type { MailService } from './mail.service';
import type { RefundService } from './refund.service';
import type { SeatChangeRefusal } from './seat-change-settlement';
import type { TicketingService } from './ticketing.service';

export interface FlightChangeSettlementDeps {
  flightRepo: FlightRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  seatChangeRepo: SeatChangeRepository;
  flightChangeRepo: FlightChangeRepository;
  /** Extra bags paid for move with the change (api/services/bag-carry-over.ts); optional: no bags then. */
  bagOrderRepo?: Pick<BagOrderRepository, 'forBooking' | 'replaceItems'>;
  ticketing: Pick<TicketingService, 'issueTickets'>;
  refunds: Pick<RefundService, 'requestAcross'>;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
}

/** "BA 304 on 2026-12-20" for each flight, joined. */
export function flightsLine(flights: FlightRow[]): string {
  return flights.map((f) => `${flightNumber(f)} on ${f.departureDate}`).join(' + ');
}

/** The money of a planned change as the mails and the chat show it. */
export function moneyView(plan: FlightChangePlan, due: number, currency: string): FlightChangeMoneyView {
  const m = (amount: number): Money => ({ amount, currency });
  return {
    fareDifference: m(plan.fareDifference),
    fee: m(plan.fee),
    feeWaived: m(plan.feeWaived),
    due: m(due),
    refund: m(plan.refund),
  };
}

/**
 * Applies a change of flights inside a transaction: the payment's (the difference was paid) or the confirmation's
 * (nothing to pay, or a refund). The new seats, held since the confirmation, become booked and the old flights' seats
 * are freed; the segments and price are replaced; every ticket is reissued with a new number and the old number
 * voided; the update mail and event go out. Returns null, or why the change cannot happen (then nothing changed and
 * the caller gives the money back): a booking changed since the plan, or new seats no longer held.
 */
export class FlightChangeSettlement {
  constructor(private readonly deps: FlightChangeSettlementDeps) {}

  async apply(change: SeatChangeRow, agg: BookingAggregate, byPayment: boolean): Promise<SeatChangeRefusal | null> {
    const d = this.deps;
    const plan = change.flightChange;
    const b = agg.booking;
    const now = d.clock.now();
    if (!plan) throw new Error(`Seat change ${change.id} is not a flight change`);
    const current = agg.segments.filter((s) => s.direction === plan.direction).map((s) => s.flightId);
    // Planned against the booking as it was: anything changed since (seats, another change) makes it stale.
    if (b.version !== plan.bookingVersion || current.join() !== plan.fromFlightIds.join()) {
      await this.close(change, 'superseded');
      return 'seat_change_replaced';
    }
    const seats = await d.seatRepo.forBooking(b.id);
    const held = change.moves.every((m) =>
      seats.some(
        (s) =>
          s.flightId === m.flightId && s.designator === m.to && s.passengerId === m.passengerId && s.state === 'held',
      ),
    );
    if (!held) {
      await this.close(change, 'expired');
      return 'seats_no_longer_available';
    }
    const leaving = new Set(plan.fromFlightIds);
    await d.seatRepo.release(
      b.id,
      seats.filter((s) => leaving.has(s.flightId)).map((s) => s.id),
    );
    for (const m of change.moves)
      if (!(await d.seatRepo.bookHeldSeat(b.id, m.passengerId, m.flightId, m.to)))
        throw new Error(`Seat ${m.to} of flight change ${change.id} changed while being booked`);
    await d.flightChangeRepo.deleteSegments(b.id, plan.fromFlightIds);
    const added = new Set(plan.toFlightIds);
    for (const s of plan.segments)
      if (!added.has(s.flightId)) await d.flightChangeRepo.moveSegment(b.id, s.flightId, s.position);
    await d.bookingRepo.insertSegments(
      plan.segments.filter((s) => added.has(s.flightId)).map((s) => ({ ...s, bookingId: b.id })),
    );
    const patch = { breakdown: plan.breakdown, totalAmount: plan.breakdown.total };
    if (!(await d.bookingRepo.transition(b.id, ['confirmed'], 'confirmed', patch, b.version)))
      throw new Error(`Booking ${b.pnr} changed while its flights were changed`);
    const bags = d.bagOrderRepo
      ? await moveBags(d.bagOrderRepo, b.id, plan.fromFlightIds, plan.toFlightIds, now)
      : { moved: 0, refunded: 0 };
    const bagRefund = bags.refunded;
    const voided = await this.reissue(b.id, now);
    if (!(await d.seatChangeRepo.settle(change.id, 'applied', now)))
      throw new Error(`Flight change ${change.id} settled twice`);
    if (plan.refund > 0)
      await d.refunds.requestAcross({
        booking: b,
        amount: plan.refund,
        reason: 'flight_change',
        idempotencyKey: `flight-change:${change.id}`,
      });
    // Bags on flights left that could not move (the quote said so): paid for separately, refunded in full.
    if (bagRefund > 0)
      await d.refunds.requestAcross({
        booking: b,
        amount: bagRefund,
        reason: 'flight_change_bags',
        idempotencyKey: `flight-change-bags:${change.id}`,
      });
    const flights = await d.flightRepo.findByIds([...plan.fromFlightIds, ...plan.toFlightIds]);
    const pick = (ids: number[]) => ids.map((id) => flights.find((f) => f.id === id)!);
    const lines: FlightChangeLine[] = [
      { from: flightsLine(pick(plan.fromFlightIds)), to: flightsLine(pick(plan.toFlightIds)) },
    ];
    await d.mail.enqueueFlightChange(
      b.pnr,
      b.contactEmail,
      { key: `flight-change:${change.id}`, lines, money: moneyView(plan, change.amount, b.currency), voided, bags },
      change.masked ? 'masked' : 'full',
    );
    await d.events.publish({
      type: 'booking.flights_changed',
      bookingId: b.id,
      pnr: b.pnr,
      flights: pick(plan.toFlightIds).map((f) => `${flightNumber(f)} on ${f.departureDate}`),
      charged: change.amount,
      refund: plan.refund,
      currency: b.currency,
      byPayment,
    });
    return null;
  }

  /** New ticket numbers for every passenger; the old numbers are recorded as void. Returns the voided numbers. */
  private async reissue(bookingId: number, now: Date): Promise<string[]> {
    const d = this.deps;
    const before = (await d.bookingRepo.findById(bookingId))!;
    const old = before.passengers.filter((p) => p.ticketNumber);
    for (const p of old) await d.bookingRepo.updatePassenger(p.id, { ticketNumber: null });
    await d.ticketing.issueTickets({
      ...before,
      passengers: before.passengers.map((p) => ({ ...p, ticketNumber: null })),
    });
    const after = (await d.bookingRepo.findById(bookingId))!;
    await d.flightChangeRepo.voidTickets(
      old.map((p) => ({
        bookingId,
        passengerId: p.id,
        ticketNumber: p.ticketNumber!,
        replacedBy: after.passengers.find((x) => x.id === p.id)!.ticketNumber!,
        reason: 'flight_change',
        voidedAt: now,
      })),
    );
    return old.map((p) => p.ticketNumber!);
  }

  /** Ends a change that cannot be applied: its held seats are freed (the settlement publishes nothing here). */
  private async close(change: SeatChangeRow, why: 'expired' | 'superseded'): Promise<void> {
    if (await this.deps.seatChangeRepo.settle(change.id, why, this.deps.clock.now()))
      await this.deps.seatRepo.releaseHeld(
        change.bookingId,
        change.moves.map((m) => ({ flightId: m.flightId, designator: m.to })),
      );
  }
}
