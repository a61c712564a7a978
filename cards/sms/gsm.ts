/**
 * GSM 03.38: which texts fit the 7-bit default alphabet, how many segments they take, and a
 * conversion of typographic punctuation to GSM-7 equivalents so messages are not sent as UCS-2.
 */

/** Basic character set (one septet each), without ESC. */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Extension table (ESC + one septet: two each). */
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set([...GSM_BASIC]);
const EXTENSION = new Set([...GSM_EXTENSION]);

/** True when the character is in the GSM-7 basic set or its extension table. */
export function isGsmChar(ch: string): boolean {
  return BASIC.has(ch) || EXTENSION.has(ch);
}

/** Result of smsEncoding. */
export interface SmsEncoding {
  encoding: 'GSM-7' | 'UCS-2';
  /** Segments the text is sent in (0 for an empty text). */
  segments: number;
  /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
  units: number;
}

/**
 * Segments for items of the given unit sizes: one if they fit `single`, else packed into `multi` without splitting an
 * item.
 */
function pack(sizes: number[], single: number, multi: number): number {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > multi) {
      segments++;
      used = 0;
    }
    used += size;
  }
  return segments;
}

/** Encoding, segment count and length units of an SMS text (160/153 GSM-7, 70/67 UCS-2). */
export function smsEncoding(text: string): SmsEncoding {
  const chars = [...text];
  if (chars.every(isGsmChar)) {
    const sizes = chars.map((ch) => (EXTENSION.has(ch) ? 2 : 1));
    return { encoding: 'GSM-7', segments: pack(sizes, 160, 153), units: sizes.reduce((a, b) => a + b, 0) };
  }
  const sizes = chars.map((ch) => ch.length);
  return { encoding: 'UCS-2', segments: pack(sizes, 70, 67), units: text.length };
}

const REPLACEMENTS: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  '…': '...',
  '×': 'x',
  '·': '-',
  '•': '*',
  '∙': '-',
  '‣': '*',
  '✓': '*',
  '✔': '*',
  '⚠': '!',
  '→': '->',
  '←': '<-',
  '⇒': '=>',
  '↔': '<->',
  '≈': '~',
  '≤': '<=',
  '≥': '>=',
  '±': '+/-',
  '\u00a0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u200a': ' ',
  '\u202f': ' ',
  '\t': ' ',
  '\u200b': '',
  '\u200c': '',
  '\u200d': '',
  '\ufeff': '',
  '₩': 'KRW ',
  '₹': 'INR ',
  '₺': 'TRY ',
  '฿': 'THB ',
  '₽': 'RUB ',
  '₪': 'ILS ',
  '¢': 'c',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ı: 'i',
  œ: 'oe',
  Œ: 'OE',
};

/**
 * Replaces characters that would force UCS-2 with GSM-7 equivalents: typographic quotes and dashes,
 * ellipsis, ×, ·, arrows, odd spaces, some currency signs, and Latin letters with accents that GSM
 * lacks (ë → e). £, €, ¥ and GSM's own accented letters are kept; other scripts (Greek names…) are
 * left alone, so such a text stays UCS-2.
 */
export function toGsmFriendly(text: string): string {
  let out = '';
  for (const ch of text) {
    if (isGsmChar(ch)) out += ch;
    else if (ch in REPLACEMENTS) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base !== ch && base.length > 0 && [...base].every(isGsmChar) ? base : ch;
    }
  }
  return out;
}
