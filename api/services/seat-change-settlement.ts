import type { Db } from '../db/db';
import type { PaymentRow, SeatChangeMove, SeatChangeRow } from '../domain/records';
import { breakdownAfterMoves } from '../domain/seat-change-rules';
import type { Logger } from '../logger';
import type { BookingAggregate, BookingRepository } from '../repositories/booking.repository';
import type { SeatChangeRepository } from '../repositories/seat-change.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { FlightChangeSettlement } from './flight-change-settlement';
import type { MailService } from './mail.service';

/** Why a paid difference goes back instead of moving seats (also the payment-returned mail's reason). */
export type SeatChangeRefusal =
  | 'booking_cancelled'
  | 'duplicate_payment'
  | 'amount_mismatch'
  | 'seat_change_expired'
  | 'seat_change_replaced'
  | 'seats_no_longer_available';

export interface SeatChangeSettlementDeps {
  db: Db;
  seatChangeRepo: SeatChangeRepository;
  seatRepo: SeatRepository;
  bookingRepo: BookingRepository;
  mail: MailService;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
  /** Applies changes of dates or flights (kind "flights"), whose difference is paid the same way. */
  flightChanges?: Pick<FlightChangeSettlement, 'apply'>;
}

/**
 * The end of a seat change that waits for its difference: paid (the swap is applied in the payment's transaction:
 * the held seats become booked, the old ones are freed, the price is updated, the traveller gets the new e-ticket
 * and receipt), replaced by a newer change, or expired (the held seats are freed and nothing else changes).
 */
export class SeatChangeSettlement {
  private readonly db: Db;
  private readonly seatChangeRepo: SeatChangeRepository;
  private readonly seatRepo: SeatRepository;
  private readonly bookingRepo: BookingRepository;
  private readonly mail: MailService;
  private readonly events: DomainEvents;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly flightChanges: SeatChangeSettlementDeps['flightChanges'];

  constructor(deps: SeatChangeSettlementDeps) {
    this.flightChanges = deps.flightChanges;
    this.db = deps.db;
    this.seatChangeRepo = deps.seatChangeRepo;
    this.seatRepo = deps.seatRepo;
    this.bookingRepo = deps.bookingRepo;
    this.mail = deps.mail;
    this.events = deps.events;
    this.clock = deps.clock;
    this.log = deps.log;
  }

  find(id: number): Promise<SeatChangeRow | null> {
    return this.seatChangeRepo.find(id);
  }

