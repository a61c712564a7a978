import type { Db } from '../db/db';
import { affectedRows, insertedId, timeParam, timeValue } from './sql';

/** Bags asked for one passenger on one flight, with their price (minor units of the order's currency). */
export interface BagOrderItem {
  /** Passenger index in the booking, and the passenger row. */
  passenger: number;
  passengerId: number;
  flightId: number;
  bags: number;
  /** Price of one bag, and of all of them. */
  unitAmount: number;
  amount: number;
}

export type BagOrderStatus = 'pending' | 'applied' | 'expired' | 'superseded' | 'cancelled';

/** Checked bags added to a paid booking: waiting for their payment (`pending`), or settled. */
export interface BagOrderRow {
  id: number;
  bookingId: number;
  status: BagOrderStatus;
  items: BagOrderItem[];
  amount: number;
  currency: string;
  /** Asked for with low-assurance access (reference and last name): its mails are masked. */
  masked: boolean;
  /** The payment link closes then. */
  expiresAt: Date;
  settledAt: Date | null;
  createdAt: Date;
}

export type NewBagOrder = Pick<BagOrderRow, 'bookingId' | 'items' | 'amount' | 'currency' | 'masked' | 'expiresAt'>;

interface RawOrder {
  id: number | string;
  booking_id: number | string;
  status: BagOrderStatus;
  items: string;
  amount: number | string;
  currency: string;
  masked: number | boolean | string;
  expires_at: Date | string;
  settled_at: Date | string | null;
  created_at: Date | string;
}

const COLUMNS = 'id, booking_id, status, items, amount, currency, masked, expires_at, settled_at, created_at';

function orderRow(r: RawOrder): BagOrderRow {
  return {
    id: Number(r.id),
    bookingId: Number(r.booking_id),
    status: r.status,
    items: JSON.parse(r.items) as BagOrderItem[],
    amount: Number(r.amount),
    currency: r.currency,
    masked: r.masked === true || Number(r.masked) === 1,
    expiresAt: timeValue(r.expires_at),
    settledAt: r.settled_at === null ? null : timeValue(r.settled_at),
    createdAt: timeValue(r.created_at),
  };
}

/** Bag orders (plain SQL, the same on SQLite and MySQL). */
export class BagOrderRepository {
  constructor(private readonly db: Db) {}

  async insert(row: NewBagOrder): Promise<number> {
    const result: unknown = await this.db.run((em) =>
      em.query(
        'INSERT INTO bag_orders (booking_id, status, items, amount, currency, masked, expires_at) ' +
          "VALUES (?, 'pending', ?, ?, ?, ?, ?)",
        [
          row.bookingId,
          JSON.stringify(row.items),
          row.amount,
          row.currency,
          row.masked ? 1 : 0,
          timeParam(this.db.kind, row.expiresAt),
        ],
      ),
    );
    return insertedId(result);
  }

  async find(id: number): Promise<BagOrderRow | null> {
    const rows = await this.select('WHERE id = ?', [id]);
    return rows[0] ?? null;
  }

  /** The booking's orders, oldest first (all of them: the view shows the applied ones). */
  forBooking(bookingId: number): Promise<BagOrderRow[]> {
    return this.select('WHERE booking_id = ? ORDER BY id', [bookingId]);
  }

  pendingFor(bookingId: number): Promise<BagOrderRow[]> {
    return this.select("WHERE booking_id = ? AND status = 'pending' ORDER BY id", [bookingId]);
  }

  /** Pending orders whose link has ended, oldest first. */
  expiredPending(now: Date, limit: number): Promise<BagOrderRow[]> {
    return this.select(`WHERE status = 'pending' AND expires_at <= ? ORDER BY id LIMIT ${Math.trunc(limit)}`, [
      timeParam(this.db.kind, now),
    ]);
  }

  /** Settles an order only if it is still pending: the guard between a payment and an expiry racing. */
  async settle(id: number, to: Exclude<BagOrderStatus, 'pending'>, at: Date): Promise<boolean> {
    const kind = this.db.kind;
    const result: unknown = await this.db.run((em) =>
      em.query(
        "UPDATE bag_orders SET status = ?, settled_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'" +
          `${kind === 'sqlite' ? ' RETURNING id' : ''}`,
        [to, timeParam(kind, at), timeParam(kind, at), id],
      ),
    );
    return affectedRows(result) === 1;
  }

  /** Rewrites a paid order's bags (a flight change moved them, or refunded some): its amount is what it still holds. */
  async replaceItems(id: number, items: BagOrderItem[], amount: number, at: Date): Promise<void> {
    await this.db.run((em) =>
      em.query('UPDATE bag_orders SET items = ?, amount = ?, updated_at = ? WHERE id = ?', [
        JSON.stringify(items),
        amount,
        timeParam(this.db.kind, at),
        id,
      ]),
    );
  }

  private async select(where: string, params: unknown[]): Promise<BagOrderRow[]> {
    const rows = await this.db.run(
      (em) => em.query(`SELECT ${COLUMNS} FROM bag_orders ${where}`, params) as Promise<RawOrder[]>,
    );
    return rows.map(orderRow);
  }
}
