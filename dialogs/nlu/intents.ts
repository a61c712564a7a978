/**
 * Intent rules over the normalised sentence (" w1 w2 ... "). Ordered by priority: a request for a human
 * wins over everything, a complaint over everything but a concrete trip, booking management over a
 * search, small talk only when nothing else was said.
 */
import type { HelpTopic, Intent } from './recognizer';

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

const AGENT =
  / (talk|speak|chat|connect me|transfer me|put me through) (to|with) (a |an |the |some |real |live |actual )*(human|person|agent|someone|somebody|representative|rep|operator|people|staff|customer service|support|manager|supervisor) | (human|live agent|real person|representative|operator|customer service)( please)? $|^ (agent|human|person)( please)? $| (want|need|get me) (a|an|to) (human|agent|real person|representative) /;
const COMPLAINT =
  / (useless|terrible|awful|horrible|worst|ridiculous|rubbish|garbage|pathetic|stupid|unacceptable|disgusting|appalling|not helpful|unhelpful|this sucks|you suck|sucks|waste of (my )?time|complaint|complain|fed up|frustrat\w*|angry|furious|annoyed|disappointed|shocking service|bad service|poor service) /;
const CANCEL_BOOKING =
  / (cancel|cancell?ation|cancelling|canceling|void) (my |the |our |this |a )?(booking|reservation|flight|ticket|trip|order|pnr|itinerary)s? | (booking|reservation|ticket|flight) cancell?ation /;
const SEATS =
  / (change|switch|move|select|choose|pick|swap|upgrade|reserve|assign|book|get)( my| our| a| the| me a| us)? (seat|seats|seating)| (window|aisle|exit row|extra legroom|bulkhead) seat| seat (map|selection|change|assignment)| sit (together|next to)/;
const MANAGE =
  / (my|our) (booking|reservation|trip|itinerary|ticket|tickets|e-?ticket|confirmation)s? | (booking|flight|reservation) status | status of | (check|view|see|show|find|look up|lookup|retrieve|manage|modify|change|update) (my|our) (booking|reservation|flight|trip|ticket|itinerary|dates?) | (is|was) my flight | my (flight|booking|trip) (status|details|time|delayed|on time|cancelled|canceled|gate) | my (flight|booking|trip) (was|is|has been|got) (cancell?ed|canceled|delayed|changed|moved|rescheduled) | confirmation (number|code) | booking (reference|ref|code|number) /;
/** "book my tickets to paris" is a new booking, not an existing one. */
const NEW_BOOKING = / (book|buy|purchase|get|find) (me |us )?(my|our) (ticket|tickets|flight|flights|trip|trips) /;
const START_OVER =
  / (start over|start again|restart|reset|begin again|from scratch|new search|start a new|start fresh|clear (everything|all)|go back to the start) /;
