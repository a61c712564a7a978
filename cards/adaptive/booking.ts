import { formatMoney } from '../../api/domain/money';
import type { BookingDraftView, BookingView } from '../../api/services/booking-view';
import {
  conditionLines,
  fareSummaries,
  itineraryLegs,
  passengerName,
  passengerSeats,
  passengerTypeLabel,
  priceRows,
  refundLines,
  statusLabel,
  timesLabel,
} from '../shared/describe';
import { expirySentence, formatDuration } from '../shared/format';
import type { RenderOptions } from '../shared/options';
import type { CardView, Choice } from '../types';
import { card, choiceActions, facts, heading, labelValue, subtle, text } from './elements';
import type { AcColor, AcElement, AdaptiveCardJson } from './schema';

/** Review, payment, confirmation, booking status, cancellation quote and article cards. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

function section(title: string): AcElement {
  return text(title, { weight: 'bolder', spacing: 'medium', separator: true });
}

/** Flights per direction: "Outbound · Tue 1 Dec", then one line per flight. */
function itinerary(flights: BookingDraftView['flights']): AcElement[] {
  return itineraryLegs(flights).flatMap((leg) => [
    section(leg.title),
    ...leg.flights.flatMap((f) => [
      text(
        `${f.departureTime && f.arrivalTime ? `${timesLabel(f.departureTime, f.arrivalTime)}  ` : ''}` +
          `${f.origin.code} → ${f.destination.code}`,
        { spacing: 'small' },
      ),
      subtle(`${f.flightNumber} · ${f.airline.name} · ${formatDuration(f.durationMinutes)} · ${f.fareName}`, {
        size: 'small',
      }),
    ]),
  ]);
}

function passengers(view: BookingDraftView, withTickets: boolean): AcElement[] {
  return [
    section('Passengers'),
    facts(
      view.passengers.map((p) => {
        const seats = passengerSeats(p, view.flights);
        const ticket = withTickets && p.ticketNumber ? `Ticket ${p.ticketNumber}` : '';
        return {
          label: `${passengerName(p)} (${passengerTypeLabel(p.type)})`,
          value: [seats, ticket].filter(Boolean).join(' · ') || '—',
        };
      }),
    ),
  ];
}

function price(view: BookingDraftView): AcElement[] {
  const rows = priceRows(view.price);
  const total = rows.pop();
  return [section('Price'), facts(rows), ...(total ? [labelValue(total.label, total.value, true)] : [])];
}

/** review: itinerary, passengers with seats, fares with conditions, price; choices as buttons. */
export function reviewCard(v: View<'review'>, choices: Choice[]): AdaptiveCardJson {
  const d = v.draft;
  const fares = fareSummaries(d.flights).flatMap((f) => [
    text(f.name, { weight: 'bolder', spacing: 'small' }),
    ...conditionLines(f.conditions).map((line) => text(`• ${line}`, { size: 'small', spacing: 'none' })),
  ]);
  const contact = [d.contact.email, d.contact.phone].filter(Boolean).join(' · ');
  const body: AcElement[] = [
    heading('Review your trip'),
    ...itinerary(d.flights),
    ...passengers(d, false),
    section('Fare'),
    ...fares,
    ...price(d),
    ...(contact ? [subtle(`Contact: ${contact}`, { size: 'small', spacing: 'medium' })] : []),
  ];
  return card(body, choiceActions(choices, true), `Review: total ${formatMoney(d.price.total)}`);
}

/** payment_link: amount, expiry in words and a "Pay now" link. */
export function paymentLinkCard(v: View<'payment_link'>, opts: RenderOptions): AdaptiveCardJson {
  const body: AcElement[] = [
    heading(`Pay for booking ${v.pnr}`),
    text(formatMoney(v.amount), { size: 'extraLarge', weight: 'bolder' }),
    subtle('Total, taxes included. Secure payment page.'),
    text(expirySentence('The payment link', v.expiresAt, opts.now), { color: 'warning', size: 'small' }),
  ];
  return card(
    body,
    [{ type: 'Action.OpenUrl', title: 'Pay now', url: v.url, style: 'positive' }],
    `Pay ${formatMoney(v.amount)}: ${v.url}`,
  );
}

