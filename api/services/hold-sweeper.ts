import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import type { Clock } from './clock';
import type { DomainEvents } from './domain-events';
import type { SeatChangeSettlement } from './seat-change-settlement';

export interface HoldSweeperDeps {
  db: Db;
  bookingRepo: BookingRepository;
  opsRepo: OpsRepository;
  /** Seat changes on paid bookings whose difference was not paid in time end with the holds. */
  seatChanges?: Pick<SeatChangeSettlement, 'expireDue'>;
  /** Bags whose payment link ended unpaid. */
  bagOrders?: Pick<SeatChangeSettlement, 'expireDue'>;
  events: DomainEvents;
  clock: Clock;
  log: Logger;
}

/**
 * Marks held bookings whose hold ran out as expired. Their seats are takeable by anyone the moment the
 * hold expires (claims check the expiry), so the sweeper leaves the seat rows alone: while nobody has
 * taken them, a payment that arrives late can still have the very same seats back.
 * Safe to run on every instance at once: each transition is conditional.
 */
export class HoldSweeper {
  private readonly db: Db;
  private readonly bookingRepo: BookingRepository;
  private readonly opsRepo: OpsRepository;
  private readonly seatChanges: HoldSweeperDeps['seatChanges'];
  private readonly bagOrders: HoldSweeperDeps['bagOrders'];
  private readonly events: DomainEvents;
  private readonly clock: Clock;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | undefined;

  constructor(deps: HoldSweeperDeps) {
    this.db = deps.db;
    this.bookingRepo = deps.bookingRepo;
    this.opsRepo = deps.opsRepo;
    this.seatChanges = deps.seatChanges;
    this.bagOrders = deps.bagOrders;
    this.events = deps.events;
    this.clock = deps.clock;
    this.log = deps.log;
  }

  async sweep(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const b of await this.bookingRepo.expiredHolds(now, 500)) {
      const moved = await this.db.transaction(async () => {
        const ok = await this.bookingRepo.transition(b.id, ['held'], 'expired', {}, b.version);
        if (ok) await this.events.publish({ type: 'booking.expired', bookingId: b.id, pnr: b.pnr });
        return ok;
      });
      if (moved) expired++;
    }
    await this.seatChanges?.expireDue();
    await this.bagOrders?.expireDue();
    await this.opsRepo.pruneRateLimits(now);
    if (expired) this.log.info(`expired ${expired} held booking(s)`);
    return expired;
  }

  start(intervalSeconds: number): void {
    const run = () => void this.sweep().catch((err: unknown) => this.log.error('hold sweep failed', { err }));
    run();
    this.timer = setInterval(run, intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
