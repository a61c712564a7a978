import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { OutboxRepository } from '../repositories/outbox.repository';
import type { Clock } from './clock';

/** Things that happened to bookings, which other parts (mail, the chat) react to. */
export type DomainEvent =
  | { type: 'booking.confirmed'; bookingId: number; pnr: string }
  | { type: 'booking.payment_failed'; bookingId: number; pnr: string; reason: string }
  | { type: 'booking.expired'; bookingId: number; pnr: string }
  | { type: 'booking.cancelled'; bookingId: number; pnr: string; refundAmount: number; currency: string }
  /** The booking's total changed (e.g. a dearer seat on a hold): payment links for the old total must close. */
  | { type: 'booking.repriced'; bookingId: number; pnr: string; total: number; currency: string }
  /**
   * Seats of a paid booking moved: at once (same or lower price; `refund` given back under the fare's rules) or when
   * the difference was paid (`byPayment`).
   */
  | {
      type: 'booking.seats_changed';
      bookingId: number;
      pnr: string;
      seats: string[];
      charged: number;
      refund: number;
      currency: string;
      byPayment: boolean;
    }
  /** A seat change waiting for its difference ended unpaid: replaced by a newer one, or its hold ran out. */
  | {
      type: 'seat_change.closed';
      bookingId: number;
      pnr: string;
      seatChangeId: number;
      reason: 'expired' | 'superseded' | 'cancelled';
    }
  /** A new payment link was made for the traveller after a payment for an outdated price was returned. */
  | {
      type: 'payment.link_renewed';
      bookingId: number;
      pnr: string;
      url: string;
      amount: number;
      currency: string;
      expiresAt: string;
    }
  | {
      type: 'payment.refunded_unbooked';
      bookingId: number;
      pnr: string;
      amount: number;
      currency: string;
      reason: string;
    }
  /** Online check-in opened for a flight of a paid booking (sent once per booking and flight). */
  | {
      type: 'checkin.opened';
      bookingId: number;
      pnr: string;
      flightId: number;
      flightNumber: string;
      from: string;
      to: string;
      departureTime: string;
    }
  /** The hold of an unpaid booking ends soon (sent once): pay through `url` before `expiresAt`. */
  | { type: 'booking.hold_ending'; bookingId: number; pnr: string; url: string; expiresAt: string }
  | { type: 'refund.succeeded'; bookingId: number; pnr: string; refundId: number; amount: number; currency: string }
  | {
      type: 'refund.failed';
      bookingId: number;
      pnr: string;
      refundId: number;
      amount: number;
      currency: string;
      reason: string;
    };

export type DomainEventType = DomainEvent['type'];
type Handler = (event: DomainEvent) => Promise<void> | void;

const LEASE_MS = 30_000;

export interface DomainEventsDeps {
  db: Db;
  outboxRepo: OutboxRepository;
  clock: Clock;
  log: Logger;
}

/**
 * A transactional outbox for domain events: `publish` writes the event in the same transaction as the
 * change it describes, so a crash can lose neither; a dispatcher on every instance claims each event
 * (one winner) and hands it to the subscribers, retrying failures with back-off. Delivery is at least
 * once, so subscribers are idempotent.
 */
export class DomainEvents {
  private readonly handlers: { type: DomainEventType | '*'; handler: Handler; name: string }[] = [];
  private readonly db: Db;
  private readonly outboxRepo: OutboxRepository;
  private readonly clock: Clock;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(deps: DomainEventsDeps) {
    this.db = deps.db;
    this.outboxRepo = deps.outboxRepo;
    this.clock = deps.clock;
    this.log = deps.log;
  }

  subscribe(type: DomainEventType | '*', name: string, handler: Handler): void {
    this.handlers.push({ type, handler, name });
  }

  /** Records the event; dispatch starts as soon as the surrounding transaction commits. */
  async publish(event: DomainEvent): Promise<void> {
    await this.outboxRepo.insertEvent(event.type, event as unknown as Record<string, unknown>);
    this.db.afterCommit(() => this.kick());
  }

  /** Dispatches what is pending now; returns how many events were handled. */
  dispatchPending(): Promise<number> {
    // One pass at a time per instance; other instances compete through the claim.
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<number> {
    let handled = 0;
    for (const row of await this.outboxRepo.pendingEvents(this.clock.now(), 100)) {
      if (!(await this.outboxRepo.claimEvent(row.id, this.clock.now(), LEASE_MS))) continue;
      const event = row.payload as unknown as DomainEvent;
      try {
        for (const h of this.handlers) if (h.type === '*' || h.type === event.type) await h.handler(event);
        await this.outboxRepo.markDispatched(row.id, this.clock.now());
        handled++;
      } catch (err) {
        const backoffMs = Math.min(3_600_000, 5_000 * 2 ** Math.min(row.attempts, 10));
        this.log.warn(`event ${row.id} (${event.type}) failed; retrying in ${Math.round(backoffMs / 1000)} s`, { err });
        await this.outboxRepo.releaseEvent(row.id, new Date(this.clock.now().getTime() + backoffMs));
      }
    }
    return handled;
  }

  kick(): void {
    setImmediate(
      () => void this.dispatchPending().catch((err: unknown) => this.log.error('event dispatch failed', { err })),
    );
  }

  start(intervalMs = 2000): void {
    this.kick();
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
