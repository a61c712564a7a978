/**
 * Intent rules over the normalised sentence (" w1 w2 ... "). Ordered by priority: a request for a human
 * wins over everything, a complaint over everything but a concrete trip, booking management over a
 * search, small talk only when nothing else was said. The words are data: lexicon/intents.data.ts and
 * lexicon/help-topics.data.ts.
 */
import { HELP_RULES } from './lexicon/help-topics.data';
import { INTENT_LISTS, INTENT_PHRASES } from './lexicon/intents.data';
import { phraseRegex } from './lexicon/phrases';
import type { PhraseGroup } from './lexicon/types';
import type { HelpTopic, Intent } from './recognizer';
import { asksForSpecialRequest } from './special-requests';

export interface IntentResult {
  intent: Intent;
  confidence: number;
  helpTopic: HelpTopic | null;
}

export interface IntentSignals {
  /** Origin, destination or a date was found. */
  hasTripSlots: boolean;
  hasPnr: boolean;
  tokenCount: number;
}

const rule = (groups: readonly PhraseGroup[]): RegExp => phraseRegex(groups, INTENT_LISTS);
const AGENT = rule(INTENT_PHRASES.agent);
const COMPLAINT = rule(INTENT_PHRASES.complaint);
const FEEDBACK = rule(INTENT_PHRASES.feedback);
const DISRUPTION = rule(INTENT_PHRASES.disruption);
const NOT_DISRUPTION = rule(INTENT_PHRASES.notDisruption);
const DISRUPTION_UNSAID = rule(INTENT_PHRASES.disruptionUnsaid);
const CANCEL_BOOKING = rule(INTENT_PHRASES.cancelBooking);
const CANCEL_WITH_REFERENCE = rule(INTENT_PHRASES.cancelWithReference);
const CANCEL_UNSAID = rule(INTENT_PHRASES.cancelUnsaid);
const SEATS = rule(INTENT_PHRASES.seats);
const NOT_SEATS = rule(INTENT_PHRASES.notSeats);
const MANAGE = rule(INTENT_PHRASES.manageBooking);
const NEW_BOOKING = rule(INTENT_PHRASES.newBooking);
const START_OVER = rule(INTENT_PHRASES.startOver);
const ABORT = rule(INTENT_PHRASES.abort);
const GREETING = rule(INTENT_PHRASES.greeting);
const THANKS = rule(INTENT_PHRASES.thanks);
const GOODBYE = rule(INTENT_PHRASES.goodbye);
const AFFIRM = rule(INTENT_PHRASES.affirm);
const DENY = rule(INTENT_PHRASES.deny);
const MORE_ONLY = rule(INTENT_PHRASES.moreOnly);
const MORE = rule(INTENT_PHRASES.more);
const SEARCH_WORDS = rule(INTENT_PHRASES.searchWords);
/** Help questions in order: `question` wins even over a trip, `keyword` only when nothing else was asked. */
const HELP = HELP_RULES.map((h) => ({
  topic: h.topic,
  question: phraseRegex(h.questions),
  keyword: phraseRegex(h.keywords),
}));

/** Picks the intent, a rough confidence, and for help questions what they are about. */
export function classifyIntent(s: string, sig: IntentSignals): IntentResult {
  const r = (intent: Intent, confidence: number, helpTopic: HelpTopic | null = null): IntentResult => ({
    intent,
    confidence,
    helpTopic,
  });
  if (AGENT.test(s)) return r('agent', 0.95);
  if (COMPLAINT.test(s) && !sig.hasTripSlots) return r('complaint', 0.85);
  if (FEEDBACK.test(s) && !sig.hasTripSlots) return r('feedback', 0.85);
  // Before cancelling: "my flight was cancelled" is news from the airline, not a request to cancel.
  if (!NOT_DISRUPTION.test(s) && (DISRUPTION.test(s) || (DISRUPTION_UNSAID.test(s) && !sig.hasTripSlots)))
    return r('disruption', 0.85);
  // "remove the meal request from my booking" is about the request, not the booking; with a trip it is an aside.
  if (!sig.hasTripSlots && asksForSpecialRequest(s)) return r('special_request', 0.85);
  if (CANCEL_BOOKING.test(s) || (sig.hasPnr && CANCEL_WITH_REFERENCE.test(s))) return r('cancel_booking', 0.9);
  if (CANCEL_UNSAID.test(s)) return r('cancel_booking', 0.6);
  if (SEATS.test(s) && !NOT_SEATS.test(s)) return r('change_seats', 0.85);
  if ((MANAGE.test(s) && !NEW_BOOKING.test(s)) || (sig.hasPnr && sig.tokenCount <= 8)) return r('manage_booking', 0.85);
  if (START_OVER.test(s)) return r('start_over', 0.9);
  if (ABORT.test(s)) return r('abort', 0.9);
  if (MORE_ONLY.test(s) || (MORE.test(s) && !sig.hasTripSlots)) return r('more', 0.85);
  const search = SEARCH_WORDS.test(s);
  for (const { topic, question, keyword } of HELP) {
    if (question.test(s)) return r('help', sig.hasTripSlots ? 0.7 : 0.85, topic);
    // "help me find a flight to rome" is a search; "how do i check in" is not.
    if (keyword.test(s) && !search && !sig.hasTripSlots) return r('help', 0.75, topic);
  }
  if (sig.hasTripSlots || search) return r('search_flights', sig.hasTripSlots && search ? 0.9 : 0.75);
  if (AFFIRM.test(s)) return r('affirm', 0.9);
  if (DENY.test(s)) return r('deny', 0.9);
  if (THANKS.test(s)) return r('thanks', 0.9);
  if (GOODBYE.test(s)) return r('goodbye', 0.9);
  if (GREETING.test(s)) return r('greeting', 0.9);
  if (COMPLAINT.test(s)) return r('complaint', 0.7);
  return r('none', 0.3);
}