const ABORT =
  /^ (cancel|stop|quit|exit|never ?mind|nvm|forget it|forget about it|abort|leave it|don't bother|dont bother|cancel (that|this|it|search|the search)|stop (it|this|that)|enough)( please| thanks)? $/;
const GREETING =
  /^ (hi|hello|hey|hiya|howdy|yo|hallo|hola|greetings|good (morning|afternoon|evening|day)|hey there|hi there|hello there|morning|evening)\b/;
const THANKS = / (thanks|thank you|thank u|thx|ty|cheers|much appreciated|appreciate it|thanks a lot|many thanks) /;
const GOODBYE =
  / (bye|goodbye|good bye|see you|see ya|cya|that's all|that is all|that's it|i'm done|im done|all done|talk later|have a nice day|good night) /;
const AFFIRM =
  /^ (yes|yeah|yep|yup|ya|yea|sure|ok|okay|k|correct|right|that's right|thats right|exactly|confirm|confirmed|go ahead|do it|book it|sounds good|perfect|great|absolutely|definitely|of course|please do|yes please|affirmative|that works|works for me|fine|alright|all right|sure thing|yes that's right|yes thats right)( please| thanks| thank you| do it| go ahead| that's right| sounds good| perfect| great)* $/;
const DENY =
  /^ (no|nope|nah|not really|wrong|that's wrong|thats wrong|incorrect|negative|not that|no way|that's not right|not quite|neither|none of them|none|no no)( thanks| thank you| thanks though| not really| that's wrong)* $/;
const MORE_ONLY =
  /^ (show( me)? |see |load |any |give me |got any |what about )?(some )?(more|other|others|next|else|anything else|what else|keep going)( options| flights| results| ones| page| please)*( please)? $/;
const MORE =
  / (show|see|any|give me|got) (some )?(other|more|later|earlier|cheaper) (flights|options|ones|times|results)/;
const SEARCH_WORDS =
  / (flight|flights|fly|flying|flies|fare|fares|airfare|airfares|ticket|tickets|book|booking|trip|travel|travelling|traveling|go to|get to|going to|plane|planes|seat to|seats to|nonstop|one way|round trip|cheapest|cost|price|how much|itinerary|schedule|depart|departing|leave|leaving|arriving|arrivals|departures|takeoffs|landings) /;
/**
 * Help topics: the first pattern is a question about the topic and wins even when flights are mentioned
 * ("what meals are served on the flight to denver"); the second is a keyword that only counts when the
 * message is not a flight search ("flights to denver that serve a meal" is a search).
 */
const HELP_TOPICS: [RegExp, RegExp | null, HelpTopic][] = [
  [
    / (bag|bags|baggage|luggage|suitcase|carry on|carry - on|carryon|hand luggage|checked bag|overweight) /,
    null,
    'baggage',
  ],
  [/ (check in|check - in|checkin|boarding pass|online check|web check) /, null, 'check_in'],
  [/ (refund|refunds|refundable|money back|reimburse|reimbursement|compensation) /, null, 'refund'],
  [
    / (ground transportation|ground transport|ground service|rental cars?|rent a car|car rentals?|limo|limousines?|taxis?|shuttle|air taxi|get downtown|to downtown|downtown from|from downtown|into the city|into town) /,
    / (transportation|ground|train|bus|subway|cab|uber|lyft) /,
    'ground_transport',
  ],
  [
    / (what|which) (type|kind|types|kinds|sort) of (aircraft|plane|planes|airplanes?|equipment|jet)| what (aircraft|planes?|airplanes?|jets?) | aircraft (type|types|is|are|used)| seating capacit| capacity | how many (seats|people|passengers) | fit on /,
    / (aircraft|airplanes?|planes?|boeing|airbus|turboprop|jet|dc10|dc9|767|747|737|757|727|f28|d9s|72s|73s|m80) /,
    'aircraft',
  ],
  [
    / (what|which|list|name|all|show me) (the )?airlines? | airline code | cities (are )?(served|does|do|that)|cities .*(serve|serves|service)/,
    / does .* (serve|service) /,
    'airlines',
  ],
  [
    / airports? (in|at|near|of|for|does|serving) | (name of|what|which|list) (the )?airports? | what airport | time zone /,
    null,
    'airports',
  ],
  [
    / (what|which) (meals?|food|snacks?)| (is|are) (there )?(a |any )?(meals?|food|snacks?) (served|available|on)| meal (options|service|codes?)| do (i|we) get (a )?(meal|food)| meals? (are )?(available|served)/,
    / (meal|meals|food|snack|snacks|vegetarian|kosher) /,
    'meals',
  ],
  [
    / (fare codes?|fare basis|restrictions?|abbreviations?|stand for|stands for|what does \S+ mean|what does \S+ \S+ mean|booking class|booking classes|class of service|service class|classes of service|define|explain) /,
    / (code [a-z]\w* $|what is [a-z0-9]{2,3} $|classes) /,
    'fare_rules',
  ],
  [/ (how far|distance|how long does it take to get|how long is the ride) /, null, 'distance'],
  [
    / (pets?|dogs?|cats?|animals?|visa|passport|wifi|wi - fi|policy|policies|faq|special assistance|wheelchair|unaccompanied) /,
    / (help|how do i|how can i|what can you do|question|questions) /,
    'general',
  ],
];

/** Picks the intent, a rough confidence, and for help questions what they are about. */
export function classifyIntent(s: string, sig: IntentSignals): IntentResult {
  const r = (intent: Intent, confidence: number, helpTopic: HelpTopic | null = null): IntentResult => ({
    intent,
    confidence,
    helpTopic,
  });
  if (AGENT.test(s)) return r('agent', 0.95);
  if (COMPLAINT.test(s) && !sig.hasTripSlots) return r('complaint', 0.85);
  if (CANCEL_BOOKING.test(s) || (sig.hasPnr && / cancel /.test(s))) return r('cancel_booking', 0.9);
  // "i want to cancel" with no object: probably the booking, but mid-search it may mean "stop".
  if (/ (want|need|like|have) to cancel $| can i cancel $/.test(s)) return r('cancel_booking', 0.6);
  if (SEATS.test(s) && !/ how many /.test(s)) return r('change_seats', 0.85);
  if ((MANAGE.test(s) && !NEW_BOOKING.test(s)) || (sig.hasPnr && sig.tokenCount <= 8)) return r('manage_booking', 0.85);
  if (START_OVER.test(s)) return r('start_over', 0.9);
  if (ABORT.test(s)) return r('abort', 0.9);
  if (MORE_ONLY.test(s) || (MORE.test(s) && !sig.hasTripSlots)) return r('more', 0.85);
  const search = SEARCH_WORDS.test(s);
  for (const [strong, weak, topic] of HELP_TOPICS) {
    if (strong.test(s)) return r('help', sig.hasTripSlots ? 0.7 : 0.85, topic);
    // "help me find a flight to rome" is a search; "how do i check in" is not.
    if (weak && weak.test(s) && !search && !sig.hasTripSlots) return r('help', 0.75, topic);
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
