import { formatMoney } from '../domain/money';
import type { Money } from '../domain/types';
import { bagsMailLine, type BagsCarried } from './bag-carry-over';
import type { BookingView } from './booking-view';
import { holdEndWhen, itinerary, type MailContent, passengers, wrap } from './mail-templates';

/** The mails of a change of dates or flights: the payment link for its difference, and the update once done. */

/** What a flight change moved, for mails and messages: "BA 304 on 2026-12-20 → BA 308 on 2026-12-25". */
export interface FlightChangeLine {
  from: string;
  to: string;
}

export interface FlightChangeMoneyView {
  fareDifference: Money;
  fee: Money;
  feeWaived: Money;
  due: Money;
  refund: Money;
}

/** One sentence of what a change costs or gives back (also what the chat says before the traveller confirms). */
export function flightChangeMoneySentence(m: FlightChangeMoneyView): string {
  const diff = m.fareDifference.amount;
  const fare =
    diff > 0
      ? `the new fare is ${formatMoney(m.fareDifference)} more`
      : diff < 0
        ? `the new fare is ${formatMoney({ ...m.fareDifference, amount: -diff })} less`
        : 'the fare is the same';
  const fee =
    m.fee.amount > 0
      ? `the change fee is ${formatMoney(m.fee)}`
      : m.feeWaived.amount > 0
        ? `the ${formatMoney(m.feeWaived)} change fee is waived (changed within 24 hours of booking)`
        : 'there is no change fee';
  const net =
    m.due.amount > 0
      ? `you pay ${formatMoney(m.due)}`
      : m.refund.amount > 0
        ? `you get ${formatMoney(m.refund)} back`
        : 'nothing to pay';
  return `${capitalise(fare)} and ${fee}, so ${net}.`;
}

export function flightChangeLinkMail(
  pnr: string,
  lines: FlightChangeLine[],
  money: FlightChangeMoneyView,
  link: { url: string; expiresAt: string; amount: Money },
  zone: string,
  brand: string,
): MailContent {
  return wrap(
    `Pay ${formatMoney(link.amount)} to change flights on ${pnr}`,
    [
      `You asked to change flights on booking ${pnr}:`,
      ...lines.map((l) => `${l.from} → ${l.to}`),
      flightChangeMoneySentence(money),
      '',
      `Seats on the new flights are held for you until ${holdEndWhen(link.expiresAt, zone)}; until you pay, your ` +
        'booking stays as it is.',
      `Pay here: ${link.url}`,
      'If you do not pay, nothing changes and nothing is charged.',
    ],
    brand,
  );
}

export function flightChangeMail(
  b: BookingView,
  change: { lines: FlightChangeLine[]; money: FlightChangeMoneyView; voided: string[]; bags?: BagsCarried },
  ticketUrl: string,
  brand: string,
): MailContent {
  return wrap(
    `Flights changed on booking ${b.pnr}`,
    [
      `Your flights on booking ${b.pnr} have changed:`,
      ...change.lines.map((l) => `${l.from} → ${l.to}`),
      flightChangeMoneySentence(change.money),
      change.money.refund.amount > 0
        ? 'The refund goes to the card you paid with; we will email you when it is processed.'
        : '',
      bagsMailLine(change.bags, b.price.total.currency),
      `Your tickets were reissued with new numbers; the old ones (${change.voided.join(', ')}) are void.`,
      '',
      ...itinerary(b),
      '',
      ...passengers(b),
      '',
      `Receipt: fares ${formatMoney(b.price.fares)} · seats ${formatMoney(b.price.seats)} · ` +
        `taxes and fees ${formatMoney(b.price.taxes)} · total ${formatMoney(b.price.total)}`,
      '',
      'Your new e-ticket and receipt is attached as a PDF. You can also download it here:',
      ticketUrl,
      'Times are local at each airport.',
    ].filter((l, i, all) => l !== '' || all[i - 1] !== ''),
    brand,
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
