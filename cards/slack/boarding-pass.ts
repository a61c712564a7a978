import { boardingPassRows } from '../shared/boarding-pass';
import type { CardView } from '../types';
import { actions, type ActionIds, fieldsSection, header, linkButton, type SlackBlock } from './blocks';

/** boarding_pass: the details, the barcode image and a button to the PDF. */
export function boardingPassBlocks(v: Extract<CardView, { kind: 'boarding_pass' }>, ids: ActionIds): SlackBlock[] {
  const p = v.pass;
  return [
    header(`Boarding pass ${p.flightNumber}`),
    fieldsSection(boardingPassRows(p)),
    { type: 'image', image_url: p.imageUrl, alt_text: `Boarding pass barcode for ${p.name}` },
    ...actions([linkButton(ids, 'Boarding pass (PDF)', p.pdfUrl)]),
  ];
}
