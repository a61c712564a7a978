import { formatMoney } from '../domain/money';
import { isMultiCity, tripPartName } from '../domain/multi-city';
import { toLocalIso } from '../domain/time';
import type { Money } from '../domain/types';
import { passengerBagsText } from './bag-views';
import type { BookingView } from './booking-view';
import { escapeHtml as esc } from './html-escape';

/** The text of the mails we send. Plain text first (it is what every client shows), with a simple HTML twin. */

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** "Tue 1 Dec 2026 18:30 (UTC+00:00)" from a local ISO time with offset. */
export function localWhen(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}).*?([+-]\d{2}:\d{2}|Z)$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const day = d.toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${day} ${m[4]}:${m[5]} (UTC${m[6] === 'Z' ? '+00:00' : m[6]})`;
}

export function itinerary(b: BookingView): string[] {
  const multiCity = isMultiCity(b.flights);
  return b.flights.map(
    (f) =>
      `${tripPartName(f, multiCity)}  ` +
      `${f.flightNumber}  ${f.origin.city} (${f.origin.code}) ` +
      `${localWhen(f.departureTime)} → ${f.destination.city} (` +
      `${f.destination.code}) ${localWhen(f.arrivalTime)}  ` +
      `${f.fareName}`,
  );
}

export function passengers(b: BookingView): string[] {
  return b.passengers.map((p) => {
    const seats = Object.entries(p.seats).map(
      ([flightId, seat]) =>
        `${b.flights.find((f) => String(f.flightId) === flightId)?.flightNumber ?? flightId} ${seat}`,
    );
    const bags = passengerBagsText(p, b.flights);
    return (
      `${p.firstName} ${p.lastName} (${p.type})` +
      `${p.ticketNumber ? `  e-ticket ${p.ticketNumber}` : ''}` +
      `${seats.length ? `  seats ${seats.join(', ')}` : ''}` +
      `${bags ? `  checked bags ${bags}` : ''}`
    );
  });
}

export function wrap(subject: string, lines: string[], brand: string): MailContent {
  const text = [...lines, '', `— ${brand}`].join('\n');
  const body = lines.map((l) => (l === '' ? '<br>' : `<p style="margin:4px 0">${esc(l)}</p>`)).join('');
  const html =
    '<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:14px;color:#1b2a3a">' +
    `<h2>${esc(subject)}</h2>${body}<p style="color:#667">— ${esc(brand)}</p></body></html>`;
  return { subject, text, html };
}

export function confirmationMail(b: BookingView, ticketUrl: string, brand: string): MailContent {
  return wrap(
    `Booking ${b.pnr} confirmed`,
    [
      `Your booking ${b.pnr} is confirmed and your e-tickets are issued.`,
      '',
      ...itinerary(b),
      '',
      ...passengers(b),
      '',
      `Total paid: ${formatMoney(b.price.total)}`,
      `Fare rules: ${[...new Set(b.flights.map((f) => `${f.fareName}: ${f.conditions.summary}`))].join(' | ')}`,
      '',
      'Your e-ticket and receipt is attached as a PDF. You can also download it here:',
      ticketUrl,
      'Times are local at each airport.',
    ],
    brand,
  );
}

export function cancellationMail(b: BookingView, refund: Money, rule: string, brand: string): MailContent {
  return wrap(
    `Booking ${b.pnr} cancelled`,
    [
      `Your booking ${b.pnr} has been cancelled.`,
      ...itinerary(b),
      '',
      refund.amount > 0
        ? `Refund: ${formatMoney(refund)} to the card you paid with. We will email you when it is processed.`
        : 'There is nothing to refund on this booking.',
      `Rule applied: ${rule}`,
    ],
    brand,
  );
}

export function refundMail(
  pnr: string,
  refund: Money,
  succeeded: boolean,
  supportEmail: string,
  brand: string,
): MailContent {
  return succeeded
    ? wrap(
        `Refund for ${pnr} processed`,
        [
          `Your refund of ${formatMoney(refund)} for booking ` +
            `${pnr} has been processed. It can take 5–10 days to show on your statement.`,
        ],
        brand,
      )
    : wrap(
        `Refund for ${pnr} needs attention`,
        [
          `We could not process your refund of ` +
            `${formatMoney(refund)} for booking ` +
            `${pnr} automatically. Our team has been alerted and will contact you; you can also write to ` +
            `${supportEmail}.`,
        ],
        brand,
      );
}

const RETURN_REASONS: Record<string, string> = {
  seats_no_longer_available:
    'your payment arrived after the hold on your seats had ended, and the seats had been taken',
  booking_cancelled: 'the booking had already been cancelled',
  duplicate_payment: 'the booking had already been paid',
  amount_mismatch: 'the amount paid did not match the booking',
  price_changed: 'the price of the booking changed after that payment link was made',
  seat_change_expired: 'the hold on the seats you asked for had ended, so your seats stayed as they were',
  seat_change_replaced: 'that seat change had been replaced by a newer one, so it no longer applied',
};

export function paymentReturnedMail(pnr: string, amount: Money, reason: string, brand: string): MailContent {
  return wrap(
    `Your payment for ${pnr} is being refunded`,
    [
      `We received ${formatMoney(amount)} for booking ${pnr}, but ` +
        `${RETURN_REASONS[reason] ?? 'we could not complete the booking'}.`,
      reason.startsWith('seat_change')
        ? 'The full amount is being refunded to your card. Your booking is unchanged; ask in the chat to change ' +
          'seats again.'
        : 'The full amount is being refunded to your card. No booking was made ' +
          'with this payment; you are welcome to search again.',
    ],
    brand,
  );
}

/** When a hold ends, as the traveller reads it: local time at `zone` with its offset and the zone's name. */
export function holdEndWhen(expiresAt: string, zone: string): string {
  return `${localWhen(toLocalIso(new Date(expiresAt), zone))}, ${zone} time`;
}

export function renewedLinkMail(
  pnr: string,
  link: { url: string; expiresAt: string; amount: Money },
  zone: string,
  brand: string,
): MailContent {
  return wrap(
    `A new payment link for ${pnr}`,
    [
      `Booking ${pnr} now costs ${formatMoney(link.amount)}, and your seats are still held until ` +
        `${holdEndWhen(link.expiresAt, zone)}.`,
      `Pay here: ${link.url}`,
    ],
    brand,
  );
}

/** One passenger's move, as a line: "Ada Lovelace: 20A → 6C on BA304". */
export interface MoveLine {
  passenger: string;
  from: string | null;
  to: string;
  flight: string;
}

function moveLines(moves: MoveLine[]): string[] {
  return moves.map((m) => `${m.passenger}: ${m.from ? `${m.from} → ` : ''}${m.to} on ${m.flight}`);
}

/** A seat change on a paid booking waits for its difference: the link, and until when the new seat is held. */
export function seatChangeLinkMail(
  pnr: string,
  moves: MoveLine[],
  link: { url: string; expiresAt: string; amount: Money },
  zone: string,
  brand: string,
): MailContent {
  return wrap(
    `Pay ${formatMoney(link.amount)} to change seats on ${pnr}`,
    [
      `You asked to change seats on booking ${pnr}:`,
      ...moveLines(moves),
      '',
      `The new seats cost ${formatMoney(link.amount)} more than the seats already paid for. They are held for you ` +
        `until ${holdEndWhen(link.expiresAt, zone)}; until you pay, your current seats stay yours.`,
      `Pay the difference here: ${link.url}`,
      'If you do not pay, nothing changes and nothing is charged.',
    ],
    brand,
  );
}

/** Seats of a paid booking changed: what moved, what it cost or gave back, the booking as it is now. */
export function seatChangeMail(
  b: BookingView,
  change: { moves: MoveLine[]; charged: Money; refund: Money; kept: Money },
  ticketUrl: string,
  brand: string,
): MailContent {
  const money =
    change.charged.amount > 0
      ? `Paid for this change: ${formatMoney(change.charged)}.`
      : change.refund.amount > 0
        ? `Refund: ${formatMoney(change.refund)} to the card you paid with. We will email you when it is processed.`
        : change.kept.amount > 0
          ? `Your fare does not refund seat charges, so the ${formatMoney(change.kept)} paid for the earlier seat ` +
            'is not refunded.'
          : 'This change cost nothing.';
  return wrap(
    `Seats changed on booking ${b.pnr}`,
    [
      `Your seats on booking ${b.pnr} have changed:`,
      ...moveLines(change.moves),
      money,
      '',
      ...itinerary(b),
      '',
      ...passengers(b),
      '',
      `Receipt: fares ${formatMoney(b.price.fares)} · seats ${formatMoney(b.price.seats)} · ` +
        `taxes ${formatMoney(b.price.taxes)} · total ${formatMoney(b.price.total)}`,
      '',
      'Your updated e-ticket and receipt is attached as a PDF. You can also download it here:',
      ticketUrl,
      'Times are local at each airport.',
    ],
    brand,
  );
}

export function otpMail(code: string, brand: string): MailContent {
  return wrap(
    `Your ${brand} code: ${code}`,
    [`Your verification code is ${code}.`, 'It is valid for 10 minutes. If you did not ask for it, ignore this email.'],
    brand,
  );
}

/** A one-time account link: set a password (also how a guest claims an account), or sign in without one. */
export function accountLinkMail(purpose: 'reset' | 'signin', url: string, minutes: number, brand: string): MailContent {
  const reset = purpose === 'reset';
  return wrap(
    reset ? `Set your ${brand} password` : `Sign in to ${brand}`,
    [
      reset
        ? 'Someone (we hope you) asked to set or reset the password for this email address. Open this link:'
        : 'Open this link to sign in; no password is needed:',
      url,
      `It works once, for ${minutes} minutes.${reset ? ' Setting a password signs you out everywhere else.' : ''}`,
      'If you did not ask for it, ignore this email: nothing changes.',
    ],
    brand,
  );
}
