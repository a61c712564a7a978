import { familyRule, type FareFamily } from './fares';
import type { PriceBreakdown } from './types';

/**
 * What moving a paid booking to other flights (another date, or a later flight on the same route) costs or gives
 * back. Pure: prices come in, money comes out, in minor units of the booking's currency.
 * - Basic fares cannot change (fares.ts `changeable`), also within the first 24 hours.
 * - The fare difference is the new flights' fares and taxes at today's price, in the same cabin and fare family,
 *   minus what was paid for the flights being left. It always applies.
 * - The change fee is the family's fee per seated passenger (lap infants pay none); Flex pays none. Within 24 hours
 *   of buying the booking the fee is waived (the fare difference still applies).
 * - Seat charges paid on the flights being left come back as a credit only when the fare refunds seat charges (the
 *   rule seat changes and cancellations use); the new flights' seats are assigned at no charge.
 * - The whole change is settled as one amount: a positive net is paid through a payment link before anything moves;
 *   a negative net is refunded when the flights change, on a refundable fare (else the fare keeps it).
 */

/** The first 24 hours after buying a booking, when a change pays no fee. */
export const FREE_CHANGE_WINDOW_MS = 24 * 3_600_000;

export interface FlightChangeInput {
  family: FareFamily;
  /** The family's change fee per passenger in the booking's currency (fareConditions), null when not changeable. */
  feePerPassenger: number | null;
  /** Passengers the fee is charged for: seated passengers (lap infants pay none). */
  seatedPassengers: number;
  /** When the booking was bought (paid), and now. */
  boughtAt: Date;
  now: Date;
  /** Fares and taxes paid for the flights being left. */
  paidFares: number;
  /** Fares and taxes of the new flights at today's price. */
  newFares: number;
  /** Seat charges paid on the flights being left. */
  paidSeats: number;
}

export interface FlightChangeMoney {
  /** New fares minus paid fares (negative when the new flights are cheaper). */
  fareDifference: number;
  /** The change fee charged (0 on Flex or within the free window). */
  fee: number;
  /** The fee the free 24-hour window waived (0 outside it). */
  feeWaived: number;
  /** Seat charges of the flights being left that come back (Flex). */
  seatCredit: number;
  /** To pay before the flights change, or 0. */
  due: number;
  /** To give back when the flights change, or 0. */
  refund: number;
  /** A lower net the fare does not refund, or 0. */
  kept: number;
}

export type FlightChangeVerdict =
  { allowed: false; reason: 'fare_not_changeable' } | ({ allowed: true } & FlightChangeMoney);

/** Whether a change made at `now` falls in the free window after buying at `boughtAt`. */
export function withinFreeChangeWindow(boughtAt: Date, now: Date): boolean {
  const since = now.getTime() - boughtAt.getTime();
  return since >= 0 && since < FREE_CHANGE_WINDOW_MS;
}

export function flightChangeMoney(i: FlightChangeInput): FlightChangeVerdict {
  const rule = familyRule(i.family);
  if (!rule.changeable || i.feePerPassenger === null) return { allowed: false, reason: 'fare_not_changeable' };
  const fullFee = i.feePerPassenger * i.seatedPassengers;
  const free = withinFreeChangeWindow(i.boughtAt, i.now);
  const fee = free ? 0 : fullFee;
  const fareDifference = i.newFares - i.paidFares;
  const seatCredit = rule.seatChargesRefundable ? i.paidSeats : 0;
  const net = fareDifference + fee - seatCredit;
  const back = Math.max(0, -net);
  return {
    allowed: true,
    fareDifference,
    fee,
    feeWaived: free ? fullFee : 0,
    seatCredit,
    due: Math.max(0, net),
    refund: rule.refundable ? back : 0,
    kept: rule.refundable ? 0 : back,
  };
}

/** A tax or charge line of a price breakdown (pricing.ts `taxesFor`). */
export interface ChargeLine {
  code: string;
  description: string;
  amount: number;
}

/** The code of the change fee's line among a booking's charges (with its taxes, so totals stay one sum). */
export const CHANGE_FEE_CODE = 'CHG';

export interface BreakdownChange {
  /** Flights being left: their fares and seats go. */
  leaving: number[];
  /** The new flights' fare lines (segment = their position in the booking after the change). */
  fares: PriceBreakdown['fares'];
  /** The new flights' seat lines. */
  seats: PriceBreakdown['seats'];
  /** Taxes of the flights being left, and of the new ones. */
  taxesLeft: ChargeLine[];
  taxesAdded: ChargeLine[];
  /** Segment positions after the change, by flight id (the other direction may move up or down). */
  positions: ReadonlyMap<number, number>;
  /** The change fee charged (a "CHG" line), 0 for none. */
  fee: number;
}

/** The breakdown after a flight change: fares, seats and taxes of the old flights replaced, totals summed again. */
export function breakdownAfterFlightChange(b: PriceBreakdown, c: BreakdownChange): PriceBreakdown {
  const next = structuredClone(b);
  const gone = new Set(c.leaving);
  next.fares = [...next.fares.filter((f) => !gone.has(f.flightId)), ...c.fares.map((f) => ({ ...f }))];
  for (const f of next.fares) f.segment = c.positions.get(f.flightId) ?? f.segment;
  next.fares.sort((x, y) => x.segment - y.segment);
  next.seats = [...next.seats.filter((s) => !gone.has(s.flightId)), ...c.seats.map((s) => ({ ...s }))];
  next.seats.sort(
    (x, y) => (c.positions.get(x.flightId) ?? 0) - (c.positions.get(y.flightId) ?? 0) || x.passenger - y.passenger,
  );
  const add = (line: ChargeLine, sign: 1 | -1) => {
    const prev = next.taxes.find((t) => t.code === line.code && t.description === line.description);
    if (prev) prev.amount += sign * line.amount;
    else if (sign > 0) next.taxes.push({ ...line });
  };
  for (const t of c.taxesLeft) add(t, -1);
  for (const t of c.taxesAdded) add(t, 1);
  if (c.fee > 0) add({ code: CHANGE_FEE_CODE, description: 'Change fee', amount: c.fee }, 1);
  next.taxes = next.taxes.filter((t) => t.amount !== 0);
  next.fareTotal = next.fares.reduce((s, f) => s + f.amount, 0);
  next.seatTotal = next.seats.reduce((s, x) => s + x.amount, 0);
  next.taxTotal = next.taxes.reduce((s, t) => s + t.amount, 0);
  next.total = next.fareTotal + next.seatTotal + next.taxTotal;
  return next;
}
