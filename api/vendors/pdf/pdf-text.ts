import { DateTime } from 'luxon';
import type { Money, PassengerType } from '../../domain/types';
import { transliterate } from '../../domain/bcbp';
import { formatMoney } from '../../domain/money';

/**
 * Text for pdfkit's standard fonts. They only carry the WinAnsi character set: anything else is
 * written as garbage, not refused. So every string drawn goes through `safeText`.
 */

// WinAnsi beyond Latin-1: the 0x80–0x9F block.
const EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const UNENCODABLE = new RegExp(`[^\\n\\x20-\\x7E\\xA0-\\xFF${EXTRA}]`, 'gu');
const UNENCODABLE_RUN = new RegExp(`[^\\n\\x20-\\x7E\\xA0-\\xFF${EXTRA}]+`, 'gu');

export function isEncodable(text: string): boolean {
  return text.normalize('NFC').match(UNENCODABLE) === null;
}

/**
 * Keeps what the fonts can draw (José stays José), transliterates runs they cannot (Жанна → Zhanna)
 * and writes "?" for the rest (CJK, Arabic…), so a name never crashes or corrupts the page.
 */
export function safeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNENCODABLE_RUN, (run) => transliterate(run))
    .replace(UNENCODABLE, '?');
}

/** formatMoney, with the ISO code instead of a symbol the fonts lack ("₩45,000" → "KRW 45,000"). */
export function moneyText(m: Money): string {
  const s = formatMoney(m);
  return isEncodable(s) ? s : `${m.currency} ${s.replace(UNENCODABLE, '').trim()}`;
}

/** "Tue 1 Dec 2026 18:30 (UTC+00:00)": local wall time at the airport with its offset. */
export function localTimeText(iso: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true, locale: 'en-GB' });
  return dt.isValid ? `${dt.toFormat('ccc d LLL yyyy HH:mm')} (UTC${dt.toFormat('ZZ')})` : 'Time not available';
}

/** "1 Dec" from a local ISO time, for labels. */
export function shortDateText(iso: string): string {
  const dt = DateTime.fromISO(iso, { setZone: true, locale: 'en-GB' });
  return dt.isValid ? dt.toFormat('d LLL yyyy') : '';
}

/** "3 Nov 2026 09:15 UTC": instants that belong to no airport (issue, payment). */
export function utcText(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).setLocale('en-GB').toFormat("d LLL yyyy HH:mm 'UTC'");
}

/** "3 Nov 2026", in UTC. */
export function utcDateText(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'utc' }).setLocale('en-GB').toFormat('d LLL yyyy');
}

/** "7h 05m". */
export function durationText(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) return '';
  return `${Math.floor(minutes / 60)}h ${String(Math.round(minutes % 60)).padStart(2, '0')}m`;
}

export const PASSENGER_TYPE_LABEL: Record<PassengerType, string> = { ADT: 'Adult', CHD: 'Child', INF: 'Infant on lap' };
