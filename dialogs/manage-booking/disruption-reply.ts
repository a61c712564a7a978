import { LATER_CHOICE } from '../../cards/shared/disruption';
import type { BotMessage, Disruption, DisruptionOffer } from '../../cards/types';
import { numberedChoices } from '../../cards/shared/choices';
import { matchChoice, type Reply } from '../messages';
import { flightNumbersIn } from '../book-flight/references';

/**
 * What a reply to the offers for a disrupted flight points at: an offer (by button, number, "the first one", a
 * departure time "the 18:05", a flight number, "refund", "keep me on it"), or a wish for later flights ("can I
 * have a later one?"). Pure: the dialog decides what to do with it.
 */
export type OfferReply = { offer: DisruptionOffer } | { later: true } | { notOffered: 'keep' | 'refund' } | null;

const ORDINALS: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, fifth: 4, sixth: 5 };

/** "a later one", "another flight", "anything later?", "later flights" — more flights, not one of these. */
const WANTS_LATER = new RegExp(
  [
    String.raw`\b(a|any|another|anything|something)\s+(later|different|other)?\s*(one|flight|option)s?\b`,
    String.raw`\b(anything|something) later\b`,
    String.raw`\blater (flights?|ones?|options?)\b`,
    String.raw`\bnone of (these|those|them)\b`,
  ].join('|'),
);
const WANTS_REFUND = /\b(refund|money back|my money|reimburse\w*)\b/;
/** Accepting the delay: "that's fine, keep me on it", "I'll wait", "stay on my flight". */
const KEEPS = new RegExp(
  [
    String.raw`\b(keep (me|my|it|the)|stay(ing)? on|i'?ll wait|we'?ll wait|happy to wait)\b`,
    String.raw`\b((that'?s|it'?s|that is) (fine|ok|okay|alright)|no problem)\b`,
    String.raw`\b(i'?ll (take|accept) the delay|accept( the)? delay)\b`,
  ].join('|'),
);

/** The offer a reply picks among those on screen (`shown` numbers them), or what it asks for instead. */
export function offerReplied(reply: Reply, d: Disruption, shown: BotMessage): OfferReply {
  const byId = (value: string | undefined) =>
    value?.startsWith('offer:') ? (d.offers.find((o) => `offer:${o.id}` === value) ?? null) : null;
  const picked = matchChoice(reply, shown);
  if (picked?.value === LATER_CHOICE.value) return { later: true };
  const pickedOffer = byId(picked?.value);
  if (pickedOffer) return { offer: pickedOffer };
  if (reply.value) return null;
  const t = reply.text.toLowerCase();
  const onScreen = numberedChoices(shown)
    .map((c) => byId(c.value))
    .filter((o): o is DisruptionOffer => o !== null);
  const rebook = onScreen.filter((o) => o.kind === 'rebook');
  // A flight number or a departure time says which flight, whatever else the sentence says.
  const numbers = flightNumbersIn(
    reply.text,
    rebook.flatMap((o) => o.flights.map((f) => f.flightNumber)),
  );
  const byNumber = rebook.find((o) => o.flights.some((f) => numbers.includes(f.flightNumber)));
  if (byNumber) return { offer: byNumber };
  const times = timesIn(t);
  const byTime = rebook.filter((o) => times.includes(o.flights[0]!.departureTime.slice(11, 16)));
  if (byTime.length === 1) return { offer: byTime[0]! };
  if (WANTS_REFUND.test(t)) {
    const refund = d.offers.find((o) => o.kind === 'refund');
    return refund ? { offer: refund } : { notOffered: 'refund' };
  }
  // "the later one" picks among those on screen; "a later one" asks for more.
  if (/\bthe (later|latest|earlier|earliest) (one|flight)\b/.test(t) && rebook.length) {
    const order = [...rebook].sort((a, b) => a.flights[0]!.departureTime.localeCompare(b.flights[0]!.departureTime));
    return { offer: /later|latest/.test(t) ? order[order.length - 1]! : order[0]! };
  }
  if (WANTS_LATER.test(t)) return { later: true };
  const ordinal =
    /\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|last|1st|2nd|3rd|4th|5th)\b(?:\s+(?:one|flight|option))?/.exec(
      t,
    );
  if (ordinal && (ordinal[0].startsWith('the') || /\b(one|flight|option)\b/.test(ordinal[0]))) {
    const word = ordinal[1]!.replace(/^(\d)(st|nd|rd|th)$/, (_, n: string) => Object.keys(ORDINALS)[Number(n) - 1]!);
    const choices = numberedChoices(shown);
    const at = word === 'last' ? choices.length - 1 : (ORDINALS[word] ?? -1);
    const offer = byId(choices[at]?.value);
    if (offer) return { offer };
    if (choices[at]?.value === LATER_CHOICE.value) return { later: true };
  }
  if (KEEPS.test(t)) {
    const keep = d.offers.find((o) => o.kind === 'keep');
    return keep ? { offer: keep } : { notOffered: 'keep' };
  }
  return null;
}

/** Times of day written in a message, as "HH:MM": "18:05", "6.05pm", "6 pm", "1805". */
export function timesIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?(?![\d:])/g)) {
    const [, h, min, half] = m;
    if (min === undefined && half === undefined) continue;
    let hour = Number(h);
    if (half?.startsWith('p') && hour < 12) hour += 12;
    if (half?.startsWith('a') && hour === 12) hour = 0;
    if (hour > 23) continue;
    out.push(`${String(hour).padStart(2, '0')}:${min ?? '00'}`);
  }
  for (const m of text.matchAll(/\b([01]\d|2[0-3])([0-5]\d)\b/g)) out.push(`${m[1]}:${m[2]}`);
  return out;
}