const STATUS_COLOR: Record<BookingView['status'], AcColor> = {
  confirmed: 'good',
  held: 'warning',
  cancelled: 'attention',
  expired: 'attention',
};

function reference(b: BookingView): AcElement[] {
  return [
    subtle('Booking reference', { size: 'small' }),
    text(b.pnr, { size: 'extraLarge', weight: 'bolder', fontType: 'monospace', spacing: 'none' }),
    text(statusLabel(b.status), { color: STATUS_COLOR[b.status], weight: 'bolder', spacing: 'none' }),
  ];
}

/** confirmation: the PNR big, status, itinerary, ticket numbers and the e-ticket download. */
export function confirmationCard(v: View<'confirmation'>): AdaptiveCardJson {
  const b = v.booking;
  const body: AcElement[] = [
    heading('Your booking is confirmed', 'large'),
    ...reference(b),
    ...itinerary(b.flights),
    ...passengers(b, true),
    labelValue('Total paid', formatMoney(b.price.total), true),
    ...(b.contact.email ? [subtle(`Confirmation sent to ${b.contact.email}`, { size: 'small' })] : []),
  ];
  return card(
    body,
    [{ type: 'Action.OpenUrl', title: 'Download e-ticket (PDF)', url: v.ticketUrl }],
    `Booking ${b.pnr} confirmed`,
  );
}

/** booking: status (and hold expiry), itinerary, passengers with seats, total; choices as buttons. */
export function bookingCard(v: View<'booking'>, choices: Choice[], opts: RenderOptions): AdaptiveCardJson {
  const b = v.booking;
  const body: AcElement[] = [heading(`Booking ${b.pnr}`), ...reference(b).slice(2)];
  if (b.status === 'held' && b.holdExpiresAt)
    body.push(text(expirySentence('The hold', b.holdExpiresAt, opts.now), { size: 'small', color: 'warning' }));
  body.push(
    ...itinerary(b.flights),
    ...passengers(b, b.status === 'confirmed'),
    labelValue('Total', formatMoney(b.price.total), true),
  );
  body.push(...refundLines(b).map((line) => text(line, { size: 'small', color: 'good' })));
  const contact = [b.contact.email, b.contact.phone].filter(Boolean).join(' · ');
  if (contact) body.push(subtle(`Contact: ${contact}`, { size: 'small' }));
  return card(body, choiceActions(choices), `Booking ${b.pnr}: ${statusLabel(b.status)}`);
}

/** cancellation_quote: refund, fee, the fare rule and how long the quote holds. */
export function cancellationQuoteCard(
  v: View<'cancellation_quote'>,
  choices: Choice[],
  opts: RenderOptions,
): AdaptiveCardJson {
  const body: AcElement[] = [
    heading(`Cancel booking ${v.pnr}?`),
    facts([
      { label: 'Refund', value: formatMoney(v.refund) },
      { label: 'Cancellation fee', value: formatMoney(v.fee) },
    ]),
    text(v.rule, { size: 'small', isSubtle: true }),
    text(expirySentence('This quote', v.expiresAt, opts.now), { size: 'small', color: 'warning' }),
  ];
  return card(body, choiceActions(choices), `Cancel ${v.pnr}: refund ${formatMoney(v.refund)}`);
}

/** article: title, body (Markdown subset) and a "Read more" link. */
export function articleCard(v: View<'article'>): AdaptiveCardJson {
  const actions = v.url ? [{ type: 'Action.OpenUrl' as const, title: 'Read more', url: v.url }] : [];
  return card([heading(v.title), text(v.body)], actions, v.title);
}
