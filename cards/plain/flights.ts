import { moreFlightsLabel } from '../shared/choices';
import { CABIN_LABEL } from '../../api/domain/fares';
import { formatMoney } from '../../api/domain/money';
import type { Offer } from '../../api/services/search.service';
import {
  conditionLines,
  offerFlightNumbers,
  offerRoute,
  offerStops,
  offerTimes,
  seatsLeftLabel,
} from '../shared/describe';
import { count, formatDuration, formatLocalDate } from '../shared/format';
import type { CardView } from '../types';
import { type Flavour, numbered, type Numbers } from './flavour';

/** Plain lines for flight lists, price calendars and fare options. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

/** "nonstop" / "1 stop ORD" for SMS; the full stops label elsewhere. */
function stopsShort(offer: Offer): string {
  if (offer.stops === 0) return 'nonstop';
  const where = offer.layovers.map((l) => l.airport).join(',');
  return `${offer.stops} stop${offer.stops === 1 ? '' : 's'}${where ? ` ${where}` : ''}`;
}

/** One line per offer. SMS: "1) 08:20-11:15 LHR-JFK nonstop BA101 £467". */
export function offerLine(offer: Offer, f: Flavour): string {
  const times = offerTimes(offer, f.dash);
  const route = offerRoute(offer, f.arrow);
  if (f.sms)
    return `${times} ${route} ${stopsShort(offer)} ${offerFlightNumbers(offer)} ${formatMoney(offer.lowestPrice)}`;
  return (
    `${times}  ${route}  ` +
    `${formatDuration(offer.durationMinutes)}  ` +
    `${offerStops(offer)}  ${offerFlightNumbers(offer)}  from ` +
    `${formatMoney(offer.lowestPrice)}`
  );
}

/** flight_list: a title line, then one numbered line per offer and "More flights". */
export function flightListLines(v: View<'flight_list'>, f: Flavour, numbers: Numbers): string[] {
  const dir = v.direction === 'outbound' ? 'Outbound' : 'Return';
  // Earlier pages count too: the second page of 16 has shown 10.
  const upTo = v.shown ?? v.offers.length;
  const shown = upTo < v.total || upTo > v.offers.length ? `${upTo} of ${v.total}` : count(v.total, 'flight');
  const lines = f.sms
    ? [
        `${dir} ${v.from}${f.arrow}${v.to} ` +
          `${formatLocalDate(v.date)}, ${shown}` +
          `${v.passengers > 1 ? `, prices for ${v.passengers} people` : ''}:`,
      ]
    : [
        `${dir} flights ${v.from} ${f.arrow} ${v.to}, ` +
          `${formatLocalDate(v.date)} · ${CABIN_LABEL[v.cabin]} · ` +
          `${count(v.passengers, 'passenger')} (${shown})`,
        v.passengers > 1 ? 'Prices are for all passengers, taxes included.' : 'Prices include taxes.',
      ];
  if (v.offers.length === 0) lines.push('No flights match on this date.');
  for (const { offer, choice } of v.offers) lines.push(numbered(f, numbers, choice, offerLine(offer, f)));
  if (v.more) lines.push(numbered(f, numbers, v.more, moreFlightsLabel(v)));
  return lines;
}

/** price_calendar: a line per date with its lowest price; pickable dates numbered. */
export function priceCalendarLines(v: View<'price_calendar'>, f: Flavour, numbers: Numbers): string[] {
  const lines = [
    `Cheapest ${v.direction === 'outbound' ? 'outbound' : 'return'} prices around ${formatLocalDate(v.selected)}:`,
  ];
  for (const d of v.days) {
    const price = d.lowestPrice ? formatMoney(d.lowestPrice) : 'no flights';
    const mark = d.date === v.selected ? ' (selected)' : '';
    lines.push(
      numbered(
        f,
        numbers,
        d.choice,
        `${f.sms ? formatLocalDate(d.date) : formatLocalDate(d.date).padEnd(10)} ${price}${mark}`,
      ),
    );
  }
  return lines;
}

/** fare_options: a numbered line per fare, its conditions and seats left. */
export function fareOptionsLines(v: View<'fare_options'>, f: Flavour, numbers: Numbers): string[] {
  const o = v.offer;
  const lines = [
    `Fares for ${offerTimes(o, f.dash)} ${offerRoute(o, f.arrow)} ${offerFlightNumbers(o)} (total for all passengers):`,
  ];
  for (const { fare, choice } of v.fares) {
    const left = seatsLeftLabel(fare.seatsLeft);
    const conditions = conditionLines(fare.conditions);
    if (f.sms) {
      lines.push(
        numbered(
          f,
          numbers,
          choice,
          `${fare.name} ${formatMoney(fare.price)}: ${conditions.join(', ')}${left ? `. ${left}` : ''}`,
        ),
      );
      continue;
    }
    lines.push(numbered(f, numbers, choice, `${fare.name}  ${formatMoney(fare.price)}${left ? `  (${left})` : ''}`));
    lines.push(`     ${conditions.join(' · ')}`);
  }
  return lines;
}
