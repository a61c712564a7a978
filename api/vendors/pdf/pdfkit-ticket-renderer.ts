import PDFDocument from 'pdfkit';
import { PdfCursor } from './pdf-layout';
import { ticketBarcodes } from './ticket-barcodes';
import type { TicketInput, TicketRenderer } from './ticket-renderer';
import { drawBarcodes, drawFooters, drawReceipt } from './ticket-receipt';
import { drawFareRules, drawFlights, drawHeader, drawPassengers } from './ticket-sections';

export interface PdfkitTicketRendererOptions {
  /**
   * Compress page content. Off by default so that the PNR and ticket numbers stay searchable in
   * the raw file (mail filters, support tools, tests); the barcode images are compressed either way.
   */
  compress?: boolean;
}

/**
 * The e-ticket and receipt on A4 with pdfkit's standard fonts: no font files to ship, at the cost
 * of WinAnsi-only text (see pdf-text.ts). Barcodes are drawn only for confirmed bookings: a held or
 * cancelled booking must not hand the traveller something that looks valid at the airport.
 */
export class PdfkitTicketRenderer implements TicketRenderer {
  constructor(private readonly options: PdfkitTicketRendererOptions = {}) {}

  async render(input: TicketInput): Promise<Buffer> {
    const { booking, brand } = input;
    const barcodes = booking.status === 'confirmed' ? ticketBarcodes(booking, input.issuedAt) : [];

    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: 40, left: 40, right: 40, bottom: 58 },
      bufferPages: true,
      compress: this.options.compress ?? false,
      info: {
        Title: `E-ticket and receipt ${booking.pnr}`,
        Author: brand.name,
        Subject: `Booking ${booking.pnr}`,
        Keywords: `e-ticket, receipt, ${booking.pnr}`,
        CreationDate: input.issuedAt,
      },
    });
    const done = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });

    const c = new PdfCursor(doc);
    drawHeader(c, input);
    drawPassengers(c, booking);
    drawFlights(c, booking);
    drawFareRules(c, booking);
    drawReceipt(c, input);
    if (barcodes.length > 0) drawBarcodes(c, barcodes);
    drawFooters(c, input);
    doc.end();
    return done;
  }
}
