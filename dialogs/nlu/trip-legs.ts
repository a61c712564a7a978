/**
 * The legs of a multi-city trip in one message: "London to Paris on the 20th, then Paris to Rome on the 23rd", "… and
 * then on to Rome on the 23rd", "after that Rome to Madrid". The message is cut where a next-leg phrase starts
 * (lexicon NEXT_LEG_PHRASES) and each part is understood on its own, as the message it would be alone; a part with no
 * origin leaves from where the leg before it lands. A message that starts with such a phrase ("then on to Rome on the
 * 23rd") adds legs to a trip already under way (`continues`).
 */
import { NEXT_LEG_PHRASES } from './lexicon/dates.data';
import type { Place, RecognizeOptions, Understanding } from './recognizer';
import { tokenize, type Token } from './text';

export interface TripLeg {
  /** Null on the first leg of a continuing message (it leaves from where the trip so far ends) or when not said. */
  origin: Place | null;
  destination: Place;
  departDate: string | null;
}

export interface TripLegs {
  legs: TripLeg[];
  /** The message began with "then …": its legs follow the trip the conversation already has. */
  continues: boolean;
}

/** Connectors as word sequences, longest first. */
const CONNECTORS: readonly string[][] = NEXT_LEG_PHRASES.flatMap((g) => g.phrases)
  .map((p) => p.split(' '))
  .sort((a, b) => b.length - a.length);

/** How many tokens from `i` a connector spans (0: none starts there). */
function connectorAt(toks: readonly Token[], i: number): number {
  for (const words of CONNECTORS) if (words.every((w, k) => toks[i + k]?.n === w)) return words.length;
  return 0;
}

/** The message's parts between next-leg phrases, as typed; the first is '' when the message starts with one. */
export function legTexts(text: string): string[] {
  const toks = tokenize(text);
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < toks.length; i++) {
    const span = connectorAt(toks, i);
    if (span === 0) continue;
    parts.push(text.slice(from, toks[i]!.start));
    from = toks[i + span - 1]!.end;
    i += span - 1;
  }
  parts.push(text.slice(from));
  return parts.map((p) => p.replace(/^[\s,;.]+|[\s,;.]+$/g, ''));
}

/**
 * The legs a message names, or null when it names no multi-city trip: every part after a next-leg phrase must name
 * where it goes, and two legs out and straight back are a return trip, not multi-city. `understand` is the recognizer
 * for one part (without leg splitting); each part's dates resolve on or after the leg before.
 */
export function findTripLegs(
  text: string,
  options: RecognizeOptions,
  understand: (part: string, options: RecognizeOptions) => Understanding,
): TripLegs | null {
  const parts = legTexts(text);
  if (parts.length < 2) return null;
  const continues = parts[0] === '';
  const legs: TripLeg[] = [];
  let after = options.departDate;
  for (const part of continues ? parts.slice(1) : parts) {
    const u = understand(part, { ...options, ...(after ? { departDate: after } : {}), expect: 'destination' });
    if (!u.destination) return null;
    const origin = u.origin ?? legs[legs.length - 1]?.destination ?? null;
    legs.push({ origin, destination: u.destination, departDate: u.departDate });
    after = u.departDate ?? after;
  }
  if (!continues && legs.length === 2 && isReturn(legs[0]!, legs[1]!)) return null;
  return { legs, continues };
}

/** London → Paris, then Paris → London: the way back of a return trip. */
function isReturn(out: TripLeg, back: TripLeg): boolean {
  const same = (a: Place | null, b: Place | null) => !!a && !!b && a.codes[0] === b.codes[0];
  return same(out.destination, back.origin) && same(out.origin, back.destination);
}
