import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/db';
import {
  CancellationQuoteEntity,
  type CancellationQuoteRow,
  PaymentEntity,
  PaymentEventEntity,
  RefundEntity,
  TicketSequenceEntity,
} from '../db/entities';
import type { PaymentRow, RefundRow } from '../domain/records';
import { insertedId } from './sql';
import type { PaymentStatus, RefundStatus } from '../domain/types';

export type NewPayment = Pick<
  PaymentRow,
  'bookingId' | 'provider' | 'amount' | 'currency' | 'expiresAt' | 'idempotencyKey' | 'seatChangeId' | 'bagOrderId'
>;

/** Payments, provider event receipts, refunds, cancellation quotes and ticket serials. */
export class PaymentRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a payment attempt in status "creating"; null when its idempotency key is already taken. */
  async insertPayment(row: NewPayment): Promise<number | null> {
    try {
      // A double click (or a traveller and an agent) on two cluster nodes: the loser's 1213 runs again, then finds
      // the key taken.
      return await this.db.runRetrying(async (em) => {
        const r = await em
          .createQueryBuilder()
          .insert()
          .into(PaymentEntity)
          .values({ ...row, status: 'creating' })
          // Not read back: only the new id is needed, and the driver reports it.
          .updateEntity(false)
          .execute();
        return insertedId(r.raw);
      });
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }

  findPayment(id: number): Promise<PaymentRow | null> {
    return this.db.run((em) => em.getRepository(PaymentEntity).findOneBy({ id }));
  }
  findByIdempotencyKey(key: string): Promise<PaymentRow | null> {
    return this.db.run((em) => em.getRepository(PaymentEntity).findOneBy({ idempotencyKey: key }));
  }
  findBySession(sessionId: string): Promise<PaymentRow | null> {
    return this.db.run((em) => em.getRepository(PaymentEntity).findOneBy({ sessionId }));
  }
  findByIntent(paymentIntentId: string): Promise<PaymentRow | null> {
    return this.db.run((em) => em.getRepository(PaymentEntity).findOneBy({ paymentIntentId }));
  }
  forBooking(bookingId: number): Promise<PaymentRow[]> {
    return this.db.run((em) => em.getRepository(PaymentEntity).find({ where: { bookingId }, order: { id: 'ASC' } }));
  }

  async updatePayment(id: number, patch: QueryDeepPartialEntity<PaymentRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(PaymentEntity).update({ id }, patch));
  }

  /** Moves a payment between statuses only if it is still in one of `from`. */
  async transitionPayment(
    id: number,
    from: PaymentStatus[],
    to: PaymentStatus,
    patch: QueryDeepPartialEntity<PaymentRow> = {},
  ): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(PaymentEntity)
        .set({ ...patch, status: to })
        .where('id = :id AND status IN (:...from)', { id, from })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /** Records a provider event id; false when it was already recorded (a duplicate delivery). */
  async recordEvent(id: string, provider: string, type: string): Promise<boolean> {
    try {
      await this.db.run((em) =>
        em.createQueryBuilder().insert().into(PaymentEventEntity).values({ id, provider, type }).execute(),
      );
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async insertRefund(
    row: Omit<RefundRow, 'id' | 'createdAt' | 'updatedAt' | 'providerRefundId' | 'failureReason'>,
  ): Promise<number | null> {
    try {
      return await this.db.run(async (em) =>
        Number((await em.createQueryBuilder().insert().into(RefundEntity).values(row).execute()).identifiers[0]?.id),
      );
    } catch (err) {
      if (isUniqueViolation(err)) return null;
      throw err;
    }
  }
  findRefund(id: number): Promise<RefundRow | null> {
    return this.db.run((em) => em.getRepository(RefundEntity).findOneBy({ id }));
  }
  findRefundByProviderId(providerRefundId: string): Promise<RefundRow | null> {
    return this.db.run((em) => em.getRepository(RefundEntity).findOneBy({ providerRefundId }));
  }
  refundsForBooking(bookingId: number): Promise<RefundRow[]> {
    return this.db.run((em) => em.getRepository(RefundEntity).find({ where: { bookingId }, order: { id: 'ASC' } }));
  }
  /** Refunds the provider has not been asked for yet (a crash after commit), oldest first. */
  unsentRefunds(before: Date): Promise<RefundRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(RefundEntity)
        .createQueryBuilder('r')
        .where("r.status = 'pending' AND r.providerRefundId IS NULL AND r.createdAt <= :before", { before })
        .orderBy('r.id')
        .take(50)
        .getMany(),
    );
  }
  async updateRefund(id: number, patch: QueryDeepPartialEntity<RefundRow>): Promise<void> {
    await this.db.run((em) => em.getRepository(RefundEntity).update({ id }, patch));
  }
  /** Final states stay final: a late "pending" never overwrites "succeeded". */
  async settleRefund(id: number, status: RefundStatus, failureReason: string | null): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(RefundEntity)
        .set({ status, failureReason })
        .where("id = :id AND status = 'pending'", { id })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  async insertQuote(row: Omit<CancellationQuoteRow, 'createdAt' | 'usedAt'>): Promise<void> {
    await this.db.run((em) => em.createQueryBuilder().insert().into(CancellationQuoteEntity).values(row).execute());
  }
  findQuote(id: string): Promise<CancellationQuoteRow | null> {
    return this.db.run((em) => em.getRepository(CancellationQuoteEntity).findOneBy({ id }));
  }
  /** Spends a quote once: the guard against two cancellations racing. */
  async useQuote(id: string, now: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(CancellationQuoteEntity)
        .set({ usedAt: now })
        .where('id = :id AND used_at IS NULL AND expires_at > :now', { id, now })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }

  /**
   * Reserves `count` consecutive ticket serials for an airline prefix and returns the first. The
   * increment is one UPDATE, so concurrent issuers never share a serial. It commits in a transaction of
   * its own (not the caller's): the sequence row is locked only for this short moment, never for the
   * rest of a payment, so issuers on other instances or cluster nodes rarely meet on it.
   */
  async reserveTicketSerials(prefix: string, count: number, firstSerial: number): Promise<number> {
    return this.db.independentTransaction(() =>
      this.db.run(async (em) => {
        const bump = () =>
          em
            .createQueryBuilder()
            .update(TicketSequenceEntity)
            .set({ nextSerial: () => `next_serial + ${Number(count)}` })
            .where('prefix = :prefix', { prefix })
            .execute();
        if (!(await bump()).affected) {
          // First ticket of this airline: start its sequence (a racing starter loses on the key), then bump.
          try {
            await em
              .createQueryBuilder()
              .insert()
              .into(TicketSequenceEntity)
              .values({ prefix, nextSerial: firstSerial })
              .execute();
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
          }
          await bump();
        }
        const row = await em.getRepository(TicketSequenceEntity).findOneByOrFail({ prefix });
        return row.nextSerial - count;
      }),
    );
  }
}
