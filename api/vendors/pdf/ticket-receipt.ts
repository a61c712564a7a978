import type { Money, PassengerType } from '../../domain/types';
import { bagReceiptLines } from '../../services/bag-views';
import type { BookingView } from '../../services/booking-view';
import { COLORS, type PdfCursor } from './pdf-layout';
import { moneyText, PASSENGER_TYPE_LABEL, shortDateText, utcDateText, utcText } from './pdf-text';
import type { TicketBarcode } from './ticket-barcodes';
import type { TicketInput } from './ticket-renderer';
import { passengerName } from './ticket-sections';

/** The money half of the e-ticket (receipt), the barcode cards and the page footer. */

function moneyRow(
  c: PdfCursor,
  label: string,
  amount: string,
  opts: { bold?: boolean; indent?: boolean; muted?: boolean } = {},
): void {
  c.ensure(15);
  const style = {
    font: opts.bold ? ('Helvetica-Bold' as const) : ('Helvetica' as const),
    size: opts.bold ? 11 : 10,
    color: opts.muted ? COLORS.muted : COLORS.ink,
  };
  c.text(label, c.left + (opts.indent ? 14 : 0), c.y, { ...style, maxWidth: c.width - 130 });
  c.text(amount, c.right, c.y, { ...style, align: 'right' });
  c.y += opts.bold ? 17 : 15;
}

interface PaymentLine {
  provider: string;
  reference: string | null;
  amount: Money;
  paidAt: Date | null;
}

