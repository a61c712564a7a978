import { formatMoney } from '../../api/domain/money';
import type { BookingDraftView, BookingView } from '../../api/services/booking-view';
import {
  conditionLines,
  fareSummaries,
  flightLine,
  itineraryLegs,
  passengerName,
  passengerSeats,
  passengerTypeLabel,
  priceRows,
  refundLines,
  statusLabel,
} from '../shared/describe';
import { contactPrompt, passengerPrompt } from '../shared/forms';
import { expirySentence } from '../shared/format';
import type { RenderOptions } from '../shared/options';
import type { CardView } from '../types';
import {
  type ActionIds,
  actions,
  context,
  esc,
  fieldsSection,
  header,
  linkButton,
  section,
  type SlackBlock,
  textSections,
} from './blocks';

/** Slack blocks for forms (as typed prompts), review, payment, confirmation, booking, cancellation, article. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

function itinerary(flights: BookingDraftView['flights']): SlackBlock[] {
  return itineraryLegs(flights).map((leg) =>
    section(
      [
        `*${esc(leg.title)}*`,
        ...leg.flights.map((f) => `${esc(flightLine(f, ' → '))} · ${esc(f.airline.name)} · ${esc(f.fareName)}`),
      ].join('\n'),
    ),
  );
}

function passengers(view: BookingDraftView, withTickets: boolean): SlackBlock[] {
  const lines = view.passengers.map((p) => {
    const seats = passengerSeats(p, view.flights);
    const ticket = withTickets && p.ticketNumber ? `ticket ${p.ticketNumber}` : '';
    const extra = [seats, ticket].filter(Boolean).join(' · ');
    return `${esc(passengerName(p))} (${passengerTypeLabel(p.type)})${extra ? ` — ${esc(extra)}` : ''}`;
  });
  return textSections(['*Passengers*', ...lines]);
}

/** Forms are typed in Slack (no modals): the prompt says what to type, errors flagged. */
export function formBlocks(v: View<'passenger_form'> | View<'contact_form'>): SlackBlock[] {
  const lines =
    v.kind === 'passenger_form' ? passengerPrompt(v, 'Type', ':warning:') : contactPrompt(v, 'Type', ':warning:');
  const [title = '', ...rest] = lines.map(esc);
  return [section([`*${title}*`, ...rest].join('\n'))];
}

/** review: itinerary, passengers with seats, fare conditions and the price breakdown. */
export function reviewBlocks(v: View<'review'>): SlackBlock[] {
  const d = v.draft;
  const fares = fareSummaries(d.flights).map(
    (f) => `*${esc(f.name)}*: ${esc(conditionLines(f.conditions).join(' · '))}`,
  );
  return [
    header('Review your trip'),
    ...itinerary(d.flights),
    ...passengers(d, false),
    section(fares.join('\n')),
    fieldsSection(priceRows(d.price)),
  ];
}

/** payment_link: amount, expiry and a "Pay now" link button. */
export function paymentLinkBlocks(v: View<'payment_link'>, ids: ActionIds, opts: RenderOptions): SlackBlock[] {
  return [
    section(
      `*Pay ${formatMoney(v.amount)} for booking ${esc(v.pnr)}*\n` +
        `${esc(expirySentence('The payment link', v.expiresAt, opts.now))}`,
      linkButton(ids, 'Pay now', v.url, 'primary'),
    ),
  ];
}

function reference(b: BookingView): SlackBlock {
  return section(`Booking reference *${esc(b.pnr)}* · ${statusLabel(b.status)}`);
}

/** confirmation: reference, itinerary, tickets, total and the e-ticket link. */
export function confirmationBlocks(v: View<'confirmation'>, ids: ActionIds): SlackBlock[] {
  const b = v.booking;
  return [
    header('Your booking is confirmed'),
    reference(b),
    ...itinerary(b.flights),
    ...passengers(b, true),
    context(`Total paid *${formatMoney(b.price.total)}*`),
    ...actions([linkButton(ids, 'Download e-ticket (PDF)', v.ticketUrl)]),
  ];
}

/** booking: status, hold expiry, itinerary, passengers and seats, total. */
export function bookingBlocks(v: View<'booking'>, opts: RenderOptions): SlackBlock[] {
  const b = v.booking;
  const hold =
    b.status === 'held' && b.holdExpiresAt ? [context(esc(expirySentence('The hold', b.holdExpiresAt, opts.now)))] : [];
  return [
    reference(b),
    ...hold,
    ...itinerary(b.flights),
    ...passengers(b, b.status === 'confirmed'),
    context(`Total *${formatMoney(b.price.total)}*`, ...refundLines(b).map(esc)),
  ];
}

/** cancellation_quote: refund, fee, rule, expiry. */
export function cancellationBlocks(v: View<'cancellation_quote'>, opts: RenderOptions): SlackBlock[] {
  return [
    section(`*Cancel booking ${esc(v.pnr)}?*`),
    fieldsSection([
      { label: 'Refund', value: formatMoney(v.refund) },
      { label: 'Cancellation fee', value: formatMoney(v.fee) },
    ]),
    context(esc(v.rule), esc(expirySentence('This quote', v.expiresAt, opts.now))),
  ];
}

/** Markdown (**bold**, [text](url)) to Slack mrkdwn, escaping the rest. */
function toMrkdwn(markdown: string): string {
  return esc(markdown)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<$2|$1>');
}

/** article: title, body (split at 3,000 characters) and a "Read more" link. */
export function articleBlocks(v: View<'article'>, ids: ActionIds): SlackBlock[] {
  return [
    header(v.title),
    ...textSections(toMrkdwn(v.body).split('\n')),
    ...(v.url ? actions([linkButton(ids, 'Read more', v.url)]) : []),
  ];
}
