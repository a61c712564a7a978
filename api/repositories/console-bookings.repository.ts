import type { Db } from '../db/db';
import {
  BookingEntity,
  CaseMessageEntity,
  MailOutboxEntity,
  PaymentEntity,
  RefundEntity,
  SupportCaseEntity,
} from '../db/entities';
import type {
  BookingRow,
  CaseMessageRow,
  MailOutboxRow,
  PaymentRow,
  RefundRow,
  SupportCaseRow,
} from '../domain/records';

/** How a staff member's search words are read (decided by the service from their shape). */
export type BookingQuery =
  | { kind: 'pnr'; pnr: string }
  | { kind: 'email'; email: string }
  | { kind: 'phone'; digits: string }
  | { kind: 'flight'; airline: string; number: number }
  | { kind: 'name'; words: string[] };

/** What staff see next to a booking: money, mail sent, and the support conversations about it. */
export interface BookingRecords {
  payments: PaymentRow[];
  refunds: RefundRow[];
  emails: MailOutboxRow[];
  cases: (SupportCaseRow & { messages: CaseMessageRow[] })[];
}

/** Bookings as support staff look them up in the console. */
export class ConsoleBookingsRepository {
  constructor(private readonly db: Db) {}

  /** Newest first; `departureDate` (local YYYY-MM-DD) narrows to bookings flying that day. */
  search(q: BookingQuery | null, departureDate: string | undefined, limit: number): Promise<BookingRow[]> {
    return this.db.run((em) => {
      const qb = em.getRepository(BookingEntity).createQueryBuilder('b').where('1 = 1');
      if (q?.kind === 'pnr') qb.andWhere('b.pnr = :pnr', { pnr: q.pnr });
      if (q?.kind === 'email') qb.andWhere('LOWER(b.contact_email) LIKE :email', { email: `%${q.email}%` });
      if (q?.kind === 'phone')
        qb.andWhere(
          "REPLACE(REPLACE(REPLACE(REPLACE(b.contact_phone, ' ', ''), '-', ''), '+', ''), '.', '') LIKE :phone",
          { phone: `%${q.digits}%` },
        );
      if (q?.kind === 'name')
        q.words.forEach((w, i) =>
          qb.andWhere(
            `EXISTS (SELECT 1 FROM passengers p WHERE p.booking_id = b.id AND ` +
              `(LOWER(p.first_name) LIKE :w${i} OR LOWER(p.last_name) LIKE :w${i}))`,
            { [`w${i}`]: `${w}%` },
          ),
        );
      if (q?.kind === 'flight' || departureDate) {
        const conds = ['s.booking_id = b.id'];
        if (q?.kind === 'flight') conds.push('f.airline_code = :airline', 'f.flight_number = :number');
        if (departureDate) conds.push('f.departure_date = :date');
        qb.andWhere(
          `EXISTS (SELECT 1 FROM booking_segments s JOIN flights f ON f.id = s.flight_id WHERE ${conds.join(' AND ')})`,
          {
            airline: q?.kind === 'flight' ? q.airline : null,
            number: q?.kind === 'flight' ? q.number : null,
            date: departureDate,
          },
        );
      }
      return qb.orderBy('b.id', 'DESC').take(limit).getMany();
    });
  }

  async records(bookingId: number, pnr: string): Promise<BookingRecords> {
    return this.db.run(async (em) => {
      const payments = await em.getRepository(PaymentEntity).find({ where: { bookingId }, order: { id: 'ASC' } });
      const refunds = await em.getRepository(RefundEntity).find({ where: { bookingId }, order: { id: 'ASC' } });
      // Mail is keyed by purpose and PNR ("confirmation:ABC234", "cancellation:ABC234", resends after it).
      const emails = await em
        .getRepository(MailOutboxEntity)
        .createQueryBuilder('m')
        .where('m.dedupe_key LIKE :key', { key: `%:${pnr}%` })
        .orderBy('m.id', 'ASC')
        .take(50)
        .getMany();
      const cases = await em.getRepository(SupportCaseEntity).find({ where: { pnr }, order: { id: 'DESC' }, take: 10 });
      const out: BookingRecords['cases'] = [];
      for (const c of cases)
        out.push({
          ...c,
          messages: await em
            .getRepository(CaseMessageEntity)
            .find({ where: { caseId: c.id }, order: { id: 'ASC' }, take: 200 }),
        });
      return { payments, refunds, emails, cases: out };
    });
  }
}
