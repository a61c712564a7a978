import { randomInt } from 'node:crypto';
import type { FlightRow } from '../domain/records';
import type { Cabin, PassengerType, SeatTier } from '../domain/types';
import { conflict } from '../errors';
import type { SeatDefinition } from '../domain/seat-layout';
import type { SeatRepository } from '../repositories/seat.repository';
import { flightNumber } from './flight-view';

export interface SeatRequest {
  passengerId: number;
  type: PassengerType;
  /** A chosen seat, or undefined to have one assigned. */
  designator?: string;
}

const TIER_RANK: Record<SeatTier, number> = { standard: 0, preferred: 1, extra_legroom: 2, exit_row: 3 };
const MAX_ROUNDS = 25;

/**
 * Claims seats for a booking on one flight: chosen seats exactly as asked, the others assigned in
 * the cabin (cheapest tier first, a party side by side when a row allows, children never in exit rows).
 * Every claim is an atomic conditional update; losing one to a concurrent booking just means trying
 * another seat, until none is left (sold out). Runs inside the booking's transaction.
 */
export class SeatAssigner {
  constructor(private readonly seatRepo: SeatRepository) {}

  async claim(
    flight: FlightRow,
    cabin: Cabin,
    layout: SeatDefinition[],
    bookingId: number,
    requests: SeatRequest[],
    hold: { state: 'held' | 'booked'; holdExpiresAt: Date | null },
    now: Date,
  ): Promise<Map<number, string>> {
    const assigned = new Map<number, string>();
    const chosen = requests.filter((r) => r.designator).sort((a, b) => a.designator!.localeCompare(b.designator!));
    for (const r of chosen) {
      const won = await this.seatRepo.claim(
        flight.id,
        r.designator!,
        { bookingId, passengerId: r.passengerId, ...hold },
        now,
      );
      if (!won) throw seatUnavailable(flight, r.designator!);
      assigned.set(r.passengerId, r.designator!);
    }
    let waiting = requests.filter((r) => !r.designator);
    const byDesignator = new Map(layout.filter((s) => s.cabin === cabin).map((s) => [s.designator, s]));
    for (let round = 0; waiting.length > 0; round++) {
      if (round >= MAX_ROUNDS)
        throw conflict('seat_contention', 'Seats on this flight are selling fast right now. Please try again.');
      const mine = new Set(assigned.values());
      const free = (await this.seatRepo.takeable(flight.id, cabin, now)).filter(
        (d) => !mine.has(d) && byDesignator.has(d),
      );
      const picks = pickSeats(
        free.map((d) => byDesignator.get(d)!),
        waiting,
      );
      if (picks.length < waiting.length)
        throw conflict('sold_out', `${flightNumber(flight)} has no more seats available in this cabin.`, {
          flightId: flight.id,
          cabin,
        });
      const stillWaiting: SeatRequest[] = [];
      for (let i = 0; i < waiting.length; i++) {
        const r = waiting[i]!;
        const seat = picks[i]!;
        if (
          await this.seatRepo.claim(flight.id, seat.designator, { bookingId, passengerId: r.passengerId, ...hold }, now)
        )
          assigned.set(r.passengerId, seat.designator);
        else stillWaiting.push(r);
      }
      waiting = stillWaiting;
    }
    return assigned;
  }
}

/** The answer when a chosen seat went to someone else. */
export function seatUnavailable(flight: FlightRow, designator: string) {
  return conflict(
    'seat_unavailable',
    `Seat ${designator} on ${flightNumber(flight)} is no longer available. Please choose another seat.`,
    {
      flightId: flight.id,
      designator,
    },
  );
}

/**
 * Chooses one seat per waiting passenger (same order), or fewer when the cabin cannot seat them all.
 * Rows are tried in a random order within a tier so that concurrent bookings rarely reach for the
 * same seat.
 */
export function pickSeats(free: SeatDefinition[], waiting: SeatRequest[]): SeatDefinition[] {
  const children = waiting.filter((w) => w.type === 'CHD').length;
  const usable = free.filter((s) => s.tier !== 'exit_row');
  const exitSeats = free.filter((s) => s.tier === 'exit_row');
  if (usable.length + Math.min(exitSeats.length, waiting.length - children) < waiting.length) return [];
  const rows = new Map<number, SeatDefinition[]>();
  for (const s of usable) rows.set(s.row, [...(rows.get(s.row) ?? []), s]);
  const shuffled = [...rows.entries()]
    .map(([row, seats]) => ({
      row,
      seats: seats.sort((a, b) => a.column.localeCompare(b.column)),
      tier: Math.min(...seats.map((s) => TIER_RANK[s.tier])),
      r: randomInt(1 << 30),
    }))
    .sort((a, b) => a.tier - b.tier || a.r - b.r);
  const together = shuffled.find((r) => r.seats.length >= waiting.length);
  let picked =
    together && waiting.length > 1
      ? together.seats.slice(0, waiting.length)
      : shuffled.flatMap((r) => r.seats).slice(0, waiting.length);
  // Adults may take exit rows when nothing else is left; children never.
  if (picked.length < waiting.length) picked = [...picked, ...exitSeats.slice(0, waiting.length - picked.length)];
  // Give exit-row seats (if any) to adults.
  const order = waiting
    .map((w, i) => ({ w, i }))
    .sort((a, b) => (a.w.type === 'CHD' ? 0 : 1) - (b.w.type === 'CHD' ? 0 : 1));
  const seatsSorted = [...picked].sort((a, b) => (a.tier === 'exit_row' ? 1 : 0) - (b.tier === 'exit_row' ? 1 : 0));
  const out: SeatDefinition[] = new Array(waiting.length);
  order.forEach(({ i }, k) => (out[i] = seatsSorted[k]!));
  return out.filter(Boolean);
}
