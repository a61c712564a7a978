import { formatMoney } from '../domain/money';
import type { Money } from '../domain/types';
import { bagReceiptLines } from './bag-views';
import type { BookingView } from './booking-view';
import { holdEndWhen, itinerary, type MailContent, passengers, wrap } from './mail-templates';

/** Extra checked bags were paid for: what was added, what it cost, the booking as it is now. */
export function bagsAddedMail(b: BookingView, charged: Money, ticketUrl: string, brand: string): MailContent {
  const receipt = bagReceiptLines(b).map((l) => `${l.label}: ${formatMoney(l.amount)}`);
  return wrap(
    `Checked bags added to booking ${b.pnr}`,
    [
      `Your payment of ${formatMoney(charged)} was received and the bags are on booking ${b.pnr}.`,
      '',
      ...itinerary(b),
      '',
      ...passengers(b),
      '',
      `Receipt: fares ${formatMoney(b.price.fares)} · seats ${formatMoney(b.price.seats)} · ` +
        `taxes ${formatMoney(b.price.taxes)} · total ${formatMoney(b.price.total)}`,
      ...(receipt.length > 0 ? ['Extra bags paid after booking:', ...receipt] : []),
      '',
      'Your updated e-ticket and receipt is attached as a PDF. You can also download it here:',
      ticketUrl,
      'Times are local at each airport.',
    ],
    brand,
  );
}

/** Bags asked for on a paid booking wait for their payment: the link, and until when it is open. */
export function bagOrderLinkMail(
  b: BookingView,
  lines: string[],
  link: { url: string; expiresAt: string; amount: Money },
  brand: string,
): MailContent {
  const zone = b.flights[0]?.origin.timeZone ?? 'UTC';
  return wrap(
    `Pay ${formatMoney(link.amount)} for checked bags on ${b.pnr}`,
    [
      `You asked for extra checked bags on booking ${b.pnr}:`,
      ...lines,
      '',
      `Pay ${formatMoney(link.amount)} here before ${holdEndWhen(link.expiresAt, zone)}: ${link.url}`,
      'The bags are added once it is paid. If you do not pay, nothing is added and nothing is charged.',
    ],
    brand,
  );
}
