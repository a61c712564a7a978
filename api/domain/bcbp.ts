import type { Cabin } from './types';

/**
 * IATA Bar Coded Boarding Pass (Resolution 792) encoder. Pure functions, no I/O.
 *
 * Layout: a 23-character unique mandatory part (format code, leg count, name, e-ticket indicator),
 * then per leg 37 mandatory characters ending with the hex size of that leg's variable field.
 * With `conditional`, leg 1's variable field opens with '>' + version and the unique conditional
 * items, and every leg carries the repeated conditional items up to the e-ticket number (airline
 * numeric code + document serial). Fields after those are left out: the hex sizes tell a reader
 * where each structured block ends, which is how the standard allows truncation. No security
 * section: that needs the issuing airline's signing key.
 */

export const UNIQUE_MANDATORY_LENGTH = 23;
export const REPEATED_MANDATORY_LENGTH = 37;
/** Resolution 792 version written after '>'. The items written here mean the same in every version since 2. */
export const BCBP_VERSION = '6';
const MAX_LEGS = 4;

/** Compartment code (IATA booking class family) per cabin. */
export const COMPARTMENT_CODE: Record<Cabin, string> = {
  first: 'F',
  business: 'J',
  premium_economy: 'W',
  economy: 'Y',
};

export interface BcbpLeg {
  /** Operating carrier PNR code, up to 7 characters. */
  pnr: string;
  from: string;
  to: string;
  /** Operating carrier designator, e.g. "AC". */
  carrier: string;
  /** Digits and an optional suffix letter, without the carrier: "834", "117A". */
  flightNumber: string;
  /** Local date of departure at `from`, "YYYY-MM-DD" (the Julian day is taken from it). */
  date: string;
  /** One-letter compartment code, see COMPARTMENT_CODE. */
  compartment: string;
  /** "12A"; "INF" for a lap infant; null when no seat is assigned (written as blanks). */
  seat: string | null;
  /** Check-in sequence; null before check-in (written as "00000"). */
  checkInSequence?: number | null;
  /** Passenger status, default '0' (ticket issued, not checked in). */
  passengerStatus?: string;
  /** 13-digit e-ticket number, written in the repeated conditional items when `conditional` is set. */
  ticketNumber?: string | null;
}

export interface BcbpConditional {
  /** '0' adult, '3' child, '4' infant (Resolution 792 code list); default '0'. */
  passengerDescription?: string;
  /** Source of check-in / of boarding pass issuance, blank when unknown. */
  checkInSource?: string;
  issuanceSource?: string;
  /** Date the document was issued, "YYYY-MM-DD". */
  issueDate: string;
  /** 'B' boarding pass, 'I' itinerary receipt (what an e-ticket receipt is). */
  documentType: 'B' | 'I';
  /** Airline designator of the issuer. */
  issuer: string;
}

export interface BcbpInput {
  lastName: string;
  firstName: string;
  legs: BcbpLeg[];
  conditional?: BcbpConditional | null;
}

export interface DecodedLeg {
  pnr: string;
  from: string;
  to: string;
  carrier: string;
  flightNumber: string;
  julianDate: number;
  compartment: string;
  seat: string;
  checkInSequence: string;
  passengerStatus: string;
  /** The leg's variable-size field, undecoded. */
  variable: string;
}

export interface DecodedBcbp {
  formatCode: string;
  legCount: number;
  passengerName: string;
  electronicTicket: boolean;
  legs: DecodedLeg[];
}

const CYRILLIC =
  'А:A Б:B В:V Г:G Ґ:G Д:D Е:E Є:IE Ж:ZH З:Z И:I І:I Ї:I Й:I К:K Л:L М:M ' +
  'Н:N О:O П:P Р:R С:S Т:T У:U Ф:F Х:KH Ц:TS Ч:CH Ш:SH Щ:SHCH Ъ:IE Ы:Y ' +
  'Ь: Э:E Ю:IU Я:IA';
const GREEK = 'Α:A Β:V Γ:G Δ:D Ε:E Ζ:Z Η:I Θ:TH Ι:I Κ:K Λ:L Μ:M Ν:N Ξ:X Ο:O Π:P Ρ:R Σ:S Τ:T Υ:Y Φ:F Χ:CH Ψ:PS Ω:O';
// Latin letters that Unicode does not decompose into a base letter plus accent.
const LATIN = 'Æ:AE Ø:OE Œ:OE Ł:L Đ:D Ð:D Þ:TH Ħ:H Ŧ:T Ŋ:N ẞ:SS ß:SS ı:I';
const TABLE = new Map(`${CYRILLIC} ${GREEK} ${LATIN}`.split(' ').map((pair) => pair.split(':') as [string, string]));

