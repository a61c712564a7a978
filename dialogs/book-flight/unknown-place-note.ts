/**
 * What the bot says about a place it cannot search, so that nothing the traveller named is dropped silently:
 * a name it does not know, with the served places it may stand for ("SJ" → San Jose), or a real place it does
 * not serve, with the nearest airports it does.
 */
import type { PlaceCandidate, UnknownPlace } from '../nlu/recognizer';

/** Longest piece of the traveller's text quoted back. */
const MAX_QUOTED = 40;

/** "San Jose SJC", "London (any airport)": as the search heading will name it. */
const placeLabel = (c: PlaceCandidate) => (c.kind === 'metro' ? `${c.city} (any airport)` : `${c.city} ${c.code}`);

/** "A", "A or B", "A, B or C" (with `or`), for a short list of places. */
function listOf(labels: string[], last: 'or' | 'and'): string {
  return labels.length < 2 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} ${last} ${labels.at(-1)}`;
}

export function unknownPlaceSentence(unknown: UnknownPlace): string {
  const way = unknown.role === 'origin' ? 'from' : 'to';
  const labels = unknown.suggestions.map(placeLabel);
  if (unknown.notServed) {
    const served = `We don't fly ${way} ${unknown.notServed.name} yet.`;
    if (!labels.length) return `${served} Please choose another city we fly ${way}.`;
    return `${served} The nearest airports we fly ${way}: ${listOf(labels, 'and')}.`;
  }
  const quoted = unknown.text.slice(0, MAX_QUOTED);
  if (labels.length) return `I don't know a place called "${quoted}". Did you mean ${listOf(labels, 'or')}?`;
  return `I don't know a place called "${quoted}" (try a city or an airport code, like London or LHR).`;
}
