import { boardingPassRows } from '../shared/boarding-pass';
import type { CardView } from '../types';
import { card, facts, heading } from './elements';
import type { AdaptiveCardJson } from './schema';

/** boarding_pass: the details, the barcode image to scan from the screen, and the PDF. */
export function boardingPassCard(v: Extract<CardView, { kind: 'boarding_pass' }>): AdaptiveCardJson {
  const p = v.pass;
  return card(
    [
      heading(`Boarding pass ${p.flightNumber}`, 'large'),
      facts(boardingPassRows(p)),
      { type: 'Image', url: p.imageUrl, altText: `Boarding pass barcode for ${p.name}`, size: 'stretch' },
    ],
    [{ type: 'Action.OpenUrl', title: 'Boarding pass (PDF)', url: p.pdfUrl }],
    `Boarding pass ${p.flightNumber} for ${p.name}: ${p.pdfUrl}`,
  );
}
