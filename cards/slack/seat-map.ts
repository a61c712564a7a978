import { CABIN_LABEL } from '../../api/domain/fares';
import { formatMoney } from '../../api/domain/money';
import type { SeatTier } from '../../api/domain/types';
import type { CabinMap, SeatView } from '../../api/services/seatmap.service';
import { exampleSeat, pickCabin, rowRanges, seatGridLines, seatState, TIER_LABEL, tierLegend } from '../shared/seats';
import type { CardView } from '../types';
import {
  ActionIds,
  actions,
  context,
  esc,
  plain,
  section,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackOption,
  type SlackStaticSelect,
  textSections,
} from './blocks';

/**
 * Slack seat map: a button per seat would need hundreds of elements (limit: 25 per actions block,
 * 50 blocks), so the layout is a monospace grid and the picking is done with static selects: one per
 * range of rows (≤ 100 free seats each), options grouped by tier with the price in the group label.
 */

type SeatMapView = Extract<CardView, { kind: 'seat_map' }>;
type CabinRow = CabinMap['rows'][number];

/** Consecutive rows whose free seats fit one select. */
function selectChunks(rows: CabinRow[], chosen: readonly string[]): CabinRow[][] {
  const chunks: CabinRow[][] = [];
  let current: CabinRow[] = [];
  let size = 0;
  for (const row of rows) {
    const free = row.seats.filter((s) => seatState(s, chosen) === 'free').length;
    if (free === 0) continue;
    if (size + free > SLACK_LIMITS.selectOptions && current.length) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += free;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

const TIERS: SeatTier[] = ['standard', 'preferred', 'extra_legroom', 'exit_row'];

function seatSelect(rows: CabinRow[], chosen: readonly string[], ids: ActionIds): SlackStaticSelect {
  const free = rows.flatMap((r) => r.seats).filter((s) => seatState(s, chosen) === 'free');
  const groups = TIERS.flatMap((tier) => {
    const seats = free.filter((s) => s.tier === tier).slice(0, SLACK_LIMITS.selectOptions);
    if (seats.length === 0) return [];
    const prices = [...new Set(seats.map((s) => (s.price.amount ? formatMoney(s.price) : 'free')))].join('/');
    const options = seats.map((s: SeatView): SlackOption => ({
      text: plain(`${s.designator} ${s.position}`, SLACK_LIMITS.optionText),
      value: `seat:${s.designator}`,
    }));
    return [{ label: plain(`${TIER_LABEL[tier]} · ${prices}`, SLACK_LIMITS.optionText), options }];
  });
  const range = rowRanges(rows.map((r) => r.row));
  return {
    type: 'static_select',
    action_id: ids.next('seat'),
    placeholder: plain(`Rows ${range} (${free.length} free)`, SLACK_LIMITS.placeholder),
    option_groups: groups,
  };
}

/** seat_map blocks: title, legend, the grid and the seat selects. */
export function seatMapBlocks(v: SeatMapView, ids: ActionIds): SlackBlock[] {
  const cabin = pickCabin(v.seatMap, v.cabin);
  const title = `*Choose a seat for ${esc(v.passengerName)}*`;
  if (!cabin) return [section(`${title}\nThere is no seat map for ${esc(v.flightLabel)}.`)];
  const tiers = tierLegend(cabin, v.chosen);
  const free = tiers.reduce((n, t) => n + t.free, 0);
  const legend = tiers.map((t) => `${esc(t.label)} ${esc(t.price)} (rows ${rowRanges(t.rows)})`).join(' · ');
  return [
    section(
      `${title}\n${esc(v.flightLabel)} · ` +
        `${esc(v.seatMap.aircraft.name)} · ` +
        `${CABIN_LABEL[cabin.cabin]} · ${free} seats free`,
    ),
    context(
      legend,
      `Letters are free seats, × taken${v.chosen.length ? ', ✓ your party' : ''}. Front of the aircraft at the top.`,
    ),
    ...textSections(seatGridLines(cabin, v.chosen), true),
    ...actions(selectChunks(cabin.rows, v.chosen).map((rows) => seatSelect(rows, v.chosen, ids))),
    context(`Or type a seat like ${exampleSeat(cabin, v.chosen)}, or WINDOW, AISLE or ANY.`),
  ];
}
