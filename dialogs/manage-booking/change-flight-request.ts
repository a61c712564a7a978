/**
 * Whether a message asks to change the dates or flights of a booking ("can I change my flight to the 25th?", "move me
 * to a later flight", "I need to fly a day earlier"): a verb of changing with a flight, a date or a day, or a
 * later / earlier / another flight. Seats are their own request (change-seat).
 */
const CHANGE_VERB = /\b(change|changing|move|moving|switch|swap|rebook|reschedule|put me on)\b/i;
const FLIGHT_WORD = /\b(flights?|dates?|day|travel date)\b/i;
const OTHER_FLIGHT =
  /\b(later|earlier|another|different|other|next)\s+(flight|date|day|one)\b|\b(a )?day (later|earlier)\b/i;
const SEAT = /\bseats?\b/i;

export function asksToChangeFlight(text: string): boolean {
  if (SEAT.test(text)) return false;
  return (CHANGE_VERB.test(text) && FLIGHT_WORD.test(text)) || (CHANGE_VERB.test(text) && OTHER_FLIGHT.test(text));
}

/** "a later flight", "an earlier one": which way on the same day, or null. */
export function wantsOtherTime(text: string): 'later' | 'earlier' | null {
  const m = /\b(later|earlier)\b/i.exec(text);
  return m ? (m[1]!.toLowerCase() as 'later' | 'earlier') : null;
}
