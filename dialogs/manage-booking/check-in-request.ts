/**
 * A request to check in or for boarding passes ("check me in", "I'd like to check in for ABC234",
 * "boarding passes please"), as opposed to a question about check-in ("when does check-in open?"),
 * which the help articles answer.
 */
const CHECK_IN = /\b(check(?:ing)?[\s-]?(?:me |us |him |her |them )?in|checkin|boarding[\s-]pass(?:es)?)\b/i;
const QUESTION = /\?\s*$|^\s*(when|what|how|where|why|which|is|are|does|do|can i bring)\b/i;

export function asksToCheckIn(text: string): boolean {
  return CHECK_IN.test(text) && !QUESTION.test(text);
}
