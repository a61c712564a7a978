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
  ticketLines,
} from '../shared/describe';
import { expirySentence } from '../shared/format';
import type { RenderOptions } from '../shared/options';
import type { CardView } from '../types';
import type { Flavour } from './flavour';

/** Plain lines for the review, payment, confirmation, booking, cancellation and article views. */

type View<K extends CardView['kind']> = Extract<CardView, { kind: K }>;

function itinerary(flights: BookingDraftView['flights'], f: Flavour): string[] {
  return itineraryLegs(flights).flatMap((leg) => [
    `${leg.title}:`,
    ...leg.flights.map((x) => `  ${flightLine(x, f.arrow, f.dash)}${f.sms ? '' : ` · ${x.fareName}`}`),
  ]);
}

function passengers(view: BookingDraftView, f: Flavour, withTickets: boolean): string[] {
  return [
    'Passengers:',
    ...view.passengers.map((p) => {
      const seats = passengerSeats(p, view.flights);
      const ticket = withTickets && p.ticketNumber ? `ticket ${p.ticketNumber}` : '';
      const extra = [seats, ticket].filter(Boolean).join(', ');
      return `  ${passengerName(p)} (${passengerTypeLabel(p.type)})${extra ? `${f.sms ? ': ' : ' — '}${extra}` : ''}`;
    }),
  ];
}

function price(view: BookingDraftView, f: Flavour): string[] {
  const rows = priceRows(view.price);
  if (f.sms) return [rows.map((r) => `${r.label} ${r.value}`).join(', ')];
  const width = Math.max(...rows.map((r) => r.label.length));
  return ['Price:', ...rows.map((r) => `  ${r.label.padEnd(width)}  ${r.value}`)];
}

/** review: itinerary, passengers with seats, fares and conditions, price breakdown. */
export function reviewLines(v: View<'review'>, f: Flavour): string[] {
  const d = v.draft;
  const fares = fareSummaries(d.flights).map(
    (x) => `${x.name}: ${conditionLines(x.conditions).join(f.sms ? ', ' : ' · ')}`,
  );
  return [
    'Your trip',
    ...itinerary(d.flights, f),
    ...passengers(d, f, false),
    ...(f.sms ? fares : ['Fare:', ...fares.map((l) => `  ${l}`)]),
    ...price(d, f),
  ];
}

/** payment_link: amount, link and its expiry. */
export function paymentLinkLines(v: View<'payment_link'>, opts: RenderOptions): string[] {
  return [
    `Pay ${formatMoney(v.amount)} for booking ${v.pnr}:`,
    v.url,
    expirySentence('The link', v.expiresAt, opts.now),
  ];
}

function bookingBody(b: BookingView, f: Flavour): string[] {
  return [...itinerary(b.flights, f), ...passengers(b, f, b.status === 'confirmed')];
}

/** confirmation: PNR, status, itinerary, tickets, e-ticket link. */
export function confirmationLines(v: View<'confirmation'>, f: Flavour): string[] {
  const b = v.booking;
  const tickets = b.status === 'confirmed' && ticketLines(b).length === 0 ? ['Tickets are being issued.'] : [];
  return [
    `Booking reference: ${b.pnr} (${statusLabel(b.status)})`,
    ...bookingBody(b, f),
    ...tickets,
    `Total paid ${formatMoney(b.price.total)}`,
    `E-ticket (PDF): ${v.ticketUrl}`,
  ];
}

/** booking: status, hold expiry, itinerary, passengers and seats, total. */
export function bookingLines(v: View<'booking'>, f: Flavour, opts: RenderOptions): string[] {
  const b = v.booking;
  const lines = [`Booking ${b.pnr}: ${statusLabel(b.status)}`];
  if (b.status === 'held' && b.holdExpiresAt) lines.push(expirySentence('The hold', b.holdExpiresAt, opts.now));
  lines.push(...bookingBody(b, f), `Total ${formatMoney(b.price.total)}`, ...refundLines(b));
  return lines;
}

/** cancellation_quote: refund, fee, rule and expiry. */
export function cancellationLines(v: View<'cancellation_quote'>, opts: RenderOptions): string[] {
  return [
    `Cancel booking ${v.pnr}?`,
    `Refund ${formatMoney(v.refund)}, cancellation fee ${formatMoney(v.fee)}.`,
    v.rule,
    expirySentence('This quote', v.expiresAt, opts.now),
  ];
}

/** article: title, body, link. */
export function articleLines(v: View<'article'>): string[] {
  const body = v.body.replace(/\*\*(.+?)\*\*/g, '$1').replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)');
  return [v.title, ...body.split('\n'), ...(v.url ? [v.url] : [])];
}
