import { boardingPassRows } from '../shared/boarding-pass';
import type { CardView } from '../types';

/** boarding_pass in text (SMS, terminal): the details, then the barcode (an image link) and the PDF. */
export function boardingPassLines(v: Extract<CardView, { kind: 'boarding_pass' }>): string[] {
  const p = v.pass;
  return [
    ...boardingPassRows(p).map((r) => `${r.label}: ${r.value}`),
    `Barcode to show at the gate: ${p.imageUrl}`,
    `PDF: ${p.pdfUrl}`,
  ];
}
