import PDFDocument from 'pdfkit';
import type { BookingView } from '../../services/booking-view';
import { COLORS } from './pdf-layout';
import { localTimeText, PASSENGER_TYPE_LABEL, safeText } from './pdf-text';
import { pdf417Png } from './ticket-barcodes';
import type { TicketBrand } from './ticket-renderer';

/** One boarding pass: a passenger on a flight, checked in. */
export interface BoardingPassInput {
  booking: BookingView;
  passenger: BookingView['passengers'][number];
  flight: BookingView['flights'][number];
  /** The BCBP string (document type 'B') the barcode encodes. */
  bcbp: string;
  sequence: number;
  /** "•••• 4821": the document as it may be printed. */
  document: string;
  /** When the gate closes, local ISO time at the origin. */
  gateClosesTime: string;
  issuedAt: Date;
  brand: TicketBrand;
}

/** The boarding pass as an A5 PDF with the PDF417 barcode (pdfkit's standard fonts, text kept searchable). */
export function renderBoardingPassPdf(input: BoardingPassInput): Promise<Buffer> {
  const { booking, passenger: p, flight: f } = input;
  const doc = new PDFDocument({
    size: 'A5',
    margin: 36,
    compress: false,
    info: { Title: `Boarding pass ${booking.pnr} ${f.flightNumber}`, Author: input.brand.name },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) => {
    doc.font('Helvetica').fontSize(8).fillColor(COLORS.muted).text(label.toUpperCase());
    doc.font('Helvetica-Bold').fontSize(13).fillColor(COLORS.ink).text(safeText(value)).moveDown(0.4);
  };
  doc
    .font('Helvetica-Bold')
    .fontSize(18)
    .fillColor(COLORS.accent)
    .text(`${safeText(input.brand.name)} boarding pass`);
  doc.moveDown(0.6);
  line('Passenger', `${p.lastName.toUpperCase()}/${p.firstName}  (${PASSENGER_TYPE_LABEL[p.type]})`);
  line('Flight', `${f.flightNumber}  ${f.origin.code} to ${f.destination.code}`);
  line('Departs', localTimeText(f.departureTime));
  line('Gate closes', localTimeText(input.gateClosesTime));
  const seat = p.type === 'INF' ? 'Infant on lap' : (p.seats[String(f.flightId)] ?? 'Assigned at the gate');
  line('Seat / sequence', `${seat}  /  ${String(input.sequence).padStart(3, '0')}`);
  line('Booking reference / e-ticket', `${booking.pnr}  /  ${p.ticketNumber ?? '-'}`);
  line('Travel document', input.document);
  doc.moveDown(0.4);
  doc.image(pdf417Png(input.bcbp, 2), { fit: [doc.page.width - 72, 110] });
  doc.moveDown(0.6);
  doc
    .font('Helvetica')
    .fontSize(8)
    .fillColor(COLORS.muted)
    .text(`Issued ${input.issuedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. ${input.brand.supportEmail}`);
  doc.end();
  return done;
}
