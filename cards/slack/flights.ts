import { CABIN_LABEL } from '../../api/domain/fares';
import { formatMoney } from '../../api/domain/money';
import {
  conditionLines,
  offerAirlines,
  offerFlightNumbers,
  offerRoute,
  offerStops,
  offerTimes,
  seatsLeftLabel,
} from '../shared/describe';
import { count, formatDuration, formatLocalDate } from '../shared/format';
import { moreFlightsLabel } from '../shared/choices';
import type { CardView } from '../types';
import { type ActionIds, actions, choiceButton, context, esc, section, type SlackBlock } from './blocks';

/** Slack blocks for flight lists, price calendars and fare options. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

/** Offers shown at most (one section each), leaving room for the other blocks under the 50 limit. */
export const SLACK_MAX_OFFERS = 40;

/** flight_list: a section per offer with a "Select" button, then "More flights". */
export function flightListBlocks(v: View<'flight_list'>, ids: ActionIds): SlackBlock[] {
  const dir = v.direction === 'outbound' ? 'Outbound' : 'Return';
  const blocks: SlackBlock[] = [
    context(
      `*${dir}* ${esc(v.from)} → ${esc(v.to)} · ` +
        `${formatLocalDate(v.date)} · ${CABIN_LABEL[v.cabin]} · ` +
        `${count(v.passengers, 'passenger')} · ` +
        `${count(v.total, 'flight')}`,
      v.passengers > 1 ? 'Prices for all passengers, taxes included' : 'Prices include taxes',
    ),
  ];
  for (const { offer, choice } of v.offers.slice(0, SLACK_MAX_OFFERS)) {
    const text = [
      `*${offerTimes(offer)}*  ${offerRoute(offer, ' → ')}  ·  from *${formatMoney(offer.lowestPrice)}*`,
      `${formatDuration(offer.durationMinutes)} · ` +
        `${esc(offerStops(offer))} · ${esc(offerAirlines(offer))} ` +
        `${offerFlightNumbers(offer)}`,
    ].join('\n');
    blocks.push(section(text, choiceButton(ids, 'Select', choice)));
  }
  if (v.offers.length === 0) blocks.push(section('No flights match on this date.'));
  if (v.more) blocks.push(...actions([choiceButton(ids, moreFlightsLabel(v), v.more)]));
  return blocks;
}

/** price_calendar: a button per pickable date ("Tue 1 Dec · £467"), the selected one primary. */
export function priceCalendarBlocks(v: View<'price_calendar'>, ids: ActionIds): SlackBlock[] {
  const buttons = v.days.flatMap((d) =>
    d.choice
      ? [
          choiceButton(
            ids,
            `${formatLocalDate(d.date)} · ${d.lowestPrice ? formatMoney(d.lowestPrice) : 'no flights'}`,
            d.choice,
            d.date === v.selected ? 'primary' : undefined,
          ),
        ]
      : [],
  );
  const other = v.days
    .filter((d) => !d.choice)
    .map((d) => `${formatLocalDate(d.date)}: ${d.lowestPrice ? formatMoney(d.lowestPrice) : 'no flights'}`);
  return [
    section(
      `*Cheapest ${v.direction === 'outbound' ? 'outbound' : 'return'} prices around ${formatLocalDate(v.selected)}*`,
    ),
    ...actions(buttons),
    ...(other.length ? [context(other.join(' · '))] : []),
  ];
}

/** fare_options: a section per fare (price, conditions, seats left) with a "Select" button. */
export function fareOptionsBlocks(v: View<'fare_options'>, ids: ActionIds): SlackBlock[] {
  const o = v.offer;
  const blocks: SlackBlock[] = [
    context(
      `${offerTimes(o)} ${offerRoute(o, ' → ')} · ` +
        `${offerFlightNumbers(o)} · ` +
        `${formatLocalDate(o.departureTime)} · total for all passengers`,
    ),
  ];
  for (const { fare, choice } of v.fares) {
    const left = seatsLeftLabel(fare.seatsLeft);
    const lines = [
      `*${esc(fare.name)}* · *${formatMoney(fare.price)}*`,
      ...conditionLines(fare.conditions).map((l) => `• ${esc(l)}`),
    ];
    if (left) lines.push(`:warning: ${left}`);
    blocks.push(section(lines.join('\n'), choiceButton(ids, `Select ${fare.name}`, choice)));
  }
  return blocks;
}
