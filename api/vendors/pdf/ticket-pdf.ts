import { PdfkitTicketRenderer, type PdfkitTicketRendererOptions } from './pdfkit-ticket-renderer';
import type { TicketInput } from './ticket-renderer';

/** Entry point of the e-ticket PDF: the renderer, its types, and a one-call helper. */

export { PdfkitTicketRenderer, type PdfkitTicketRendererOptions } from './pdfkit-ticket-renderer';
export type { TicketBrand, TicketInput, TicketPayment, TicketRenderer } from './ticket-renderer';

export function renderTicketPdf(input: TicketInput, options?: PdfkitTicketRendererOptions): Promise<Buffer> {
  return new PdfkitTicketRenderer(options).render(input);
}
