import type { BookingView } from '../../api/services/booking-view';

/**
 * "Ada Lovelace · BA117 · WCHR Wheelchair to the aircraft door (can climb steps)": each special request of a
 * booking with what its code means, for agents (the traveller's card shows the codes beside the seats).
 */
export function specialRequestLines(b: Pick<BookingView, 'flights' | 'passengers'>): string[] {
  const flightNumber = new Map(b.flights.map((f) => [f.flightId, f.flightNumber]));
  return b.passengers.flatMap((p) =>
    (p.specialRequests ?? []).map(
      (r) =>
        `${`${p.firstName} ${p.lastName}`.trim()} · ${flightNumber.get(r.flightId) ?? `flight ${r.flightId}`} · ` +
        `${r.code} ${r.label}`,
    ),
  );
}
