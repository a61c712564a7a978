import { formatMoney } from '../domain/money';
import type { Money } from '../domain/types';
import { type MailContent, localWhen, wrap } from './mail-templates';
import type { SegmentView } from './flight-view';

/** The mails of a disruption: "your flight is delayed / cancelled, here are your options", and the rebooking. */

export interface DisruptionMailFacts {
  pnr: string;
  kind: 'delayed' | 'cancelled';
  flight: SegmentView;
  scheduledDeparture: string;
  newDeparture: string | null;
  /** Offered journeys (each a list of flights), the refund, whether "keep the new time" is one of them. */
  rebook: SegmentView[][];
  refund: Money | null;
  accept: boolean;
  expiresAt: Date | null;
}

const journey = (legs: SegmentView[]) =>
  legs
    .map((f) => `${f.flightNumber} ${f.origin.code} ${localWhen(f.departureTime)} → ${f.destination.code}`)
    .join(', then ');

export function disruptionMail(m: DisruptionMailFacts, brand: string): MailContent {
  const flight = `${m.flight.flightNumber} ${m.flight.origin.code}–${m.flight.destination.code}`;
  const what =
    m.kind === 'cancelled' || !m.newDeparture
      ? `Your flight ${flight}, due to leave ${localWhen(m.scheduledDeparture)}, has been cancelled. We are sorry.`
      : `Your flight ${flight}, due to leave ${localWhen(m.scheduledDeparture)}, is delayed: it now leaves ` +
        `${localWhen(m.newDeparture)}. We are sorry.`;
  const lines = [`Booking ${m.pnr}.`, what];
  const choices = m.accept || m.rebook.length > 0 || m.refund;
  if (choices) {
    lines.push('', 'What would you like to do?');
    if (m.accept) lines.push('• Keep your booking on the new time.');
    for (const j of m.rebook) lines.push(`• Move free of charge to ${journey(j)}.`);
    if (m.refund) lines.push(`• Cancel and get a full refund of ${formatMoney(m.refund)}.`);
    if (m.expiresAt && m.rebook.length > 0)
      lines.push(`Seats on those flights are held for you until ${m.expiresAt.toISOString().slice(0, 16)} UTC.`);
    lines.push('', 'Answer in the chat (say "my flight was disrupted") or on our website with your booking reference.');
  }
  return wrap(`${m.kind === 'cancelled' ? 'Cancelled' : 'Delayed'}: ${flight} (booking ${m.pnr})`, lines, brand);
}

/** `bagsLine`: what happened to extra bags paid for on the disrupted flight (see bagsMailLine), or ''. */
export function rebookedMail(
  pnr: string,
  flights: SegmentView[],
  ticketUrl: string,
  brand: string,
  bagsLine = '',
): MailContent {
  return wrap(
    `Booking ${pnr}: your new flight${flights.length > 1 ? 's' : ''}`,
    [
      `Booking ${pnr} has been moved free of charge to ${journey(flights)}.`,
      ...(bagsLine ? [bagsLine] : []),
      'Your e-tickets were reissued with new numbers (the old ones are void) and are attached.',
      `Download them any time: ${ticketUrl}`,
    ],
    brand,
  );
}
