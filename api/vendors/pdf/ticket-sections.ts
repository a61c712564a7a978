import { CABIN_LABEL, FAMILY_LABEL } from '../../domain/fares';
import { isMultiCity, tripPartName } from '../../domain/multi-city';
import type { BookingView } from '../../services/booking-view';
import { COLORS, type PdfCursor } from './pdf-layout';
import { durationText, localTimeText, moneyText, PASSENGER_TYPE_LABEL, utcText } from './pdf-text';
import type { TicketInput } from './ticket-renderer';

/** The itinerary half of the e-ticket: header, booking reference, passengers, flights, fare rules. */

type Flight = BookingView['flights'][number];
type Passenger = BookingView['passengers'][number];

export function passengerName(p: Passenger): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

const STATUS_LABEL: Record<BookingView['status'], { text: string; color: string }> = {
  confirmed: { text: 'CONFIRMED', color: COLORS.ok },
  held: { text: 'ON HOLD, NOT PAID', color: COLORS.warn },
  cancelled: { text: 'CANCELLED', color: COLORS.warn },
  expired: { text: 'EXPIRED', color: COLORS.warn },
};

export function drawHeader(c: PdfCursor, input: TicketInput): void {
  const { booking, brand } = input;
  c.text(brand.name, c.left, c.y, { font: 'Helvetica-Bold', size: 20, color: COLORS.accent });
  c.text('E-ticket and receipt', c.right, c.y + 5, { font: 'Helvetica-Bold', size: 14, align: 'right' });
  c.y += 28;
  c.text(`Issued ${utcText(input.issuedAt)}`, c.left, c.y, { size: 9, color: COLORS.muted });
  c.text(`Contact ${booking.contact.email}`, c.right, c.y, { size: 9, color: COLORS.muted, align: 'right' });
  c.y += 16;

  const h = 66;
  c.panel(c.left, c.y, c.width, h);
  c.text('Booking reference (PNR)', c.left + 14, c.y + 10, { size: 9, color: COLORS.muted });
  c.text(booking.pnr, c.left + 14, c.y + 24, { font: 'Courier-Bold', size: 30 });
  const sx = c.left + c.width * 0.55;
  const status = STATUS_LABEL[booking.status];
  c.text('Status', sx, c.y + 10, { size: 9, color: COLORS.muted });
  c.text(status.text, sx, c.y + 24, { font: 'Helvetica-Bold', size: 15, color: status.color });
  if (booking.status !== 'confirmed') {
    c.text('Not valid for travel.', sx, c.y + 44, { size: 9, color: COLORS.warn });
  } else if (booking.confirmedAt) {
    c.text(`Confirmed ${utcText(new Date(booking.confirmedAt))}`, sx, c.y + 44, { size: 9, color: COLORS.muted });
  }
  c.y += h + 4;
}

export function drawPassengers(c: PdfCursor, booking: BookingView): void {
  c.heading('Passengers', 36);
  const cols = [c.left, c.left + 250, c.left + 360];
  const head = { size: 8, color: COLORS.muted };
  c.text('Passenger', cols[0] ?? 0, c.y, head);
  c.text('Type', cols[1] ?? 0, c.y, head);
  c.text('E-ticket number', cols[2] ?? 0, c.y, head);
  c.y += 13;
  for (const p of booking.passengers) {
    c.ensure(17);
    c.text(passengerName(p), cols[0] ?? 0, c.y, { font: 'Helvetica-Bold', size: 10, maxWidth: 240 });
    c.text(PASSENGER_TYPE_LABEL[p.type], cols[1] ?? 0, c.y, { size: 10 });
    if (p.ticketNumber) c.text(p.ticketNumber, cols[2] ?? 0, c.y, { font: 'Courier-Bold', size: 10.5 });
    else c.text('Not issued yet', cols[2] ?? 0, c.y, { size: 10, color: COLORS.muted });
    c.y += 17;
  }
}

/** The passenger's special request codes on a flight, e.g. " (VGML, WCHR)", or "". */
function requestCodes(p: Passenger, f: Flight): string {
  const codes = (p.specialRequests ?? []).filter((r) => r.flightId === f.flightId).map((r) => r.code);
  return codes.length > 0 ? ` (${codes.join(', ')})` : '';
}

/** The passenger's checked bags on a flight, e.g. ", 3 bags (2 added)", or "" without any. */
function bagsOn(p: Passenger, f: Flight): string {
  const c = (p.checkedBags ?? []).find((x) => x.flightId === f.flightId);
  if (!c || c.included + c.added === 0) return '';
  const n = c.included + c.added;
  return `, ${n} bag${n === 1 ? '' : 's'} ${c.weightKg} kg${c.added > 0 ? ` (${c.added} added)` : ''}`;
}

function seatsLine(booking: BookingView, f: Flight): string {
  const parts = booking.passengers.map((p) => {
    const seat = p.type === 'INF' ? 'on lap' : (p.seats[String(f.flightId)] ?? 'not assigned');
    return `${passengerName(p)}: ${seat}${requestCodes(p, f)}${bagsOn(p, f)}`;
  });
  return `Seats  ${parts.join('  ·  ')}`;
}

function minutesBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
}

function drawFlight(c: PdfCursor, booking: BookingView, f: Flight, label: string): void {
  const inner = c.width - 16;
  const seats = seatsLine(booking, f);
  const seatsH = c.measure(seats, { size: 9, width: inner });
  const h = 104 + seatsH;
  c.ensure(h + 6);
  const x = c.left + 12;
  const top = c.y;
  c.panel(c.left, top, 3, h - 6, COLORS.accent);
  c.text(`${label}  ·  ${f.flightNumber}  ·  ${f.airline.name}`, x, top, {
    font: 'Helvetica-Bold',
    size: 11,
    maxWidth: c.width * 0.68,
  });
  c.text(f.fareName, c.right, top + 1, { font: 'Helvetica-Bold', size: 10, color: COLORS.accent, align: 'right' });
  c.text(`${f.origin.city} (${f.origin.code})  to  ${f.destination.city} (${f.destination.code})`, x, top + 17, {
    size: 13,
    maxWidth: inner,
  });

  const half = (c.width - 12) / 2;
  const cols: [number, string, string, string][] = [
    [x, 'Departs', f.departureTime, f.origin.name],
    [x + half, 'Arrives', f.arrivalTime, f.destination.name],
  ];
  for (const [cx, what, time, airport] of cols) {
    c.text(what, cx, top + 38, { size: 8, color: COLORS.muted });
    c.text(localTimeText(time), cx, top + 49, { font: 'Helvetica-Bold', size: 10 });
    c.text(`${airport} (${what === 'Departs' ? f.origin.code : f.destination.code})`, cx, top + 62, {
      size: 9,
      color: COLORS.muted,
      maxWidth: half - 10,
    });
  }
  const details = [
    `Duration ${durationText(f.durationMinutes)}`,
    `Aircraft ${f.aircraft.name}`,
    `Cabin ${CABIN_LABEL[f.cabin]}`,
    `Fare family ${FAMILY_LABEL[f.fareFamily]}`,
  ];
  c.text(details.join('  ·  '), x, top + 79, { size: 9, maxWidth: inner });
  c.text(seats, x, top + 93, { size: 9, width: inner });
  c.y = top + h;
}

export function drawFlights(c: PdfCursor, booking: BookingView): void {
  c.heading('Flights', 120);
  const flights = booking.flights;
  const multiCity = isMultiCity(flights);
  flights.forEach((f, i) => {
    const sameWay = flights.filter((g) => g.leg === f.leg);
    const pos = sameWay.indexOf(f) + 1;
    const way = tripPartName(f, multiCity);
    drawFlight(c, booking, f, sameWay.length > 1 ? `${way} ${pos}/${sameWay.length}` : way);
    const next = flights[i + 1];
    if (next && next.leg === f.leg) {
      const wait = minutesBetween(f.arrivalUtc, next.departureUtc);
      const change = next.origin.code !== f.destination.code ? ` (change of airport to ${next.origin.code})` : '';
      c.ensure(18);
      c.text(
        `Connection in ${f.destination.city} (${f.destination.code}): ${durationText(wait)}${change}`,
        c.left + 12,
        c.y - 2,
        {
          font: 'Helvetica-Oblique',
          size: 9,
          color: COLORS.muted,
        },
      );
      c.y += 14;
    }
  });
}

/** Fees are per passenger, in the booking currency. */
function feesLine(f: Flight): string {
  const k = f.conditions;
  const change = !k.changeable
    ? 'Changes not permitted'
    : !k.changeFee || k.changeFee.amount === 0
      ? 'Changes free of charge'
      : `Change fee ${moneyText(k.changeFee)} per passenger`;
  const cancel = !k.refundable
    ? 'Non-refundable (taxes are refunded)'
    : !k.cancellationFee || k.cancellationFee.amount === 0
      ? 'Full refund on cancellation'
      : `Cancellation fee ${moneyText(k.cancellationFee)} per passenger`;
  return `${change}  ·  ${cancel}`;
}

export function drawFareRules(c: PdfCursor, booking: BookingView): void {
  c.heading('Fare rules', 40);
  // One entry per fare: a round trip in one fare family reads as one rule, not two.
  const groups = new Map<string, Flight[]>();
  for (const f of booking.flights) {
    const key = `${f.fareName}|${f.conditions.summary}|${feesLine(f)}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  for (const flights of groups.values()) {
    const f = flights[0];
    if (!f) continue;
    const summary = f.conditions.summary;
    const h =
      14 + c.measure(summary, { size: 9, width: c.width }) + c.measure(feesLine(f), { size: 9, width: c.width }) + 8;
    c.ensure(h);
    c.text(`${f.fareName}: ${flights.map((g) => g.flightNumber).join(', ')}`, c.left, c.y, {
      font: 'Helvetica-Bold',
      size: 10,
    });
    c.y += 14;
    c.y += c.text(summary, c.left, c.y, { size: 9, width: c.width });
    c.y += c.text(feesLine(f), c.left, c.y, { size: 9, width: c.width, color: COLORS.muted }) + 8;
  }
}
