import { isMultiCity, tripPartName } from '../../api/domain/multi-city';
import type { BookingStatus, Money, PassengerType } from '../../api/domain/types';
import { type FareConditions, seatChoiceSummary } from '../../api/domain/fares';
import { formatMoney } from '../../api/domain/money';
import { passengerBagsText } from '../../api/services/bag-views';
import type { BookingDraftView, BookingView } from '../../api/services/booking-view';
import type { Offer } from '../../api/services/search.service';
import { formatDayOffset, formatDuration, formatLocalDate, formatLocalTime } from './format';

/** Channel-neutral phrases for offers, fares and bookings; every renderer builds on these. */

/** "08:20–11:15" plus " +1" for a next-day arrival (separator and arrow are chosen by the caller). */
export function timesLabel(departure: string, arrival: string, dash = '–'): string {
  const plus = formatDayOffset(departure, arrival);
  return `${formatLocalTime(departure)}${dash}${formatLocalTime(arrival)}${plus ? ` ${plus}` : ''}`;
}

/** Times of a whole offer: first departure to last arrival. */
export function offerTimes(offer: Offer, dash = '–'): string {
  return timesLabel(offer.departureTime, offer.arrivalTime, dash);
}

/** "LHR→JFK" (origin and final destination codes). */
export function offerRoute(offer: Offer, arrow = '→'): string {
  const first = offer.segments[0];
  const last = offer.segments[offer.segments.length - 1];
  return `${first?.origin.code ?? '?'}${arrow}${last?.destination.code ?? '?'}`;
}

/** "Nonstop", "1 stop ORD 1h 15m", "2 stops ORD 1h 15m, DFW 2h". */
export function offerStops(offer: Offer): string {
  if (offer.stops === 0 || offer.layovers.length === 0) return offer.stops === 0 ? 'Nonstop' : `${offer.stops} stops`;
  const where = offer.layovers.map((l) => `${l.airport} ${formatDuration(l.minutes)}`).join(', ');
  return `${offer.stops} stop${offer.stops === 1 ? '' : 's'} ${where}`;
}

/** "BA117" or "AA87/AA1234" for a connection. */
export function offerFlightNumbers(offer: Offer): string {
  return offer.segments.map((s) => s.flightNumber).join('/');
}

/** Distinct airline names of an offer: "British Airways" or "American Airlines / Iberia". */
export function offerAirlines(offer: Offer): string {
  return [...new Set(offer.segments.map((s) => s.airline.name))].join(' / ');
}

/** "from £467". */
export function fromPrice(price: Money): string {
  return `from ${formatMoney(price)}`;
}

/** Readable condition lines of a fare: changes, refund, bags, seat choice (fees per passenger). */
export function conditionLines(c: FareConditions): string[] {
  const change = !c.changeable
    ? 'No changes'
    : !c.changeFee || c.changeFee.amount === 0
      ? 'Free changes'
      : `Changes ${formatMoney(c.changeFee)} per passenger`;
  const refund = !c.refundable
    ? 'No refund (taxes refunded)'
    : !c.cancellationFee || c.cancellationFee.amount === 0
      ? 'Full refund'
      : `Refund minus ${formatMoney(c.cancellationFee)} per passenger`;
  const bags = c.checkedBags === 0 ? 'Cabin bag only' : `${c.checkedBags} checked bag${c.checkedBags > 1 ? 's' : ''}`;
  // The same words as the fare's summary, from the same list of free tiers that prices the seats.
  return [change, refund, bags, seatChoiceSummary(c.freeSeatTiers)];
}

/** "3 seats left" when few remain (at most 5), else null. */
export function seatsLeftLabel(seatsLeft: number): string | null {
  if (seatsLeft <= 0 || seatsLeft > 5) return null;
  return `${seatsLeft} seat${seatsLeft === 1 ? '' : 's'} left`;
}

type BookingFlight = BookingDraftView['flights'][number];

/** One part of an itinerary (a direction, or a leg of a multi-city trip): its title ("Outbound · Tue 1 Dec") and flights. */
export interface ItineraryLeg {
  title: string;
  flights: BookingFlight[];
}

