import type { TurnContext } from 'botbuilder';
import type { DialogDeps } from './core/deps';
import type { Understanding } from './nlu';

/**
 * A help topic said in passing ("London to Paris on Friday, I have 0 checked bags", "travelling with my dog"):
 * the traveller is telling, not asking, so the topic gets one line — noted, and where its full answer is —
 * and whatever else the message said goes on as usual.
 */
export async function helpAside(deps: DialogDeps, ctx: TurnContext, u: Understanding): Promise<string> {
  const topic = u.helpTopic && u.helpTopic !== 'general' ? u.helpTopic : null;
  const [best] = await deps.api.findArticles(topicWords(ctx.activity.text ?? '', u), topic);
  const help = `${deps.brand.publicUrl}/help`;
  return best
    ? `Noted. If it helps, "${best.question}" is answered at ${help}#${best.slug}.`
    : `Noted. Our help pages are at ${help} if you need them.`;
}

/** Words that describe the trip itself: in a trip request they say nothing about the help topic. */
const TRIP_WORDS =
  /\b(travel(l?ing|s|led)?|fly(ing)?|flights?|trips?|one[ -]way|return|round[ -]trip|tickets?|book(ing)?)\b/gi;

/** The words of the message that are about the help topic: without the places named and the trip's own words. */
function topicWords(text: string, u: Understanding): string {
  let rest = text;
  for (const p of [u.origin, u.destination, ...u.places]) if (p?.text) rest = rest.split(p.text).join(' ');
  return rest.replace(TRIP_WORDS, ' ');
}

/** The message carries something a booking uses (a place, a date, the party, the cabin), besides any help topic. */
export function carriesBookingDetails(u: Understanding): boolean {
  return Boolean(
    u.origin ||
    u.destination ||
    u.places.length ||
    u.departDate ||
    u.returnDate ||
    u.passengers ||
    u.partySize ||
    u.cabin ||
    u.tripType,
  );
}

/** The message names a trip (a place or a date): reason enough to start a booking. */
export function namesTrip(u: Understanding): boolean {
  return Boolean(u.origin || u.destination || u.departDate);
}