/**
 * Latin transliteration that keeps case: accents stripped (José → Jose), ICAO 9303 tables for
 * Cyrillic and Greek (Жанна → Zhanna). Scripts without a table (CJK, Arabic…) pass through
 * unchanged: callers decide whether to drop them (BCBP) or replace them (PDF).
 */
export function transliterate(text: string): string {
  // Recompose after stripping marks: NFD also splits Hangul syllables, which must come back whole.
  const bare = text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  // Greek "ΟΥ" is one sound, "OU" (ICAO 9303), not "OY".
  const chars = [
    ...bare.replace(/([Οο])([Υυ])/g, (_, o: string, u: string) => (o === 'Ο' ? 'O' : 'o') + (u === 'Υ' ? 'U' : 'u')),
  ];
  return chars
    .map((ch, i) => {
      const upper = ch.toUpperCase();
      const mapped = TABLE.get(ch) ?? TABLE.get(upper);
      if (mapped === undefined) return ch;
      if (ch !== upper) return mapped.toLowerCase();
      // "Ж" starting "Жанна" reads "Zh", not "ZH"; an all-caps name stays all caps.
      const next = chars[i + 1];
      return next !== undefined && next !== next.toUpperCase()
        ? mapped.charAt(0) + mapped.slice(1).toLowerCase()
        : mapped;
    })
    .join('');
}