/** Flights grouped by leg of the trip (outbound and return, or the legs of a multi-city trip), in segment order. */
export function itineraryLegs(flights: BookingFlight[]): ItineraryLeg[] {
  const sorted = [...flights].sort((a, b) => a.segment - b.segment);
  const multiCity = isMultiCity(sorted);
  const legs: ItineraryLeg[] = [];
  for (const leg of [...new Set(sorted.map((f) => f.leg))].sort((a, b) => a - b)) {
    const list = sorted.filter((f) => f.leg === leg);
    const first = list[0]!;
    const name = tripPartName(first, multiCity);
    legs.push({
      title: first.departureTime ? `${name} · ${formatLocalDate(first.departureTime)}` : name,
      flights: list,
    });
  }
  return legs;
}

/** "18:30–06:20 +1 LHR→JFK BA117" for one booked flight. */
export function flightLine(f: BookingFlight, arrow = '→', dash = '–'): string {
  const times = f.departureTime && f.arrivalTime ? `${timesLabel(f.departureTime, f.arrivalTime, dash)} ` : '';
  return `${times}${f.origin.code}${arrow}${f.destination.code} ${f.flightNumber}`;
}

const PASSENGER_TYPE: Record<PassengerType, string> = { ADT: 'adult', CHD: 'child', INF: 'infant' };

/** "adult", "child", "infant". */
export function passengerTypeLabel(type: PassengerType): string {
  return PASSENGER_TYPE[type];
}

type BookingPassenger = BookingDraftView['passengers'][number];

/** "Ada Lovelace". */
export function passengerName(p: BookingPassenger): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

/**
 * "BA117 12A, BA118 14C" (flights without a seat say "no seat"), with special request codes on their flight
 * ("BA117 12A (VGML, WCHR)"); a lap infant shows only its requests ("BA117 BBML"), else "".
 */
export function passengerSeats(p: BookingPassenger, flights: BookingFlight[]): string {
  const sorted = [...flights].sort((a, b) => a.segment - b.segment);
  const codes = (f: BookingFlight) =>
    (p.specialRequests ?? []).filter((r) => r.flightId === f.flightId).map((r) => r.code);
  if (p.type === 'INF')
    return sorted
      .filter((f) => codes(f).length > 0)
      .map((f) => `${f.flightNumber} ${codes(f).join(', ')}`)
      .join(', ');
  const seats = sorted
    .map((f) => {
      const asked = codes(f);
      const seat = p.seats[String(f.flightId)] ?? 'no seat';
      return `${f.flightNumber} ${seat}${asked.length > 0 ? ` (${asked.join(', ')})` : ''}`;
    })
    .join(', ');
  // Extra bags paid for after booking; what the fare includes is in its conditions.
  const bags = passengerBagsText(p, sorted);
  return bags ? `${seats}; checked bags ${bags}` : seats;
}

/** Distinct fares of a booking with their conditions. */
export function fareSummaries(flights: BookingFlight[]): { name: string; conditions: FareConditions }[] {
  const seen = new Map<string, FareConditions>();
  for (const f of flights) if (!seen.has(f.fareName)) seen.set(f.fareName, f.conditions);
  return [...seen].map(([name, conditions]) => ({ name, conditions }));
}

/** Price breakdown rows: fares, seats (when any), taxes and fees, total (last). */
export function priceRows(price: BookingDraftView['price']): { label: string; value: string }[] {
  const rows = [{ label: 'Fares', value: formatMoney(price.fares) }];
  if (price.seats.amount > 0) rows.push({ label: 'Seats', value: formatMoney(price.seats) });
  rows.push(
    { label: 'Taxes and fees', value: formatMoney(price.taxes) },
    { label: 'Total', value: formatMoney(price.total) },
  );
  return rows;
}

const STATUS: Record<BookingStatus, string> = {
  held: 'On hold',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** "Confirmed", "On hold" … */
export function statusLabel(status: BookingStatus): string {
  return STATUS[status];
}

/** "Refund £1,004.40 (pending)" per refund of a booking. */
export function refundLines(booking: BookingView): string[] {
  return (booking.refunds ?? []).map((r) => `Refund ${formatMoney(r.amount)} (${r.status})`);
}

/** Ticket numbers per passenger: "Ada Lovelace: 125-2400000001". */
export function ticketLines(booking: BookingView): string[] {
  return booking.passengers.filter((p) => p.ticketNumber).map((p) => `${passengerName(p)}: ${p.ticketNumber ?? ''}`);
}
