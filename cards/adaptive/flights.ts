import { moreFlightsLabel } from '../shared/choices';
import { CABIN_LABEL } from '../../api/domain/fares';
import { formatMoney } from '../../api/domain/money';
import type { Offer } from '../../api/services/search.service';
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
import type { CardView } from '../types';
import { card, column, heading, submitChoice, subtle, text } from './elements';
import type { AcColumn, AcContainer, AcElement, AdaptiveCardJson } from './schema';

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

/** One offer row: times, route, duration and stops, flights; price and a Select button on the right. */
function offerRow(offer: Offer, choice: string, index: number): AcContainer {
  const left = column([
    text(offerTimes(offer), { weight: 'bolder', size: 'medium' }),
    subtle(`${offerRoute(offer, ' → ')} · ${formatDuration(offer.durationMinutes)}`),
    subtle(offerStops(offer)),
    subtle(`${offerAirlines(offer)} · ${offerFlightNumbers(offer)}`, { size: 'small' }),
  ]);
  const right = column(
    [
      subtle('from', { size: 'small', horizontalAlignment: 'right' }),
      text(formatMoney(offer.lowestPrice), {
        weight: 'bolder',
        size: 'medium',
        horizontalAlignment: 'right',
        spacing: 'none',
      }),
      { type: 'ActionSet', spacing: 'small', actions: [submitChoice('Select', choice)] },
    ],
    'auto',
    { verticalContentAlignment: 'center' },
  );
  return {
    type: 'Container',
    separator: index > 0,
    spacing: 'medium',
    items: [{ type: 'ColumnSet', columns: [left, right] }],
  };
}

/** flight_list: a compact row per offer and a "More flights" button. */
export function flightListCard(v: View<'flight_list'>): AdaptiveCardJson {
  const first = v.offers[0]?.offer.segments[0];
  const last = v.offers[0]?.offer.segments.at(-1);
  const title = first && last ? `${first.origin.city} → ${last.destination.city}` : `${v.from} → ${v.to}`;
  const body: AcElement[] = [
    heading(`${v.direction === 'outbound' ? 'Outbound' : 'Return'}: ${title}`),
    subtle(
      `${formatLocalDate(v.date)} · ${CABIN_LABEL[v.cabin]} · ` +
        `${count(v.passengers, 'passenger')} · ` +
        `${count(v.total, 'flight')}`,
    ),
    subtle(v.passengers > 1 ? 'Prices are for all passengers, taxes included.' : 'Prices include taxes.', {
      size: 'small',
    }),
    ...v.offers.map(({ offer, choice }, i) => offerRow(offer, choice, i)),
  ];
  if (v.offers.length === 0) body.push(text('No flights match on this date.'));
  const actions = v.more ? [submitChoice(moreFlightsLabel(v), v.more)] : [];
  return card(body, actions, `${title}: ${count(v.offers.length, 'flight')}`);
}

/** price_calendar: days in rows of four; pickable days are buttons, the selected day emphasised. */
export function priceCalendarCard(v: View<'price_calendar'>): AdaptiveCardJson {
  const prices = v.days.flatMap((d) => (d.lowestPrice ? [d.lowestPrice.amount] : []));
  const cheapest = prices.length ? Math.min(...prices) : null;
  const cells: AcColumn[] = v.days.map((d) => {
    const selected = d.date === v.selected;
    const price = d.lowestPrice ? formatMoney(d.lowestPrice) : '—';
    const isCheapest = d.lowestPrice !== null && d.lowestPrice.amount === cheapest;
    const [weekday = '', ...rest] = formatLocalDate(d.date).split(' ');
    return column(
      [
        text(weekday, { size: 'small', horizontalAlignment: 'center', isSubtle: !selected }),
        text(rest.join(' '), { weight: 'bolder', horizontalAlignment: 'center', spacing: 'none' }),
        text(price, {
          size: 'small',
          horizontalAlignment: 'center',
          spacing: 'none',
          color: isCheapest ? 'good' : 'default',
          weight: selected ? 'bolder' : 'default',
        }),
      ],
      1,
      {
        style: selected ? 'accent' : d.choice ? 'emphasis' : 'default',
        spacing: 'small',
        ...(d.choice
          ? { selectAction: { ...submitChoice(`${formatLocalDate(d.date)} ${price}`, d.choice), tooltip: price } }
          : {}),
      },
    );
  });
  const body: AcElement[] = [
    heading(`Cheapest ${v.direction === 'outbound' ? 'outbound' : 'return'} prices by date`),
    subtle(`Around ${formatLocalDate(v.selected)}. Tap a date to see its flights.`),
  ];
  for (let i = 0; i < cells.length; i += 4) {
    const row = cells.slice(i, i + 4);
    while (row.length < 4) row.push(column([], 1, { spacing: 'small' }));
    body.push({ type: 'ColumnSet', spacing: 'small', columns: row });
  }
  return card(body, [], 'Prices by date');
}

/** fare_options: one container per fare with its price, conditions, seats left and a Select button. */
export function fareOptionsCard(v: View<'fare_options'>): AdaptiveCardJson {
  const o = v.offer;
  const body: AcElement[] = [
    heading('Choose a fare'),
    subtle(`${offerTimes(o)} ${offerRoute(o, ' → ')} · ${offerFlightNumbers(o)} · ${formatLocalDate(o.departureTime)}`),
    subtle('Prices are for all passengers, taxes included.', { size: 'small' }),
  ];
  v.fares.forEach(({ fare, choice }) => {
    const left = seatsLeftLabel(fare.seatsLeft);
    const items: AcElement[] = [
      {
        type: 'ColumnSet',
        columns: [
          column([text(fare.name, { weight: 'bolder', size: 'medium' })]),
          column(
            [text(formatMoney(fare.price), { weight: 'bolder', size: 'medium', horizontalAlignment: 'right' })],
            'auto',
          ),
        ],
      },
      ...conditionLines(fare.conditions).map((line) => text(`• ${line}`, { spacing: 'none', size: 'small' })),
    ];
    if (left) items.push(text(left, { color: 'attention', weight: 'bolder', size: 'small', spacing: 'small' }));
    items.push({ type: 'ActionSet', spacing: 'small', actions: [submitChoice(`Select ${fare.name}`, choice)] });
    body.push({ type: 'Container', style: 'emphasis', spacing: 'medium', items });
  });
  return card(body, [], `Fares: ${v.fares.map((f) => `${f.fare.name} ${formatMoney(f.fare.price)}`).join(', ')}`);
}
