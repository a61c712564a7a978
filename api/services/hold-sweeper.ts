import type { Db } from '../db/db';
import type { Logger } from '../logger';
import type { BookingRepository } from '../repositories/booking.repository';
import type { OpsRepository } from '../repositories/ops.repository';
import type { SeatRepository } from '../repositories/seat.repository';
import type { Clock } from './clock';

/**
 * Marks held bookings whose hold ran out as expired and frees the seats they still hold. Seats of an
 * expired hold are takeable the moment it expires (claims check the expiry); this writes it down.
 * Safe to run on every instance at once: each transition is conditional.
 */
export class HoldSweeper {
  private timer: NodeJS.Timeout | undefined;
  private readonly listeners: ((bookingId: number, pnr: string) => Promise<void> | void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly bookings: BookingRepository,
    private readonly seats: SeatRepository,
    private readonly ops: OpsRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Called for every booking this sweep expired (the chat tells the traveller). */
  onExpired(listener: (bookingId: number, pnr: string) => Promise<void> | void): void {
    this.listeners.push(listener);
  }

  async sweep(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const b of await this.bookings.expiredHolds(now, 500)) {
      const moved = await this.db.transaction(async () => {
        const ok = await this.bookings.transition(b.id, ['held'], 'expired', {}, b.version);
        if (ok) await this.seats.release(b.id);
        return ok;
      });
      if (!moved) continue;
      expired++;
      for (const l of this.listeners) await Promise.resolve(l(b.id, b.pnr)).catch((err: unknown) => this.log.warn('hold expiry listener failed', { err }));
    }
    await this.ops.pruneRateLimits(now);
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
