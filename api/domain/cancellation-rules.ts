import type { PriceBreakdown } from './types';
import { familyRule, FAMILY_LABEL, type FareFamily } from './fares';
import { formatMoney, fromUsdCents, roundUpToWholeUnit } from './money';

/**
 * What a cancellation refunds. Pure: everything it needs comes in.
 * - Flex fares refund in full; Standard fares refund the fare minus a fee per passenger; Basic fares
 *   refund no fare. Taxes are refunded on every fare. Seat charges are refunded with Flex only.
 * - Within 24 hours of departure Standard fares refund no fare either.
 * - The 24-hour rule: within 24 hours of booking, when departure is at least 7 days away, everything
 *   is refunded.
 * - Staff may waive the fee: everything is refunded.
 * - A journey mixing families refunds each flight by its own family; the rule text names each.
 * - Extra checked bags paid for after booking follow the fare of their flight: Flex refunds them, Standard refunds
 *   them except within 24 hours of departure (its fee is taken once, from the fare), Basic does not.
 */
export interface CancellationInput {
  paid: number;
  currency: string;
  breakdown: PriceBreakdown;
  /** Fare family of each segment, by segment position. */
  families: FareFamily[];
  /** Passengers who pay a cancellation fee (everyone but lap infants). */
  feePassengers: number;
  bookedAt: Date;
  firstDeparture: Date;
  now: Date;
  waived: boolean;
  /** Extra checked bags paid for, per segment position (amounts in minor units; optional: none). */
  bags?: { segment: number; amount: number }[];
}

export interface CancellationOutcome {
  refund: number;
  fee: number;
  rule: string;
}

const DAY = 86_400_000;

export function cancellationOutcome(i: CancellationInput): CancellationOutcome {
  const all = (rule: string) => ({ refund: i.paid, fee: 0, rule });
  if (i.waived) return all('Fee waived by our support team: full refund.');
  if (i.now.getTime() - i.bookedAt.getTime() <= DAY && i.firstDeparture.getTime() - i.bookedAt.getTime() >= 7 * DAY)
    return all('Free cancellation within 24 hours of booking: full refund.');
  const within24h = i.firstDeparture.getTime() - i.now.getTime() < DAY;
  const fareOf = (segment: number) =>
    i.breakdown.fares.filter((f) => f.segment === segment).reduce((s, f) => s + f.amount, 0);
  const strictest = ([...i.families].sort((a, b) => rank(a) - rank(b))[0] ?? 'basic') as FareFamily;
  let fareRefund = 0;
  let standardFare = 0;
  i.families.forEach((family, segment) => {
    if (family === 'flex') fareRefund += fareOf(segment);
    else if (family === 'standard' && !within24h) standardFare += fareOf(segment);
  });
  const feePerPax = roundUpToWholeUnit(fromUsdCents(familyRule('standard').cancelFeeUsd ?? 0, i.currency), i.currency);
  const standardFee = Math.min(standardFare, feePerPax * i.feePassengers);
  fareRefund += standardFare - standardFee;
  const seatRefund = i.families.every((f) => familyRule(f).seatChargesRefundable) ? i.breakdown.seatTotal : 0;
  const bags = i.bags ?? [];
  const bagTotal = bags.reduce((s, b) => s + b.amount, 0);
  const bagRefund = bags
    .filter((b) => {
      const family = i.families[b.segment];
      return family === 'flex' || (family === 'standard' && !within24h);
    })
    .reduce((s, b) => s + b.amount, 0);
  const refund = Math.min(i.paid, fareRefund + i.breakdown.taxTotal + seatRefund + bagRefund);
  const parts: string[] = [];
  if (strictest === 'flex') parts.push('Flex fare: full refund');
  else if (strictest === 'standard')
    parts.push(
      within24h
        ? 'Standard fare within 24 hours of departure: no fare refund'
        : `Standard fare: refund minus ${formatMoney({ amount: feePerPax, currency: i.currency })} per passenger`,
    );
  else parts.push(`${FAMILY_LABEL[strictest]} fare: no fare refund`);
  // A journey mixing families refunds each flight by its own family: say so for the kinder ones too.
  if (strictest === 'basic' && i.families.includes('standard') && !within24h)
    parts.push(
      `Standard flights refunded minus ${formatMoney({ amount: feePerPax, currency: i.currency })} per passenger`,
    );
  if (strictest !== 'flex' && i.families.includes('flex')) parts.push('Flex flights refunded in full');
  if (strictest !== 'flex') parts.push('taxes refunded');
  if (seatRefund === 0 && i.breakdown.seatTotal > 0) parts.push('seat charges are not refunded');
  if (bagTotal > 0) parts.push(bagLine(bagRefund, bagTotal, i.currency));
  return { refund, fee: i.paid - refund, rule: `${parts.join('; ')}.` };
}

/** What happens to extra bags, in the rule text the quote, the chat and the mail show. */
function bagLine(refunded: number, total: number, currency: string): string {
  if (refunded === total) return 'extra bags refunded';
  if (refunded === 0) return 'extra bags are not refunded';
  const m = (amount: number) => formatMoney({ amount, currency });
  return `extra bags: ${m(refunded)} of ${m(total)} refunded`;
}

function rank(f: FareFamily): number {
  return f === 'basic' ? 0 : f === 'standard' ? 1 : 2;
}
