/**
 * A request to add checked bags ("add a bag", "I need to check two suitcases", "can I buy an extra bag?"), as
 * opposed to a question about bags ("how much is a checked bag?", "can I bring my suitcase?"), which the help
 * articles answer from the baggage table.
 */
const BAG = String.raw`(?:bags?|suitcases?|luggage|baggage|cases?)`;
/** Words that may stand between the verb and the bag: "add two more checked bags", "check my big suitcase". */
const FILLER =
  String.raw`(?:a|an|one|two|three|four|five|\d|another|extra|additional|more|checked|hold|big|large|heavy|` +
  String.raw`of|my|our|the|some|in)`;
const VERB = String.raw`(?:add(?:ing)?|buy(?:ing)?|purchas(?:e|ing)|book|get|pay for|check|bring|take)`;
const ADD = new RegExp(String.raw`\b${VERB}(?:\s+${FILLER})*\s+${BAG}\b`, 'i');
/** "I need an extra bag": wanting one more bag is a request even without a verb for it. */
const WANT_EXTRA = new RegExp(
  String.raw`\b(?:need|want|like|have)\b.*\b(?:extra|additional|another|more)\s+(?:checked\s+)?${BAG}\b`,
  'i',
);
/** Questions about price or allowance are for the help articles. */
const ASKS_ABOUT = /\b(how much|how many|cost|costs|price|prices|fee|fees|allowance|included|allowed|weight|kg)\b/i;
/** "Can I bring my suitcase?" asks what is allowed; "can I add a bag?" asks for one. */
const YES_NO_QUESTION = /^\s*(can|could|may|do|does|is|are|what|which|where|when)\b/i;
const ORDER_WORD = /\b(add|buy|purchase|book|pay for)\b/i;
/** "Check in my bag" is about check-in (./check-in-request.ts). */
const CHECK_IN = /\bcheck(?:ing)?[\s-]?in\b/i;

export function asksToAddBags(text: string): boolean {
  if (!(ADD.test(text) || WANT_EXTRA.test(text))) return false;
  if (ASKS_ABOUT.test(text) || CHECK_IN.test(text)) return false;
  return !(YES_NO_QUESTION.test(text) && !ORDER_WORD.test(text));
}

const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, another: 1, one: 1, two: 2, three: 3, four: 4, five: 5 };
const COUNT = new RegExp(
  String.raw`\b(a|an|another|one|two|three|four|five|\d{1,2})\s+` +
    String.raw`(?:(?:extra|additional|more|checked|hold|big|large|heavy)\s+)*${BAG}\b`,
  'i',
);

/** How many bags a message names ("two suitcases" 2, "a bag" 1), or undefined when it says no number. */
export function bagCountIn(text: string): number | undefined {
  const m = COUNT.exec(text)?.[1]?.toLowerCase();
  if (!m) return undefined;
  return NUMBER_WORDS[m] ?? Number(m);
}
