import { randomInt } from 'node:crypto';
import type { FlightRow } from '../domain/records';
import type { Cabin, PassengerType, SeatTier } from '../domain/types';
import { conflict } from '../errors';
import type { SeatDefinition } from '../domain/seat-layout';
import { exitRowRefusal, maskBlock, type SeatOccupant, seatRefusal, seatSafetyError } from '../domain/seat-safety';
import type { SeatRepository } from '../repositories/seat.repository';
import { flightNumber } from './flight-view';

export interface SeatRequest {
  passengerId: number;
  type: PassengerType;
  /** An adult with a lap infant. */
  holdsInfant?: boolean;
  specialAssistance?: boolean;
  /** A chosen seat, or undefined to have one assigned. */
  designator?: string;
  /** The passenger's index in the booking (for a refusal's details). */
  position?: number;
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
    const infantHolders = requests.filter((r) => r.holdsInfant);
    if (infantHolders.length > 0) await this.seatRepo.lockForLapInfants(flight.id);
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
      const infantBlocks = waiting.some((w) => w.holdsInfant)
        ? await lapInfantBlocks(this.seatRepo, flight.id, byDesignator, now)
        : undefined;
      const picks = pickSeats(
        free.map((d) => byDesignator.get(d)!),
        waiting,
        infantBlocks,
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
    if (infantHolders.length > 0) {
      await assertOneLapInfantPerBlock(
        this.seatRepo,
        flight.id,
        new Map(layout.map((s) => [s.designator, s])),
        now,
        infantHolders.map((r) => ({ passenger: r.position ?? 0, designator: assigned.get(r.passengerId)! })),
      );
    }
    return assigned;
  }
}

/**
 * The oxygen-mask rule checked again after seats were claimed, with the flight locked (lockForLapInfants): a block
 * of seats has one spare mask, so two lap infants in it (two bookings racing for the same block) are refused.
 */
export async function assertOneLapInfantPerBlock(
  seatRepo: Pick<SeatRepository, 'lapInfantSeats'>,
  flightId: number,
  layout: ReadonlyMap<string, SeatDefinition>,
  now: Date,
  mine: { passenger: number; designator: string }[],
  /** Seats the movers are leaving but still hold (a seat change waiting for its difference). */
  leaving: string[] = [],
): Promise<void> {
  const perBlock = new Map<string, number>();
  for (const d of await seatRepo.lapInfantSeats(flightId, now)) {
    const seat = leaving.includes(d) ? undefined : layout.get(d);
    if (seat) perBlock.set(maskBlock(seat), (perBlock.get(maskBlock(seat)) ?? 0) + 1);
  }
  for (const m of mine) {
    const seat = layout.get(m.designator);
    if (seat && (perBlock.get(maskBlock(seat)) ?? 0) > 1)
      throw seatSafetyError('lap_infant_oxygen_masks', { passenger: m.passenger, flightId, designator: m.designator });
  }
}

/** Blocks of seats of a flight that already have a lap infant (taken seats of adults holding one). */
export async function lapInfantBlocks(
  seatRepo: Pick<SeatRepository, 'lapInfantSeats'>,
  flightId: number,
  layout: ReadonlyMap<string, SeatDefinition>,
  now: Date,
  exceptPassengerId: number | null = null,
): Promise<Set<string>> {
  const seats = await seatRepo.lapInfantSeats(flightId, now, exceptPassengerId);
  return new Set(seats.flatMap((d) => (layout.get(d) ? [maskBlock(layout.get(d)!)] : [])));
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
 * same seat. The seat safety rules (api/domain/seat-safety.ts) hold: exit rows only for adults without a lap infant
 * or a need for assistance, and at most one lap infant per block of seats (`infantBlocks` already have one).
 */
export function pickSeats(
  free: SeatDefinition[],
  waiting: SeatRequest[],
  infantBlocks: ReadonlySet<string> = new Set(),
): SeatDefinition[] {
  const occupant = (w: SeatRequest): SeatOccupant => ({
    type: w.type,
    holdsInfant: w.holdsInfant ?? false,
    specialAssistance: w.specialAssistance ?? false,
  });
  const restricted = waiting.filter((w) => exitRowRefusal({ tier: 'exit_row', features: [] }, occupant(w))).length;
  const usable = free.filter((s) => s.tier !== 'exit_row');
  const exitSeats = free.filter((s) => s.tier === 'exit_row');
  if (usable.length + Math.min(exitSeats.length, waiting.length - restricted) < waiting.length) return [];
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
  // Adults may take exit rows when nothing else is left; nobody the rules keep out of them.
  if (picked.length < waiting.length) picked = [...picked, ...exitSeats.slice(0, waiting.length - picked.length)];
  // The most constrained first: lap infant holders, then others kept out of exit rows, then everyone else; each takes
  // the first allowed seat of those picked, or else the first allowed seat left in the cabin.
  const rank = (w: SeatRequest) =>
    w.holdsInfant ? 0 : exitRowRefusal({ tier: 'exit_row', features: [] }, occupant(w)) ? 1 : 2;
  const order = waiting.map((w, i) => ({ w, i })).sort((a, b) => rank(a.w) - rank(b.w));
  const blocks = new Set(infantBlocks);
  const used = new Set<string>();
  const spare = shuffled.flatMap((r) => r.seats);
  const out: SeatDefinition[] = new Array(waiting.length);
  for (const { w, i } of order) {
    const allowed = (s: SeatDefinition) => !used.has(s.designator) && !seatRefusal(s, occupant(w), blocks);
    // Exit-row seats go last to the adults who may have them, so that picked ones stay for the others.
    const seat =
      picked.filter((s) => s.tier !== 'exit_row').find(allowed) ??
      spare.find(allowed) ??
      picked.find(allowed) ??
      exitSeats.find(allowed);
    if (!seat) return [];
    used.add(seat.designator);
    if (w.holdsInfant) blocks.add(maskBlock(seat));
    out[i] = seat;
  }
  return out;
}
