import type { AircraftTypeRecord, Cabin, CabinLayout, SeatFeature, SeatPosition, SeatTier } from './types';

/** Expands an aircraft's cabin layouts into its seats, with position, features and tier per seat. */

export interface SeatDefinition {
  designator: string;
  row: number;
  column: string;
  cabin: Cabin;
  position: SeatPosition;
  features: SeatFeature[];
  tier: SeatTier;
  /** Which group of seats between aisles (0 from the left): one block shares one set of oxygen masks. */
  block: number;
}

/** Letters of a row and the position of each ("ABC DEF": A window, C aisle, B middle). */
export function columnPositions(columns: string): { column: string; position: SeatPosition; block: number }[] {
  const chars = [...columns];
  const out: { column: string; position: SeatPosition; block: number }[] = [];
  let block = 0;
  chars.forEach((ch, i) => {
    if (ch === ' ') {
      block++;
      return;
    }
    const first = i === 0;
    const last = i === chars.length - 1;
    const byAisle = chars[i - 1] === ' ' || chars[i + 1] === ' ';
    out.push({ column: ch, position: first || last ? 'window' : byAisle ? 'aisle' : 'middle', block });
  });
  return out;
}

/** Row numbers of a cabin, without the rows the airline skips. */
export function cabinRows(c: CabinLayout): number[] {
  const rows: number[] = [];
  for (let r = c.firstRow; r <= c.lastRow; r++) if (!c.skipRows?.includes(r)) rows.push(r);
  return rows;
}

function tierFor(c: CabinLayout, row: number): { tier: SeatTier; features: SeatFeature[] } {
  const features: SeatFeature[] = [];
  if (row === c.firstRow) features.push('front_of_cabin');
  const exit = c.exitRows?.includes(row) ?? false;
  const legroom = c.extraLegroomRows?.includes(row) ?? false;
  const preferred = c.preferredRows?.includes(row) ?? false;
  if (exit) features.push('exit_row');
  if (legroom || exit) features.push('extra_legroom');
  if (preferred) features.push('preferred');
  // Premium cabins sell every seat at one price; tiers only matter in economy.
  if (c.cabin !== 'economy') return { tier: 'standard', features };
  return { tier: exit ? 'exit_row' : legroom ? 'extra_legroom' : preferred ? 'preferred' : 'standard', features };
}

export function expandLayout(aircraft: Pick<AircraftTypeRecord, 'cabins'>): SeatDefinition[] {
  const seats: SeatDefinition[] = [];
  for (const c of aircraft.cabins) {
    const cols = columnPositions(c.columns);
    for (const row of cabinRows(c)) {
      const { tier, features } = tierFor(c, row);
      for (const { column, position, block } of cols) {
        seats.push({
          designator: `${row}${column}`,
          row,
          column,
          cabin: c.cabin,
          position,
          features: [...features],
          tier,
          block,
        });
      }
    }
  }
  return seats;
}

/** Seats per cabin of an aircraft. */
export function cabinCapacity(aircraft: Pick<AircraftTypeRecord, 'cabins'>): Partial<Record<Cabin, number>> {
  const out: Partial<Record<Cabin, number>> = {};
  for (const c of aircraft.cabins)
    out[c.cabin] = (out[c.cabin] ?? 0) + cabinRows(c).length * columnPositions(c.columns).length;
  return out;
}

/** Normalises "12a", " 12A " to "12A"; null when it is not a seat designator. */
export function normaliseDesignator(value: string): string | null {
  const m = /^\s*(\d{1,2})\s*([A-Za-z])\s*$/.exec(value);
  return m ? `${Number(m[1])}${m[2]!.toUpperCase()}` : null;
}
