import { safeText } from './pdf-text';

/** A vertical cursor over a pdfkit document: blocks ask for room first, so none is split by a page break. */

export const COLORS = {
  ink: '#16181d',
  muted: '#5f6673',
  accent: '#0b3d91',
  rule: '#cfd6e2',
  panel: '#f2f5fa',
  ok: '#1b7f3b',
  warn: '#b3261e',
} as const;

export type FontName = 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique' | 'Courier' | 'Courier-Bold';

export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
  /** Wraps within this width; without it the text stays on one line. */
  width?: number;
  align?: 'left' | 'right' | 'center';
  /** One-line text longer than this is cut with an ellipsis instead of running into the next column. */
  maxWidth?: number;
}

export class PdfCursor {
  y: number;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.y = doc.page.margins.top;
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get right(): number {
    return this.left + this.width;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) {
      this.doc.addPage();
      this.y = this.doc.page.margins.top;
    }
  }

  private style(s: TextStyle): void {
    this.doc
      .font(s.font ?? 'Helvetica')
      .fontSize(s.size ?? 10)
      .fillColor(s.color ?? COLORS.ink);
  }

  /** Height `text` will take in `style`. */
  measure(text: string, s: TextStyle = {}): number {
    this.style(s);
    return this.doc.heightOfString(safeText(text), s.width !== undefined ? { width: s.width } : { lineBreak: false });
  }

  widthOf(text: string, s: TextStyle = {}): number {
    this.style(s);
    return this.doc.widthOfString(safeText(text));
  }

  /** Draws text at (x, y) without moving the cursor; returns the height used. */
  text(text: string, x: number, y: number, s: TextStyle = {}): number {
    this.style(s);
    const str = s.maxWidth !== undefined ? this.ellipsize(safeText(text), s.maxWidth) : safeText(text);
    if (s.width !== undefined) {
      this.doc.text(str, x, y, { width: s.width, align: s.align ?? 'left' });
    } else {
      // No width: pdfkit does not wrap, so it never breaks the page under us either.
      const dx = s.align === 'right' ? -this.doc.widthOfString(str) : 0;
      this.doc.text(str, x + dx, y, { lineBreak: false });
    }
    return this.measure(text, s);
  }

  private ellipsize(str: string, maxWidth: number): string {
    if (this.doc.widthOfString(str) <= maxWidth) return str;
    let cut = str;
    while (cut.length > 1 && this.doc.widthOfString(`${cut}…`) > maxWidth) cut = cut.slice(0, -1);
    return `${cut.trimEnd()}…`;
  }

  rule(y = this.y, color: string = COLORS.rule): void {
    this.doc.save().moveTo(this.left, y).lineTo(this.right, y).lineWidth(0.6).strokeColor(color).stroke().restore();
  }

  panel(x: number, y: number, w: number, h: number, color: string = COLORS.panel): void {
    this.doc.save().rect(x, y, w, h).fill(color).restore();
  }

  /** A section title with a rule under it, kept on the page with at least `keep` points of what follows. */
  heading(title: string, keep = 60): void {
    this.ensure(30 + keep);
    this.y += 12;
    this.text(title, this.left, this.y, { font: 'Helvetica-Bold', size: 12, color: COLORS.accent });
    this.y += 17;
    this.rule();
    this.y += 7;
  }
}
