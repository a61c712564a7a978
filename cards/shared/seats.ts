import { formatMoney } from '../../api/domain/money';
import type { Cabin, Money, SeatTier } from '../../api/domain/types';
import type { CabinMap, SeatMap, SeatView } from '../../api/services/seatmap.service';

/** Seat map logic shared by every channel: seat state, tier legend, row sections, the text grid. */

export type SeatState = 'free' | 'taken' | 'chosen';

/** The cabin to show: the one asked for, else the first. */
export function pickCabin(map: SeatMap, cabin: Cabin): CabinMap | undefined {
  return map.cabins.find((c) => c.cabin === cabin) ?? map.cabins[0];
}

/** A seat is "chosen" when this party picked it, "free" when it can be picked, else "taken". */
export function seatState(seat: SeatView, chosen: readonly string[]): SeatState {
  if (chosen.includes(seat.designator)) return 'chosen';
  return seat.available ? 'free' : 'taken';
}

/** Display names of the seat tiers. */
export const TIER_LABEL: Record<SeatTier, string> = {
  standard: 'Standard',
  preferred: 'Preferred',
  extra_legroom: 'Extra legroom',
  exit_row: 'Exit row',
};

/** "Free", "£35" or "from £35" for a price range. */
export function tierPriceLabel(min: Money, max: Money): string {
  if (max.amount === 0) return 'free';
  if (min.amount === max.amount) return formatMoney(min);
  return `from ${formatMoney(min)}`;
}

/** One legend entry per tier present in the cabin, in tier order, with its price and free seats. */
export interface TierInfo {
  tier: SeatTier;
  label: string;
  price: string;
  free: number;
  rows: number[];
}

const TIER_ORDER: SeatTier[] = ['standard', 'preferred', 'extra_legroom', 'exit_row'];

/** Legend of the tiers in a cabin: "Extra legroom £45 (8 free, rows 11–12)". */
export function tierLegend(cabin: CabinMap, chosen: readonly string[] = []): TierInfo[] {
  // One pass over the cabin (a 777 has some 300 seats, and a seat map is rendered whenever it is delivered).
  const byTier = new Map<
    SeatTier,
    { min: SeatView['price']; max: SeatView['price']; free: number; rows: Set<number> }
  >();
  for (const row of cabin.rows)
    for (const seat of row.seats) {
      const t = byTier.get(seat.tier);
      const free = seatState(seat, chosen) === 'free' ? 1 : 0;
      if (!t) {
        byTier.set(seat.tier, { min: seat.price, max: seat.price, free, rows: new Set([seat.row]) });
        continue;
      }
      if (seat.price.amount < t.min.amount) t.min = seat.price;
      if (seat.price.amount > t.max.amount) t.max = seat.price;
      t.free += free;
      t.rows.add(seat.row);
    }
  return TIER_ORDER.flatMap((tier) => {
    const t = byTier.get(tier);
    if (!t) return [];
    return [{ tier, label: TIER_LABEL[tier], price: tierPriceLabel(t.min, t.max), free: t.free, rows: [...t.rows] }];
  });
}

/** "11–12", "4–7, 9" for a sorted list of row numbers. */
export function rowRanges(rows: number[], dash = '–'): string {
  const sorted = [...rows].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let prev = start;
  for (const r of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || prev === undefined) break;
    if (r === prev + 1) {
      prev = r;
      continue;
    }
    parts.push(start === prev ? String(start) : `${start}${dash}${prev}`);
    start = r;
    prev = r;
  }
  return parts.join(', ');
}

/** Splits rows into sections of at most `max` rows, evenly sized. */
export function rowSections<T>(rows: T[], max: number): T[][] {
  if (rows.length === 0) return [];
  const n = Math.ceil(rows.length / max);
  const size = Math.ceil(rows.length / n);
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** The tier of a row when all its seats share one, else null. */
export function rowTier(seats: SeatView[]): SeatTier | null {
  const tiers = new Set(seats.map((s) => s.tier));
  return tiers.size === 1 ? (seats[0]?.tier ?? null) : null;
}

/** Symbols of the text grid. */
export interface GridSymbols {
  taken: string;
  chosen: string;
}

/** Grid symbols for the terminal and Slack. */
export const UNICODE_GRID: GridSymbols = { taken: '×', chosen: '✓' };

/**
 * A monospace grid: a header of column letters, then one line per row with free seats shown by
 * letter, taken seats "×", this party's seats "✓", and the row's tier and price when not standard:
 * "11  A B ×   D E F   Exit row £45".
 */
export function seatGridLines(
  cabin: CabinMap,
  chosen: readonly string[],
  symbols: GridSymbols = UNICODE_GRID,
): string[] {
  const width = String(Math.max(0, ...cabin.rows.map((r) => r.row))).length;
  const cells = (f: (col: string) => string) => cabin.columns.map((c) => (c === null ? ' ' : f(c))).join(' ');
  const lines = [`${' '.repeat(width)}  ${cells((c) => c)}`];
  const legend = new Map(tierLegend(cabin).map((t) => [t.tier, t]));
  for (const row of cabin.rows) {
    const byColumn = new Map(row.seats.map((s) => [s.column, s]));
    const grid = cells((c) => {
      const seat = byColumn.get(c);
      if (!seat) return ' ';
      const state = seatState(seat, chosen);
      return state === 'free' ? c : state === 'chosen' ? symbols.chosen : symbols.taken;
    });
    const tier = rowTier(row.seats);
    const info = tier && tier !== 'standard' ? legend.get(tier) : undefined;
    const note = info ? `   ${info.label} ${info.price}` : '';
    lines.push(`${String(row.row).padStart(width)}  ${grid}${note}`.trimEnd());
  }
  return lines;
}

/** A free seat to quote as an example ("14C"): a free aisle seat, else any free seat. */
export function exampleSeat(cabin: CabinMap | undefined, chosen: readonly string[]): string {
  const free = cabin?.rows.flatMap((r) => r.seats).filter((s) => seatState(s, chosen) === 'free') ?? [];
  return (free.find((s) => s.position === 'aisle' && s.tier === 'standard') ?? free[0])?.designator ?? '14C';
}

/** Free seats by position: windows and aisles a traveller may ask for. */
export function freeByPosition(
  cabin: CabinMap,
  chosen: readonly string[],
): Record<'window' | 'aisle' | 'middle', SeatView[]> {
  const free = cabin.rows.flatMap((r) => r.seats).filter((s) => seatState(s, chosen) === 'free');
  return {
    window: free.filter((s) => s.position === 'window'),
    aisle: free.filter((s) => s.position === 'aisle'),
    middle: free.filter((s) => s.position === 'middle'),
  };
}

/** "12A window, extra legroom, £45" (a seat's accessible description). */
export function seatDescription(seat: SeatView): string {
  const parts: string[] = [seat.position];
  if (seat.tier !== 'standard') parts.push(TIER_LABEL[seat.tier].toLowerCase());
  parts.push(seat.price.amount > 0 ? formatMoney(seat.price) : 'free');
  return `${seat.designator} ${parts.join(', ')}`;
}
