import { CABIN_LABEL } from '../../api/domain/fares';
import { exampleSeat, freeByPosition, pickCabin, rowRanges, seatGridLines, tierLegend } from '../shared/seats';
import type { CardView } from '../types';
import type { Flavour } from './flavour';

/**
 * Plain seat map. Terminal: a monospace grid (free seats by letter, "×" taken, "✓" this party's,
 * tier and price at the end of non-standard rows). SMS: no grid, a summary per tier plus a few free
 * window and aisle seats; the traveller replies with a designator.
 */

type SeatMapView = Extract<CardView, { kind: 'seat_map' }>;

const SMS_SAMPLE = 6;

/** seat_map lines for the flavour. */
export function seatMapLines(v: SeatMapView, f: Flavour): string[] {
  const cabin = pickCabin(v.seatMap, v.cabin);
  const ask = `${f.verb} a seat like ${exampleSeat(cabin, v.chosen)}, or WINDOW, AISLE or ANY.`;
  if (!cabin) return [`There is no seat map for ${v.flightLabel}.`, ask];
  const tiers = tierLegend(cabin, v.chosen);
  const free = tiers.reduce((n, t) => n + t.free, 0);
  const title = `Seat for ${v.passengerName} on ${v.flightLabel}`;
  if (f.sms) {
    const byPosition = freeByPosition(cabin, v.chosen);
    const sample = (label: string, seats: { designator: string }[]) =>
      seats.length
        ? [
            `${label}: ${seats
              .slice(0, SMS_SAMPLE)
              .map((s) => s.designator)
              .join(' ')}${seats.length > SMS_SAMPLE ? ' ...' : ''}`,
          ]
        : [];
    return [
      `${title} (${CABIN_LABEL[cabin.cabin]}), ${free} free:`,
      ...tiers.map(
        (t) => `${t.label} ${t.price}: row${t.rows.length > 1 ? 's' : ''} ${rowRanges(t.rows, '-')} (${t.free} free)`,
      ),
      ...sample('Windows', byPosition.window),
      ...sample('Aisles', byPosition.aisle),
      ...(v.chosen.length ? [`Your party has ${v.chosen.join(' ')}.`] : []),
      ask,
    ];
  }
  const prices = tiers.map((t) => `${t.label} ${t.price}`).join(' · ');
  return [
    `${title} · ${v.seatMap.aircraft.name} · ${CABIN_LABEL[cabin.cabin]} (${free} seats free)`,
    '',
    ...seatGridLines(cabin, v.chosen),
    '',
    `Letters are free seats, × taken${v.chosen.length ? ', ✓ your party' : ''}. Front of the aircraft at the top.`,
    `Prices: ${prices}.`,
    ask,
  ];
}