function paymentOf(input: TicketInput): PaymentLine | null {
  if (input.payment !== undefined) return input.payment;
  const p = input.booking.payment;
  return p
    ? { provider: p.provider, reference: p.reference, amount: p.amount, paidAt: p.paidAt ? new Date(p.paidAt) : null }
    : null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function drawReceipt(c: PdfCursor, input: TicketInput): void {
  const { booking } = input;
  const payment = paymentOf(input);
  const price = booking.price;
  const m = (amount: number): Money => ({ amount, currency: price.total.currency });
  c.heading('Receipt', 90);

  moneyRow(c, 'Air fares', moneyText(price.fares));
  const byType = new Map<PassengerType, { amount: number; passengers: number; flights: Set<number> }>();
  for (const line of price.breakdown.fares) {
    const t = byType.get(line.passengerType) ?? { amount: 0, passengers: 0, flights: new Set<number>() };
    t.amount += line.amount;
    t.passengers = Math.max(t.passengers, line.count);
    t.flights.add(line.segment);
    byType.set(line.passengerType, t);
  }
  for (const [type, t] of byType) {
    moneyRow(
      c,
      `${PASSENGER_TYPE_LABEL[type]}: ${t.passengers} × ${plural(t.flights.size, 'flight')}`,
      moneyText(m(t.amount)),
      { indent: true, muted: true },
    );
  }

  const paidSeats = price.breakdown.seats.filter((s) => s.amount > 0).length;
  moneyRow(
    c,
    paidSeats > 0 ? `Seat selection (${plural(paidSeats, 'seat')})` : 'Seat selection',
    price.seats.amount > 0 ? moneyText(price.seats) : 'Included',
  );

  moneyRow(c, 'Taxes, fees and charges', moneyText(price.taxes));
  for (const tax of price.breakdown.taxes) {
    moneyRow(c, `${tax.code}  ${tax.description}`, moneyText(m(tax.amount)), { indent: true, muted: true });
  }
  c.ensure(24);
  c.y += 2;
  c.rule(c.y, COLORS.ink);
  c.y += 6;
  moneyRow(c, 'Total', moneyText(price.total), { bold: true });

  c.ensure(66);
  c.y += 4;
  if (payment) {
    moneyRow(c, 'Total paid', moneyText(payment.amount), { bold: true });
    const lines = [
      `Paid by ${payment.provider}`,
      payment.reference ? `Payment reference ${payment.reference}` : '',
      payment.paidAt ? `Paid on ${utcText(payment.paidAt)}` : '',
    ].filter((l) => l !== '');
    for (const line of lines) {
      c.text(line, c.left, c.y, { size: 9, color: COLORS.muted, maxWidth: c.width });
      c.y += 12;
    }
  } else {
    c.text(
      booking.status === 'held' ? 'Not paid yet: this booking is on hold.' : 'No payment recorded for this booking.',
      c.left,
      c.y,
      { size: 10, color: COLORS.warn },
    );
    c.y += 14;
  }
  drawExtraBags(c, booking);
  drawRefunds(c, booking.refunds, payment);
}

/** Checked bags bought after booking: paid by their own links, so listed apart from the booking's total. */
function drawExtraBags(c: PdfCursor, booking: BookingView): void {
  const lines = bagReceiptLines(booking);
  if (lines.length === 0 || !booking.bags) return;
  c.y += 6;
  moneyRow(c, 'Extra checked bags (paid separately)', moneyText(booking.bags.total), { bold: true });
  for (const l of lines) moneyRow(c, l.label, moneyText(l.amount), { indent: true, muted: true });
}

function drawRefunds(c: PdfCursor, refunds: BookingView['refunds'], payment: PaymentLine | null): void {
  if (refunds.length === 0) return;
  c.y += 6;
  for (const r of refunds) {
    const when = utcDateText(new Date(r.createdAt));
    moneyRow(
      c,
      `Refund ${r.status === 'succeeded' ? '' : `(${r.status}) `}${when}${r.reason ? ` – ${r.reason}` : ''}`,
      `-${moneyText(r.amount)}`,
      { muted: r.status !== 'succeeded' },
    );
  }
  // Net only over refunds that went through, and only when they are in the payment's currency.
  const done = refunds.filter((r) => r.status === 'succeeded');
  if (payment && done.length > 0 && done.every((r) => r.amount.currency === payment.amount.currency)) {
    const net = payment.amount.amount - done.reduce((sum, r) => sum + r.amount.amount, 0);
    moneyRow(c, 'Net paid', moneyText({ amount: net, currency: payment.amount.currency }), { bold: true });
  }
}

const CARD_H = 128;
const CARD_GAP = 12;

export function drawBarcodes(c: PdfCursor, barcodes: TicketBarcode[]): void {
  c.heading('Barcodes', 30 + CARD_H + CARD_GAP);
  c.text(
    'One barcode per passenger and flight (IATA BCBP) for airport kiosks ' +
      'and bag drops. It is not a boarding pass: check in with the airline ' +
      'to get one.',
    c.left,
    c.y,
    { size: 9, color: COLORS.muted, width: c.width },
  );
  c.y += 26;
  const w = (c.width - CARD_GAP) / 2;
  barcodes.forEach((b, i) => {
    const col = i % 2;
    if (col === 0) c.ensure(CARD_H + CARD_GAP);
    const x = c.left + col * (w + CARD_GAP);
    const y = c.y;
    const f = b.flight;
    c.doc.save().roundedRect(x, y, w, CARD_H, 4).lineWidth(0.6).strokeColor(COLORS.rule).stroke().restore();
    c.text(`${passengerName(b.passenger)}  (${PASSENGER_TYPE_LABEL[b.passenger.type]})`, x + 10, y + 9, {
      font: 'Helvetica-Bold',
      size: 9.5,
      maxWidth: w - 20,
    });
    const seat = b.passenger.type === 'INF' ? 'on lap' : (b.passenger.seats[String(f.flightId)] ?? 'not assigned');
    c.text(
      `${f.flightNumber}  ${f.origin.code}-` +
        `${f.destination.code}  ·  ` +
        `${shortDateText(f.departureTime)}  ·  Seat ${seat}`,
      x + 10,
      y + 22,
      { size: 9, color: COLORS.muted, maxWidth: w - 20 },
    );
    if (b.png) {
      c.doc.image(b.png, x + 10, y + 38, { fit: [w - 20, CARD_H - 46], align: 'center', valign: 'center' });
    } else {
      c.text('Barcode not available for this flight.', x + 10, y + 60, { size: 9, color: COLORS.warn });
    }
    if (col === 1 || i === barcodes.length - 1) c.y += CARD_H + CARD_GAP;
  });
}

/** Drawn on every buffered page once the content is done, so it can say "page i of n". */
export function drawFooters(c: PdfCursor, input: TicketInput): void {
  const doc = c.doc;
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit start a new page; lift the margin meanwhile.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 12;
    c.rule(y - 6);
    const { brand, booking } = input;
    c.text(`${brand.name} support: ${brand.supportEmail}  ·  ${brand.supportPhone}`, c.left, y, {
      size: 8,
      color: COLORS.muted,
    });
    c.text(`Times are local at each airport.  Booking ${booking.pnr}.`, c.left, y + 11, {
      size: 8,
      color: COLORS.muted,
    });
    c.text(`Page ${i - range.start + 1} of ${range.count}`, c.right, y, {
      size: 8,
      color: COLORS.muted,
      align: 'right',
    });
    doc.page.margins.bottom = margin;
  }
}