/** "SURNAME/GIVEN": transliterated, uppercased, only A–Z and single spaces. */
export function bcbpName(lastName: string, firstName: string): string {
  const clean = (s: string) =>
    transliterate(s)
      .toUpperCase()
      .replace(/[^A-Z ]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return `${clean(lastName)}/${clean(firstName)}`;
}

/** Day of the year, 1–366, of a "YYYY-MM-DD" date. */
export function julianDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new Error(`Invalid date "${date}"`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  if (new Date(t).getUTCDate() !== d) throw new Error(`Invalid date "${date}"`);
  return Math.round((t - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

function fixed(value: string, width: number): string {
  return value.slice(0, width).padEnd(width, ' ');
}

function hex2(n: number): string {
  if (n > 0xff) throw new Error(`BCBP field too long (${n})`);
  return n.toString(16).toUpperCase().padStart(2, '0');
}

function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new Error(`Invalid BCBP ${what} "${value}"`);
  return value;
}

/** "834" → "0834 ", "117A" → "0117A". */
export function bcbpFlightNumber(flightNumber: string): string {
  const m = /^0*(\d{1,4})([A-Z]?)$/.exec(flightNumber.trim().toUpperCase());
  if (!m) throw new Error(`Invalid BCBP flight number "${flightNumber}"`);
  return `${(m[1] ?? '').padStart(4, '0')}${m[2] || ' '}`;
}

/** "12A" → "012A", "INF" → "INF ", null → four blanks. */
export function bcbpSeat(seat: string | null): string {
  if (seat === null || seat.trim() === '') return '    ';
  const s = seat.trim().toUpperCase();
  if (s === 'INF') return 'INF ';
  const m = /^0*(\d{1,3})([A-Z])$/.exec(s);
  if (!m) throw new Error(`Invalid BCBP seat "${seat}"`);
  return `${(m[1] ?? '').padStart(3, '0')}${m[2]}`;
}

function mandatoryLeg(leg: BcbpLeg): string {
  const seq = leg.checkInSequence == null ? '00000' : `${String(leg.checkInSequence).padStart(4, '0')} `;
  return [
    fixed(check(leg.pnr.toUpperCase(), /^[A-Z0-9]{1,7}$/, 'PNR'), 7),
    check(leg.from.toUpperCase(), /^[A-Z]{3}$/, 'airport'),
    check(leg.to.toUpperCase(), /^[A-Z]{3}$/, 'airport'),
    fixed(check(leg.carrier.toUpperCase(), /^[A-Z0-9]{2,3}$/, 'carrier'), 3),
    bcbpFlightNumber(leg.flightNumber),
    String(julianDay(leg.date)).padStart(3, '0'),
    check(leg.compartment.toUpperCase(), /^[A-Z]$/, 'compartment'),
    bcbpSeat(leg.seat),
    check(seq, /^\d{4}[A-Z ]$|^\d{5}$/, 'check-in sequence'),
    check(leg.passengerStatus ?? '0', /^[0-9A-Z]$/, 'passenger status'),
  ].join('');
}

/** Repeated conditional items: airline numeric code (3) + document serial (10), nothing after. */
function repeatedConditional(leg: BcbpLeg): string {
  if (!leg.ticketNumber) return '';
  return check(leg.ticketNumber, /^\d{13}$/, 'ticket number');
}

function uniqueConditional(c: BcbpConditional): string {
  const issue = julianDay(c.issueDate);
  return [
    check(c.passengerDescription ?? '0', /^[0-9A-Z]$/, 'passenger description'),
    fixed(c.checkInSource ?? ' ', 1),
    fixed(c.issuanceSource ?? ' ', 1),
    // Date of issue: last digit of the year + Julian day.
    c.issueDate.charAt(3) + String(issue).padStart(3, '0'),
    c.documentType,
    fixed(check(c.issuer.toUpperCase(), /^[A-Z0-9]{2,3}$/, 'issuer'), 3),
  ].join('');
}

/** The BCBP string for one passenger on 1–4 legs. Throws on data a reader would misparse. */
export function encodeBcbp(input: BcbpInput): string {
  const { legs, conditional } = input;
  if (legs.length < 1 || legs.length > MAX_LEGS) throw new Error(`BCBP carries 1–${MAX_LEGS} legs, got ${legs.length}`);
  let out = `M${legs.length}${fixed(bcbpName(input.lastName, input.firstName), 20)}E`;
  legs.forEach((leg, i) => {
    let variable = '';
    if (conditional) {
      const rep = repeatedConditional(leg);
      if (i === 0) {
        const unique = uniqueConditional(conditional);
        variable = `>${BCBP_VERSION}${hex2(unique.length)}${unique}${hex2(rep.length)}${rep}`;
      } else if (rep) {
        variable = `${hex2(rep.length)}${rep}`;
      }
    }
    out += mandatoryLeg(leg) + hex2(variable.length) + variable;
  });
  return out;
}

/** Splits a BCBP string into its mandatory fields (trimmed); each leg's variable field is kept raw. */
export function decodeBcbpMandatory(s: string): DecodedBcbp {
  if (s.length < UNIQUE_MANDATORY_LENGTH + REPEATED_MANDATORY_LENGTH) throw new Error('BCBP too short');
  const legCount = Number(s.charAt(1));
  if (!Number.isInteger(legCount) || legCount < 1) throw new Error('Invalid BCBP leg count');
  const legs: DecodedLeg[] = [];
  let pos = UNIQUE_MANDATORY_LENGTH;
  for (let i = 0; i < legCount; i++) {
    const f = (offset: number, len: number) => s.slice(pos + offset, pos + offset + len);
    if (s.length < pos + REPEATED_MANDATORY_LENGTH) throw new Error(`BCBP leg ${i + 1} truncated`);
    const size = parseInt(f(35, 2), 16);
    if (Number.isNaN(size)) throw new Error(`Invalid BCBP variable size on leg ${i + 1}`);
    legs.push({
      pnr: f(0, 7).trim(),
      from: f(7, 3),
      to: f(10, 3),
      carrier: f(13, 3).trim(),
      flightNumber: f(16, 5).trim(),
      julianDate: Number(f(21, 3)),
      compartment: f(24, 1),
      seat: f(25, 4).trim(),
      checkInSequence: f(29, 5).trim(),
      passengerStatus: f(34, 1),
      variable: s.slice(pos + REPEATED_MANDATORY_LENGTH, pos + REPEATED_MANDATORY_LENGTH + size),
    });
    pos += REPEATED_MANDATORY_LENGTH + size;
  }
  return {
    formatCode: s.charAt(0),
    legCount,
    passengerName: s.slice(2, 22).trim(),
    electronicTicket: s.charAt(22) === 'E',
    legs,
  };
}

/** The e-ticket number of each leg, read back from the repeated conditional items (null when absent). */
export function decodeBcbpTicketNumbers(s: string): (string | null)[] {
  return decodeBcbpMandatory(s).legs.map((leg, i) => {
    let v = leg.variable;
    if (i === 0) {
      if (!v.startsWith('>')) return null;
      v = v.slice(4 + parseInt(v.slice(2, 4), 16));
    }
    const size = parseInt(v.slice(0, 2), 16);
    return size >= 13 ? v.slice(2, 15) : null;
  });
}
