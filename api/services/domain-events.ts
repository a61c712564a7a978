import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { ClaimedDelivery, EventDeliveryRepository } from '../repositories/event-delivery.repository';
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
  /**
   * The flights of a paid booking changed (issue 15): at once (nothing to pay, or a refund) or when the difference
   * was paid (`byPayment`). `flights` are the new flights' numbers and dates ("BA 304 on 2026-12-25").
   */
  | {
      type: 'booking.flights_changed';
      bookingId: number;
      pnr: string;
      flights: string[];
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
      /** "flights": a change of dates or flights (absent on events stored before flight changes existed). */
      kind?: 'seats' | 'flights';
    }
  /** Extra checked bags were paid for and now count (api/services/bag-settlement.ts). */
  | { type: 'booking.bags_added'; bookingId: number; pnr: string; bags: number; charged: number; currency: string }
  /** Bags asked for ended unpaid: replaced by a newer request, or their payment link ran out. Nothing was added. */
  | {
      type: 'bag_order.closed';
      bookingId: number;
      pnr: string;
      bagOrderId: number;
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
  /**
   * A flight of the booking was delayed or cancelled (sent once per booking and disruption). `offers` counts what the
   * traveller may choose (0 for a short delay); DisruptionService.disruptionFor has them.
   */
  | {
      type: 'booking.disrupted';
      bookingId: number;
      pnr: string;
      disruptionId: number;
      kind: 'delayed' | 'cancelled';
      flightId: number;
      flightNumber: string;
      from: string;
      to: string;
      /** Local at the origin with offset: the departure before, and (delays) after. */
      scheduledDeparture: string;
      newDeparture: string | null;
      offers: number;
      /** Until when rebooking seats are held (ISO UTC), null when none are. */
      expiresAt: string | null;
    }
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

/** One subscriber's delivery of one event, as its handler sees it. */
export interface EventDelivery {
  eventId: number;
  /** 1 on the first try. */
  attempt: number;
  /**
   * Runs `work` unless an earlier attempt of this delivery already finished it, so a handler with several
   * effects (one message per conversation) repeats none of them when a later one fails and it is retried.
   */
  once(step: string, work: () => Promise<void>): Promise<void>;
  /** Whether `step` was finished, on this attempt or an earlier one. */
  done(step: string): boolean;
}

export type EventHandler = (event: DomainEvent, delivery: EventDelivery) => Promise<void> | void;
export type DeliveryOutcome = 'delivered' | 'retried' | 'dead_lettered';
type DeliveryListener = (outcome: DeliveryOutcome, subscriber: string, type: string) => void;

/** How a failing subscriber is retried: back-off base, doubling per attempt up to a cap, then dead-lettered. */
export interface EventRetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/** A delivery that failed `maxAttempts` times and is no longer tried (until requeued). */
export interface DeadLetter {
  id: number;
  eventId: number;
  type: string;
  pnr: string | null;
  subscriber: string;
  attempts: number;
  lastError: string | null;
  failedAt: Date | null;
}

const LEASE_MS = 30_000;
const BATCH = 100;
export const DEFAULT_EVENT_RETRY: EventRetryPolicy = { maxAttempts: 10, baseMs: 5_000, capMs: 3_600_000 };

export interface DomainEventsDeps {
  db: Db;
  outboxRepo: OutboxRepository;
  deliveryRepo: EventDeliveryRepository;
  clock: Clock;
  log: Logger;
  retry?: EventRetryPolicy;
}

/**
 * A transactional outbox for domain events: `publish` writes the event in the same transaction as the
 * change it describes, so a crash can lose neither. A dispatcher on every instance claims new events and
 * fans each out into one delivery per subscriber (event_deliveries); each delivery is then claimed, tried,
 * retried with exponential back-off and finally dead-lettered on its own, so one failing subscriber never
 * makes the others see the event again. Claims lease rows (one winner), so a delivery runs once unless a
 * worker dies mid-delivery or overruns the lease; handlers with several effects use `delivery.once`.
 */
export class DomainEvents {
  private readonly handlers: { type: DomainEventType | '*'; handler: EventHandler; name: string }[] = [];
  private readonly listeners: DeliveryListener[] = [];
  private readonly db: Db;
  private readonly outboxRepo: OutboxRepository;
  private readonly deliveryRepo: EventDeliveryRepository;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly retry: EventRetryPolicy;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(deps: DomainEventsDeps) {
    this.db = deps.db;
    this.outboxRepo = deps.outboxRepo;
    this.deliveryRepo = deps.deliveryRepo;
    this.clock = deps.clock;
    this.log = deps.log;
    this.retry = deps.retry ?? DEFAULT_EVENT_RETRY;
  }

  /** `name` identifies the subscriber's deliveries: keep it stable across releases. */
  subscribe(type: DomainEventType | '*', name: string, handler: EventHandler): void {
    this.handlers.push({ type, handler, name });
  }

  /** Called after each delivery attempt (for metrics). */
  observe(listener: DeliveryListener): void {
    this.listeners.push(listener);
  }

  /** Records the event; dispatch starts as soon as the surrounding transaction commits. */
  async publish(event: DomainEvent): Promise<void> {
    await this.outboxRepo.insertEvent(event.type, event as unknown as Record<string, unknown>);
    this.db.afterCommit(() => this.kick());
  }

  /** Fans out new events and delivers what is due now; returns how many deliveries succeeded. */
  dispatchPending(): Promise<number> {
    // One pass at a time per instance; other instances compete through the claims.
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Dead-lettered deliveries, newest first. */
  async deadLetters(limit = 50): Promise<DeadLetter[]> {
    return (await this.deliveryRepo.deadLetters(limit)).map(({ delivery: d, event }) => ({
      id: d.id,
      eventId: d.eventId,
      type: event.type,
      pnr: typeof event.payload.pnr === 'string' ? event.payload.pnr : null,
      subscriber: d.subscriber,
      attempts: d.attempts,
      lastError: d.lastError,
      failedAt: d.finishedAt,
    }));
  }

  /** Gives a dead-lettered delivery a fresh set of attempts; false when there is no such dead letter. */
  async requeue(deliveryId: number): Promise<boolean> {
    const requeued = await this.deliveryRepo.requeue(deliveryId, this.clock.now());
    if (requeued) this.kick();
    return requeued;
  }

  private async pass(): Promise<number> {
    for (const row of await this.deliveryRepo.claimEvents(this.clock.now(), LEASE_MS, BATCH)) {
      const names = [...new Set(this.handlers.filter((h) => h.type === '*' || h.type === row.type).map((h) => h.name))];
      await this.deliveryRepo.fanOut(row.id, names, this.clock.now());
    }
    const names = [...new Set(this.handlers.map((h) => h.name))];
    let delivered = 0;
    for (const claimed of await this.deliveryRepo.claimDue(names, this.clock.now(), LEASE_MS, BATCH))
      if (await this.deliver(claimed)) delivered++;
    return delivered;
  }

  private async deliver({ delivery: d, event: row }: ClaimedDelivery): Promise<boolean> {
    const event = row.payload as unknown as DomainEvent;
    const steps: string[] = d.steps ? (JSON.parse(d.steps) as string[]) : [];
    const context: EventDelivery = {
      eventId: row.id,
      attempt: d.attempts,
      once: async (step, work) => {
        if (steps.includes(step)) return;
        await work();
        steps.push(step);
        await this.deliveryRepo.saveSteps(d.id, steps);
      },
      done: (step) => steps.includes(step),
    };
    try {
      for (const h of this.handlers)
        if (h.name === d.subscriber && (h.type === '*' || h.type === event.type)) await h.handler(event, context);
    } catch (err) {
      const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const what = `event ${row.id} (${event.type}) to ${d.subscriber}`;
      if (d.attempts >= this.retry.maxAttempts) {
        await this.deliveryRepo.deadLetter(d.id, this.clock.now(), reason);
        this.log.error(`${what} failed ${d.attempts} times; dead-lettered`, { err });
        this.notify('dead_lettered', d.subscriber, event.type);
      } else {
        const backoffMs = Math.min(this.retry.capMs, this.retry.baseMs * 2 ** (d.attempts - 1));
        await this.deliveryRepo.retryAt(d.id, new Date(this.clock.now().getTime() + backoffMs), reason);
        this.log.warn(`${what} failed (attempt ${d.attempts}); retrying in ${Math.round(backoffMs / 1000)} s`, { err });
        this.notify('retried', d.subscriber, event.type);
      }
      return false;
    }
    // Outside the try: a failure to record success must not count as the subscriber failing (and re-run it).
    await this.deliveryRepo.delivered(d.id, this.clock.now());
    this.notify('delivered', d.subscriber, event.type);
    return true;
  }

  private notify(outcome: DeliveryOutcome, subscriber: string, type: string): void {
    for (const l of this.listeners) l(outcome, subscriber, type);
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
