import { formatMoney } from '../domain/money';
import type { BagOrderItem, BagOrderRepository } from '../repositories/bag-order.repository';

/**
 * Where the extra bags added on flights being left go when one direction of a journey changes flights. The rule:
 * when the direction keeps its number of flights, each flight's bags move to the replacing flight at the same place
 * in the journey (same passenger, nothing to pay or refund: the route, cabin and fare family are the same); when the
 * number of flights differs there is no flight to carry them to one for one, so those bags are refunded in full and
 * the traveller can add bags to the new flights.
 */
export function carryBags(
  items: BagOrderItem[],
  fromFlightIds: number[],
  toFlightIds: number[],
): { items: BagOrderItem[]; refunded: number } {
  const sameShape = fromFlightIds.length === toFlightIds.length;
  const kept: BagOrderItem[] = [];
  let refunded = 0;
  for (const i of items) {
    const at = fromFlightIds.indexOf(i.flightId);
    if (at < 0) kept.push(i);
    else if (sameShape) kept.push({ ...i, flightId: toFlightIds[at]! });
    else refunded += i.amount;
  }
  return { items: kept, refunded };
}

/** What a change would do to the bags paid for on the flights left: how many move, and the refund for the rest. */
export async function bagsOnChange(
  repo: Pick<BagOrderRepository, 'forBooking'> | undefined,
  bookingId: number,
  fromFlightIds: number[],
  toFlightIds: number[],
): Promise<{ moved: number; refund: number }> {
  const orders = ((await repo?.forBooking(bookingId)) ?? []).filter((o) => o.status === 'applied');
  const onLeft = orders.flatMap((o) => o.items).filter((i) => fromFlightIds.includes(i.flightId));
  const refund = orders.reduce((s, o) => s + carryBags(o.items, fromFlightIds, toFlightIds).refunded, 0);
  return { moved: refund > 0 ? 0 : onLeft.reduce((n, i) => n + i.bags, 0), refund };
}

/** The quote's sentence about bags, or '' when none were added on the flights left. */
export function bagsSentence(bags: { moved: number; refund: string | null }): string {
  if (bags.refund) return ` The extra bags you paid for on the flights you leave are refunded (${bags.refund}).`;
  if (bags.moved > 0) return ` Your ${bags.moved === 1 ? 'extra bag moves' : 'extra bags move'} to the new flights.`;
  return '';
}

/** What a change did to the bags paid for on the flights left: how many moved, and the refund for the others. */
export interface BagsCarried {
  moved: number;
  refunded: number;
}

/**
 * Applies the rule to the booking's paid bag orders (inside the change's transaction); returns what moved and what
 * to refund.
 */
export async function moveBags(
  repo: Pick<BagOrderRepository, 'forBooking' | 'replaceItems'>,
  bookingId: number,
  fromFlightIds: number[],
  toFlightIds: number[],
  now: Date,
): Promise<BagsCarried> {
  let refunded = 0;
  let moved = 0;
  for (const o of await repo.forBooking(bookingId)) {
    if (o.status !== 'applied') continue;
    const carried = carryBags(o.items, fromFlightIds, toFlightIds);
    if (carried.items.every((i, n) => i === o.items[n]) && carried.items.length === o.items.length) continue;
    // The order keeps what it still pays for, so the view, the receipt and a later cancellation count only that.
    await repo.replaceItems(o.id, carried.items, o.amount - carried.refunded, now);
    refunded += carried.refunded;
    if (carried.refunded === 0)
      moved += o.items.filter((i) => fromFlightIds.includes(i.flightId)).reduce((n, i) => n + i.bags, 0);
  }
  return { moved, refunded };
}

/** The mail's line about the bags of a change or rebooking, or '' when there were none on the flights left. */
export function bagsMailLine(bags: BagsCarried | undefined, currency: string): string {
  if (!bags) return '';
  const refund = bags.refunded > 0 ? formatMoney({ amount: bags.refunded, currency }) : null;
  return bagsSentence({ moved: bags.moved, refund }).trim();
}
