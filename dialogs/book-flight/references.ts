import type { Offer } from '../../api/services/search.service';
import type { TimeWindow } from '../nlu';

/**
 * What "the first one", "that one", "the cheaper one", "the BA115 one at 7pm" point at among the items on screen.
 * Pure: the dialogs decide what to do with the answer.
 */

/** The items on screen a reference may point at, in the order shown. */
export interface Referable {
  price: number;
  /** Local departure "HH:MM" (flights only). */
  time?: string;
  durationMinutes?: number;
  stops?: number;
  flightNumbers?: string[];
}

export type Reference =
  /** One item, by its index in the list shown. */
  | { index: number }
  /** The words point at several items ("that one" under a list of five): ask which. */
  | { ambiguous: true }
  /** A flight named by number that is not on screen ("BA115"). */
  | { flightNumber: string };

const ORDINALS: Record<string, number> = {
  first: 0,
  '1st': 0,
  second: 1,
  '2nd': 1,
  third: 2,
  '3rd': 2,
  fourth: 3,
  '4th': 3,
  fifth: 4,
  '5th': 4,
};

/** A noun a reference ends with ("the cheaper one", "the first flight", "the second option"). */
const NOUN = String.raw`(?:one|flight|option|fare)\b`;

/** Flight numbers as written on the list ("BA115", "ba 115", "U2 8011"). */
const FLIGHT_NUMBER = /\b([a-z]{2}|[a-z]\d|\d[a-z])\s?(\d{1,4})\b/gi;

export function flightNumbersIn(text: string, known: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(FLIGHT_NUMBER)) {
    const code = `${m[1]!.toUpperCase()}${m[2]}`;
    // A flight on screen counts however it is written ("ba 115"); one not on screen only written as one word of
    // two letters and 2–4 digits ("BA115"), so that "on 12" or "to 20" are never flights.
    if (known.includes(code) || /^[a-z]{2}\d{2,4}$/i.test(m[0])) out.push(code);
  }
  return out;
}

/**
 * The item the traveller's words point at, or null when they point at none (a filter, a new date…).
 * `time` is a time of day heard in the message ("at 7pm"), matched against the departures shown.
 */
export function referredItem(text: string, items: readonly Referable[], time?: TimeWindow | null): Reference | null {
  const t = text.toLowerCase();
  if (!items.length) return null;
  const known = items.flatMap((x) => x.flightNumbers ?? []);
  const numbers = flightNumbersIn(text, known);
  if (numbers.length) {
    const i = items.findIndex((x) => numbers.some((n) => x.flightNumbers?.includes(n)));
    return i >= 0 ? { index: i } : { flightNumber: numbers[0]! };
  }
  const ordinal = new RegExp(
    String.raw`\b(?:the\s+)?(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last)\b(?!\s+class)(?:\s+${NOUN})?`,
  ).exec(t);
  if (ordinal && (ordinal[0].startsWith('the') || /\b(one|flight|option|fare)\b/.test(ordinal[0]))) {
    const i = ordinal[1] === 'last' ? items.length - 1 : ORDINALS[ordinal[1]!]!;
    return i < items.length ? { index: i } : null;
  }
  const superlative = new RegExp(
    String.raw`\b(cheaper|cheapest|less expensive|lowest|earlier|earliest|later|latest|shorter|shortest|faster|fastest|quickest|nonstop|direct)\s+${NOUN}`,
  ).exec(t);
  if (superlative) return byQuality(superlative[1]!, items);
  // "the 7pm one", "the one at 7pm", "the 19:00 flight".
  if (time && time.from === time.to && new RegExp(NOUN).test(t)) {
    const at = items.map((x, i) => [x, i] as const).filter(([x]) => x.time && near(x.time, time.from));
    if (at.length === 1) return { index: at[0]![1] };
    if (at.length > 1) return { ambiguous: true };
    return null;
  }
  if (
    /\b(that|this|the same)\s+(one|flight|fare)\b|^(that|this)( one)?[.!]?$|\bi'?ll take it\b|\bbook (it|that)\b/.test(
      t,
    )
  )
    return items.length === 1 ? { index: 0 } : { ambiguous: true };
  return null;
}

function byQuality(word: string, items: readonly Referable[]): Reference {
  const idx = items.map((_, i) => i);
  const best = (score: (x: Referable) => number) =>
    idx.reduce((b, i) => (score(items[i]!) < score(items[b]!) ? i : b), 0);
  if (/cheap|less expensive|lowest/.test(word)) return { index: best((x) => x.price) };
  if (/earl/.test(word)) return { index: best((x) => minutes(x.time ?? '99:99')) };
  if (/late/.test(word)) return { index: best((x) => -minutes(x.time ?? '00:00')) };
  if (/short|fast|quick/.test(word)) return { index: best((x) => x.durationMinutes ?? Infinity) };
  const direct = idx.filter((i) => items[i]!.stops === 0);
  return direct.length === 1 ? { index: direct[0]! } : { ambiguous: true };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** Within half an hour: "the 7pm one" is the 18:55 or the 19:05. */
const near = (a: string, b: string) => Math.abs(minutes(a) - minutes(b)) <= 30;

/** An offer as a reference target. */
export function referableOffer(o: Offer): Referable {
  return {
    price: o.lowestPrice.amount,
    time: o.departureTime.slice(11, 16),
    durationMinutes: o.durationMinutes,
    stops: o.stops,
    flightNumbers: o.segments.map((s) => s.flightNumber),
  };
}
