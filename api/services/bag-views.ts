import type { BagOrderRow } from '../repositories/bag-order.repository';
import type { Money } from '../domain/types';
import type { BookingView, BookingViewSource } from './booking-view';

/** Checked bags paid for, as a view shows them (passenger index in the booking). */
export interface BagsOfView {
  orders: {
    paidAt: string;
    amount: number;
    items: { passenger: number; flightId: number; bags: number; amount: number }[];
  }[];
}

/** The paid bag orders of a booking; unpaid, replaced or expired ones add nothing. */
export function bagViews(agg: Pick<BookingViewSource, 'passengers'>, orders: BagOrderRow[]): BagsOfView {
  const index = new Map(agg.passengers.map((p) => [p.id, p.position]));
  return {
    orders: orders
      .filter((o) => o.status === 'applied')
      .map((o) => ({
        paidAt: (o.settledAt ?? o.createdAt).toISOString(),
        amount: o.amount,
        items: o.items.map((i) => ({
          passenger: index.get(i.passengerId) ?? i.passenger,
          flightId: i.flightId,
          bags: i.bags,
          amount: i.amount,
        })),
      })),
  };
}

type ViewPassenger = BookingView['passengers'][number];
type ViewFlight = Pick<BookingView['flights'][number], 'flightId' | 'flightNumber'>;

/**
 * A passenger's checked bags per flight in one line, "BA117 3 × 23 kg (2 added), BA118 1 × 23 kg", or "" when no
 * bag was added (what the fare includes is already in its conditions). Receipt mails and chat cards.
 */
export function passengerBagsText(p: ViewPassenger, flights: ViewFlight[]): string {
  if (!(p.checkedBags ?? []).some((c) => c.added > 0)) return '';
  const parts = (p.checkedBags ?? [])
    .filter((c) => c.included + c.added > 0)
    .map((c) => {
      const flight = flights.find((f) => f.flightId === c.flightId)?.flightNumber ?? String(c.flightId);
      return `${flight} ${c.included + c.added} × ${c.weightKg} kg${c.added > 0 ? ` (${c.added} added)` : ''}`;
    });
  return parts.join(', ');
}

/** Receipt lines of bags paid after booking: "Extra bags: Ada Lovelace BA117 × 2 — US$90", one per item. */
export function bagReceiptLines(b: BookingView): { label: string; amount: Money }[] {
  return (b.bags?.orders ?? []).flatMap((o) =>
    o.items.map((i) => {
      const p = b.passengers.find((x) => x.index === i.passenger);
      const f = b.flights.find((x) => x.flightId === i.flightId);
      const who = p ? `${p.firstName} ${p.lastName}` : `Passenger ${i.passenger + 1}`;
      return {
        label: `${who} ${f?.flightNumber ?? i.flightId}: ${i.bags} extra bag${i.bags === 1 ? '' : 's'}`,
        amount: i.amount,
      };
    }),
  );
}
