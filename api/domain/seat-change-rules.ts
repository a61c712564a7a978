import { familyRule, type FareFamily } from './fares';
import type { PriceBreakdown } from './types';

/**
 * What moving seats on a paid booking costs or gives back. Pure: prices come in, money comes out.
 * - A dearer seat costs the difference between its price and what was paid for the seat it replaces.
 * - A cheaper seat gives the difference back only when the fare refunds seat charges (fares.ts
 *   `seatChargesRefundable`, the rule cancellations use too); otherwise the seat keeps the amount paid for it.
 * - One request is settled as a whole: refundable differences are netted against charges. A positive net is paid
 *   through a payment link before anything moves; a negative net is refunded when the seats move.
 */
export interface SeatMove {
  family: FareFamily;
  /** What was paid for the seat being left (0 when it came free). */
  paid: number;
  /** The new seat's price under the fare. */
  price: number;
}

export interface SeatMoveMoney {
  /** What the new seat costs on top of what was paid (0 or more). */
  charge: number;
  /** What comes back for a cheaper seat under the fare's rules (0 or more). */
  refund: number;
  /** Paid for the old seat and kept under the fare's rules (a cheaper seat on a fare that does not refund seats). */
  kept: number;
  /** The seat's amount in the booking's price breakdown after the move: what it has cost the traveller in all. */
  amount: number;
}

export interface SeatChangeMoney {
  moves: SeatMoveMoney[];
  /** To pay before the seats move (charges minus refundable differences), or 0. */
  due: number;
  /** To give back when the seats move, or 0. */
  refund: number;
  /** Differences the fares keep (not refunded), for the traveller's information. */
  kept: number;
}

export function seatMoveMoney(m: SeatMove): SeatMoveMoney {
  const delta = m.price - m.paid;
  if (delta >= 0) return { charge: delta, refund: 0, kept: 0, amount: m.price };
  if (familyRule(m.family).seatChargesRefundable) return { charge: 0, refund: -delta, kept: 0, amount: m.price };
  return { charge: 0, refund: 0, kept: -delta, amount: m.paid };
}

export function seatChangeMoney(moves: SeatMove[]): SeatChangeMoney {
  const each = moves.map(seatMoveMoney);
  const net = each.reduce((s, m) => s + m.charge - m.refund, 0);
  return {
    moves: each,
    due: Math.max(0, net),
    refund: Math.max(0, -net),
    kept: each.reduce((s, m) => s + m.kept, 0),
  };
}

/** A seat move as the price breakdown records it. */
export interface BreakdownMove {
  flightId: number;
  passenger: number;
  to: string;
  tier: string;
  amount: number;
}

/** The breakdown after seat moves: each passenger's seat line on the flight replaced, totals summed again. */
export function breakdownAfterMoves(breakdown: PriceBreakdown, moves: BreakdownMove[]): PriceBreakdown {
  const next = structuredClone(breakdown);
  for (const m of moves) {
    next.seats = next.seats.filter((s) => !(s.flightId === m.flightId && s.passenger === m.passenger));
    next.seats.push({ flightId: m.flightId, passenger: m.passenger, designator: m.to, tier: m.tier, amount: m.amount });
  }
  next.seats.sort((a, b) => a.flightId - b.flightId || a.passenger - b.passenger);
  next.seatTotal = next.seats.reduce((s, x) => s + x.amount, 0);
  next.total = next.fareTotal + next.seatTotal + next.taxTotal;
  return next;
}