  /**
   * The difference was paid (inside the payment's transaction). Applies the swap and returns null, or returns why
   * the money must go back: a stale link (the change was replaced or expired) never moves seats.
   */
  async onPaid(changeId: number, p: PaymentRow, agg: BookingAggregate): Promise<SeatChangeRefusal | null> {
    const b = agg.booking;
    const now = this.clock.now();
    const change = await this.seatChangeRepo.find(changeId);
    if (!change || change.bookingId !== b.id) return 'seat_change_replaced';
    if (b.status !== 'confirmed') {
      if (await this.seatChangeRepo.settle(change.id, 'cancelled', now)) await this.releaseHeld(change);
      return 'booking_cancelled';
    }
    if (change.status === 'superseded' || change.status === 'cancelled') return 'seat_change_replaced';
    if (change.status === 'expired') return 'seat_change_expired';
    if (change.status === 'applied') return 'duplicate_payment';
    if (p.amount !== change.amount || p.currency !== change.currency) return 'amount_mismatch';
    if (change.expiresAt <= now) {
      await this.close(change, 'expired');
      return 'seat_change_expired';
    }
    if (change.kind === 'flights') {
      if (!this.flightChanges) throw new Error(`Flight change ${change.id} paid but flight changes are not set up`);
      return this.flightChanges.apply(change, agg, true);
    }
    const seats = await this.seatRepo.forBooking(b.id);
    const holds = (m: SeatChangeMove) =>
      seats.some(
        (s) =>
          s.flightId === m.flightId && s.designator === m.to && s.passengerId === m.passengerId && s.state === 'held',
      );
    // Priced against the seats the passengers had then: if they moved since (a change racing this one), it is stale.
    const stillFrom = (m: SeatChangeMove) =>
      (seats.find((s) => s.flightId === m.flightId && s.passengerId === m.passengerId && s.state === 'booked')
        ?.designator ?? null) === m.from;
    if (!change.moves.every(stillFrom)) {
      await this.close(change, 'superseded');
      return 'seat_change_replaced';
    }
    if (!change.moves.every(holds)) {
      await this.close(change, 'expired');
      return 'seats_no_longer_available';
    }
    // Free the old seats first, so two passengers of the booking can swap seats.
    const old = change.moves.flatMap((m) =>
      seats.filter(
        (s) =>
          s.flightId === m.flightId && s.passengerId === m.passengerId && s.state === 'booked' && s.designator !== m.to,
      ),
    );
    await this.seatRepo.release(
      b.id,
      old.map((s) => s.id),
    );
    for (const m of change.moves)
      if (!(await this.seatRepo.bookHeldSeat(b.id, m.passengerId, m.flightId, m.to)))
        throw new Error(`Seat ${m.to} of seat change ${change.id} changed while being booked`);
    const breakdown = breakdownAfterMoves(b.breakdown, change.moves);
    await this.bookingRepo.update(b.id, { breakdown, totalAmount: breakdown.total });
    if (!(await this.seatChangeRepo.settle(change.id, 'applied', now)))
      throw new Error(`Seat change ${change.id} settled twice`);
    // Masked like everything else the one who asked for the change saw (a last name opens only that).
    await this.mail.enqueueSeatChange(
      b.pnr,
      b.contactEmail,
      {
        key: `seat-change:${change.id}`,
        moves: change.moves,
        charged: { amount: change.amount, currency: change.currency },
        refund: { amount: 0, currency: change.currency },
        kept: { amount: 0, currency: change.currency },
      },
      change.masked ? 'masked' : 'full',
    );
    await this.events.publish({
      type: 'booking.seats_changed',
      bookingId: b.id,
      pnr: b.pnr,
      seats: change.moves.map((m) => m.to),
      charged: change.amount,
      refund: 0,
      currency: change.currency,
      byPayment: true,
    });
    return null;
  }

  /** Replaces the booking's pending changes with a newer request (inside its transaction). */
  async supersedePending(bookingId: number): Promise<void> {
    for (const c of await this.seatChangeRepo.pendingFor(bookingId)) await this.close(c, 'superseded');
  }

  /** Ends pending changes whose hold is over: their held seats are freed and their links closed. */
  async expireDue(): Promise<number> {
    let n = 0;
    for (const c of await this.seatChangeRepo.expiredPending(this.clock.now(), 200))
      if (await this.db.transaction(() => this.close(c, 'expired'))) n++;
    if (n) this.log.info(`expired ${n} seat change(s) waiting for payment`);
    return n;
  }

  private async close(c: SeatChangeRow, why: 'expired' | 'superseded'): Promise<boolean> {
    const agg = await this.bookingRepo.findById(c.bookingId);
    // A booking cancelled meanwhile took the change with it (its seats are already free): no news of an expiry.
    const reason = agg && agg.booking.status !== 'confirmed' ? 'cancelled' : why;
    if (!(await this.seatChangeRepo.settle(c.id, reason, this.clock.now()))) return false;
    await this.releaseHeld(c);
    // Subscribers close its payment pages; the traveller hears of an expiry.
    await this.events.publish({
      type: 'seat_change.closed',
      bookingId: c.bookingId,
      pnr: agg?.booking.pnr ?? '',
      seatChangeId: c.id,
      reason,
      kind: c.kind,
    });
    return true;
  }

  private releaseHeld(c: SeatChangeRow): Promise<void> {
    return this.seatRepo.releaseHeld(
      c.bookingId,
      c.moves.map((m) => ({ flightId: m.flightId, designator: m.to })),
    );
  }
}
