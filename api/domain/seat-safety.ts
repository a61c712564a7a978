import { type SeatSafetyProblem, validationError } from '../errors';
import type { SeatDefinition } from './seat-layout';
import type { PassengerType } from './types';

/**
 * Seat safety rules every airline enforces, in one place for the seat map, the hold, seat changes and the seat
 * assigner:
 * - an exit row is for an adult able and willing to help in an evacuation: never a child or infant, an adult holding
 *   a lap infant, or a passenger who asked for special assistance;
 * - each block of seats (the seats of one row between the aisles and the windows) has one spare oxygen mask, so at
 *   most one lap infant per block.
 */

export const SEAT_REFUSALS = [
  'exit_row_child',
  'exit_row_lap_infant',
  'exit_row_special_assistance',
  'lap_infant_oxygen_masks',
] as const;
export type SeatRefusal = (typeof SEAT_REFUSALS)[number];

/** Who is to sit in a seat, as far as the safety rules care. */
export interface SeatOccupant {
  type: PassengerType;
  /** An adult with a lap infant. */
  holdsInfant: boolean;
  specialAssistance: boolean;
}

/** What a traveller reads about each refusal (the seat map's reason, the API's message). */
export const SEAT_REFUSAL_TEXT: Readonly<Record<SeatRefusal, string>> = {
  exit_row_child: 'Children cannot sit in an exit row.',
  exit_row_lap_infant: 'An adult travelling with a baby on their lap cannot sit in an exit row.',
  exit_row_special_assistance: 'Passengers who asked for special assistance cannot sit in an exit row.',
  lap_infant_oxygen_masks:
    'This part of the row already has a baby on a lap, and it has only one spare oxygen mask. Please choose a seat ' +
    'in another row or on the other side of the aisle.',
};

/** The block of a seat: its row and the group of seats between aisles it is in ("12:0" is 12A–C on "ABC DEF"). */
export function maskBlock(seat: Pick<SeatDefinition, 'row' | 'block'>): string {
  return `${seat.row}:${seat.block}`;
}

/** Why an exit-row seat cannot be had by this occupant, or null when it can (or the seat is not in an exit row). */
export function exitRowRefusal(seat: Pick<SeatDefinition, 'tier' | 'features'>, who: SeatOccupant): SeatRefusal | null {
  if (seat.tier !== 'exit_row' && !seat.features.includes('exit_row')) return null;
  if (who.type !== 'ADT') return 'exit_row_child';
  if (who.holdsInfant) return 'exit_row_lap_infant';
  if (who.specialAssistance) return 'exit_row_special_assistance';
  return null;
}

/**
 * Why this occupant cannot have this seat, or null. `infantBlocks` are the blocks that already have a lap infant
 * (other travellers' taken seats, and seats given to this party's other infant holders).
 */
export function seatRefusal(
  seat: Pick<SeatDefinition, 'tier' | 'features' | 'row' | 'block'>,
  who: SeatOccupant,
  infantBlocks: ReadonlySet<string>,
): SeatRefusal | null {
  const exit = exitRowRefusal(seat, who);
  if (exit) return exit;
  if (who.holdsInfant && infantBlocks.has(maskBlock(seat))) return 'lap_infant_oxygen_masks';
  return null;
}

/**
 * Which passengers hold a lap infant. An infant may name the adult whose lap it travels on (`lapOf`, the adult's
 * index); the others go, in order, on the laps of the first adults not holding one yet. Null when a named passenger
 * is not an adult of the party or holds two infants (the party rules report it).
 */
export function lapHolders(
  types: readonly PassengerType[],
  lapOf: readonly (number | undefined)[] = [],
): boolean[] | null {
  const holds = types.map(() => false);
  const unnamed: number[] = [];
  for (let i = 0; i < types.length; i++) {
    if (types[i] !== 'INF') continue;
    const adult = lapOf[i];
    if (adult === undefined) {
      unnamed.push(i);
      continue;
    }
    if (types[adult] !== 'ADT' || holds[adult]) return null;
    holds[adult] = true;
  }
  for (const _ of unnamed) {
    const free = types.findIndex((t, k) => t === 'ADT' && !holds[k]);
    if (free < 0) return null;
    holds[free] = true;
  }
  return holds;
}

/** The coded 422 for a refused seat, with the traveller's sentence. */
export function seatSafetyError(refusal: SeatRefusal, problem: SeatSafetyProblem) {
  return validationError(refusal, `Seat ${problem.designator}: ${SEAT_REFUSAL_TEXT[refusal]}`, problem);
}
