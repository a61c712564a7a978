/**
 * Online check-in rules, pure: when check-in is open for a flight, what a travel document must look
 * like, and how a document number is shown (masked) once given.
 */

export interface CheckInWindowSettings {
  /** Check-in opens this many hours before departure (CHECKIN_OPENS_HOURS, 24). */
  opensHours: number;
  /** And closes this many minutes before departure (CHECKIN_CLOSES_MINUTES, 60). */
  closesMinutes: number;
}

export interface CheckInWindow {
  opensAt: Date;
  closesAt: Date;
}

/** Where a flight is relative to its check-in window at `now`. */
export type CheckInPhase = 'not_open' | 'open' | 'closed' | 'departed';

export function checkInWindow(departureAt: Date, s: CheckInWindowSettings): CheckInWindow {
  return {
    opensAt: new Date(departureAt.getTime() - s.opensHours * 3_600_000),
    closesAt: new Date(departureAt.getTime() - s.closesMinutes * 60_000),
  };
}

/** Opening instant included, closing instant excluded; departed from the departure instant on. */
export function checkInPhase(now: Date, departureAt: Date, s: CheckInWindowSettings): CheckInPhase {
  if (now >= departureAt) return 'departed';
  const w = checkInWindow(departureAt, s);
  if (now < w.opensAt) return 'not_open';
  return now < w.closesAt ? 'open' : 'closed';
}

/** A travel document as the traveller gives it. */
export interface TravelDocumentInput {
  documentNumber: string;
  /** ISO 3166-1 alpha-3 code as printed on passports ("GBR", "USA"). */
  nationality: string;
  /** "YYYY-MM-DD". */
  expiryDate: string;
}

/** What is kept of a document: never the full number (see README, "Check-in and boarding passes"). */
export interface TravelDocument {
  /** The last 4 characters, for "passport ending 4821" on the pass and in the chat. */
  documentLast4: string;
  nationality: string;
  expiryDate: string;
}

export type DocumentField = 'documentNumber' | 'nationality' | 'expiryDate';

export interface DocumentProblem {
  field: DocumentField;
  message: string;
}

/** Spaces and dashes people type inside a number are dropped; letters are upper-cased. */
export function normalizeDocumentNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

const DOCUMENT_NUMBER = /^[A-Z0-9]{5,20}$/;
const NATIONALITY = /^[A-Z]{3}$/;

/** "YYYY-MM-DD" of a real calendar day, else null. */
export function calendarDate(raw: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === raw.trim() ? raw.trim() : null;
}

/**
 * Problems with a document for a journey whose last flight arrives on `lastTravelDate` (local date):
 * the passport must still be valid after it, i.e. expire later than that day.
 */
export function documentProblems(doc: TravelDocumentInput, lastTravelDate: string): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  if (!DOCUMENT_NUMBER.test(normalizeDocumentNumber(doc.documentNumber)))
    problems.push({ field: 'documentNumber', message: 'must be 5 to 20 letters and digits' });
  if (!NATIONALITY.test(doc.nationality.trim().toUpperCase()))
    problems.push({ field: 'nationality', message: 'must be the 3-letter code printed on the passport, e.g. GBR' });
  const expiry = calendarDate(doc.expiryDate);
  if (!expiry) problems.push({ field: 'expiryDate', message: 'must be a date as YYYY-MM-DD' });
  else if (expiry <= lastTravelDate)
    problems.push({ field: 'expiryDate', message: `must be after the last day of travel (${lastTravelDate})` });
  return problems;
}

/** What is stored of a valid document. */
export function keptDocument(doc: TravelDocumentInput): TravelDocument {
  return {
    documentLast4: normalizeDocumentNumber(doc.documentNumber).slice(-4),
    nationality: doc.nationality.trim().toUpperCase(),
    expiryDate: doc.expiryDate.trim(),
  };
}

/** "•••• 4821": how a document number is ever shown or logged. */
export function maskDocumentNumber(numberOrLast4: string): string {
  return `•••• ${normalizeDocumentNumber(numberOrLast4).slice(-4)}`;
}
