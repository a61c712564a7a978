import { Batcher } from '../db/batcher';
import { type BatchSessions, type GroupTransaction, inGroupTransaction, type StatementResult } from '../db/mysql-batch';
import type { BookingSegmentRow, PassengerRow } from '../domain/records';
import type { NewBooking } from './booking.repository';
import { BOOKING_INSERT, PASSENGER_INSERT, SEAT_CLAIM, SEGMENT_INSERT } from './hold-rows';
import { insertRows, placeholders, seatTakeable, setColumns, SqlExpression, type Statement } from './sql';

/**
 * A seat hold with every seat decided (chosen by the traveller or picked for them): the rows to write and the seats to
 * claim.
 */
export interface HoldPlan {
  booking: NewBooking;
  /** The service's clock: the booking's created/updated stamps, and "now" for expired holds. */
  at: Date;
  segments: Omit<BookingSegmentRow, 'id' | 'bookingId'>[];
  passengers: Omit<PassengerRow, 'id' | 'bookingId'>[];
  /** One per seated passenger and flight, in lock order (flight id, then designator). */
  seats: { flightId: number; designator: string; passenger: number }[];
}

export type HoldOutcome =
  | { kind: 'held'; bookingId: number; passengerIds: number[] }
  /** The first seat of the plan (in lock order) that someone else holds; nothing was written. */
  | { kind: 'seat_unavailable'; flightId: number; designator: string }
  /** The batch failed as a whole (a deadlock, a PNR collision, a lost connection); nothing was written. */
  | { kind: 'retry'; error: unknown };

const seatKey = (flightId: number, designator: string) => `${flightId}:${designator}`;

/**
 * Writes seat holds on MySQL in groups (see Batcher): holds that arrive while others are being
 * written go together in one transaction of two round trips, whatever their number:
 *   1. lock every requested seat that is takeable (SELECT … FOR UPDATE);
 *   2. insert the winners' bookings, segments and passengers, claim their locked seats, COMMIT.
 * A hold whose seat is not takeable (or went to an earlier hold of the same group) loses before
 * anything of it is written. Seat rows are locked by one statement walking the unique
 * (flight_id, designator) index, so concurrent groups, also from other app instances, lock in the
 * same order as the one-hold path (flight id, then designator) and do not deadlock each other.
 */
export class HoldBatchRepository {
  private readonly batcher: Batcher<HoldPlan, HoldOutcome>;

  constructor(
    private readonly pool: BatchSessions,
    options = { maxBatch: 32, maxConcurrent: 2 },
  ) {
    this.batcher = new Batcher((plans) => this.writeGroup(plans), options);
  }

  hold(plan: HoldPlan): Promise<HoldOutcome> {
    return this.batcher.submit(plan);
  }

  private writeGroup(plans: HoldPlan[]): Promise<HoldOutcome[]> {
    return inGroupTransaction(
      this.pool,
      (tx) => writeHolds(tx, plans),
      (error) => plans.map((): HoldOutcome => ({ kind: 'retry', error })),
    );
  }
}

/**
 * The group's transaction: lock the requested seats, then write the winners and commit (or roll back when none wins).
 */
async function writeHolds(tx: GroupTransaction, plans: HoldPlan[]): Promise<HoldOutcome[]> {
  const locked = await lockTakeableSeats(tx, plans);
  const outcomes: (HoldOutcome | null)[] = [];
  const winners: { plan: HoldPlan; index: number; seatIds: number[] }[] = [];
  const given = new Set<string>();
  plans.forEach((plan, index) => {
    const missing = plan.seats.find(
      (s) => !locked.has(seatKey(s.flightId, s.designator)) || given.has(seatKey(s.flightId, s.designator)),
    );
    if (missing) {
      outcomes.push({ kind: 'seat_unavailable', flightId: missing.flightId, designator: missing.designator });
      return;
    }
    for (const s of plan.seats) given.add(seatKey(s.flightId, s.designator));
    winners.push({ plan, index, seatIds: plan.seats.map((s) => locked.get(seatKey(s.flightId, s.designator))!) });
    outcomes.push(null);
  });
  if (winners.length === 0) {
    await tx.run(['ROLLBACK'], []);
    return outcomes as HoldOutcome[];
  }
  const statements: string[] = [];
  const params: unknown[] = [];
  const reads = winners.map((w) => appendHold(statements, params, w.plan, w.seatIds));
  const results = await tx.commit(statements, params);
  winners.forEach((w, k) => (outcomes[w.index] = reads[k]!(results)));
  return outcomes as HoldOutcome[];
}

