import { CABIN_LABEL } from '../../api/domain/fares';
import type { SeatTier } from '../../api/domain/types';
import type { CabinMap, SeatView } from '../../api/services/seatmap.service';
import { pickCabin, rowRanges, rowSections, seatDescription, seatState, tierLegend } from '../shared/seats';
import type { CardView } from '../types';
import { card, column, heading, subtle, text } from './elements';
import type {
  AcColumn,
  AcColumnSet,
  AcContainer,
  AcContainerStyle,
  AcElement,
  AcTextBlock,
  AdaptiveCardJson,
} from './schema';

/**
 * The interactive seat map. Each seat is a Column whose selectAction is an Action.Submit
 * `{ choice: 'seat:12A' }`, coloured by tier; taken seats show "×" and have no action; this party's
 * seats show "✓". Column widths are weights (row number 3, seat 4, aisle 2) so every row lines up and
 * a 3-4-3 row fits a ~400 px bubble (≈ 30 px per seat). Long cabins are cut into sections of at most
 * 12 rows; tabs (Action.ToggleVisibility) switch sections inside the card, with no round trip.
 */

/** Most seat rows shown at once in the Adaptive seat map (more rows go to other sections). */
export const SEAT_ROWS_PER_SECTION = 12;

const TIER_STYLE: Record<SeatTier, AcContainerStyle> = {
  standard: 'emphasis',
  preferred: 'accent',
  extra_legroom: 'good',
  exit_row: 'warning',
};

const W_ROW = 3;
const W_SEAT = 4;
const W_AISLE = 2;
const TABS_PER_LINE = 5;

type SeatMapView = Extract<CardView, { kind: 'seat_map' }>;
type CabinRow = CabinMap['rows'][number];

/** A bare, centred TextBlock: seat cells are many, so their JSON is kept minimal (no wrap, no tooltip). */
function mark(value: string, extra: Partial<AcTextBlock> = {}): AcTextBlock {
  return { type: 'TextBlock', text: value, horizontalAlignment: 'center', ...extra };
}

function seatCell(seat: SeatView | undefined, chosen: readonly string[]): AcColumn {
  if (!seat) return column([], W_SEAT, { spacing: 'small' });
  const state = seatState(seat, chosen);
  if (state === 'taken') return column([mark('×', { isSubtle: true })], W_SEAT, { spacing: 'small' });
  if (state === 'chosen')
    return column([mark('✓', { weight: 'bolder', color: 'good' })], W_SEAT, {
      spacing: 'small',
      style: TIER_STYLE[seat.tier],
    });
  return column([mark(seat.column)], W_SEAT, {
    spacing: 'small',
    style: TIER_STYLE[seat.tier],
    selectAction: { type: 'Action.Submit', title: seatDescription(seat), data: { choice: `seat:${seat.designator}` } },
  });
}

function headerRow(cabin: CabinMap): AcColumnSet {
  const letters = cabin.columns.map((c) =>
    c === null
      ? column([], W_AISLE, { spacing: 'small' })
      : column([mark(c, { isSubtle: true, size: 'small' })], W_SEAT, { spacing: 'small' }),
  );
  return { type: 'ColumnSet', spacing: 'small', columns: [column([], W_ROW), ...letters] };
}

function seatRow(row: CabinRow, cabin: CabinMap, chosen: readonly string[]): AcColumnSet {
  const byColumn = new Map(row.seats.map((s) => [s.column, s]));
  const cells = cabin.columns.map((c) =>
    c === null ? column([], W_AISLE, { spacing: 'small' }) : seatCell(byColumn.get(c), chosen),
  );
  const number = column([mark(String(row.row), { isSubtle: true, size: 'small' })], W_ROW, {
    verticalContentAlignment: 'center',
  });
  return { type: 'ColumnSet', spacing: 'small', columns: [number, ...cells] };
}

const sectionId = (i: number) => `seat-rows-${i + 1}`;

