import type { Db } from '../db/db';
import { SeatChangeEntity } from '../db/entities';
import type { SeatChangeRow, SeatChangeStatus } from '../domain/records';

export type NewSeatChange = Pick<
  SeatChangeRow,
  'bookingId' | 'moves' | 'amount' | 'currency' | 'masked' | 'expiresAt'
> &
  Partial<Pick<SeatChangeRow, 'kind' | 'flightChange'>>;

/** Seat changes on paid bookings that wait for the difference to be paid. */
export class SeatChangeRepository {
  constructor(private readonly db: Db) {}

  async insert(row: NewSeatChange): Promise<number> {
    return this.db.run(async (em) => {
      const r = await em
        .createQueryBuilder()
        .insert()
        .into(SeatChangeEntity)
        .values({ ...row, status: 'pending' })
        .execute();
      return Number(r.identifiers[0]?.id);
    });
  }

  find(id: number): Promise<SeatChangeRow | null> {
    return this.db.run((em) => em.getRepository(SeatChangeEntity).findOneBy({ id }));
  }

  pendingFor(bookingId: number): Promise<SeatChangeRow[]> {
    return this.db.run((em) =>
      em.getRepository(SeatChangeEntity).find({ where: { bookingId, status: 'pending' }, order: { id: 'ASC' } }),
    );
  }

  /** Pending changes whose hold has ended, oldest first. */
  expiredPending(now: Date, limit: number): Promise<SeatChangeRow[]> {
    return this.db.run((em) =>
      em
        .getRepository(SeatChangeEntity)
        .createQueryBuilder('c')
        .where("c.status = 'pending' AND c.expiresAt <= :now", { now })
        .orderBy('c.id')
        .take(limit)
        .getMany(),
    );
  }

  /** Settles a change only if it is still pending: the guard between a payment and an expiry racing. */
  async settle(id: number, to: Exclude<SeatChangeStatus, 'pending'>, at: Date): Promise<boolean> {
    const r = await this.db.run((em) =>
      em
        .createQueryBuilder()
        .update(SeatChangeEntity)
        .set({ status: to, settledAt: at })
        .where("id = :id AND status = 'pending'", { id })
        .execute(),
    );
    return (r.affected ?? 0) === 1;
  }
}