/**
 * Starts the transaction and locks the group's requested seats that are takeable: "flight:seat" → seat
 * id. The unique (flight_id, designator) index is forced: through the seat-state index the locking read
 * would walk (and wait on) every free seat of the flight, not only the requested ones.
 */
async function lockTakeableSeats(tx: GroupTransaction, plans: HoldPlan[]): Promise<Map<string, number>> {
  const wanted = new Map<string, { flightId: number; designator: string }>();
  for (const p of plans) for (const s of p.seats) wanted.set(seatKey(s.flightId, s.designator), s);
  const now = new Date(Math.max(...plans.map((p) => p.at.getTime())));
  const pairs = [...wanted.values()];
  const [, rows] = await tx.run(
    [
      'START TRANSACTION',
      `SELECT id, flight_id AS flightId, designator FROM seats FORCE INDEX (uq_seats_flight_designator)
        WHERE (${pairs.map(() => '(flight_id = ? AND designator = ?)').join(' OR ')}) AND ${seatTakeable()}
        ORDER BY flight_id, designator FOR UPDATE`,
    ],
    [...pairs.flatMap((s) => [s.flightId, s.designator]), now],
  );
  const locked = new Map<string, number>();
  for (const r of rows as { id: number | string; flightId: number | string; designator: string }[])
    locked.set(seatKey(Number(r.flightId), r.designator), Number(r.id));
  return locked;
}

/** The booking id a grouped hold keeps in its session while it writes the booking's other rows. */
const BOOKING_ID = new SqlExpression('@jetway_booking');
/** The id of the passenger inserted just before (the claim of their seats follows their INSERT at once). */
const LAST_PASSENGER_ID = new SqlExpression('LAST_INSERT_ID()');

/**
 * Appends one hold's statements (the same rows and values as the one-hold path writes: see ./hold-rows) and
 * returns a reader of its outcome from the group's results.
 */
function appendHold(
  statements: string[],
  params: unknown[],
  plan: HoldPlan,
  seatIds: number[],
): (results: StatementResult[]) => HoldOutcome {
  const append = (statement: Statement) => {
    statements.push(statement.sql);
    params.push(...statement.params);
  };
  const bookingAt = statements.length;
  append(insertRows(BOOKING_INSERT, [{ booking: plan.booking, at: plan.at }], 'mysql'));
  statements.push(`SET ${BOOKING_ID.sql} = LAST_INSERT_ID()`);
  const segments = plan.segments.map((s) => ({ ...s, bookingId: BOOKING_ID }));
  if (segments.length) append(insertRows(SEGMENT_INSERT, segments, 'mysql'));
  const passengerAt: number[] = [];
  plan.passengers.forEach((p, i) => {
    passengerAt.push(statements.length);
    append(insertRows(PASSENGER_INSERT, [{ ...p, bookingId: BOOKING_ID }], 'mysql'));
    const ids = plan.seats.flatMap((s, k) => (s.passenger === i ? [seatIds[k]!] : []));
    if (ids.length === 0) return;
    const claim = { state: 'held' as const, holdExpiresAt: plan.booking.holdExpiresAt };
    const set = setColumns(SEAT_CLAIM, { ...claim, bookingId: BOOKING_ID, passengerId: LAST_PASSENGER_ID }, 'mysql');
    append({
      sql: `UPDATE ${SEAT_CLAIM.table} SET ${set.sql} WHERE id IN (${placeholders(ids.length)})`,
      params: [...set.params, ...ids],
    });
  });
  // Every claimed seat was locked as takeable by this transaction, so each UPDATE changes all its rows.
  return (results) => {
    return {
      kind: 'held',
      bookingId: Number((results[bookingAt] as { insertId: number }).insertId),
      passengerIds: passengerAt.map((at) => Number((results[at] as { insertId: number }).insertId)),
    };
  };
}
