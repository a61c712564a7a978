/** Booking references (PNRs): six characters from A-Z and 2-9 without the look-alikes 0, O, 1, I, L. */
import { NOT_A_REFERENCE, REFERENCE_CUES } from './lexicon/ambiguous-words.data';
import { escapeRegExp } from './lexicon/phrases';
import { wordSet, wordsOf } from './lexicon/types';

const MONTHS = 'JANUARY|JAN|FEBRUARY|FEB|MARCH|MAR|APR|MAY|JUNE|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC';
const CANDIDATE = /(?<![A-Za-z0-9])[A-Za-z0-9]{6}(?![A-Za-z0-9])/g;
const PNR_CHARS = /^[A-HJKMNP-Z2-9]{6}$/;
/** "booking ref: ", "confirmation number is " right before the candidate. */
const CUE = new RegExp(
  `\\b(${wordsOf(REFERENCE_CUES.words).map(escapeRegExp).join('|')})\\W*(?:is\\W+|number\\W+|code\\W+)?$`,
  'i',
);
/** "UA2345": an airline designator and a flight number, not a booking. */
const FLIGHT_NUMBER = /^[A-Z]{2}\d{4}$/;
const WORDS = wordSet(...NOT_A_REFERENCE);
/**
 * "25JUNE", "JUNE25", "9MAY26": a day and a month written together. A traveller means a date; only a cue ("booking
 * ref 25JUNE") makes it a reference (references are random, so one can look like this).
 */
const GLUED_DATE = new RegExp(`^(?:\\d{1,2}(?:${MONTHS})\\d{0,2}|(?:${MONTHS})\\d{1,2})$`);

/**
 * The first PNR-looking token: letters and digits, or six capitals in a mixed-case message, or six
 * capitals after "booking"/"ref" when the whole message is in capitals.
 */
export function findPnr(
  text: string,
  airlineCodes: ReadonlySet<string>,
  isName: (upper: string) => boolean,
): string | null {
  const shouting = text === text.toUpperCase();
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const raw = m[0];
    const up = raw.toUpperCase();
    if (!PNR_CHARS.test(up) || /^\d+$/.test(up)) continue;
    const cued = CUE.test(text.slice(Math.max(0, m.index - 30), m.index));
    const hasDigit = /\d/.test(up);
    const hasLetter = /[A-Z]/.test(up);
    if (FLIGHT_NUMBER.test(up) && airlineCodes.has(up.slice(0, 2)) && !cued) continue;
    if (GLUED_DATE.test(up) && !cued) continue;
    if (hasDigit && hasLetter) return up;
    // "fly to BERGEN": a place or airline name in capitals is not a booking reference.
    if (!hasDigit && raw === up && !WORDS.has(up) && !isName(up) && (cued || !shouting)) return up;
  }
  return null;
}
