import type { PaymentRepository } from '../repositories/payment.repository';

/** Serials each instance reserves at once per airline prefix. */
export const TICKET_SERIAL_BLOCK = 100;

interface Block {
  next: number;
  end: number;
}

/**
 * Ticket serials handed out from blocks reserved per instance, so that confirmations do not all update
 * one sequence row per airline. On a multi-primary cluster every such update from two nodes conflicts
 * at commit; with blocks an instance touches the row once per TICKET_SERIAL_BLOCK tickets, in a short
 * transaction of its own. Serials stay unique; the rest of a block is skipped when its instance stops,
 * and serials of different instances interleave (ticket numbers promise uniqueness, not order).
 */
export class TicketSerials {
  private readonly blocks = new Map<string, Block>();
  /** Reservations in flight per prefix: callers wait for one block instead of reserving one each. */
  private readonly reserving = new Map<string, Promise<void>>();

  constructor(
    private readonly paymentRepo: Pick<PaymentRepository, 'reserveTicketSerials'>,
    private readonly firstSerial: number,
    private readonly blockSize = TICKET_SERIAL_BLOCK,
  ) {}

  /** `count` consecutive serials for `prefix`; returns the first. */
  async take(prefix: string, count: number): Promise<number> {
    if (count > this.blockSize) return this.paymentRepo.reserveTicketSerials(prefix, count, this.firstSerial);
    for (;;) {
      const block = this.blocks.get(prefix);
      if (block && block.end - block.next >= count) {
        const first = block.next;
        block.next += count;
        return first;
      }
      await this.refill(prefix);
    }
  }

  private refill(prefix: string): Promise<void> {
    let pending = this.reserving.get(prefix);
    if (!pending) {
      pending = this.paymentRepo
        .reserveTicketSerials(prefix, this.blockSize, this.firstSerial)
        .then((first) => {
          this.blocks.set(prefix, { next: first, end: first + this.blockSize });
        })
        .finally(() => this.reserving.delete(prefix));
      this.reserving.set(prefix, pending);
    }
    return pending;
  }
}