/** Tabs shown at the top of section `current`: the current one highlighted, the others toggle. */
function sectionTabs(sections: CabinRow[][], current: number): AcElement[] {
  const tabs = sections.map((rows, i): AcColumn => {
    const label = rowRanges(rows.map((r) => r.row));
    const targets = sections.map((_, j) => ({ elementId: sectionId(j), isVisible: j === i }));
    return column(
      [text(label, { horizontalAlignment: 'center', size: 'small', weight: i === current ? 'bolder' : 'default' })],
      1,
      {
        spacing: 'small',
        style: i === current ? 'accent' : 'default',
        ...(i === current
          ? {}
          : {
              selectAction: { type: 'Action.ToggleVisibility', title: `Show rows ${label}`, targetElements: targets },
            }),
      },
    );
  });
  const lines: AcElement[] = [subtle('Rows (tap to switch):', { size: 'small' })];
  for (let i = 0; i < tabs.length; i += TABS_PER_LINE) {
    const line = tabs.slice(i, i + TABS_PER_LINE);
    while (line.length < TABS_PER_LINE) line.push(column([], 1, { spacing: 'small' }));
    lines.push({ type: 'ColumnSet', spacing: 'small', columns: line });
  }
  return lines;
}

function legend(cabin: CabinMap, chosen: readonly string[]): AcElement[] {
  const entries: { style: AcContainerStyle; mark: string; label: string }[] = tierLegend(cabin, chosen).map((t) => ({
    style: TIER_STYLE[t.tier],
    mark: ' ',
    label: `${t.label} ${t.price}`,
  }));
  entries.push({ style: 'default', mark: '×', label: 'Taken' });
  if (chosen.length) entries.push({ style: 'default', mark: '✓', label: 'Your party' });
  const out: AcElement[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const columns = entries.slice(i, i + 2).flatMap((e) => [
      column([text(e.mark, { horizontalAlignment: 'center', size: 'small' })], 1, {
        style: e.style,
        spacing: 'small',
      }),
      column([text(e.label, { size: 'small' })], 5, { spacing: 'small', verticalContentAlignment: 'center' }),
    ]);
    if (columns.length < 4) columns.push(column([], 6, { spacing: 'small' }));
    out.push({ type: 'ColumnSet', spacing: 'small', columns });
  }
  return out;
}

/** seat_map: legend, then the grid (in toggled sections when the cabin is long). */
export function seatMapCard(v: SeatMapView): AdaptiveCardJson {
  const cabin = pickCabin(v.seatMap, v.cabin);
  const title = heading(`Choose a seat for ${v.passengerName}`);
  if (!cabin) return card([title, text('There is no seat map for this flight.')]);
  const info = tierLegend(cabin, v.chosen);
  const free = info.reduce((n, t) => n + t.free, 0);
  const body: AcElement[] = [
    title,
    subtle(`${v.flightLabel} · ${v.seatMap.aircraft.name} · ${CABIN_LABEL[cabin.cabin]} · ${free} seats free`),
    subtle('Tap a free seat. The front of the aircraft is at the top.', { size: 'small' }),
    ...legend(cabin, v.chosen),
  ];
  const sections = rowSections(cabin.rows, SEAT_ROWS_PER_SECTION);
  const hasState = (rows: CabinRow[], state: 'chosen' | 'free') =>
    rows.some((r) => r.seats.some((s) => seatState(s, v.chosen) === state));
  let visible = sections.findIndex((rows) => hasState(rows, 'chosen'));
  if (visible < 0)
    visible = Math.max(
      0,
      sections.findIndex((rows) => hasState(rows, 'free')),
    );
  sections.forEach((rows, i) => {
    const items: AcElement[] = [
      ...(sections.length > 1 ? sectionTabs(sections, i) : []),
      headerRow(cabin),
      ...rows.map((r) => seatRow(r, cabin, v.chosen)),
    ];
    const section: AcContainer = { type: 'Container', id: sectionId(i), spacing: 'medium', items };
    if (i !== visible) section.isVisible = false;
    body.push(section);
  });
  return card(body, [], `Seat map for ${v.flightLabel}: ${free} seats free`);
}
